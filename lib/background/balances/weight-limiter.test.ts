import { describe, expect, it } from 'vitest';
import { WeightLimiter } from './weight-limiter';
import { homeWeightBudgets, READ_WEIGHTS } from './weights';

/** A clock that only moves when someone sleeps: waits are exact and instant. */
function fakeClock() {
  const clock = { now: 1_000_000, slept: [] as number[] };
  const sleep = (ms: number) => {
    clock.slept.push(ms);
    clock.now += ms;
    return Promise.resolve();
  };
  return { clock, now: () => clock.now, sleep };
}

describe('WeightLimiter', () => {
  it('lets requests through while their weights fit the window, then waits for the oldest to leave it', async () => {
    const { clock, now, sleep } = fakeClock();
    const limiter = new WeightLimiter({ budget: 12, windowMs: 60_000, now, sleep });
    await limiter.acquire(5);
    clock.now += 1000;
    await limiter.acquire(5);
    expect(clock.slept).toEqual([]);
    expect(limiter.used()).toBe(10);
    // 10 + 5 > 12: the third waits until the first (t0) leaves the window (t0 + 60 s).
    const start = clock.now;
    await limiter.acquire(5);
    expect(clock.now - start).toBe(60_000 - 1000 + 1);
    expect(limiter.used()).toBe(10);
  });

  it('never spends more than the budget in any window, whatever many callers race', async () => {
    const { clock, now, sleep } = fakeClock();
    const limiter = new WeightLimiter({ budget: 20, windowMs: 60_000, now, sleep });
    const times: number[] = [];
    await Promise.all(Array.from({ length: 12 }, () => limiter.acquire(5).then(() => times.push(clock.now))));
    for (const t of times)
      expect(times.filter((u) => u > t - 60_000 && u <= t).length * 5).toBeLessThanOrEqual(20);
    expect(times).toHaveLength(12);
  });

  it('pauses everyone for the Retry-After of a 429, and a pause never shortens', async () => {
    const { clock, now, sleep } = fakeClock();
    const limiter = new WeightLimiter({ budget: 2400, now, sleep });
    limiter.pause(3000);
    limiter.pause(1000);
    const start = clock.now;
    await Promise.all([limiter.acquire(5), limiter.acquire(5)]);
    expect(clock.now - start).toBe(3000);
  });

  it('refuses a request heavier than the whole budget instead of waiting forever', async () => {
    const { now, sleep } = fakeClock();
    await expect(new WeightLimiter({ budget: 4, now, sleep }).acquire(5)).rejects.toThrow(RangeError);
  });

  it('home takes half of Aster’s per-minute weight: 1200 futures and 600 spot, 5 per account read', () => {
    const budgets = homeWeightBudgets();
    expect(budgets.futures.budget).toBe(1200);
    expect(budgets.spot.budget).toBe(600);
    expect(READ_WEIGHTS).toEqual({ futuresAccount: 5, spotAccount: 5, tickerPrices: 2 });
  });
});
