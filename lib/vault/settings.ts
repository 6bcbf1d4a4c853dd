import type { VaultSettings } from './db';

const MINUTE = 60_000;

/** The idle periods the trader can choose; test builds add short ones so end-to-end tests can watch a lock. */
export const AUTO_LOCK_CHOICES_MS: readonly (number | null)[] = [
  ...(__TEST_BUILD__ ? [3_000, 6_000] : []),
  1 * MINUTE,
  5 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  60 * MINUTE,
  4 * 60 * MINUTE,
  null,
];

export const DEFAULT_SETTINGS: VaultSettings = { autoLockMs: 15 * MINUTE };

export function isAutoLockChoice(value: number | null): boolean {
  return AUTO_LOCK_CHOICES_MS.includes(value);
}
