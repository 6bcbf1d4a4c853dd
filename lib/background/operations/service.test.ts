import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { ed25519 } from '@noble/curves/ed25519.js';
import bs58 from 'bs58';
import { parsePrivateKey, type ParsedKey } from '@/lib/accounts/keys';
import { fromHex } from '@/lib/crypto/bytes';
import { RpcError } from '@/lib/messaging/rpc';
import { AccountStore } from '@/lib/vault/accounts';
import { VaultDatabase } from '@/lib/vault/db';
import type { SessionStore, UnlockedSession } from '@/lib/vault/session';
import { Vault } from '@/lib/vault/vault';
import { DEMO_KEYS } from '@/simulator/keys';
import { SimulatorServer } from '@/simulator/server';
import { normaliseSimulatorUrl } from './network';
import { OperationsService, type OperationsOptions } from './service';

/** The simulator in-process without its exchange page (the page is another engineer's and not needed here). */
async function startSim(): Promise<{ sim: SimulatorServer; url: string; close(): Promise<void> }> {
  const sim = new SimulatorServer({});
  const server: Server = createServer((req, res) => void sim.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    sim,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const key = (text: string, kind: 'evm' | 'solana' = 'evm') => parsePrivateKey(text, kind) as ParsedKey;
const solanaKey = (seedHex: string) => {
  const seed = fromHex(seedHex);
  const secret = new Uint8Array([...seed, ...ed25519.getPublicKey(seed)]);
  return key(bs58.encode(secret), 'solana');
};

let running: { close(): Promise<void> } | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

const FAST: OperationsOptions = { backoffMs: 10, settleDelayMs: 10, timeoutMs: 3000 };

/**
 * The companion's clock, movable: a ledger proves a transfer absent only once the settle window has closed
 * (over two minutes after sending), which the tests reach by moving this clock rather than waiting.
 */
function movableClock() {
  let ahead = 0;
  return {
    now: () => Date.now() + ahead,
    /** Past the close of the settle window of anything sent until now. */
    pastWindow: () => void (ahead += 3 * 60_000),
  };
}

async function setup(options: OperationsOptions = {}) {
  const simulator = await startSim();
  running = simulator;
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
  const service = new OperationsService(vault, accounts, { ...FAST, ...options });
  await service.setNetwork({ network: 'simulator', simulatorUrl: simulator.url });
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
  const hedge = await accounts.add({
    role: 'sub',
    parentId: main.id,
    name: 'Hedge02',
    key: key(DEMO_KEYS.evmSubHedge.privateKey),
  });
  const loss = await accounts.add({
    role: 'master',
    name: 'LossDesk',
    key: key(DEMO_KEYS.evmLossMaster.privateKey),
  });
  for (const a of [main, grid, hedge, loss]) await accounts.markBackedUp(a.id, 'reveal');
  const engine = simulator.sim.engine;
  const simAccount = (address: string) => engine.account(address)!;
  return { simulator, engine, simAccount, vault, db, accounts, service, main, grid, hedge, loss };
}

async function rpcError(promise: Promise<unknown>): Promise<RpcError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RpcError);
  return error as RpcError;
}

describe('network settings', () => {
  it('accepts a simulator on this computer only', () => {
    expect(normaliseSimulatorUrl('http://localhost:8787/')).toBe('http://localhost:8787');
    expect(() => normaliseSimulatorUrl('http://evil.example:8787')).toThrow(/this computer/);
    expect(() => normaliseSimulatorUrl('http://localhost:8787/fapi')).toThrow(/without a path/);
    expect(() => normaliseSimulatorUrl('ftp://localhost')).toThrow(/http/);
  });

  it('defaults to mainnet', async () => {
    const vault = new Vault({ db: new VaultDatabase(`n-${crypto.randomUUID()}`), kdfIterations: 1000 });
    const service = new OperationsService(vault, new AccountStore(vault));
    expect(await service.network()).toMatchObject({
      network: 'mainnet',
      hosts: { futures: 'https://fapi.asterdex.com' },
    });
  });
});

