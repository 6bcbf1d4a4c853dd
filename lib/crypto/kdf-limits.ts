/**
 * The most key-derivation work a key file or backup file may ask for. A file names its own KDF cost, so a
 * hostile one could otherwise make the worker allocate gigabytes (scrypt) or spin for minutes (PBKDF2).
 * The caps sit well above what wallets write (docs/key-file-format.md, docs/backup-format.md):
 * - PBKDF2-HMAC-SHA256: geth and the Web3 Secret Storage vectors use 262,144 iterations, Aster Companion
 *   600,000; files may ask for up to 5,000,000 (about a second on a laptop).
 * - scrypt: geth's "standard" and MetaMask's keystores use N = 262,144, r = 8, p = 1 — 256 MiB and a work
 *   factor N·r·p of 2^21; files may ask for up to 512 MiB (128·N·r bytes) and a work factor of 2^23.
 */

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

const count = (value: number) => value.toLocaleString('en-US');
const mebibytes = (bytes: number) => `${count(Math.ceil(bytes / 2 ** 20))} MiB`;

function wholeNumber(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new KdfCostError('malformed', `The file's ${what} is not a positive whole number.`);
  }
  return value;
}

/** The iteration count, or a KdfCostError saying why it is refused. Does no derivation work. */
export function checkPbkdf2Iterations(iterations: unknown): number {
  const c = wholeNumber(iterations, 'PBKDF2 iteration count');
  if (c > MAX_PBKDF2_ITERATIONS) {
    throw new KdfCostError(
      'too-costly',
      `The file asks for ${count(c)} PBKDF2 iterations; Aster Companion opens files that ask for at most ` +
        `${count(MAX_PBKDF2_ITERATIONS)} (wallets write 262,144 to 600,000), so that no file can stall it.`,
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
    throw new KdfCostError('malformed', `The file's scrypt N (${count(n)}) is not a power of two.`);
  }
  const memory = 128 * n * r;
  if (memory > MAX_SCRYPT_MEMORY_BYTES) {
    throw new KdfCostError(
      'too-costly',
      `The file asks scrypt for ${mebibytes(memory)} of memory (N = ${count(n)}, r = ${count(r)}, p = ${count(p)}); ` +
        `Aster Companion opens files that ask for at most ${mebibytes(MAX_SCRYPT_MEMORY_BYTES)} ` +
        `(geth and MetaMask write 256 MiB), so that no file can exhaust its memory.`,
    );
  }
  if (n * r * p > MAX_SCRYPT_WORK) {
    throw new KdfCostError(
      'too-costly',
      `The file asks scrypt for a work factor N·r·p of ${count(n * r * p)}; Aster Companion opens files that ` +
        `ask for at most ${count(MAX_SCRYPT_WORK)} (geth and MetaMask write 2,097,152), so that no file can stall it.`,
    );
  }
  return { n, r, p };
}
