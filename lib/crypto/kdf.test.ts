import { describe, expect, it } from 'vitest';
import { importAesKey, open, seal } from './aead';
import { fromBase64, randomBytes, utf8 } from './bytes';
import { derivePasswordKey, newPbkdf2Params, PBKDF2_MIN_ITERATIONS } from './kdf';

describe('PBKDF2 parameters', () => {
  it('default to OWASP’s 600,000 iterations of HMAC-SHA256 with a random 16-byte salt', () => {
    const a = newPbkdf2Params();
    const b = newPbkdf2Params();
    expect(PBKDF2_MIN_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    expect(a).toMatchObject({ name: 'PBKDF2', hash: 'SHA-256', iterations: 600_000 });
    expect(fromBase64(a.salt)).toHaveLength(16);
    expect(a.salt).not.toBe(b.salt);
  });

  it('derive the same key from the same password and parameters, another from another salt or password', async () => {
    const params = newPbkdf2Params(1000);
    const secret = randomBytes(32);
    const sealed = await seal(await derivePasswordKey('correct horse', params), secret, 'k');
    expect(await open(await derivePasswordKey('correct horse', params), sealed, 'k')).toEqual(secret);
    await expect(open(await derivePasswordKey('correct horsE', params), sealed, 'k')).rejects.toThrow();
    await expect(
      open(
        await derivePasswordKey('correct horse', { ...params, salt: newPbkdf2Params().salt }),
        sealed,
        'k',
      ),
    ).rejects.toThrow();
    await expect(
      open(await derivePasswordKey('correct horse', { ...params, iterations: 1001 }), sealed, 'k'),
    ).rejects.toThrow();
  });

  it('match an independent PBKDF2-HMAC-SHA256 computation (RFC 7914 §11 vector)', async () => {
    // Derive raw bits the same way derivePasswordKey does and compare with the published vector.
    const base = await crypto.subtle.importKey('raw', utf8('passwd'), 'PBKDF2', false, ['deriveBits']);
    const bits = await crypto.subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', iterations: 1, salt: utf8('salt') },
      base,
      512,
    );
    expect(Buffer.from(bits).toString('hex')).toBe(
      '55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783',
    );
    // And the key derivePasswordKey returns is that key: it decrypts what the raw first 32 bytes encrypted.
    const raw = new Uint8Array(bits).slice(0, 32);
    const sealed = await seal(await importAesKey(raw), utf8('x'), 'v');
    const derived = await derivePasswordKey('passwd', {
      name: 'PBKDF2',
      hash: 'SHA-256',
      iterations: 1,
      salt: btoa('salt'),
    });
    expect(new TextDecoder().decode(await open(derived, sealed, 'v'))).toBe('x');
  });

  it('refuse unsupported or nonsensical parameters', async () => {
    const params = newPbkdf2Params(1000);
    await expect(derivePasswordKey('pw', { ...params, iterations: 0 })).rejects.toThrow(/cost/);
    await expect(derivePasswordKey('pw', { ...params, hash: 'SHA-1' as 'SHA-256' })).rejects.toThrow(/KDF/);
  });
});