describe('operations against the simulator', () => {
  it('reads the portfolio with exact totals', async () => {
    const { service, main } = await setup();
    const portfolio = await service.portfolio(main.id);
    expect(portfolio.accounts.map((a) => a.name)).toEqual(['MainDesk', 'Grid01', 'Hedge02']);
    expect(portfolio.totals.find((t) => t.asset === 'USDT')?.total).toBe('12250');
    expect(portfolio.totals.find((t) => t.asset === 'BNB')?.total).toBe('4');
  });

  it('transfers master → sub with the master key, then sweeps the sub back per asset', async () => {
    const { service, main, grid, simAccount } = await setup();
    const result = await service.transfer({
      fromId: main.id,
      toId: grid.id,
      asset: 'USDT',
      amount: '100.5',
      fromWallet: 'futures',
      toWallet: 'futures',
    });
    expect(result.tranId).not.toBe('');
    expect(simAccount(DEMO_KEYS.evmSubGrid.address).futures.USDT).toBe('600.5');
    const plan = await service.sweepPlan(grid.id);
    // Each item carries the transfer it would sign, in the approval prompt's words.
    expect(plan.map(({ summary: _summary, ...item }) => item)).toEqual([
      { asset: 'USDT', wallet: 'futures', amount: '600.5' },
    ]);
    expect(plan[0]!.summary?.title).toBe('Transfer 600.5 USDT from "Grid01" (perp) to "MainDesk" (perp)');
    const swept = await service.sweep({ id: grid.id });
    expect(swept).toMatchObject([{ asset: 'USDT', status: 'moved' }]);
    expect(simAccount(DEMO_KEYS.evmSubGrid.address).futures.USDT).toBe('0');
    expect(simAccount(DEMO_KEYS.evmMaster.address).futures.USDT).toBe('10500');
  });

  it('blocks an amount above the transferable balance and a frozen account, before signing', async () => {
    const { service, main, hedge, engine, simAccount } = await setup();
    const base = {
      fromId: main.id,
      toId: hedge.id,
      asset: 'USDT',
      fromWallet: 'futures',
      toWallet: 'futures',
    } as const;
    const tooMuch = await service.checkTransfer({ ...base, amount: '20000' });
    expect(tooMuch.verdict).toMatchObject({
      level: 'block',
      reasons: ['At most 10000 USDT can be transferred now.'],
    });
    const before = engine.state.history.length;
    expect((await rpcError(service.transfer({ ...base, amount: '20000' }))).code).toBe('blocked');
    const frozen = await service.updateSubAccount({ id: hedge.id, status: 'FROZEN' });
    expect(frozen.status).toBe('FROZEN');
    expect(simAccount(DEMO_KEYS.evmSubHedge.address).status).toBe('FROZEN');
    const error = await rpcError(service.transfer({ ...base, amount: '1' }));
    expect(error.message).toMatch(/frozen/);
    expect(engine.state.history.length).toBe(before);
  });

  it('settles a 503 whose transfer happened from the income ledger, without a second transfer', async () => {
    const clock = movableClock();
    const { service, main, grid, simulator, engine } = await setup({ now: clock.now });
    simulator.sim.addFault({ path: '/fapi/v3/subAccountTransfer', mode: '503-after' });
    const result = await service.transfer({
      fromId: main.id,
      toId: grid.id,
      asset: 'USDT',
      amount: '7',
      fromWallet: 'futures',
      toWallet: 'futures',
    });
    const made = engine.state.history.filter((h) => h.type === 'SUB_ACCOUNT_TRANSFER');
    expect(made).toHaveLength(1);
    expect(result).toMatchObject({
      confirmedFromHistory: true,
      tranId: made[0]!.tranId,
      confirmedAt: made[0]!.time,
    });
    expect(result.proof).toMatch(/"MainDesk"'s futures income ledger/);
    // A 503 before execution: not in the ledger, but absence proves nothing until the window closes (the
    // old stand-in history said "not made" at once; Aster's ledger cannot, so it stays unknown until then).
    simulator.sim.addFault({ path: '/fapi/v3/subAccountTransfer', mode: '503-before' });
    const operationId = crypto.randomUUID();
    const lost = await rpcError(
      service.transfer({
        fromId: main.id,
        toId: grid.id,
        asset: 'USDT',
        amount: '7',
        fromWallet: 'futures',
        toWallet: 'futures',
        operationId,
      }),
    );
    expect(lost.code).toBe('outcome-unknown');
    expect(lost.message).toMatch(/Aster's ledger does not show it yet.*can only prove it absent from/);
    // The earlier transfer of 7 USDT is in the window too, but it is claimed by its own journal entry.
    expect(lost.message).toMatch(/already stands for another operation/);
    clock.pastWindow();
    const settled = await service.operation(operationId);
    expect(settled).toMatchObject({ status: 'not-made', tranId: null });
    expect(settled!.message).toMatch(/futures income ledger does not show the transfer: nothing moved/);
    expect(engine.state.history.filter((h) => h.type === 'SUB_ACCOUNT_TRANSFER')).toHaveLength(1);
  });

  it('creates a sub-account only after its backup, with the checks first', async () => {
    const { service, main, loss, accounts, engine } = await setup();
    const vip = await rpcError(
      service.prepareSubAccount({ masterId: main.id, name: 'Scalp001', vipLevel: 1, isMarketMaker: false }),
    );
    expect(vip.message).toMatch(/VIP 2 or above/);
    const name = await rpcError(
      service.prepareSubAccount({ masterId: main.id, name: 'bad name!', vipLevel: 2, isMarketMaker: false }),
    );
    expect(name.code).toBe('rules');
    expect((await accounts.list()).length).toBe(4);
    const prepared = await service.prepareSubAccount({
      masterId: main.id,
      name: 'Scalp001',
      vipLevel: 2,
      isMarketMaker: false,
    });
    expect((await service.pendingSubAccounts()).map((p) => p.name)).toEqual(['Scalp001']);
    expect((await rpcError(service.createSubAccount(prepared.account.id))).code).toBe('backup-required');
    expect(engine.account(prepared.account.address)).toBeUndefined();
    await accounts.markBackedUp(prepared.account.id, 'reveal');
    const created = await service.createSubAccount(prepared.account.id);
    expect(created.asterAccountId).toEqual(expect.any(Number));
    expect(engine.account(prepared.account.address)?.name).toBe('Scalp001');
    expect(await service.pendingSubAccounts()).toEqual([]);
    const sync = await service.syncSubAccounts(main.id);
    expect(sync).toMatchObject({ asterCount: 3, vaultCount: 3, onlyInVault: [], onlyOnAster: [] });
    // Aster refuses a VIP 0 master even when the trader says VIP 2: its words are shown, nothing is created.
    const refused = await service.prepareSubAccount({
      masterId: loss.id,
      name: 'LossSub1',
      vipLevel: 2,
      isMarketMaker: false,
    });
    await accounts.markBackedUp(refused.account.id, 'reveal');
    const aster = await rpcError(service.createSubAccount(refused.account.id));
    expect(aster.code).toBe('aster:-5001');
    expect(engine.account(refused.account.address)).toBeUndefined();
  });

  it('guards withdrawals: a sub is refused, a negative balance blocks with "Rebalance first"', async () => {
    const { service, grid, loss, main, engine } = await setup();
    const sub = await rpcError(
      service.withdraw({
        accountId: grid.id,
        asset: 'USDT',
        amount: '1',
        chainId: 56,
        receiver: DEMO_KEYS.evmSpare1.address,
      }),
    );
    expect(sub.code).toBe('sub-cannot-withdraw');
    const negative = await rpcError(
      service.withdraw({
        accountId: loss.id,
        asset: 'BNB',
        amount: '0.1',
        chainId: 56,
        receiver: DEMO_KEYS.evmSpare1.address,
      }),
    );
    expect(negative.code).toBe('rebalance-first');
    expect(negative.message).toMatch(/Rebalance first: USDT is -42.5/);
    const done = await service.withdraw({
      accountId: main.id,
      asset: 'USDT',
      amount: '10',
      chainId: 56,
      receiver: DEMO_KEYS.evmSpare1.address,
    });
    expect(done.fee).toBe('0.5');
    expect(engine.account(DEMO_KEYS.evmMaster.address)?.futures.USDT).toBe('9989.5');
  });

  it('creates API wallets; a sub-account one never withdraws', async () => {
    const { service, main, grid, engine, db } = await setup();
    const agent = await service.createAgent({
      accountId: main.id,
      name: 'desk bot',
      canSpotTrade: true,
      canPerpTrade: true,
      canWithdraw: true,
      ipWhitelist: ['127.0.0.1'],
      expiresInDays: 30,
    });
    expect(agent).toMatchObject({ approved: true, canWithdraw: true });
    expect(engine.account(DEMO_KEYS.evmMaster.address)?.agents.some((a) => a.address === agent.address)).toBe(
      true,
    );
    const refused = await rpcError(
      service.createAgent({
        accountId: grid.id,
        name: 'sub bot',
        canSpotTrade: true,
        canPerpTrade: true,
        canWithdraw: true,
        ipWhitelist: ['127.0.0.1'],
        expiresInDays: 30,
      }),
    );
    expect(refused.message).toMatch(/never have withdrawal permission/);
    expect(await db.agents.count()).toBe(1);
    // Reads now go through the API wallet.
    expect((await service.balances(main.id)).futures.length).toBeGreaterThan(0);
  });

  it('reports the simulator being down clearly and changes nothing in the vault', async () => {
    const { service, main, grid, db, simulator } = await setup();
    const before = JSON.stringify([
      await db.accounts.toArray(),
      await db.secrets.toArray(),
      await db.agents.toArray(),
    ]);
    await simulator.close();
    running = undefined;
    const error = await rpcError(
      service.transfer({
        fromId: main.id,
        toId: grid.id,
        asset: 'USDT',
        amount: '1',
        fromWallet: 'futures',
        toWallet: 'futures',
      }),
    );
    expect(error.code).toBe('network');
    expect(error.message).toMatch(/could not be reached.*Nothing was signed or changed/);
    const prepare = await rpcError(
      service.prepareSubAccount({ masterId: main.id, name: 'Scalp002', vipLevel: 2, isMarketMaker: false }),
    );
    expect(prepare.code).toBe('network');
    const agent = await rpcError(
      service.createAgent({
        accountId: main.id,
        name: 'bot',
        canSpotTrade: true,
        canPerpTrade: true,
        canWithdraw: false,
        ipWhitelist: [],
        expiresInDays: 30,
      }),
    );
    expect(agent.code).toBe('network');
    const after = JSON.stringify([
      await db.accounts.toArray(),
      await db.secrets.toArray(),
      await db.agents.toArray(),
    ]);
    expect(after).toBe(before);
  });

  it('settles a lost createSubAccount answer from the list, and a lost approval leaves the API wallet to approve again', async () => {
    const { service, main, accounts, simulator, engine, db } = await setup();
    const prepared = await service.prepareSubAccount({
      masterId: main.id,
      name: 'Lost0001',
      vipLevel: 2,
      isMarketMaker: false,
    });
    await accounts.markBackedUp(prepared.account.id, 'reveal');
    simulator.sim.addFault({ path: '/fapi/v3/createSubAccount', mode: '503-after' });
    const created = await service.createSubAccount(prepared.account.id);
    expect(created.settledFromList).toBe(true);
    expect(engine.account(prepared.account.address)?.name).toBe('Lost0001');
    simulator.sim.addFault({ path: '/fapi/v3/registerAndApproveAgent', mode: '503-before' });
    const lost = await rpcError(
      service.createAgent({
        accountId: main.id,
        name: 'bot',
        canSpotTrade: true,
        canPerpTrade: true,
        canWithdraw: false,
        ipWhitelist: [],
        expiresInDays: 30,
      }),
    );
    expect(lost.code).toBe('outcome-unknown');
    const [agent] = await service.listAgents(main.id);
    expect(agent).toMatchObject({ approved: false, network: null });
    expect(await db.secrets.get(`agent:${agent!.id}`)).toBeDefined();
    expect((await service.approveAgent(agent!.id)).approved).toBe(true);
  });

  it('Solana: reads need an API wallet (approved by the Solana key), transfers are signed by the Solana key', async () => {
    const { service, accounts, engine } = await setup();
    const sol = await accounts.add({
      role: 'master',
      name: 'SolDesk',
      key: solanaKey(DEMO_KEYS.solanaMaster.seed),
    });
    const solSub = await accounts.add({
      role: 'sub',
      parentId: sol.id,
      name: 'SolGrid1',
      key: solanaKey(DEMO_KEYS.solanaSub.seed),
    });
    expect((await rpcError(service.balances(sol.id))).code).toBe('api-wallet-needed');
    await service.createAgent({
      accountId: sol.id,
      name: 'sol bot',
      canSpotTrade: true,
      canPerpTrade: true,
      canWithdraw: false,
      ipWhitelist: [],
      expiresInDays: 30,
    });
    expect((await service.balances(sol.id)).futures).toContainEqual(
      expect.objectContaining({ asset: 'USDT', balance: '2000' }),
    );
    await accounts.markBackedUp(solSub.id, 'reveal');
    const done = await service.transfer({
      fromId: sol.id,
      toId: solSub.id,
      asset: 'USDT',
      amount: '25',
      fromWallet: 'futures',
      toWallet: 'futures',
    });
    expect(done.tranId).not.toBe('');
    expect(engine.account(DEMO_KEYS.solanaSub.address)?.futures.USDT).toBe('125');
  });
});

describe('the transfer journal: a worker stopped mid-transfer, answers that are garbage', () => {
  const TRANSFER_PATH = '/fapi/v3/subAccountTransfer';
  /** A fetch whose transfer request never gets an answer, as for a worker stopped while it waited. */
  const dyingWorker =
    (forward: boolean): typeof fetch =>
    async (input, init) => {
      if (String(input).includes(TRANSFER_PATH)) {
        if (forward) await fetch(input, { ...init, signal: null });
        return new Promise<Response>(() => undefined);
      }
      return fetch(input, init);
    };
  const order = (from: string, to: string, amount: string, operationId = crypto.randomUUID()) => ({
    fromId: from,
    toId: to,
    asset: 'USDT',
    amount,
    fromWallet: 'futures' as const,
    toWallet: 'futures' as const,
    operationId,
  });
  const transfersOf = (engine: Awaited<ReturnType<typeof setup>>['engine']) =>
    engine.state.history.filter((h) => h.type === 'SUB_ACCOUNT_TRANSFER');

  it('sent, then the worker stopped: the next worker settles it from the income ledger as made, once', async () => {
    const { service, vault, accounts, engine, simAccount, main, grid } = await setup({
      fetch: dyingWorker(true),
    });
    const t = order(main.id, grid.id, '12.5');
    void service.transfer(t);
    await vi.waitFor(() => expect(transfersOf(engine)).toHaveLength(1));
    // Another worker (the stopped one's memory is gone; the journal in storage.local remains).
    const next = new OperationsService(vault, accounts, FAST);
    const record = await next.operation(t.operationId);
    expect(record).toMatchObject({
      status: 'made',
      interrupted: true,
      tranId: transfersOf(engine)[0]!.tranId,
      fromName: 'MainDesk',
      toName: 'Grid01',
      amount: '12.5',
    });
    expect(record!.message).toMatch(
      /stopped before Aster's answer came back; Aster's ledger shows the transfer made \(Aster's id \d+, \d\d:\d\d:\d\d UTC, in "MainDesk"'s futures income ledger\)/,
    );
    expect(await next.interruptedOperations()).toEqual([record]);
    // Asked to send the same transfer again: refused, nothing sent twice.
    expect((await rpcError(next.transfer(t))).code).toBe('already-sent');
    expect(transfersOf(engine)).toHaveLength(1);
    expect(simAccount(DEMO_KEYS.evmSubGrid.address).futures.USDT).toBe('512.5');
    // Nothing secret in the journal: the nonce and addresses, never the signature.
    const stored = JSON.stringify(await browser.storage.local.get(null));
    expect(stored).toContain(String(transfersOf(engine)[0]!.nonce));
    expect(stored).not.toMatch(/signature|0x[0-9a-f]{130}/i);
    expect(await next.dismissOperation(t.operationId)).toEqual([]);
    expect(await next.interruptedOperations()).toEqual([]);
  });

  it('stopped before the request left: unknown while the window is open, then settled as not made; an unknown id was never signed', async () => {
    const clock = movableClock();
    const { service, vault, accounts, engine, main, grid } = await setup({
      fetch: dyingWorker(false),
      now: clock.now,
    });
    const t = order(main.id, grid.id, '3');
    void service.transfer(t);
    const next = new OperationsService(vault, accounts, { ...FAST, now: clock.now });
    // Asked before the entry is written: never signed (null); once written, looked up in the ledger.
    let record: Awaited<ReturnType<typeof next.operation>> = null;
    await vi.waitFor(async () => expect((record = await next.operation(t.operationId))).not.toBeNull());
    expect(record).toMatchObject({ status: 'unknown', interrupted: true, tranId: null });
    expect(record!.message).toMatch(/can only prove it absent from \d\d:\d\d:\d\d UTC/);
    clock.pastWindow();
    record = await next.operation(t.operationId);
    expect(record).toMatchObject({ status: 'not-made', interrupted: true, tranId: null });
    expect(record!.message).toMatch(/futures income ledger does not show the transfer: nothing moved/);
    expect(transfersOf(engine)).toHaveLength(0);
    expect(await next.operation(crypto.randomUUID())).toBeNull();
  });

  it('a transfer being sent by this worker is never settled by a look at the journal meanwhile', async () => {
    const { service, simulator, engine, main, grid } = await setup();
    simulator.sim.addFault({ path: TRANSFER_PATH, mode: 'slow', delayMs: 300 });
    const t = order(main.id, grid.id, '4');
    const sending = service.transfer(t);
    await vi.waitFor(() => expect(transfersOf(engine)).toHaveLength(1));
    expect(await service.interruptedOperations()).toEqual([]);
    expect(await service.operation(t.operationId)).toMatchObject({ status: 'sending', interrupted: false });
    expect(await sending).toMatchObject({
      confirmedFromHistory: false,
      tranId: transfersOf(engine)[0]!.tranId,
    });
    expect(await service.operation(t.operationId)).toMatchObject({ status: 'made', interrupted: false });
  });

  it('garbage after execution, or 200 without a transfer id: settled from the income ledger, no second transfer', async () => {
    const clock = movableClock();
    const { service, simulator, engine, simAccount, main, grid } = await setup({ now: clock.now });
    for (const body of [undefined, '{"unexpected":true}', '[]', '']) {
      simulator.sim.addFault({
        path: TRANSFER_PATH,
        mode: 'garbage-after',
        ...(body !== undefined ? { body } : {}),
      });
      const t = order(main.id, grid.id, '1');
      const result = await service.transfer(t);
      expect(result.confirmedFromHistory).toBe(true);
      expect(result.tranId).toBe(transfersOf(engine).at(-1)!.tranId);
      expect(await service.operation(t.operationId)).toMatchObject({ status: 'made', interrupted: false });
    }
    expect(transfersOf(engine)).toHaveLength(4);
    expect(simAccount(DEMO_KEYS.evmSubGrid.address).futures.USDT).toBe('504');
    // Garbage before execution: unknown until the window closes (four claimed transfers of 1 USDT are in
    // it), then not made; nothing resent.
    simulator.sim.addFault({ path: TRANSFER_PATH, mode: 'garbage' });
    const garbled = order(main.id, grid.id, '1');
    const lost = await rpcError(service.transfer(garbled));
    expect(lost.code).toBe('outcome-unknown');
    expect(lost.message).toMatch(/already stand for another operation/);
    clock.pastWindow();
    expect(await service.operation(garbled.operationId)).toMatchObject({ status: 'not-made' });
    expect(transfersOf(engine)).toHaveLength(4);
  });

  it('a ledger that is garbage leaves the outcome unknown (never "not made"), checked again later', async () => {
    const { service, simulator, engine, main, grid } = await setup();
    simulator.sim.addFault({ path: TRANSFER_PATH, mode: '503-after' });
    simulator.sim.addFault({
      path: '/fapi/v3/income',
      mode: 'garbage',
      body: '{"rows":[]}',
    });
    const t = order(main.id, grid.id, '2');
    const unknown = await rpcError(service.transfer(t));
    expect(unknown.code).toBe('outcome-unknown');
    expect(unknown.message).toMatch(
      /Aster's ledger could not be read either \(Aster answered with something that is not a futures income ledger/,
    );
    expect(transfersOf(engine)).toHaveLength(1);
    // Listed as needing attention; asking again reads the (now sane) ledger.
    const [listed] = await service.interruptedOperations();
    expect(listed).toMatchObject({ id: t.operationId, status: 'made', interrupted: false });
    expect(listed!.message).toMatch(
      /Aster did not confirm the transfer; Aster's ledger shows the transfer made \(Aster's id/,
    );
  });

  it('balances and sub-account lists of the wrong form are clear errors, never zeros', async () => {
    const { service, simulator, main } = await setup();
    simulator.sim.addFault({
      path: '/fapi/v3/accountWithJoinMargin',
      mode: 'garbage',
      body: '{"unexpected":true}',
      times: 3,
    });
    const portfolio = await rpcError(service.portfolio(main.id));
    expect(portfolio.code).toBe('network');
    expect(portfolio.message).toMatch(
      /Aster answered with something that is not an account's futures balances/,
    );
    simulator.sim.addFault({ path: '/fapi/v3/accountWithJoinMargin', mode: 'garbage' });
    const balances = await rpcError(service.balances(main.id));
    expect(balances.message).toMatch(
      /Aster answered HTTP 200 with a web page instead of data\..*Nothing was signed or changed/,
    );
    simulator.sim.addFault({ path: '/fapi/v3/getSubAccountList', mode: 'garbage', body: '{}' });
    const sync = await rpcError(service.syncSubAccounts(main.id));
    expect(sync.code).toBe('unexpected-answer');
    expect(sync.message).toMatch(
      /an empty object came where a list was due.*not mean there are no sub-accounts/,
    );
    expect((await service.portfolio(main.id)).totals.find((t) => t.asset === 'USDT')?.total).toBe('12250');
  });
});

describe('the withdrawal journal: never sent twice, an unknown outcome explained and blocking', () => {
  const WITHDRAW_PATH = '/fapi/v3/aster/user-withdraw';
  const order = (accountId: string, amount: string, asset = 'USDT', operationId = crypto.randomUUID()) => ({
    accountId,
    asset,
    amount,
    chainId: 56 as const,
    receiver: DEMO_KEYS.evmSpare1.address,
    operationId,
  });
  const withdrawalsOf = (engine: Awaited<ReturnType<typeof setup>>['engine']) =>
    engine.state.history.filter((h) => h.type === 'WITHDRAW');

  it('made: journalled with Aster’s withdrawal id; the same operation id is refused, nothing sent twice', async () => {
    const { service, engine, main } = await setup();
    const w = order(main.id, '10');
    const done = await service.withdraw(w);
    expect(done.withdrawId).toBe(String(withdrawalsOf(engine)[0]!.tranId));
    expect(await service.operation(w.operationId)).toMatchObject({
      kind: 'withdrawal',
      status: 'made',
      interrupted: false,
      withdrawId: done.withdrawId,
      fromName: 'MainDesk',
      asset: 'USDT',
      amount: '10',
      fee: '0.5',
      chainId: 56,
      receiver: DEMO_KEYS.evmSpare1.address,
    });
    const again = await rpcError(service.withdraw(w));
    expect(again.code).toBe('already-sent');
    expect(again.message).toMatch(/This withdrawal was already sent once/);
    expect(withdrawalsOf(engine)).toHaveLength(1);
    expect(await service.interruptedOperations()).toEqual([]);
    // A made withdrawal blocks nothing: the next one goes out.
    await service.withdraw(order(main.id, '5'));
    expect(withdrawalsOf(engine)).toHaveLength(2);
    // Nothing secret in the journal: never a signature.
    expect(JSON.stringify(await browser.storage.local.get(null))).not.toMatch(/signature|0x[0-9a-f]{130}/i);
  });

  it('refused by Aster before executing it: not made, and nothing blocks the next withdrawal', async () => {
    const refuse: typeof fetch = async (input, init) =>
      String(input).includes(WITHDRAW_PATH) && refusing
        ? new Response(JSON.stringify({ code: -2015, msg: 'Invalid API-key, IP, or permissions.' }), {
            status: 401,
            headers: { 'content-type': 'application/json' },
          })
        : fetch(input, init);
    let refusing = true;
    const { service, simulator, engine, main } = await setup({ fetch: refuse });
    const w = order(main.id, '10');
    expect((await rpcError(service.withdraw(w))).code).toBe('aster:-2015');
    expect(await service.operation(w.operationId)).toMatchObject({ status: 'not-made', withdrawId: null });
    // Rate-limited (429, answered before anything runs): not made either.
    refusing = false;
    simulator.sim.addFault({ path: WITHDRAW_PATH, mode: '429' });
    const limited = order(main.id, '10');
    expect((await rpcError(service.withdraw(limited))).code).toBe('rate-limited');
    expect(await service.operation(limited.operationId)).toMatchObject({ status: 'not-made' });
    expect(await service.interruptedOperations()).toEqual([]);
    expect(withdrawalsOf(engine)).toHaveLength(0);
    await service.withdraw(order(main.id, '10'));
    expect(withdrawalsOf(engine)).toHaveLength(1);
  });

  it("503 after executing, or an unreadable answer: settled from the withdrawal history with Aster's id, once", async () => {
    const { service, simulator, engine, simAccount, main } = await setup();
    // A first withdrawal of 10 USDT answered normally: its id is claimed by its own journal entry.
    await service.withdraw(order(main.id, '10'));
    for (const [fault, body, lead] of [
      ['503-after', undefined, /Aster answered 503 \(unavailable\) after the withdrawal was sent/],
      ['garbage-after', undefined, /Aster's answer to the withdrawal could not be read/],
      ['garbage-after', '{"unexpected":true}', /Aster's answer to the withdrawal could not be read/],
    ] as const) {
      simulator.sim.addFault({ path: WITHDRAW_PATH, mode: fault, ...(body ? { body } : {}) });
      const w = order(main.id, '10');
      const done = await service.withdraw(w);
      const last = withdrawalsOf(engine).at(-1)!;
      expect(done).toMatchObject({ withdrawId: last.tranId, fee: '0.5' });
      expect(done.proof).toMatch(lead);
      expect(done.proof).toMatch(
        new RegExp(
          `Aster's withdrawal history shows the withdrawal \\(Aster's withdrawal id ${last.tranId}, \\d\\d:\\d\\d:\\d\\d UTC, state SUCCESS, transaction 0x[0-9a-f]{64}\\)`,
        ),
      );
      expect(await service.operation(w.operationId)).toMatchObject({
        status: 'made',
        withdrawId: last.tranId,
      });
      // Settled: nothing to attend to, and the same click again is still refused.
      expect(await service.interruptedOperations()).toEqual([]);
      expect((await rpcError(service.withdraw(w))).code).toBe('already-sent');
    }
    expect(withdrawalsOf(engine)).toHaveLength(4);
    expect(simAccount(DEMO_KEYS.evmMaster.address).futures.USDT).toBe('9958');
  });

  it('a withdrawal history that cannot settle it: unknown with the reason, the asset blocked until dismissed by hand', async () => {
    const { service, simulator, engine, simAccount, main } = await setup();
    const HISTORY_PATH = '/fapi/v3/aster/deposit-withdraw-history';
    // Unreadable history: unknown, said why.
    simulator.sim.addFault({ path: WITHDRAW_PATH, mode: '503-after' });
    simulator.sim.addFault({ path: HISTORY_PATH, mode: 'garbage', body: '<html>500</html>', times: 2 });
    const w = order(main.id, '10');
    const unknown = await rpcError(service.withdraw(w));
    expect(unknown.code).toBe('outcome-unknown');
    expect(unknown.message).toMatch(/Aster answered 503 \(unavailable\) after the withdrawal was sent/);
    expect(unknown.message).toMatch(
      /may or may not have gone out. Aster's withdrawal history could not be read/,
    );
    expect(unknown.message).toMatch(/listed under "Interrupted operations"/);
    // Another withdrawal of USDT from MainDesk: the history is read again first, still unreadable: refused.
    const blocked = await rpcError(service.withdraw(order(main.id, '1')));
    expect(blocked.code).toBe('withdrawal-unsettled');
    expect(blocked.message).toMatch(
      /withdrawal of 10 USDT from "MainDesk".*may or may not have gone out.*Nothing was signed/,
    );
    expect(withdrawalsOf(engine)).toHaveLength(1);
    // Two candidates (a withdrawal of the same amount, chain and time made elsewhere): unknown, in words.
    const made = withdrawalsOf(engine)[0]!;
    engine.state.history.push({ ...made, tranId: '999001', nonce: '1' });
    const [listed] = await service.interruptedOperations();
    expect(listed).toMatchObject({ id: w.operationId, kind: 'withdrawal', status: 'unknown' });
    expect(listed!.message).toMatch(
      /may or may not have gone out. Two withdrawals of 10 USDT on BSC match in Aster's history \(\d+ at \d\d:\d\d:\d\d UTC, \d+ at \d\d:\d\d:\d\d UTC\): which one is this one cannot be told/,
    );
    expect(listed!.message).toContain('999001 at');
    expect(listed!.message).toContain(`${made.tranId} at`);
    expect((await rpcError(service.withdraw(order(main.id, '1')))).code).toBe('withdrawal-unsettled');
    // Dismissed by hand once the trader has checked on Aster (the last resort): withdrawals go again.
    expect(await service.dismissOperation(w.operationId)).toEqual([]);
    await service.withdraw(order(main.id, '1'));
    expect(simAccount(DEMO_KEYS.evmMaster.address).futures.USDT).toBe('9988');
  });

  it('timed out (Aster executed it): settled from the withdrawal history as made', async () => {
    const { service, simulator, engine, main } = await setup({ timeoutMs: 300 });
    simulator.sim.addFault({ path: WITHDRAW_PATH, mode: 'slow', delayMs: 800 });
    const w = order(main.id, '10');
    const done = await service.withdraw(w);
    expect(done.proof).toMatch(
      /Aster did not answer the withdrawal in time; Aster's withdrawal history shows/,
    );
    expect(await service.operation(w.operationId)).toMatchObject({ status: 'made' });
    expect(withdrawalsOf(engine)).toHaveLength(1);
  });

  it('the worker stopped mid-send: the next worker settles it from the withdrawal history (made, interrupted) and lets a second one go', async () => {
    const dyingWorker: typeof fetch = async (input, init) => {
      if (String(input).includes(WITHDRAW_PATH)) {
        await fetch(input, { ...init, signal: null });
        return new Promise<Response>(() => undefined);
      }
      return fetch(input, init);
    };
    const { service, vault, accounts, engine, main } = await setup({ fetch: dyingWorker });
    const w = order(main.id, '10');
    void service.withdraw(w);
    await vi.waitFor(() => expect(withdrawalsOf(engine)).toHaveLength(1));
    // While this worker still sends it: neither settled nor dismissable, and another one waits.
    expect(await service.interruptedOperations()).toEqual([]);
    expect((await rpcError(service.dismissOperation(w.operationId))).code).toBe('still-sending');
    expect((await rpcError(service.withdraw(order(main.id, '1')))).message).toMatch(/is being sent now/);
    // Another worker (the stopped one's memory is gone; the journal in storage.local remains).
    const next = new OperationsService(vault, accounts, FAST);
    const [listed] = await next.interruptedOperations();
    expect(listed).toMatchObject({
      id: w.operationId,
      kind: 'withdrawal',
      status: 'made',
      interrupted: true,
      withdrawId: withdrawalsOf(engine)[0]!.tranId,
    });
    expect(listed!.message).toMatch(
      /Aster Companion stopped before Aster's answer came back; Aster's withdrawal history shows the withdrawal/,
    );
    expect(await next.operation(w.operationId)).toEqual(listed);
    expect((await rpcError(next.withdraw(w))).code).toBe('already-sent');
    await next.withdraw(order(main.id, '1'));
    expect(withdrawalsOf(engine)).toHaveLength(2);
    expect(await next.dismissOperation(w.operationId)).toEqual([]);
  });
});
