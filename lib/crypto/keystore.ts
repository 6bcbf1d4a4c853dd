import { keccak_256 } from '@noble/hashes/sha3.js';
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { fromHex, randomBytes, toHex as hex, utf8 } from './bytes';
import { checkPbkdf2Iterations, checkScryptParams, KdfCostError, scryptMemoryBytes } from './kdf-limits';
import { t } from '@/lib/i18n';

/**
 * Web3 Secret Storage (keystore v3): the encrypted key file MetaMask, geth and most EVM tools import.
 * Written with PBKDF2-HMAC-SHA256 (WebCrypto, fast and standard) + AES-128-CTR, MAC = keccak256(DK[16..32] ‖ C).
 * Read with PBKDF2 or scrypt. For Solana the same construction carries the 32-byte Ed25519 seed, marked with
 * `"kind": "solana"` and a Base58 `address` (docs/key-file-format.md).
 */

export const KEYSTORE_PBKDF2_ITERATIONS = 600_000;

export interface KeystoreV3 {
  version: 3;
  id: string;
  /** EVM: 40 lowercase hex characters without 0x (geth's form); Solana: the Base58 public key. */
  address: string;
  /** Absent for EVM (the standard); "solana" for the companion's Solana key files. */
  kind?: 'solana';
  crypto: {
    cipher: 'aes-128-ctr';
    cipherparams: { iv: string };
    ciphertext: string;
    kdf: 'pbkdf2' | 'scrypt';
    kdfparams: Pbkdf2KdfParams | ScryptKdfParams;
    mac: string;
  };
}

interface Pbkdf2KdfParams {
  c: number;
  dklen: number;
  prf: 'hmac-sha256';
  salt: string;
}

interface ScryptKdfParams {
  n: number;
  r: number;
  p: number;
  dklen: number;
  salt: string;
}

export class KeystoreError extends Error {
  constructor(
    readonly code: 'malformed' | 'unsupported' | 'wrong-password',
    message: string,
  ) {
    super(message);
    this.name = 'KeystoreError';
  }
}

function unhex(text: unknown, what: string): Uint8Array<ArrayBuffer> {
  try {
    if (typeof text !== 'string') throw new Error('not a string');
    return fromHex(text);
  } catch {
    throw new KeystoreError('malformed', t('background.keystore.notHex', { what }));
  }
}

async function aes128Ctr(
  key: Uint8Array<ArrayBuffer>,
  iv: Uint8Array<ArrayBuffer>,
  data: Uint8Array<ArrayBuffer>,
) {
  const cryptoKey = await crypto.subtle.importKey('raw', key, { name: 'AES-CTR' }, false, ['encrypt']);
  return new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-CTR', counter: iv, length: 128 }, cryptoKey, data),
  );
}

async function pbkdf2(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number, dklen: number) {
  const base = await crypto.subtle.importKey('raw', utf8(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    base,
    dklen * 8,
  );
  return new Uint8Array(bits);
}

function mac(derivedKey: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  const input = new Uint8Array(16 + ciphertext.length);
  input.set(derivedKey.subarray(16, 32));
  input.set(ciphertext, 16);
  return keccak_256(input);
}

export async function encryptKeystore(
  secret: Uint8Array<ArrayBuffer>,
  password: string,
  address: string,
  options: { kind?: 'solana'; iterations?: number } = {},
): Promise<KeystoreV3> {
  const salt = randomBytes(32);
  const iv = randomBytes(16);
  const iterations = options.iterations ?? KEYSTORE_PBKDF2_ITERATIONS;
  const derivedKey = await pbkdf2(password, salt, iterations, 32);
  const ciphertext = await aes128Ctr(derivedKey.slice(0, 16), iv, secret);
  const file: KeystoreV3 = {
    version: 3,
    id: crypto.randomUUID(),
    address: options.kind === 'solana' ? address : address.replace(/^0x/, '').toLowerCase(),
    crypto: {
      cipher: 'aes-128-ctr',
      cipherparams: { iv: hex(iv) },
      ciphertext: hex(ciphertext),
      kdf: 'pbkdf2',
      kdfparams: { c: iterations, dklen: 32, prf: 'hmac-sha256', salt: hex(salt) },
      mac: hex(mac(derivedKey, ciphertext)),
    },
  };
  derivedKey.fill(0);
  return options.kind ? { ...file, kind: options.kind } : file;
}

function positiveInteger(value: unknown, what: string, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new KeystoreError('malformed', t('background.keystore.notPositive', { what }));
  }
  if (value > max)
    throw new KeystoreError('unsupported', t('background.keystore.aboveMax', { what, value, max }));
  return value;
}

