import { describe, expect, it } from 'vitest';
import {
  checkPbkdf2Iterations,
  checkScryptParams,
  KdfCostError,
  MAX_PBKDF2_ITERATIONS,
  MAX_SCRYPT_MEMORY_BYTES,
  MAX_SCRYPT_WORK,
} from './kdf-limits';

function refusal(check: () => unknown): KdfCostError {
  try {
    check();
  } catch (error) {
    expect(error).toBeInstanceOf(KdfCostError);
    return error as KdfCostError;
  }
  throw new Error('accepted');
}

const ABSURD = [
  2 ** 40,
  -1,
  0,
  1.5,
  Number.NaN,
  Infinity,
  '262144',
  null,
  undefined,
  {},
  [262144],
  2n ** 20n,
];

describe('KDF cost caps', () => {
  it('sit well above what geth, MetaMask and Aster Companion write', () => {
    expect(MAX_PBKDF2_ITERATIONS).toBe(5_000_000);
    expect(MAX_PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(8 * 600_000);
    expect(MAX_SCRYPT_MEMORY_BYTES).toBe(512 * 2 ** 20);
    expect(MAX_SCRYPT_WORK).toBe(4 * 2 ** 18 * 8);
    // geth "standard", MetaMask, geth "light", ethers' default.
    for (const params of [
      { n: 2 ** 18, r: 8, p: 1 },
      { n: 4096, r: 8, p: 6 },
      { n: 2 ** 17, r: 8, p: 1 },
    ]) {
      expect(checkScryptParams(params)).toEqual(params);
    }
    for (const c of [262_144, 600_000]) expect(checkPbkdf2Iterations(c)).toBe(c);
  });

  it('accept PBKDF2 at the cap and refuse one iteration more, in words', () => {
    expect(checkPbkdf2Iterations(MAX_PBKDF2_ITERATIONS)).toBe(MAX_PBKDF2_ITERATIONS);
    const error = refusal(() => checkPbkdf2Iterations(MAX_PBKDF2_ITERATIONS + 1));
    expect(error.reason).toBe('too-costly');
    expect(error.message).toBe(
      'The file asks for 5,000,001 PBKDF2 iterations; Aster Companion opens files that ask for at most ' +
        '5,000,000 (wallets write 262,144 to 600,000), so that no file can stall it.',
    );
  });

  it('accept scrypt N, r and p each at the cap and refuse each just above it', () => {
    // Memory 128·N·r = 512 MiB exactly, by N and by r.
    expect(checkScryptParams({ n: 2 ** 19, r: 8, p: 1 })).toBeTruthy();
    expect(checkScryptParams({ n: 2 ** 18, r: 16, p: 1 })).toBeTruthy();
    expect(checkScryptParams({ n: 2 ** 22, r: 1, p: 1 })).toBeTruthy();
    // Work N·r·p = 2^23 exactly, by p.
    expect(checkScryptParams({ n: 2 ** 18, r: 8, p: 4 })).toBeTruthy();
    expect(checkScryptParams({ n: 2, r: 1, p: 2 ** 22 })).toBeTruthy();

    const memory = refusal(() => checkScryptParams({ n: 2 ** 20, r: 8, p: 1 }));
    expect(memory.reason).toBe('too-costly');
    expect(memory.message).toMatch(
      /1,024 MiB of memory .*at most 512 MiB \(geth and MetaMask write 256 MiB\)/,
    );
    expect(refusal(() => checkScryptParams({ n: 2 ** 19, r: 9, p: 1 })).reason).toBe('too-costly');
    expect(refusal(() => checkScryptParams({ n: 2 ** 23, r: 1, p: 1 })).reason).toBe('too-costly');
    const work = refusal(() => checkScryptParams({ n: 2 ** 18, r: 8, p: 5 }));
    expect(work.reason).toBe('too-costly');
    expect(work.message).toMatch(/work factor N·r·p of 10,485,760; .*at most 8,388,608/);
    expect(refusal(() => checkScryptParams({ n: 2, r: 1, p: 2 ** 22 + 1 })).reason).toBe('too-costly');
  });

  it('refuse absurd values of every parameter as malformed or too costly, never as a number to use', () => {
    for (const value of ABSURD) {
      expect(['malformed', 'too-costly']).toContain(refusal(() => checkPbkdf2Iterations(value)).reason);
      for (const key of ['n', 'r', 'p'] as const) {
        const params: Record<'n' | 'r' | 'p', unknown> = { n: 2 ** 18, r: 8, p: 1 };
        params[key] = value;
        expect(['malformed', 'too-costly']).toContain(refusal(() => checkScryptParams(params)).reason);
      }
    }
    expect(refusal(() => checkPbkdf2Iterations(2 ** 40)).reason).toBe('too-costly');
    expect(refusal(() => checkPbkdf2Iterations('262144')).reason).toBe('malformed');
  });

  it('refuse an N that is not a power of two', () => {
    for (const n of [1, 3, 262_143, 262_145, 2 ** 31]) {
      expect(refusal(() => checkScryptParams({ n, r: 1, p: 1 })).reason).toBe('malformed');
    }
  });
});
