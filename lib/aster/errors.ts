import { t } from '@/lib/i18n';

/**
 * Aster's error codes (aster-protocol.md §8) in words a trader can act on, and the error types the client
 * throws. "Outcome unknown" is its own type on purpose: a transfer that timed out or got a 503 may have been
 * executed, so the caller must query the history before trying again, never retry blindly.
 */

/** The codes explained in words, each read in the trader's language when it is shown. */
const ASTER_ERROR_WORDS: Readonly<Record<number, () => string>> = {
  [-1022]: () => t('errors.aster.signatureRejected'),
  [-1000]: () => t('errors.aster.signatureCheckFailed'),
  [-4225]: () => t('errors.aster.nonceUsed'),
  [-1021]: () => t('errors.aster.timestampAhead'),
  [-5050]: () => t('errors.aster.depositFirst'),
  [-2015]: () => t('errors.aster.apiWalletRefused'),
  [-1011]: () => t('errors.aster.ipNotWhitelisted'),
  [-4087]: () => t('errors.aster.reduceOnly'),
  [-4088]: () => t('errors.aster.orderNotAllowed'),
  [-4114]: () => t('errors.aster.transferIdInvalid'),
  [-4115]: () => t('errors.aster.transferIdUsed'),
};

/** The Aster error codes this file explains in words. */
export const EXPLAINED_ASTER_ERRORS: readonly number[] = Object.keys(ASTER_ERROR_WORDS).map(Number);

export function describeAsterError(code: number | string, serverMessage?: string): string {
  const known =
    typeof code === 'number' && Object.hasOwn(ASTER_ERROR_WORDS, code) ? ASTER_ERROR_WORDS[code] : undefined;
  if (known) return known();
  const shown = String(code).slice(0, 20);
  // Aster's own message stays as Aster wrote it.
  return serverMessage
    ? t('errors.aster.refusedWithMessage', { code: shown, message: serverMessage.slice(0, 200) })
    : t('errors.aster.refused', { code: shown });
}

/** Aster answered with an error payload `{code, msg}`; `explanation` replaces the usual words for the code. */
export class AsterApiError extends Error {
  constructor(
    readonly code: number | string,
    readonly httpStatus: number,
    readonly serverMessage: string,
    explanation?: string,
  ) {
    super(explanation ?? describeAsterError(code, serverMessage));
    this.name = 'AsterApiError';
  }
}

/** HTTP 429: too many requests. Reads were already retried; writes never are. */
export class AsterRateLimitError extends Error {
  constructor(readonly retryAfterMs: number) {
    super(t('errors.aster.rateLimited', { seconds: String(Math.ceil(retryAfterMs / 1000)) }));
    this.name = 'AsterRateLimitError';
  }
}

/** HTTP 418: the IP is banned for a while. Nothing more is sent. */
export class AsterBannedError extends Error {
  constructor(readonly retryAfterMs: number | undefined) {
    super(t('errors.aster.banned'));
    this.name = 'AsterBannedError';
  }
}

/**
 * A read (or a refused write) failed on the way: timeout, network, or an answer that is not Aster's.
 * `httpStatus`: the server did answer, with this status, but not with data (code asks this, not the words).
 */
export class AsterNetworkError extends Error {
  constructor(
    message: string,
    readonly httpStatus?: number,
  ) {
    super(message);
    this.name = 'AsterNetworkError';
  }
}

/**
 * A write whose result is unknown (503, timeout, connection lost, an answer that cannot be read): it may have
 * been executed.
 */
export class AsterOutcomeUnknownError extends Error {
  constructor(
    readonly path: string,
    readonly reason: 'http-503' | 'timeout' | 'network' | 'unreadable-answer',
  ) {
    super(t('errors.aster.outcomeUnknown'));
    this.name = 'AsterOutcomeUnknownError';
  }
}
