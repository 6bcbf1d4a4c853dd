import { DecryptionError, importAesKey, open, seal } from '@/lib/crypto/aead';
import { fromBase64, randomBytes, toBase64, wipe } from '@/lib/crypto/bytes';
import {
  derivePasswordKey,
  newPbkdf2Params,
  PBKDF2_MIN_ITERATIONS,
  type Pbkdf2Params,
} from '@/lib/crypto/kdf';
import { checkPasswordPolicy } from '@/lib/password/strength';
import {
  VAULT_FORMAT_VERSION,
  VaultDatabase,
  type SecretRecord,
  type UnlockThrottle,
  type VaultRecord,
  type VaultSettings,
} from './db';
import { VaultError } from './errors';
import {
  browserSessionStore,
  mirroredSessionStore,
  type SessionStore,
  type UnlockedSession,
} from './session';
import { DEFAULT_SETTINGS, isAutoLockChoice } from './settings';
import { unlockDelayMs } from './throttle';
import { t } from '@/lib/i18n';

export type VaultStatus = 'uninitialized' | 'locked' | 'unlocked';

export interface VaultState {
  status: VaultStatus;
  /** Epoch ms of the next auto-lock while unlocked; null when unlocked without auto-lock or when locked. */
  lockDeadline: number | null;
}

export interface VaultOptions {
  db?: VaultDatabase;
  session?: SessionStore;
  now?: () => number;
  /** The PBKDF2 cost new and re-encrypted vaults get. Only tests pass a lower one. */
  kdfIterations?: number;
  /** Called after every change of status or deadline (the background schedules its alarm from it). */
  onStateChange?: (state: VaultState) => void;
}

/** Associated data: binds each ciphertext to its vault and its record. */
const dataKeyAad = (vaultId: string) => `aster-companion/v1/data-key/${vaultId}`;
const secretAad = (vaultId: string, secretId: string) => `aster-companion/v1/secret/${vaultId}/${secretId}`;

const DEADLINE_WRITE_SLACK_MS = 1_000;

/**
 * The encrypted vault: a random 256-bit data key, wrapped under a PBKDF2 password key, encrypts every secret
 * with AES-256-GCM. Lives in the background only.
 */
