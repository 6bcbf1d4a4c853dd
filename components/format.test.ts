import { describe, expect, it } from 'vitest';
import { formatPeriod } from './format';

describe('formatPeriod', () => {
  it.each([
    [null, 'Never'],
    [3_000, '3 seconds'],
    [60_000, '1 minute'],
    [15 * 60_000, '15 minutes'],
    [3_600_000, '1 hour'],
    [4 * 3_600_000, '4 hours'],
    [1500, '1500 ms'],
  ])('%s → %s', (ms, text) => {
    expect(formatPeriod(ms)).toBe(text);
  });
});
