import { afterEach, describe, expect, it } from 'vitest';
import { useMessages } from '@/lib/i18n';
import { localeMessages } from '@/tests/support/locale-messages';
import { formatAgo, formatClock, formatCount, formatPeriod } from './format';

afterEach(async () => useMessages(await localeMessages('en')));

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

  it('speaks the chosen language', async () => {
    useMessages(await localeMessages('zh_CN'));
    expect([formatPeriod(null), formatPeriod(15 * 60_000), formatPeriod(3_600_000)]).toEqual([
      '从不',
      '15分钟',
      '1小时',
    ]);
    useMessages(await localeMessages('ko'));
    expect([formatPeriod(null), formatPeriod(3_000), formatPeriod(4 * 3_600_000)]).toEqual([
      '안 함',
      '3초',
      '4시간',
    ]);
  });
});

describe('formatAgo', () => {
  const now = Date.UTC(2026, 11, 1, 12, 0, 0);
  it.each([
    [now, 'now'],
    [now + 5_000, 'now'],
    [now - 30_000, '30 sec. ago'],
    [now - 2 * 60_000 - 10_000, '2 min. ago'],
    [now - 3 * 3_600_000, '3 hr. ago'],
    [now - 26 * 3_600_000, 'yesterday'],
  ])('%s → %s', (at, text) => {
    expect(formatAgo(at, now)).toBe(text);
  });

  it('speaks the chosen language', async () => {
    useMessages(await localeMessages('zh_CN'));
    expect(formatAgo(now - 2 * 60_000, now)).toBe('2分钟前');
    useMessages(await localeMessages('ko'));
    expect(formatAgo(now - 2 * 60_000, now)).toBe('2분 전');
  });
});

describe('formatCount and formatClock', () => {
  it('group digits and write the time as the language does', async () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    const noon = new Date(2026, 11, 1, 14, 5, 9).getTime();
    expect(formatClock(noon)).toBe('02:05:09 PM');
    useMessages(await localeMessages('zh_CN'));
    expect(formatClock(noon)).toBe('14:05:09');
  });
});
