import { describe, expect, it } from 'vitest';
import type { Account } from '@/lib/accounts/model';
import { addDemoAccounts, operationsOnSimulator } from '@/tests/support/operations-on-simulator';
import { BalanceCache } from './balance-cache';
import { HomeBalanceService, readingOrder } from './home-balances';
import { homeWeightBudgets } from './weights';

const FUTURES = '/fapi/v3/accountWithJoinMargin';

async function setup() {
  const ops = await operationsOnSimulator();
  const demo = await addDemoAccounts(ops.accounts, ['main', 'grid', 'hedge', 'loss']);
  return { ...ops, demo };
}

describe('home balances', () => {
  it('reads every account, values it in USDT at Aster’s ticker prices, and flags negative balances', async () => {
    const { service, demo, count } = await setup();
    const home = new HomeBalanceService(service, { cache: new BalanceCache() });
    const first = await home.snapshot(true);
    expect(first.accounts).toHaveLength(4);
    expect(first.refresh).toMatchObject({ finishedAt: null, total: 4 });
    await home.settled();
    const { balances, refresh } = await home.snapshot(false);
    // MainDesk: 10000 + 1500 USDT, 2600 ASTER × 1.5, 3.5 BNB × 600.
    expect(balances[demo.main.id]).toMatchObject({
      equity: '17500',
      unvalued: [],
      negative: [],
      error: null,
    });
    expect(balances[demo.grid.id]?.equity).toBe('500');
    expect(balances[demo.hedge.id]?.equity).toBe('550');
    expect(balances[demo.loss.id]).toMatchObject({
      equity: '677.5',
      negative: [{ asset: 'USDT', amount: '-42.5' }],
    });
    expect(refresh?.finishedAt).not.toBeNull();
    // One price read for the whole refresh, one futures and one spot read per account.
    expect(count('/fapi/v3/ticker/price')).toBe(1);
    expect(count(FUTURES)).toBe(4);
    expect(count('/api/v3/account')).toBe(4);
  });

  it('reads the accounts in parallel: 4 slow accounts take about one slow answer, one by one four', async () => {
    const { service, sim } = await setup();
    const timed = async (parallel: number) => {
      sim.addFault({ path: FUTURES, mode: 'slow', delayMs: 600, times: 4 });
      const home = new HomeBalanceService(service, { cache: new BalanceCache(), parallel });
      const started = Date.now();
      await home.snapshot(true);
      await home.settled();
      return Date.now() - started;
    };
    const warm = new HomeBalanceService(service, { cache: new BalanceCache() });
    await warm.snapshot(true);
    await warm.settled();
    const inParallel = await timed(6);
    const oneByOne = await timed(1);
    expect(oneByOne).toBeGreaterThanOrEqual(2400);
    expect(inParallel).toBeLessThan(oneByOne - 1200);
  });

  it('the cache shows each account’s last read time at once after a worker restart, without reading', async () => {
    const { service, demo, count } = await setup();
    const first = new HomeBalanceService(service, { cache: new BalanceCache() });
    await first.snapshot(true);
    await first.settled();
    const reads = count(FUTURES);
    // A new worker: a new service and cache object over the same storage.session.
    const restarted = new HomeBalanceService(service, { cache: new BalanceCache() });
    const { balances, refresh } = await restarted.snapshot(false);
    expect(count(FUTURES)).toBe(reads);
    expect(refresh?.finishedAt).toEqual(expect.any(Number));
    expect(balances[demo.grid.id]?.readAt).toEqual(expect.any(Number));
    expect(balances[demo.grid.id]?.equity).toBe('500');
  });

  it('a failing account keeps its last balances and says why in words; the others are read', async () => {
    const { service, demo, sim } = await setup();
    const home = new HomeBalanceService(service, { cache: new BalanceCache(), parallel: 1 });
    await home.snapshot(true);
    await home.settled();
    // The active family is read first: MainDesk's futures read gets Aster's HTML error page.
    sim.addFault({ path: FUTURES, mode: 'html-500', times: 1 });
    await home.snapshot(true);
    await home.settled();
    const { balances } = await home.snapshot(false);
    expect(balances[demo.main.id]?.error).toMatch(/Aster answered HTTP 500 with a web page/);
    expect(balances[demo.main.id]?.equity).toBe('17500');
    expect(balances[demo.grid.id]?.error).toBeNull();
  });

  it('on a 429 every reader waits for the Retry-After, then the account is read', async () => {
    const { service, demo, sim } = await setup();
    const budgets = homeWeightBudgets();
    const home = new HomeBalanceService(service, { cache: new BalanceCache(), budgets });
    sim.addFault({ path: FUTURES, mode: '429', retryAfterSeconds: 1, times: 1 });
    const started = Date.now();
    await home.snapshot(true);
    await home.settled();
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    const { balances } = await home.snapshot(false);
    expect(Object.values(balances).map((b) => b.error)).toEqual([null, null, null, null]);
    expect(balances[demo.main.id]?.equity).toBe('17500');
  });

  it('a 418 stops the refresh: the accounts not yet read are not asked, and say why', async () => {
    const { service, demo, sim, count } = await setup();
    const home = new HomeBalanceService(service, { cache: new BalanceCache(), parallel: 1 });
    sim.addFault({ path: FUTURES, mode: '418', retryAfterSeconds: 1, times: 1 });
    await home.snapshot(true);
    await home.settled();
    expect(count(FUTURES)).toBe(1);
    const { balances } = await home.snapshot(false);
    for (const account of Object.values(demo))
      expect(balances[account.id]?.error).toMatch(/temporarily banned this IP/);
  });

  it('a popup opened during a refresh moves the (new) active family to the front of what is left', async () => {
    const { service, demo, sim, vault } = await setup();
    sim.addFault({ path: FUTURES, mode: 'slow', delayMs: 300, times: 10 });
    const home = new HomeBalanceService(service, { cache: new BalanceCache(), parallel: 1 });
    await home.snapshot(true); // MainDesk's family first: MainDesk, Grid01, Hedge02, then LossDesk
    await vault.database.putMeta('activeAccountId', demo.loss.id);
    await home.snapshot(true);
    await home.settled();
    const { balances } = await home.snapshot(false);
    expect(balances[demo.loss.id]!.attemptedAt).toBeLessThan(balances[demo.grid.id]!.attemptedAt);
    expect(balances[demo.loss.id]!.attemptedAt).toBeLessThan(balances[demo.hedge.id]!.attemptedAt);
  });

  it('counts every read against the shared weight budget', async () => {
    const { service } = await setup();
    const budgets = homeWeightBudgets();
    const home = new HomeBalanceService(service, { cache: new BalanceCache(), budgets });
    await home.snapshot(true);
    await home.settled();
    expect(budgets.futures.used()).toBe(2 + 4 * 5);
    expect(budgets.spot.used()).toBe(4 * 5);
  });
});

describe('readingOrder', () => {
  const account = (id: string, parentId: string | null = null) =>
    ({ id, role: parentId ? 'sub' : 'master', parentId }) as Account;
  const accounts = [
    account('m1'),
    account('s1', 'm1'),
    account('m2'),
    account('s2', 'm2'),
    account('t2', 'm2'),
  ];

  it('puts the active account’s family first, master before its subs', () => {
    expect(readingOrder(accounts, 't2').map((a) => a.id)).toEqual(['m2', 's2', 't2', 'm1', 's1']);
    expect(readingOrder(accounts, 'm1').map((a) => a.id)).toEqual(['m1', 's1', 'm2', 's2', 't2']);
    expect(readingOrder(accounts, null).map((a) => a.id)).toEqual(['m1', 's1', 'm2', 's2', 't2']);
  });
});
