import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ed25519 } from '@noble/curves/ed25519.js';
import bs58 from 'bs58';
import { expect, onTestFinished } from 'vitest';
import type { Account } from '@/lib/accounts/model';
import { parsePrivateKey, type ParsedKey } from '@/lib/accounts/keys';
import { fromHex } from '@/lib/crypto/bytes';
import { OperationsService, type OperationsOptions } from '@/lib/background/operations/service';
import { RpcError } from '@/lib/messaging/rpc';
import { AccountStore } from '@/lib/vault/accounts';
import { VaultDatabase } from '@/lib/vault/db';
import type { SessionStore, UnlockedSession } from '@/lib/vault/session';
import { Vault } from '@/lib/vault/vault';
import { DEMO_KEYS } from '@/simulator/keys';
import { SimulatorServer } from '@/simulator/server';
import type { SimVariant } from '@/simulator/variant';

/**
 * The operations service on a fresh vault against the simulator in-process (without its exchange page), for
 * the operations' unit tests: one setup instead of a copy per file. Every request the companion sends is
 * recorded. Called inside a test; the server stops when that test finishes.
 */

export const evmKey = (text: string): ParsedKey => parsePrivateKey(text, 'evm') as ParsedKey;

/** A Solana key from a 32-byte seed in hex, as the Solana CLI would export it (seed ‖ public key, Base58). */
export const solanaKey = (seedHex: string): ParsedKey => {
  const seed = fromHex(seedHex);
  return parsePrivateKey(
    bs58.encode(new Uint8Array([...seed, ...ed25519.getPublicKey(seed)])),
    'solana',
  ) as ParsedKey;
};

export interface SentRequest {
  method: string;
  path: string;
  /** The form body, or the query string of a GET. */
  body: string;
}

export interface OperationsOnSimulator {
  sim: SimulatorServer;
  engine: SimulatorServer['engine'];
  url: string;
  vault: Vault;
  db: VaultDatabase;
  accounts: AccountStore;
  service: OperationsService;
  /** Every request the companion sent, in order. */
  sent: SentRequest[];
  /** How many requests went to `path`. */
  count(path: string): number;
}

export async function operationsOnSimulator(
  options: { variant?: Partial<SimVariant>; service?: OperationsOptions } = {},
): Promise<OperationsOnSimulator> {
  const sim = new SimulatorServer(options.variant ? { variant: options.variant } : {});
  const server: Server = createServer((req, res) => void sim.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sent: SentRequest[] = [];
  const recording: typeof fetch = (input, init) => {
    const target = new URL(String(input));
    sent.push({
      method: init?.method ?? 'GET',
      path: target.pathname,
      body: typeof init?.body === 'string' ? init.body : target.search.slice(1),
    });
    return fetch(input, init);
  };
  let session: UnlockedSession | undefined;
  const sessionStore: SessionStore = {
    get: async () => session,
    set: async (value) => void (session = value),
    clear: async () => void (session = undefined),
  };
  const db = new VaultDatabase(`operations-test-${crypto.randomUUID()}`);
  const vault = new Vault({ db, kdfIterations: 1000, session: sessionStore });
  await vault.create('correct horse battery staple');
  const accounts = new AccountStore(vault);
  const service = new OperationsService(vault, accounts, {
    backoffMs: 10,
    settleDelayMs: 10,
    timeoutMs: 3000,
    fetch: recording,
    ...options.service,
  });
  await service.setNetwork({ network: 'simulator', simulatorUrl: url });
  // The profile is kept per network id in storage.local; a previous test's may share this URL.
  await service.setProfile({}, true);
  return {
    sim,
    engine: sim.engine,
    url,
    vault,
    db,
    accounts,
    service,
    sent,
    count: (path) => sent.filter((request) => request.path === path).length,
  };
}

export type DemoAccountName = 'main' | 'grid' | 'hedge' | 'loss';

/** The simulator's demo EVM accounts in the vault (MainDesk with Grid01 and Hedge02, and LossDesk), backed up. */
export async function addDemoAccounts<const N extends DemoAccountName>(
  accounts: AccountStore,
  names: readonly N[],
): Promise<Record<N, Account>> {
  const added: Partial<Record<DemoAccountName, Account>> = {};
  const master = async (name: string, privateKey: string) =>
    accounts.add({ role: 'master', name, key: evmKey(privateKey) });
  const sub = async (name: string, privateKey: string) => {
    added.main ??= await master('MainDesk', DEMO_KEYS.evmMaster.privateKey);
    return accounts.add({ role: 'sub', parentId: added.main.id, name, key: evmKey(privateKey) });
  };
  for (const name of names) {
    if (added[name]) continue;
    if (name === 'main') added.main = await master('MainDesk', DEMO_KEYS.evmMaster.privateKey);
    if (name === 'grid') added.grid = await sub('Grid01', DEMO_KEYS.evmSubGrid.privateKey);
    if (name === 'hedge') added.hedge = await sub('Hedge02', DEMO_KEYS.evmSubHedge.privateKey);
    if (name === 'loss') added.loss = await master('LossDesk', DEMO_KEYS.evmLossMaster.privateKey);
  }
  for (const account of Object.values(added)) await accounts.markBackedUp(account.id, 'reveal');
  return added as Record<N, Account>;
}

/** The RpcError a call must fail with. */
export async function rpcError(promise: Promise<unknown>): Promise<RpcError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RpcError);
  return error as RpcError;
}
