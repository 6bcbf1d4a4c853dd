import { messagesLocale, t } from '@/lib/i18n';

/** "3 seconds", "1 minute", "4 hours", "Never" (in the trader's language): the auto-lock choices in words. */
export function formatPeriod(ms: number | null): string {
  if (ms === null) return t('common.never');
  const units: [number, 'hour' | 'minute' | 'second'][] = [
    [3_600_000, 'hour'],
    [60_000, 'minute'],
    [1_000, 'second'],
  ];
  for (const [size, unit] of units) {
    if (ms >= size && ms % size === 0) {
      return new Intl.NumberFormat(messagesLocale(), { style: 'unit', unit, unitDisplay: 'long' }).format(
        ms / size,
      );
    }
  }
  return new Intl.NumberFormat(messagesLocale(), {
    style: 'unit',
    unit: 'millisecond',
    unitDisplay: 'short',
    useGrouping: false,
  }).format(ms);
}

/** A time of day (hh:mm:ss) as the trader's language writes it. */
export function formatClock(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString(messagesLocale(), {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/** A whole number as the trader's language groups digits: 1,234 / 1,234 / 1.234. */
export function formatCount(value: number): string {
  return new Intl.NumberFormat(messagesLocale(), { maximumFractionDigits: 0 }).format(value);
}

/**
 * How long ago `epochMs` was, in the trader's language: "now", "2 min. ago", "3 hr. ago", "yesterday"
 * (the largest whole unit; a time slightly ahead of `now`, from clock skew, reads as now).
 */
export function formatAgo(epochMs: number, now: number = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - epochMs) / 1000));
  const format = new Intl.RelativeTimeFormat(messagesLocale(), { numeric: 'auto', style: 'short' });
  const steps: [number, Intl.RelativeTimeFormatUnit][] = [
    [86_400, 'day'],
    [3_600, 'hour'],
    [60, 'minute'],
  ];
  for (const [size, unit] of steps) {
    if (seconds >= size) return format.format(-Math.floor(seconds / size), unit);
  }
  return format.format(seconds < 10 ? 0 : -seconds, 'second');
}
