import { decryptKeystoreJsonSync, encryptKeystoreJsonSync, Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './bytes';
import { decryptKeystore, encryptKeystore, KeystoreError, type KeystoreV3 } from './keystore';

// The Web3 Secret Storage definition's published PBKDF2-SHA-256 test vector.
const SPEC_VECTOR = {
  crypto: {
    cipher: 'aes-128-ctr',
    cipherparams: { iv: '6087dab2f9fdbbfaddc31a909735c1e6' },
    ciphertext: '5318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46',
    kdf: 'pbkdf2',
    kdfparams: {
      c: 262144,
      dklen: 32,
      prf: 'hmac-sha256',
      salt: 'ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd',
    },
    mac: '517ead924a9d0dc3124507e3393d175ce3ff7c1e96529c6c555ce9e51205e9b2',
  },
  id: '3198bc9c-6672-5ab3-d995-4942343ae5b6',
  version: 3,
};
const SPEC_KEY = '7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d';
const KEY = fromHex('4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318');
const ADDRESS = new Wallet(`0x${toHex(KEY)}`).address;

async function keystoreError(promise: Promise<unknown>): Promise<KeystoreError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KeystoreError);
  return error as KeystoreError;
}

describe('keystore v3', () => {
  it('opens the published Web3 Secret Storage test vector', async () => {
    const { secret, kind } = await decryptKeystore(JSON.stringify(SPEC_VECTOR), 'testpassword');
    expect(toHex(secret)).toBe(SPEC_KEY);
    expect(kind).toBe('evm');
  });

  it('writes files that an independent implementation (ethers) opens to the same key and address', async () => {
    const file = await encryptKeystore(KEY, 'file password', ADDRESS, { iterations: 10_000 });
    const account = decryptKeystoreJsonSync(JSON.stringify(file), 'file password');
    expect(account.privateKey).toBe(`0x${toHex(KEY)}`);
    expect(account.address).toBe(ADDRESS);
    expect(file.address).toBe(ADDRESS.slice(2).toLowerCase());
  });

  it('writes PBKDF2-SHA256 at 600,000 iterations with fresh salt and IV by default', async () => {
    const a = await encryptKeystore(KEY, 'pw', ADDRESS);
    const b = await encryptKeystore(KEY, 'pw', ADDRESS);
    expect(a.crypto.kdf).toBe('pbkdf2');
    expect(a.crypto.kdfparams).toMatchObject({ c: 600_000, dklen: 32, prf: 'hmac-sha256' });
    expect(a.crypto.cipherparams.iv).not.toBe(b.crypto.cipherparams.iv);
    expect(a.crypto.ciphertext).not.toBe(b.crypto.ciphertext);
  });

  it('opens an ethers-written scrypt file', async () => {
    const json = encryptKeystoreJsonSync({ address: ADDRESS, privateKey: `0x${toHex(KEY)}` }, 'scrypt pw', {
      scrypt: { N: 1 << 12 },
    });
    const { secret, address } = await decryptKeystore(json, 'scrypt pw');
    expect(secret).toEqual(KEY);
    expect(address.toLowerCase()).toBe(ADDRESS.slice(2).toLowerCase());
  });

  it('round-trips a Solana seed with its kind and Base58 address', async () => {
    const seed = fromHex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
    const file = await encryptKeystore(seed, 'pw', 'SoLaNaAddRess', { kind: 'solana', iterations: 1000 });
    expect(file.kind).toBe('solana');
    expect(file.address).toBe('SoLaNaAddRess');
    const opened = await decryptKeystore(JSON.stringify(file), 'pw');
    expect(opened).toEqual({ secret: seed, address: 'SoLaNaAddRess', kind: 'solana' });
  });

  it('refuses a wrong password and every single-byte change of ciphertext, MAC, IV and salt', async () => {
    const file = await encryptKeystore(KEY, 'pw', ADDRESS, { iterations: 1000 });
    expect((await keystoreError(decryptKeystore(file, 'wrong'))).code).toBe('wrong-password');
    const fields: [string, (f: KeystoreV3, v: string) => void, string][] = [
      ['ciphertext', (f, v) => (f.crypto.ciphertext = v), file.crypto.ciphertext],
      ['mac', (f, v) => (f.crypto.mac = v), file.crypto.mac],
      ['iv', (f, v) => (f.crypto.cipherparams.iv = v), file.crypto.cipherparams.iv],
      ['salt', (f, v) => (f.crypto.kdfparams.salt = v), file.crypto.kdfparams.salt],
    ];
    for (const [, set, original] of fields) {
      for (let i = 0; i < original.length / 2; i++) {
        const bytes = fromHex(original);
        bytes[i]! ^= 1;
        const tampered = structuredClone(file);
        set(tampered, toHex(bytes));
        const opened = await decryptKeystore(tampered, 'pw').then(
          (r) => r.secret,
          () => null,
        );
        // An altered IV still passes the MAC (it does not cover the IV) but can never yield the key.
        expect(opened === null || toHex(opened) !== toHex(KEY)).toBe(true);
      }
    }
  });

  it.each([
    ['not JSON', '{"version": 3,', 'malformed'],
    ['not a key file', '42', 'malformed'],
    ['another version', JSON.stringify({ ...SPEC_VECTOR, version: 1 }), 'unsupported'],
    ['no crypto', JSON.stringify({ version: 3 }), 'malformed'],
    [
      'another cipher',
      JSON.stringify({ ...SPEC_VECTOR, crypto: { ...SPEC_VECTOR.crypto, cipher: 'aes-128-cbc' } }),
      'unsupported',
    ],
    [
      'another KDF',
      JSON.stringify({ ...SPEC_VECTOR, crypto: { ...SPEC_VECTOR.crypto, kdf: 'argon2' } }),
      'unsupported',
    ],
    [
      'a hostile cost',
      JSON.stringify({
        ...SPEC_VECTOR,
        crypto: { ...SPEC_VECTOR.crypto, kdfparams: { ...SPEC_VECTOR.crypto.kdfparams, c: 1e12 } },
      }),
      'unsupported',
    ],
    [
      'a bad IV',
      JSON.stringify({ ...SPEC_VECTOR, crypto: { ...SPEC_VECTOR.crypto, cipherparams: { iv: 'zz' } } }),
      'malformed',
    ],
    [
      'a short IV',
      JSON.stringify({ ...SPEC_VECTOR, crypto: { ...SPEC_VECTOR.crypto, cipherparams: { iv: 'abcd' } } }),
      'malformed',
    ],
  ])('refuses %s with a clear error', async (_, text, code) => {
    const error = await keystoreError(decryptKeystore(text, 'testpassword'));
    expect(error.code).toBe(code);
    expect(error.message.length).toBeGreaterThan(10);
  });
});

