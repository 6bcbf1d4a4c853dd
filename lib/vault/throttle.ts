/** Wrong passwords allowed before any delay; then the delay doubles from one second up to five minutes. */
export const FREE_UNLOCK_FAILURES = 3;
export const MAX_UNLOCK_DELAY_MS = 5 * 60_000;

/** How long the trader must wait after the `failures`-th wrong password in a row. */
export function unlockDelayMs(failures: number): number {
  if (failures < FREE_UNLOCK_FAILURES) return 0;
  return Math.min(1000 * 2 ** (failures - FREE_UNLOCK_FAILURES), MAX_UNLOCK_DELAY_MS);
}
