import { describe, expect, it } from 'vitest';
import { DecryptionError, importAesKey, open, seal } from './aead';
import { fromBase64, randomBytes, toBase64, utf8 } from './bytes';

const plaintext = utf8('0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318');

describe('seal / open', () => {
  it('round-trips with a fresh IV every time', async () => {
    const key = await importAesKey(randomBytes(32));
    const a = await seal(key, plaintext, 'record-1');
    const b = await seal(key, plaintext, 'record-1');
    expect(a.iv).not.toBe(b.iv);
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(fromBase64(a.iv)).toHaveLength(12);
    // 16 bytes of GCM tag follow the ciphertext.
    expect(fromBase64(a.ciphertext)).toHaveLength(plaintext.length + 16);
    expect(await open(key, a, 'record-1')).toEqual(plaintext);
    expect(await open(key, b, 'record-1')).toEqual(plaintext);
  });

  it('refuses another key', async () => {
    const sealed = await seal(await importAesKey(randomBytes(32)), plaintext, 'r');
    await expect(open(await importAesKey(randomBytes(32)), sealed, 'r')).rejects.toBeInstanceOf(
      DecryptionError,
    );
  });

  it('refuses a ciphertext moved onto another record (associated data)', async () => {
    const key = await importAesKey(randomBytes(32));
    const sealed = await seal(key, plaintext, 'record-1');
    await expect(open(key, sealed, 'record-2')).rejects.toBeInstanceOf(DecryptionError);
  });

  it('refuses every single-byte change of IV, ciphertext and tag', async () => {
    const key = await importAesKey(randomBytes(32));
    const sealed = await seal(key, plaintext, 'r');
    for (const field of ['iv', 'ciphertext'] as const) {
      const bytes = fromBase64(sealed[field]);
      for (let i = 0; i < bytes.length; i++) {
        const tampered = bytes.slice();
        tampered[i]! ^= 0x01;
        await expect(open(key, { ...sealed, [field]: toBase64(tampered) }, 'r')).rejects.toBeInstanceOf(
          DecryptionError,
        );
      }
    }
  });

  it('refuses truncated, extended and malformed fields', async () => {
    const key = await importAesKey(randomBytes(32));
    const sealed = await seal(key, plaintext, 'r');
    const ct = fromBase64(sealed.ciphertext);
    const variants = [
      { ...sealed, ciphertext: toBase64(ct.slice(0, -1)) },
      { ...sealed, ciphertext: toBase64(new Uint8Array([...ct, 0])) },
      { ...sealed, ciphertext: '' },
      { ...sealed, iv: toBase64(fromBase64(sealed.iv).slice(0, 11)) },
      { ...sealed, iv: 'not base64!' },
      { ...sealed, ciphertext: sealed.ciphertext.slice(1) },
    ];
    for (const variant of variants) {
      await expect(open(key, variant, 'r')).rejects.toBeInstanceOf(DecryptionError);
    }
  });

  it('only takes 256-bit keys', async () => {
    expect(() => importAesKey(randomBytes(16))).toThrow(/32 bytes/);
  });
});