describe('keystore v3: KDF cost a file may ask for (lib/crypto/kdf-limits)', () => {
  const withPbkdf2 = (c: unknown) =>
    JSON.stringify({
      ...SPEC_VECTOR,
      crypto: { ...SPEC_VECTOR.crypto, kdfparams: { ...SPEC_VECTOR.crypto.kdfparams, c } },
    });
  const withScrypt = (params: Record<string, unknown>) =>
    JSON.stringify({
      ...SPEC_VECTOR,
      crypto: {
        ...SPEC_VECTOR.crypto,
        kdf: 'scrypt',
        kdfparams: { n: 2 ** 18, r: 8, p: 1, dklen: 32, salt: SPEC_VECTOR.crypto.kdfparams.salt, ...params },
      },
    });

  /** The refusal, and how long it took: every refusal comes before any derivation work. */
  async function timedRefusal(text: string) {
    const started = performance.now();
    const error = await keystoreError(decryptKeystore(text, 'testpassword'));
    return { error, ms: performance.now() - started };
  }

  it('opens a file at the PBKDF2 cap', async () => {
    const file = await encryptKeystore(KEY, 'pw', ADDRESS, { iterations: 5_000_000 });
    expect((await decryptKeystore(file, 'pw')).secret).toEqual(KEY);
  });

  it.each([
    ['PBKDF2 one above the cap', withPbkdf2(5_000_001), 'unsupported', /5,000,001 PBKDF2 iterations/],
    ['PBKDF2 2^40', withPbkdf2(2 ** 40), 'unsupported', /at most 5,000,000/],
    ['scrypt N above the memory cap', withScrypt({ n: 2 ** 20 }), 'unsupported', /1,024 MiB of memory/],
    ['scrypt r above the memory cap', withScrypt({ n: 2 ** 19, r: 9 }), 'unsupported', /576 MiB/],
    ['scrypt p above the work cap', withScrypt({ p: 5 }), 'unsupported', /work factor/],
    ['scrypt N = 2^40', withScrypt({ n: 2 ** 40 }), 'malformed', /power of two/],
    ['scrypt r = 2^40', withScrypt({ r: 2 ** 40 }), 'unsupported', /of memory/],
    ['scrypt p = 2^40', withScrypt({ p: 2 ** 40 }), 'unsupported', /work factor/],
    ['a negative count', withPbkdf2(-600_000), 'malformed', /positive whole number/],
    ['a negative N', withScrypt({ n: -(2 ** 18) }), 'malformed', /positive whole number/],
    ['a fractional count', withPbkdf2(262_144.5), 'malformed', /positive whole number/],
    ['a fractional p', withScrypt({ p: 1.5 }), 'malformed', /positive whole number/],
    ['a count as a string', withPbkdf2('262144'), 'malformed', /positive whole number/],
    ['r as a string', withScrypt({ r: '8' }), 'malformed', /positive whole number/],
    ['N not a power of two', withScrypt({ n: 262_143 }), 'malformed', /power of two/],
  ])('refuses %s in words, at once', async (_, text, code, words) => {
    const { error, ms } = await timedRefusal(text);
    expect([error.code, error.message]).toEqual([code, expect.stringMatching(words)]);
    expect(ms).toBeLessThan(50);
  });
});
