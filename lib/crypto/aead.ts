import { fromBase64, randomBytes, toBase64, utf8 } from './bytes';

/** An AES-256-GCM ciphertext as stored: a fresh 96-bit IV and the ciphertext with its 128-bit tag. */
export interface Sealed {
  iv: string;
  ciphertext: string;
}

export class DecryptionError extends Error {
  constructor() {
    super('decryption failed');
    this.name = 'DecryptionError';
  }
}

export function importAesKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  if (raw.length !== 32) throw new Error('an AES-256 key is 32 bytes');
  return crypto.subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
}

/**
 * Encrypts with a fresh random IV. `associatedData` names the record the ciphertext belongs to, so that a
 * ciphertext copied onto another record fails to decrypt.
 */
export async function seal(
  key: CryptoKey,
  plaintext: Uint8Array<ArrayBuffer>,
  associatedData: string,
): Promise<Sealed> {
  const iv = randomBytes(12);
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: utf8(associatedData), tagLength: 128 },
    key,
    plaintext,
  );
  return { iv: toBase64(iv), ciphertext: toBase64(new Uint8Array(ciphertext)) };
}

/** Decrypts, or throws DecryptionError for any wrong key, tampered byte, malformed field or wrong record. */
export async function open(
  key: CryptoKey,
  sealed: Sealed,
  associatedData: string,
): Promise<Uint8Array<ArrayBuffer>> {
  try {
    const iv = fromBase64(sealed.iv);
    if (iv.length !== 12) throw new Error('bad IV length');
    const plaintext = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv, additionalData: utf8(associatedData), tagLength: 128 },
      key,
      fromBase64(sealed.ciphertext),
    );
    return new Uint8Array(plaintext);
  } catch {
    throw new DecryptionError();
  }
}
