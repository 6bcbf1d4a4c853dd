import { fromBase64, randomBytes, toBase64, utf8 } from './bytes';

/** OWASP's current floor for PBKDF2-HMAC-SHA256; also what MetaMask and Rainbow use. */
export const PBKDF2_MIN_ITERATIONS = 600_000;

/** The KDF parameters are stored with the vault, so the cost can be raised later without a format change. */
export interface Pbkdf2Params {
  name: 'PBKDF2';
  hash: 'SHA-256';
  iterations: number;
  /** 16 random bytes, base64. */
  salt: string;
}

export function newPbkdf2Params(iterations: number = PBKDF2_MIN_ITERATIONS): Pbkdf2Params {
  return { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64(randomBytes(16)) };
}

/**
 * Derives the key-encryption key from the password: a non-extractable AES-256-GCM key that only ever
 * wraps the vault's data key.
 */
export async function derivePasswordKey(password: string, params: Pbkdf2Params): Promise<CryptoKey> {
  if (params.name !== 'PBKDF2' || params.hash !== 'SHA-256') throw new Error('unsupported KDF');
  if (!Number.isSafeInteger(params.iterations) || params.iterations < 1) throw new Error('invalid KDF cost');
  const passwordKey = await crypto.subtle.importKey('raw', utf8(password), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', iterations: params.iterations, salt: fromBase64(params.salt) },
    passwordKey,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}