/** Reads a keystore file's JSON text (or parsed object) and returns the secret it holds. */
export async function decryptKeystore(
  input: string | unknown,
  password: string,
): Promise<{ secret: Uint8Array<ArrayBuffer>; address: string; kind: 'evm' | 'solana' }> {
  let file: Record<string, unknown>;
  try {
    file = (typeof input === 'string' ? JSON.parse(input) : input) as Record<string, unknown>;
  } catch {
    throw new KeystoreError('malformed', t('background.keystore.notJson'));
  }
  if (typeof file !== 'object' || file === null)
    throw new KeystoreError('malformed', t('background.keystore.notKeyFile'));
  if (file.version !== 3) {
    throw new KeystoreError(
      'unsupported',
      t('background.keystore.version', { version: String(file.version) }),
    );
  }
  const cryptoSection = (file.crypto ?? file.Crypto) as Record<string, unknown> | undefined;
  if (typeof cryptoSection !== 'object' || cryptoSection === null) {
    throw new KeystoreError('malformed', t('background.keystore.noCrypto'));
  }
  if (cryptoSection.cipher !== 'aes-128-ctr') {
    throw new KeystoreError(
      'unsupported',
      t('background.keystore.cipher', { cipher: String(cryptoSection.cipher) }),
    );
  }
  const params = cryptoSection.kdfparams as Record<string, unknown> | undefined;
  if (typeof params !== 'object' || params === null)
    throw new KeystoreError('malformed', t('background.keystore.noKdfParams'));
  const iv = unhex((cryptoSection.cipherparams as Record<string, unknown> | undefined)?.iv, 'IV');
  if (iv.length !== 16) throw new KeystoreError('malformed', t('background.keystore.ivLength'));
  const ciphertext = unhex(cryptoSection.ciphertext, 'ciphertext');
  const expectedMac = unhex(cryptoSection.mac, 'MAC');
  const salt = unhex(params.salt, 'salt');
  const dklen = positiveInteger(params.dklen, 'dklen', 64);
  if (dklen < 32) throw new KeystoreError('unsupported', t('background.keystore.dklen'));

  // The file's KDF cost is checked before any derivation: no file may stall the worker (lib/crypto/kdf-limits).
  let derive: () => Promise<Uint8Array<ArrayBuffer>>;
  try {
    if (cryptoSection.kdf === 'pbkdf2') {
      if (params.prf !== 'hmac-sha256')
        throw new KeystoreError('unsupported', t('background.keystore.prf', { prf: String(params.prf) }));
      const iterations = checkPbkdf2Iterations(params.c);
      derive = () => pbkdf2(password, salt, iterations, dklen);
    } else if (cryptoSection.kdf === 'scrypt') {
      const { n, r, p } = checkScryptParams({ n: params.n, r: params.r, p: params.p });
      derive = async () =>
        new Uint8Array(
          await scryptAsync(utf8(password), salt, {
            N: n,
            r,
            p,
            dkLen: dklen,
            maxmem: scryptMemoryBytes(n, r, p),
          }),
        );
    } else {
      throw new KeystoreError(
        'unsupported',
        t('background.keystore.kdf', { kdf: String(cryptoSection.kdf) }),
      );
    }
  } catch (error) {
    if (error instanceof KdfCostError)
      throw new KeystoreError(error.reason === 'malformed' ? 'malformed' : 'unsupported', error.message);
    throw error;
  }
  const derivedKey = await derive();

  const actualMac = mac(derivedKey, ciphertext);
  if (actualMac.length !== expectedMac.length || actualMac.some((byte, i) => byte !== expectedMac[i])) {
    derivedKey.fill(0);
    throw new KeystoreError('wrong-password', t('background.keystore.wrongPassword'));
  }
  const secret = await aes128Ctr(derivedKey.slice(0, 16), iv, ciphertext);
  derivedKey.fill(0);
  const kind = file.kind === 'solana' ? 'solana' : 'evm';
  return { secret, address: typeof file.address === 'string' ? file.address : '', kind };
}
