import { describe, expect, it, vi } from 'vitest';
import { seal } from '@/lib/crypto/aead';
import { utf8 } from '@/lib/crypto/bytes';
import { derivePasswordKey } from '@/lib/crypto/kdf';
import { decryptBackup, encryptBackup, type BackupFile } from './backup';
import { VaultError } from './errors';

const PAYLOAD = { accounts: [] };

async function refusal(promise: Promise<unknown>): Promise<VaultError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VaultError);
  return error as VaultError;
}

describe('backup files: the KDF cost a file may ask for (lib/crypto/kdf-limits)', () => {
  const withIterations = (file: BackupFile, iterations: unknown) =>
    JSON.stringify({ ...file, kdf: { ...file.kdf, iterations } });

  it('opens a file at the cap', async () => {
    const file = await encryptBackup(PAYLOAD, 'file password');
    // The same payload sealed under a key derived at the cap (what encryptBackup does, at 5,000,000).
    const kdf = { ...file.kdf, iterations: 5_000_000 };
    const sealed = await seal(
      await derivePasswordKey('file password', kdf),
      utf8(JSON.stringify(PAYLOAD)),
      'aster-companion-vault-backup/v1',
    );
    const atCap = { ...file, kdf, cipher: { ...file.cipher, iv: sealed.iv }, ciphertext: sealed.ciphertext };
    expect(await decryptBackup(JSON.stringify(atCap), 'file password')).toEqual(PAYLOAD);
  });

  it.each([
    ['one above the cap', 5_000_001, /asks for 5,000,001 PBKDF2 iterations; .*at most 5,000,000/],
    ['2^40', 2 ** 40, /1,099,511,627,776 PBKDF2 iterations/],
    ['a negative count', -600_000, /damaged/],
    ['a fractional count', 600_000.5, /damaged/],
    ['a count as a string', '600000', /damaged/],
    ['no count', undefined, /damaged/],
  ])('refuses %s in words, at once', async (_, iterations, words) => {
    const file = await encryptBackup(PAYLOAD, 'file password');
    // "At once": refused before any key derivation starts (no PBKDF2 run at the file's cost).
    const derive = vi.spyOn(crypto.subtle, 'deriveKey');
    try {
      const error = await refusal(decryptBackup(withIterations(file, iterations), 'file password'));
      expect([error.code, error.message]).toEqual(['invalid-input', expect.stringMatching(words)]);
      expect(derive).not.toHaveBeenCalled();
    } finally {
      derive.mockRestore();
    }
  });
});
