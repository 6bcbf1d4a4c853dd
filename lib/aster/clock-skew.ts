import { t } from '@/lib/i18n';
import { AsterApiError } from './errors';

/**
 * When a refused request is Aster's clock and ours disagreeing (§10), and so worth ONE more try with a freshly
 * signed request: a refused request was not executed, so signing it again with a new nonce is safe.
 */

/** A nonce closer than this to Aster's clock was not refused for the time: -4225 then means a real duplicate. */
export const SKEW_TOLERANCE_MS = 5_000;

/** -1021 (ahead of the server's time) and -4225 (nonce expired: behind, or a duplicate). */
export function isClockRefusal(error: unknown): error is AsterApiError {
  return error instanceof AsterApiError && (error.code === -1021 || error.code === -4225);
}

/** The `nonce` of a signed request as sent (form body or query string), in microseconds. */
export function nonceOf(request: { body: string }): number | undefined {
  const value = new URLSearchParams(request.body).get('nonce');
  return value !== null && /^\d{1,19}$/.test(value) ? Number(value) : undefined;
}

/** How far a nonce (µs) is from Aster's clock (ms): positive when ahead. */
export function nonceSkewMs(nonceMicros: number, serverNowMs: number): number {
  return nonceMicros / 1000 - serverNowMs;
}

/**
 * Whether `error` is a clock refusal that a corrected nonce would cure: the refused nonce was more than
 * SKEW_TOLERANCE_MS away from Aster's clock as just measured. A -4225 on a nonce in step with Aster's clock is
 * a real duplicate: never retried (a retry there could only loop).
 */
export function refusedForClock(
  error: unknown,
  nonceMicros: number | undefined,
  serverNowMs: number,
): boolean {
  if (!isClockRefusal(error) || nonceMicros === undefined) return false;
  return Math.abs(nonceSkewMs(nonceMicros, serverNowMs)) > SKEW_TOLERANCE_MS;
}

/**
 * The refusal after the one retry, in words: the nonce counter of this key is ahead of Aster's clock (nonces
 * never go back, so it takes until Aster's clock catches up), or the clock still disagrees.
 */
export function clockRefusalMessage(aheadMs: number): string {
  if (aheadMs > SKEW_TOLERANCE_MS)
    return t('errors.clock.nonceAhead', { seconds: String(Math.ceil(aheadMs / 1000)) });
  return t('errors.clock.stillRefused');
}
