import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parsePrivateKey, type ParsedKey } from '@/lib/accounts/keys';
import { AccountStore } from '@/lib/vault/accounts';
import { VaultDatabase } from '@/lib/vault/db';
import type { SessionStore, UnlockedSession } from '@/lib/vault/session';
import { Vault } from '@/lib/vault/vault';
import { DEMO_KEYS } from '@/simulator/keys';
import { SimulatorServer } from '@/simulator/server';
import type { SimVariant } from '@/simulator/variant';
import { OperationsService } from './service';

/**
 * The probe against the simulator started in each variant of §10: it finds the chain ids by reads alone, stores
 * them per network, the operations then succeed with them, and it never sends a write.
 */

let running: { close(): Promise<void> } | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function setup(variant: Partial<SimVariant> = {}) {
  const sim = new SimulatorServer({ variant });
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${(req.url ?? '').split('?')[0]}`);
    void sim.handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  running = {
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  let session: UnlockedSession | undefined;
  const sessionStore: SessionStore = {
    get: async () => session,
    set: async (value) => void (session = value),
    clear: async () => void (session = undefined),
  };
  const vault = new Vault({
    db: new VaultDatabase(`probe-test-${crypto.randomUUID()}`),
    kdfIterations: 1000,
    session: sessionStore,
  });
  await vault.create('correct horse battery staple');
  const accounts = new AccountStore(vault);
  const service = new OperationsService(vault, accounts, {
    backoffMs: 10,
    settleDelayMs: 10,
    timeoutMs: 3000,
  });
  await service.setNetwork({ network: 'simulator', simulatorUrl: `http://127.0.0.1:${port}` });
  const key = (text: string) => parsePrivateKey(text, 'evm') as ParsedKey;
  const main = await accounts.add({
    role: 'master',
    name: 'MainDesk',
    key: key(DEMO_KEYS.evmMaster.privateKey),
  });
  const grid = await accounts.add({
    role: 'sub',
    parentId: main.id,
    name: 'Grid01',
    key: key(DEMO_KEYS.evmSubGrid.privateKey),
  });
  for (const a of [main, grid]) await accounts.markBackedUp(a.id, 'reveal');
  const withAgent = async () => {
    await service.createAgent({
      accountId: main.id,
      name: 'probe bot',
      canSpotTrade: true,
      canPerpTrade: true,
      canWithdraw: false,
      ipWhitelist: [],
      expiresInDays: 30,
    });
    requests.length = 0;
  };
  return { engine: sim.engine, service, main, grid, requests, withAgent };
}

const WRITES = /^(POST|DELETE|PUT) /;

describe('Check compatibility with Aster', () => {
  it('without an API wallet: says so in words and sends nothing', async () => {
    const { service, main, requests } = await setup();
    const report = await service.checkCompatibility(main.id);
    expect(report.needsApiWallet).toMatch(/"MainDesk" has no approved API wallet.*create an API wallet/);
    expect(report.calls).toEqual([]);
    expect(requests).toEqual([]);
    expect((await service.profile()).lastCheck).toBeNull();
  });

  it.each([
    ['mainnet defaults', {}, { agentRequestChainId: 1666, subAccountChainId: 1666 }],
    [
      'everything on 714',
      { agentChainId: 714, subAccountChainId: 714 },
      { agentRequestChainId: 714, subAccountChainId: 714 },
    ],
    [
      'testnet-like',
      { agentChainId: 714, subAccountChainId: 1666 },
      { agentRequestChainId: 714, subAccountChainId: 1666 },
    ],
    [
      'sub-accounts on 714',
      { subAccountChainId: 714 },
      { agentRequestChainId: 1666, subAccountChainId: 714 },
    ],
  ] as const)(
    '%s: finds the variant by reads alone, stores it, and the operations succeed',
    async (_, variant, found) => {
      const { service, main, grid, engine, requests, withAgent } = await setup(variant);
      await withAgent();
      const before = JSON.stringify(engine.state);
      const report = await service.checkCompatibility(main.id);
      expect(report.needsApiWallet).toBeNull();
      expect(report.applied).toEqual(found);
      expect(requests.filter((r) => WRITES.test(r))).toEqual([]);
      expect(JSON.stringify(engine.state)).toBe(before);
      const other = found.agentRequestChainId === 1666 ? 714 : 1666;
      expect(report.calls).toContainEqual(
        expect.objectContaining({
          endpoint: 'GET /fapi/v3/balance',
          chainId: other,
          answer: 'signature-refused',
        }),
      );
      expect(report.calls).toContainEqual(
        expect.objectContaining({
          endpoint: 'GET /fapi/v3/balance',
          chainId: found.agentRequestChainId,
          answer: 'accepted',
        }),
      );
      expect(report.findings.find((f) => f.point === 'agentRequestChainId')?.text).toMatch(
        new RegExp(`accepted chain id ${found.agentRequestChainId} and refused ${other}`),
      );
      expect(report.findings.find((f) => f.point === 'transferSigner')).toMatchObject({
        outcome: 'not-checked',
      });
      expect(report.endpoints).toEqual([
        { endpoint: 'GET /fapi/v3/accountWithJoinMargin', presence: 'present' },
        { endpoint: 'GET /fapi/v3/account', presence: 'present' },
      ]);

      const info = await service.profile();
      expect(info).toMatchObject({
        origin: 'probe',
        profile: found,
        lastCheck: { checkedAt: report.checkedAt },
      });
      // From now on: an agent-signed read and a wallet-signed sub-account body both pass.
      await expect(service.balances(main.id)).resolves.toMatchObject({ accountId: main.id });
      await expect(service.updateSubAccount({ id: grid.id, status: 'FROZEN' })).resolves.toMatchObject({
        status: 'FROZEN',
      });
    },
  );

  it('a reset forgets the last check with the values', async () => {
    const { service, main, withAgent } = await setup({ agentChainId: 714, subAccountChainId: 714 });
    await withAgent();
    await service.checkCompatibility(main.id);
    const reset = await service.setProfile({}, true);
    expect(reset).toMatchObject({
      origin: 'default',
      lastCheck: null,
      profile: { agentRequestChainId: 1666 },
    });
  });

  it("transferSigner 'refused': the probe leaves it (would need a write); set to 'omitted' by hand, the transfer passes", async () => {
    const { service, main, grid, engine, withAgent } = await setup({ transferSigner: 'refused' });
    await withAgent();
    const report = await service.checkCompatibility(main.id);
    expect(report.findings.find((f) => f.point === 'transferSigner')?.text).toMatch(/would need a write/);
    expect((await service.profile()).profile.transferSigner).toBe('included');
    const order = {
      fromId: main.id,
      toId: grid.id,
      fromWallet: 'futures',
      toWallet: 'futures',
      asset: 'USDT',
      amount: '5',
    } as const;
    await expect(service.transfer(order)).rejects.toThrow(/signer/);
    expect(engine.account(DEMO_KEYS.evmSubGrid.address)!.futures.USDT).toBe('500');
    await service.setProfile({ transferSigner: 'omitted' }, false);
    await expect(service.transfer(order)).resolves.toMatchObject({ tranId: expect.any(String) });
    expect(engine.account(DEMO_KEYS.evmSubGrid.address)!.futures.USDT).toBe('505');
  });
});