export class Vault {
  private readonly db: VaultDatabase;
  private readonly session: SessionStore;
  private readonly now: () => number;
  private readonly kdfIterations: number;
  private readonly onStateChange: (state: VaultState) => void;
  /** This worker's imported data key; rebuilt from storage.session after a worker restart. */
  private cachedKey: { vaultId: string; key: CryptoKey } | null = null;
  /** The settings as last read or written by this worker (every activity reads them to push the deadline). */
  private cachedSettings: VaultSettings | null = null;
  /** Serialises every operation that changes the vault or the session. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: VaultOptions = {}) {
    this.db = options.db ?? new VaultDatabase();
    this.session = mirroredSessionStore(options.session ?? browserSessionStore);
    this.now = options.now ?? Date.now;
    this.kdfIterations = options.kdfIterations ?? PBKDF2_MIN_ITERATIONS;
    this.onStateChange = options.onStateChange ?? (() => {});
  }

  get database(): VaultDatabase {
    return this.db;
  }

  async state(): Promise<VaultState> {
    if (!(await this.db.vault.get('vault'))) return { status: 'uninitialized', lockDeadline: null };
    const session = await this.liveSession();
    return session
      ? { status: 'unlocked', lockDeadline: session.deadline }
      : { status: 'locked', lockDeadline: null };
  }

  create(password: string): Promise<void> {
    return this.exclusive(async () => {
      const policy = checkPasswordPolicy(password);
      if (!policy.ok) throw new VaultError('weak-password', policy.reason);
      if (await this.db.vault.get('vault'))
        throw new VaultError('already-initialized', t('errors.vault.exists'));
      const dataKey = randomBytes(32);
      try {
        const vaultId = crypto.randomUUID();
        const kdf = newPbkdf2Params(this.kdfIterations);
        const wrappedDataKey = await seal(
          await derivePasswordKey(password, kdf),
          dataKey,
          dataKeyAad(vaultId),
        );
        const now = this.now();
        const record: VaultRecord = {
          id: 'vault',
          formatVersion: VAULT_FORMAT_VERSION,
          vaultId,
          kdf,
          wrappedDataKey,
          createdAt: now,
          updatedAt: now,
        };
        await this.db.transaction('rw', this.db.vault, this.db.meta, async () => {
          if (await this.db.vault.get('vault'))
            throw new VaultError('already-initialized', t('errors.vault.exists'));
          await this.db.vault.add(record);
          await this.db.putMeta('unlockThrottle', { failures: 0, retryAt: 0 });
          if (!(await this.db.getMeta('settings'))) await this.db.putMeta('settings', DEFAULT_SETTINGS);
        });
        await this.startSession(vaultId, dataKey);
      } finally {
        wipe(dataKey);
      }
    });
  }

  unlock(password: string): Promise<void> {
    return this.exclusive(async () => {
      const record = await this.readRecord();
      const dataKey = await this.checkPassword(record, password);
      try {
        if (record.kdf.iterations < this.kdfIterations) {
          // The stored cost is below today's: re-encrypt the data key at the new cost while we hold it.
          await this.rewrap(record, password, dataKey);
        }
        await this.startSession(record.vaultId, dataKey);
      } finally {
        wipe(dataKey);
      }
    });
  }

  lock(): Promise<void> {
    return this.exclusive(() => this.lockNow());
  }

  /** Locks if the idle deadline has passed; the auto-lock alarm and every wake-up call it. */
  lockIfExpired(): Promise<boolean> {
    return this.exclusive(async () => {
      const session = await this.session.get();
      if (!session || session.deadline === null || this.now() < session.deadline) return false;
      await this.lockNow();
      return true;
    });
  }

  /** Marks the trader's activity: pushes the auto-lock deadline back by the chosen idle period. */
  touch(): Promise<void> {
    return this.exclusive(async () => {
      const session = await this.liveSession();
      if (!session) return;
      const deadline = await this.nextDeadline();
      if (deadline === session.deadline) return;
      if (
        deadline !== null &&
        session.deadline !== null &&
        deadline - session.deadline < DEADLINE_WRITE_SLACK_MS
      )
        return;
      await this.session.set({ ...session, deadline });
      this.onStateChange({ status: 'unlocked', lockDeadline: deadline });
    });
  }

  /** Re-wraps the data key under the new password; the secrets themselves are not touched. */
  changePassword(oldPassword: string, newPassword: string): Promise<void> {
    return this.exclusive(async () => {
      const policy = checkPasswordPolicy(newPassword);
      if (!policy.ok) throw new VaultError('weak-password', policy.reason);
      const record = await this.readRecord();
      const dataKey = await this.checkPassword(record, oldPassword);
      try {
        await this.rewrap(record, newPassword, dataKey);
      } finally {
        wipe(dataKey);
      }
    });
  }

  /** Checks the password again (throttled like an unlock) before a key is revealed or exported. */
  verifyPassword(password: string): Promise<void> {
    return this.exclusive(async () => {
      await this.unlockedKey();
      wipe(await this.checkPassword(await this.readRecord(), password));
    });
  }

  /**
   * Wipes every record of the vault and ends the session. `alsoWipe` (the rest of the extension's storage)
   * runs inside the same queued operation, so a vault created right after cannot be wiped by it.
   */
  reset(alsoWipe: () => Promise<void> = async () => undefined): Promise<void> {
    return this.exclusive(async () => {
      await this.db.transaction('rw', this.db.tables, async () => {
        await Promise.all(this.db.tables.map((table) => table.clear()));
      });
      this.cachedSettings = null;
      await this.session.clear();
      this.cachedKey = null;
      await alsoWipe();
      this.onStateChange({ status: 'uninitialized', lockDeadline: null });
    });
  }

