/**
 * Aster's error codes (aster-protocol.md §8) in words a trader can act on, and the error types the client
 * throws. "Outcome unknown" is its own type on purpose: a transfer that timed out or got a 503 may have been
 * executed, so the caller must query the history before trying again, never retry blindly.
 */

export const ASTER_ERROR_MESSAGES: Readonly<Record<number, string>> = {
  [-1022]: 'Aster rejected the signature: the request was signed by another key or changed after signing.',
  [-1000]:
    'Aster could not verify the signature ("Signature check failed"). Check that the right account signed.',
  [-4225]:
    'The request nonce was already used or is out of date. Check that your computer clock is right, then try again.',
  [-1021]:
    "Aster refused the request's time stamp: it is ahead of Aster's clock. Set this computer's clock to the right time (automatic time), then try again.",
  [-5050]:
    'Aster allows this only after a deposit: the master wallet of this account has never deposited. ' +
    'Deposit to the master account first (from ETH, BSC, Arbitrum or Solana), then try again.',
  [-2015]:
    'Aster refused the API wallet: the key is invalid or expired, the IP is not allowed, or it lacks this permission.',
  [-1011]: "This computer's IP address is not on the API wallet's IP whitelist.",
  [-4087]:
    'This account may only place reduce-only orders right now (a frozen sub-account can only reduce positions).',
  [-4088]: 'This account may not place this order right now (a frozen sub-account can only close positions).',
  [-4114]: 'The transfer id (clientTranId) is invalid: it must be under 64 characters.',
  [-4115]: 'This transfer id (clientTranId) was already used: the transfer may already have been made.',
};

export function describeAsterError(code: number | string, serverMessage?: string): string {
  const known = typeof code === 'number' ? ASTER_ERROR_MESSAGES[code] : undefined;
  if (known) return known;
  const detail = serverMessage ? `: ${serverMessage.slice(0, 200)}` : '.';
  return `Aster refused the request (code ${String(code).slice(0, 20)})${detail}`;
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
    super(`Aster is rate-limiting this computer: wait ${Math.ceil(retryAfterMs / 1000)} s and try again.`);
    this.name = 'AsterRateLimitError';
  }
}

/** HTTP 418: the IP is banned for a while. Nothing more is sent. */
export class AsterBannedError extends Error {
  constructor(readonly retryAfterMs: number | undefined) {
    super(
      'Aster has temporarily banned this IP address for sending too many requests. Stop and wait before retrying.',
    );
    this.name = 'AsterBannedError';
  }
}

/** A read (or a refused write) failed on the way: timeout, network, or an answer that is not Aster's. */
export class AsterNetworkError extends Error {
  constructor(message: string) {
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
    super(
      'Aster did not confirm this request; it may or may not have been executed. ' +
        'Check the history before trying again: do not simply repeat it.',
    );
    this.name = 'AsterOutcomeUnknownError';
  }
}
