import { describe, expect, it } from 'vitest';
import { MAX_UNLOCK_DELAY_MS, unlockDelayMs } from './throttle';

describe('unlock delay', () => {
  it('is free for two failures, then doubles from 1 s up to 5 minutes', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map(unlockDelayMs)).toEqual([0, 0, 0, 1000, 2000, 4000, 8000]);
    expect(unlockDelayMs(11)).toBe(256_000);
    expect(unlockDelayMs(12)).toBe(MAX_UNLOCK_DELAY_MS);
    expect(unlockDelayMs(1000)).toBe(MAX_UNLOCK_DELAY_MS);
  });
});
