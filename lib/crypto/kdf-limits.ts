/**
 * The most key-derivation work a key file or backup file may ask for. A file names its own KDF cost, so a
 * hostile one could otherwise make the worker allocate gigabytes (scrypt) or spin for minutes (PBKDF2).
 * The caps sit well above what wallets write (docs/key-file-format.md, docs/backup-format.md):
 * - PBKDF2-HMAC-SHA256: geth and the Web3 Secret Storage vectors use 262,144 iterations, Aster Companion
 *   600,000; files may ask for up to 5,000,000 (about a second on a laptop).
 * - scrypt: geth's "standard" and MetaMask's keystores use N = 262,144, r = 8, p = 1 — 256 MiB and a work
 *   factor N·r·p of 2^21; files may ask for up to 512 MiB (128·N·r bytes) and a work factor of 2^23.
 */

import { messagesLocale, t } from '@/lib/i18n';

export const MAX_PBKDF2_ITERATIONS = 5_000_000;
export const MAX_SCRYPT_MEMORY_BYTES = 512 * 2 ** 20;
export const MAX_SCRYPT_WORK = 2 ** 23;

/** Why a file's KDF parameters are refused: `malformed` (not a valid value) or `too-costly` (above a cap). */
export class KdfCostError extends Error {
  constructor(
    readonly reason: 'malformed' | 'too-costly',
    message: string,
  ) {
    super(message);
    this.name = 'KdfCostError';
  }
}

const count = (value: number) => value.toLocaleString(messagesLocale());
const mebibytes = (bytes: number) => `${count(Math.ceil(bytes / 2 ** 20))} MiB`;

function wholeNumber(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new KdfCostError('malformed', t('background.kdfLimits.notPositive', { what }));
  }
  return value;
}

/** The iteration count, or a KdfCostError saying why it is refused. Does no derivation work. */
export function checkPbkdf2Iterations(iterations: unknown): number {
  const c = wholeNumber(iterations, t('background.kdfLimits.iterationCount'));
  if (c > MAX_PBKDF2_ITERATIONS) {
    throw new KdfCostError(
      'too-costly',
      t('background.kdfLimits.pbkdf2TooCostly', { count: count(c), max: count(MAX_PBKDF2_ITERATIONS) }),
    );
  }
  return c;
}

/** What scrypt allocates: its 128·N·r-byte table plus p + 1 working blocks (@noble/hashes' accounting). */
export const scryptMemoryBytes = (n: number, r: number, p: number) => 128 * r * (n + p + 1);

/** Valid scrypt parameters within the caps, or a KdfCostError saying why not. Does no derivation work. */
export function checkScryptParams(params: { n: unknown; r: unknown; p: unknown }): {
  n: number;
  r: number;
  p: number;
} {
  const n = wholeNumber(params.n, 'scrypt N');
  const r = wholeNumber(params.r, 'scrypt r');
  const p = wholeNumber(params.p, 'scrypt p');
  // scrypt is defined only for N a power of two above 1.
  if (n < 2 || (n & (n - 1)) !== 0 || n > 2 ** 30) {
    throw new KdfCostError('malformed', t('background.kdfLimits.scryptNotPowerOfTwo', { n: count(n) }));
  }
  const memory = 128 * n * r;
  if (memory > MAX_SCRYPT_MEMORY_BYTES) {
    throw new KdfCostError(
      'too-costly',
      t('background.kdfLimits.scryptMemory', {
        memory: mebibytes(memory),
        n: count(n),
        r: count(r),
        p: count(p),
        max: mebibytes(MAX_SCRYPT_MEMORY_BYTES),
      }),
    );
  }
  if (n * r * p > MAX_SCRYPT_WORK) {
    throw new KdfCostError(
      'too-costly',
      t('background.kdfLimits.scryptWork', { work: count(n * r * p), max: count(MAX_SCRYPT_WORK) }),
    );
  }
  return { n, r, p };
}
