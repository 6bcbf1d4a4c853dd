import * as v from 'valibot';
import { DecryptionError, open, seal } from '@/lib/crypto/aead';
import { utf8 } from '@/lib/crypto/bytes';
import { derivePasswordKey, newPbkdf2Params, PBKDF2_MIN_ITERATIONS } from '@/lib/crypto/kdf';
import { checkPbkdf2Iterations, KdfCostError, MAX_PBKDF2_ITERATIONS } from '@/lib/crypto/kdf-limits';
import { VaultError } from './errors';
import { t } from '@/lib/i18n';

/**
 * The whole-vault backup file (docs/backup-format.md): every account with its key, as JSON encrypted with
 * AES-256-GCM under a PBKDF2-SHA256 key from a password the trader chooses for the file.
 */

export const BACKUP_FORMAT = 'aster-companion-vault-backup';
export const BACKUP_VERSION = 1;
/** The file's header, bound to the ciphertext as associated data: a changed header fails to decrypt. */
const backupAad = (version: number) => `${BACKUP_FORMAT}/v${version}`;

const base64 = v.pipe(v.string(), v.regex(/^[A-Za-z0-9+/]*={0,2}$/));

const backupFileSchema = v.object({
  format: v.literal(BACKUP_FORMAT),
  version: v.number(),
  createdAt: v.string(),
  kdf: v.object({
    name: v.literal('PBKDF2'),
    hash: v.literal('SHA-256'),
    iterations: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_PBKDF2_ITERATIONS)),
    salt: base64,
  }),
  cipher: v.object({ name: v.literal('AES-256-GCM'), iv: base64 }),
  ciphertext: base64,
});

export type BackupFile = v.InferOutput<typeof backupFileSchema>;

const backupAccountSchema = v.object({
  address: v.pipe(v.string(), v.maxLength(100)),
  kind: v.picklist(['evm', 'solana']),
  role: v.picklist(['master', 'sub']),
  /** The master's address, for a sub-account. */
  parentAddress: v.nullable(v.pipe(v.string(), v.maxLength(100))),
  name: v.pipe(v.string(), v.maxLength(64)),
  status: v.picklist(['NORMAL', 'FROZEN']),
  backedUp: v.boolean(),
  /** EVM: 0x + 64 hex; Solana: 0x + 64 hex of the 32-byte seed; null for watch-only. */
  key: v.nullable(v.pipe(v.string(), v.regex(/^0x[0-9a-f]{64}$/))),
  createdAt: v.number(),
});

export const backupPayloadSchema = v.object({
  accounts: v.pipe(v.array(backupAccountSchema), v.maxLength(10_000)),
});

export type BackupAccount = v.InferOutput<typeof backupAccountSchema>;
export type BackupPayload = v.InferOutput<typeof backupPayloadSchema>;

export async function encryptBackup(
  payload: BackupPayload,
  password: string,
  now = new Date(),
): Promise<BackupFile> {
  const kdf = newPbkdf2Params(PBKDF2_MIN_ITERATIONS);
  const plaintext = utf8(JSON.stringify(payload));
  const sealed = await seal(await derivePasswordKey(password, kdf), plaintext, backupAad(BACKUP_VERSION));
  plaintext.fill(0);
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: now.toISOString(),
    kdf,
    cipher: { name: 'AES-256-GCM', iv: sealed.iv },
    ciphertext: sealed.ciphertext,
  };
}

/** A KDF cost above the cap is refused in words before any derivation (lib/crypto/kdf-limits). */
function refuseCostlyKdf(json: unknown): void {
  const kdf = (json as { kdf?: unknown }).kdf;
  if (typeof kdf !== 'object' || kdf === null || !Object.hasOwn(kdf, 'iterations')) return;
  try {
    checkPbkdf2Iterations((kdf as { iterations: unknown }).iterations);
  } catch (error) {
    if (error instanceof KdfCostError && error.reason === 'too-costly')
      throw new VaultError('invalid-input', t('errors.vault.backup.tooCostly', { reason: error.message }));
    // A malformed count is reported with the file's other malformed fields.
  }
}

/** Opens a backup file's text; every failure is a VaultError saying what is wrong with the file. */
export async function decryptBackup(text: string, password: string): Promise<BackupPayload> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new VaultError('invalid-input', t('errors.vault.backup.notJson'));
  }
  const header = v.safeParse(v.object({ format: v.literal(BACKUP_FORMAT), version: v.number() }), json);
  if (!header.success) throw new VaultError('invalid-input', t('errors.vault.backup.notBackup'));
  if (header.output.version > BACKUP_VERSION) {
    throw new VaultError('newer-format', t('errors.vault.backup.newer'));
  }
  refuseCostlyKdf(json);
  const file = v.safeParse(backupFileSchema, json);
  if (!file.success || file.output.version !== BACKUP_VERSION) {
    throw new VaultError('invalid-input', t('errors.vault.backup.damagedFields'));
  }
  let plaintext: Uint8Array;
  try {
    const key = await derivePasswordKey(password, file.output.kdf);
    plaintext = await open(
      key,
      { iv: file.output.cipher.iv, ciphertext: file.output.ciphertext },
      backupAad(file.output.version),
    );
  } catch (error) {
    if (error instanceof DecryptionError) {
      throw new VaultError('wrong-password', t('errors.vault.backup.wrongPassword'));
    }
    throw new VaultError('invalid-input', t('errors.vault.backup.damaged'));
  }
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder().decode(plaintext));
  } finally {
    plaintext.fill(0);
  }
  const parsed = v.safeParse(backupPayloadSchema, payload);
  if (!parsed.success) throw new VaultError('invalid-input', t('errors.vault.backup.malformed'));
  return parsed.output;
}