  async settings(): Promise<VaultSettings> {
    this.cachedSettings ??= (await this.db.getMeta('settings')) ?? DEFAULT_SETTINGS;
    return this.cachedSettings;
  }

  setAutoLock(autoLockMs: number | null): Promise<void> {
    return this.exclusive(async () => {
      if (!isAutoLockChoice(autoLockMs))
        throw new VaultError('corrupt', t('errors.vault.autoLockNotOffered'));
      const settings = { ...(await this.settings()), autoLockMs };
      this.cachedSettings = null;
      await this.db.putMeta('settings', settings);
      this.cachedSettings = settings;
      const session = await this.liveSession();
      if (!session) return;
      const deadline = autoLockMs === null ? null : this.now() + autoLockMs;
      await this.session.set({ ...session, deadline });
      this.onStateChange({ status: 'unlocked', lockDeadline: deadline });
    });
  }

  /** Milliseconds until another unlock attempt is allowed (0 when allowed now). */
  async unlockRetryAfterMs(): Promise<number> {
    const throttle = await this.db.getMeta('unlockThrottle');
    return Math.max(0, (throttle?.retryAt ?? 0) - this.now());
  }

  /** Encrypts a secret for `id` without storing it, so callers can write it in their own transaction. */
  async sealSecret(id: string, plaintext: Uint8Array<ArrayBuffer>): Promise<SecretRecord> {
    const { vaultId, key } = await this.unlockedKey();
    return { id, sealed: await seal(key, plaintext, secretAad(vaultId, id)), updatedAt: this.now() };
  }

  async putSecret(id: string, plaintext: Uint8Array<ArrayBuffer>): Promise<void> {
    const record = await this.sealSecret(id, plaintext);
    await this.db.secrets.put(record);
  }

  /** Decrypts one secret. The caller wipes the returned bytes when done. */
  async getSecret(id: string): Promise<Uint8Array<ArrayBuffer>> {
    const [{ vaultId, key }, record] = await Promise.all([this.unlockedKey(), this.db.secrets.get(id)]);
    if (!record) throw new VaultError('not-found', t('errors.vault.noSecret'));
    try {
      return await open(key, record.sealed, secretAad(vaultId, id));
    } catch (error) {
      if (error instanceof DecryptionError) {
        throw new VaultError('corrupt', t('errors.vault.secretIntegrity'));
      }
      throw error;
    }
  }

  async deleteSecret(id: string): Promise<void> {
    await this.unlockedKey();
    await this.db.secrets.delete(id);
  }

  private exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.queue.then(operation, operation);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async readRecord(): Promise<VaultRecord> {
    const record = await this.db.vault.get('vault');
    if (!record) throw new VaultError('uninitialized', t('errors.vault.uninitialized'));
    if (record.formatVersion > VAULT_FORMAT_VERSION) {
      throw new VaultError('newer-format', t('errors.vault.newerVault'));
    }
    return record;
  }

