import { describe, expect, it } from 'vitest';
import { useMessages } from '@/lib/i18n';
import type { HomeBalance } from '@/lib/messaging/home-api';
import { localeMessages } from '@/tests/support/locale-messages';
import { ageText, totalOf, usdtFormatter } from './balance-format';

const read = (equity: string | null, unvalued = 0): HomeBalance => ({
  accountId: 'a',
  readAt: equity === null ? null : 1,
  equity,
  unvalued: Array.from({ length: unvalued }, () => ({ asset: 'DOGE', amount: '1' })),
  negative: [],
  attemptedAt: 1,
  error: null,
});

describe('home figures', () => {
  it('totals exactly, and says when accounts not read or assets without price are left out', () => {
    expect(totalOf([read('17500'), read('0.1')])).toEqual({ equity: '17500.1', partial: false });
    expect(totalOf([read('10'), undefined])).toEqual({ equity: '10', partial: true });
    expect(totalOf([read('10', 1)]).partial).toBe(true);
    expect(totalOf([read(null)])).toEqual({ equity: '0', partial: true });
  });

  it('formats amounts and ages in the language shown', async () => {
    expect(usdtFormatter().format(17500)).toBe('17,500.00');
    expect(ageText(0, 120_000)).toMatch(/2 min/);
    useMessages(await localeMessages('ko'));
    expect(ageText(0, 120_000)).toMatch(/2분/);
  });
});
