import { describe, expect, it } from 'vitest';
import { OriginRateLimit } from './dapp-service';

describe('per-origin rate limit', () => {
  it('allows a burst, then the refill rate, per origin', () => {
    let now = 0;
    const limit = new OriginRateLimit(5, 2, () => now);
    const burst = Array.from({ length: 7 }, () => limit.take('https://a.example'));
    expect(burst).toEqual([true, true, true, true, true, false, false]);
    expect(limit.take('https://b.example')).toBe(true);
    now += 500; // one token back at 2 per second
    expect(limit.take('https://a.example')).toBe(true);
    expect(limit.take('https://a.example')).toBe(false);
    now += 60_000;
    expect(Array.from({ length: 6 }, () => limit.take('https://a.example')).filter(Boolean)).toHaveLength(5);
  });
});