  /**
   * Unwraps the data key with `password`, throttled: each attempt counts as a failure until it succeeds (a
   * worker killed mid-attempt still counts it), and the delay is persisted in IndexedDB, so no restart resets it.
   */
  private async checkPassword(record: VaultRecord, password: string): Promise<Uint8Array<ArrayBuffer>> {
    const now = this.now();
    const throttle: UnlockThrottle = (await this.db.getMeta('unlockThrottle')) ?? { failures: 0, retryAt: 0 };
    if (now < throttle.retryAt) {
      const wait = throttle.retryAt - now;
      throw new VaultError(
        'locked-out',
        t('errors.vault.throttled', { seconds: Math.ceil(wait / 1000) }),
        wait,
      );
    }
    const failures = throttle.failures + 1;
    const pending: UnlockThrottle = { failures, retryAt: now + unlockDelayMs(failures) };
    // The failure is recorded alongside the KDF and awaited before any answer, so no outcome is learnt
    // without it being counted.
    const [, outcome] = await Promise.all([
      this.db.putMeta('unlockThrottle', pending),
      derivePasswordKey(password, record.kdf)
        .then((passwordKey) => open(passwordKey, record.wrappedDataKey, dataKeyAad(record.vaultId)))
        .then(
          (dataKey) => ({ dataKey }),
          (error: unknown) => ({ error }),
        ),
    ]);
    if ('error' in outcome) {
      if (!(outcome.error instanceof DecryptionError)) throw outcome.error;
      const wait = pending.retryAt - now;
      throw new VaultError(
        'wrong-password',
        wait > 0
          ? t('errors.vault.wrongPasswordWait', { seconds: Math.ceil(wait / 1000) })
          : t('errors.vault.wrongPassword'),
        wait,
      );
    }
    await this.db.putMeta('unlockThrottle', { failures: 0, retryAt: 0 });
    return outcome.dataKey;
  }

  /** Writes the data key wrapped under `password` at today's cost, in one transaction, if nobody wrote since. */
  private async rewrap(
    record: VaultRecord,
    password: string,
    dataKey: Uint8Array<ArrayBuffer>,
  ): Promise<void> {
    const kdf: Pbkdf2Params = newPbkdf2Params(Math.max(this.kdfIterations, record.kdf.iterations));
    const wrappedDataKey = await seal(
      await derivePasswordKey(password, kdf),
      dataKey,
      dataKeyAad(record.vaultId),
    );
    await this.db.transaction('rw', this.db.vault, async () => {
      const current = await this.db.vault.get('vault');
      if (!current || current.updatedAt !== record.updatedAt || current.vaultId !== record.vaultId) {
        throw new VaultError('conflict', t('errors.vault.conflict'));
      }
      await this.db.vault.put({
        ...record,
        kdf,
        wrappedDataKey,
        updatedAt: Math.max(this.now(), record.updatedAt + 1),
      });
    });
  }

  private async startSession(vaultId: string, dataKey: Uint8Array<ArrayBuffer>): Promise<void> {
    const [deadline, key] = await Promise.all([this.nextDeadline(), importAesKey(dataKey)]);
    await this.session.set({ vaultId, dataKey: toBase64(dataKey), deadline });
    this.cachedKey = { vaultId, key };
    this.onStateChange({ status: 'unlocked', lockDeadline: deadline });
  }

  private async nextDeadline(): Promise<number | null> {
    const { autoLockMs } = await this.settings();
    return autoLockMs === null ? null : this.now() + autoLockMs;
  }

  private async lockNow(): Promise<void> {
    this.cachedKey = null;
    await this.session.clear();
    this.onStateChange({ status: 'locked', lockDeadline: null });
  }

  /** The session if unlocked and not past its deadline (a worker asleep at the deadline locks on waking). */
  private async liveSession(): Promise<UnlockedSession | undefined> {
    const session = await this.session.get();
    if (!session) return undefined;
    if (session.deadline !== null && this.now() >= session.deadline) {
      // Not through `exclusive`: this runs inside queued operations too, and locking twice is harmless.
      await this.lockNow();
      return undefined;
    }
    return session;
  }

  private async unlockedKey(): Promise<{ vaultId: string; key: CryptoKey }> {
    const session = await this.liveSession();
    if (!session) {
      this.cachedKey = null;
      throw new VaultError('locked', t('errors.vault.locked'));
    }
    if (this.cachedKey?.vaultId === session.vaultId) return this.cachedKey;
    const raw = fromBase64(session.dataKey);
    try {
      this.cachedKey = { vaultId: session.vaultId, key: await importAesKey(raw) };
    } finally {
      wipe(raw);
    }
    return this.cachedKey;
  }
}
