import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { homeBalanceKey, type HomeBalance } from '@/lib/messaging/home-api';
import { BalanceCache } from './balance-cache';

const entry = (accountId: string, readAt: number): HomeBalance => ({
  accountId,
  readAt,
  equity: '12.5',
  unvalued: [],
  negative: [],
  attemptedAt: readAt,
  error: null,
});

describe('BalanceCache (chrome.storage.session)', () => {
  it('keeps each account’s balances with its read time, per network', async () => {
    const cache = new BalanceCache();
    await cache.write('simulator:x', entry('a', 1000));
    await cache.write('mainnet', entry('a', 2000));
    expect((await cache.read('simulator:x')).a?.readAt).toBe(1000);
    expect((await cache.read('mainnet')).a?.readAt).toBe(2000);
    expect(await cache.read('testnet')).toEqual({});
  });

  it('survives a worker restart: a new worker’s cache reads what the last one wrote', async () => {
    await new BalanceCache().write('mainnet', entry('a', 1234));
    await new BalanceCache().writeRefresh({ networkId: 'mainnet', startedAt: 1, finishedAt: 2, total: 1 });
    // A new service worker: new objects, the same storage.session.
    const restarted = new BalanceCache();
    expect(await restarted.read('mainnet')).toEqual({ a: entry('a', 1234) });
    expect(await restarted.refresh()).toEqual({
      networkId: 'mainnet',
      startedAt: 1,
      finishedAt: 2,
      total: 1,
    });
  });

  it('lives in storage.session only (never local), and ignores entries of the wrong shape', async () => {
    await new BalanceCache().write('mainnet', entry('a', 1));
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    await fakeBrowser.storage.session.set({
      [homeBalanceKey('mainnet', 'b')]: { accountId: 'b', equity: 5 },
    });
    expect(Object.keys(await new BalanceCache().read('mainnet'))).toEqual(['a']);
  });
});
