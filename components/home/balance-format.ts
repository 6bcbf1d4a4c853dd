import { addDecimals } from '@/lib/messaging/operations-api';
import type { HomeBalance } from '@/lib/messaging/home-api';
import { messagesLocale } from '@/lib/i18n';

/** USDT amounts for the eye: two decimals, grouped the way the shown language writes numbers. */
export function usdtFormatter(): Intl.NumberFormat {
  return new Intl.NumberFormat(messagesLocale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** An asset amount as read (up to 8 decimals). */
export function amountFormatter(): Intl.NumberFormat {
  return new Intl.NumberFormat(messagesLocale(), { maximumFractionDigits: 8 });
}

export interface Total {
  /** Sum of the valued equity of the accounts read. */
  equity: string;
  /** Some account was never read, or holds an asset without a price: the total is a floor. */
  partial: boolean;
}

/** A family's (or everyone's) total from the accounts' balances. */
export function totalOf(balances: readonly (HomeBalance | undefined)[]): Total {
  const read = balances.filter((b): b is HomeBalance => b !== undefined && b.equity !== null);
  return {
    equity: addDecimals(read.length > 0 ? read.map((b) => b.equity!) : ['0']),
    partial: read.length < balances.length || read.some((b) => b.unvalued.length > 0),
  };
}

/** "2 min. ago", "just now", in the shown language. */
export function ageText(readAt: number, now: number): string {
  const format = new Intl.RelativeTimeFormat(messagesLocale(), { numeric: 'auto', style: 'short' });
  const seconds = Math.round((readAt - now) / 1000);
  if (seconds > -45) return format.format(0, 'second');
  const minutes = Math.round(seconds / 60);
  if (minutes > -60) return format.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (hours > -24) return format.format(hours, 'hour');
  return format.format(Math.round(hours / 24), 'day');
}
