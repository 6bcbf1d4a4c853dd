import { checkSubAccountName } from '@/lib/aster/rules';
import { evmAddressOf, sameAccountAddress, solanaAddressOf, type ParsedKey } from '@/lib/accounts/keys';
import { AccountIndex } from '@/lib/accounts/account-index';
import { fromHex, toHex } from '@/lib/crypto/bytes';
import {
  checkMasterName,
  MAX_SUB_ACCOUNTS_PER_MASTER,
  secretIdOf,
  type Account,
  type AccountKind,
  type AccountRole,
  type AccountStatus,
  type BackupMethod,
} from '@/lib/accounts/model';
import Dexie, { type Transaction } from 'dexie';
import type { BackupAccount, BackupPayload } from './backup';
import type { SecretRecord } from './db';
import { VaultError } from './errors';
import type { Vault, VaultState } from './vault';
import { t } from '@/lib/i18n';

export interface NewAccount {
  role: AccountRole;
  /** The master's id, for a sub-account. */
  parentId?: string | null;
  name: string;
  /** The parsed key, or null with `watchAddress` for a watch-only master. */
  key: ParsedKey | null;
  watchAddress?: { kind: AccountKind; address: string };
}

/** What a restore carries over from the backup file instead of a new account's defaults. */
export type AccountOverrides = Partial<Pick<Account, 'status' | 'backup' | 'createdAt'>>;

export interface RestoreReport {
  added: string[];
  skipped: { name: string; reason: string }[];
  conflicts: { name: string; reason: string }[];
}

/**
 * The accounts in the vault: metadata in the `accounts` table, each key a sealed secret beside it, both
 * written in one transaction. Every refusal is a VaultError with the rule that failed, in words.
 */
export class AccountStore {
  /**
   * The accounts as last read, indexed (metadata only, never a key). Switching, every page request and each
   * signing summary read it: with 16 masters × 15 sub-accounts, reading and sorting every record each time
   * made them slower than with one account. Any write to the table drops it (the hooks below, whoever
   * writes), and so do locking and resetting (`onVaultState`).
   */
  private cached: Promise<AccountIndex> | null = null;
  private readonly committedListeners = new Set<() => void>();
  /** Transactions whose commit the listeners already wait for (one notice for a bulk write or a restore). */
  private readonly awaitingCommit = new WeakSet<Transaction>();

  constructor(
    private readonly vault: Vault,
    private readonly now: () => number = Date.now,
  ) {
    // Synchronous with the write, before it commits: a read starting after it waits for the commit.
    const forget = () => this.forget();
    const table = this.db.accounts;
    table.hook('creating', forget);
    table.hook('updating', forget);
    table.hook('deleting', forget);
    // The hooks run before the commit: the listeners wait for it, once per transaction, never for a rollback.
    table.hook('creating', (_key, _record, transaction) => this.notifyAfterCommit(transaction));
    table.hook('updating', (_changes, _key, _record, transaction) => this.notifyAfterCommit(transaction));
    table.hook('deleting', (_key, _record, transaction) => this.notifyAfterCommit(transaction));
  }

  /** Calls `listener` after every committed write to the accounts table; returns the unsubscribe. */
  onCommitted(listener: () => void): () => void {
    this.committedListeners.add(listener);
    return () => this.committedListeners.delete(listener);
  }

  private notifyAfterCommit(transaction: Transaction): void {
    // A nested transaction commits with its outermost one.
    let root = transaction;
    while (root.parent) root = root.parent;
    if (this.awaitingCommit.has(root)) return;
    this.awaitingCommit.add(root);
    root.on('complete', () => {
      for (const listener of this.committedListeners) listener();
    });
  }

  private get db() {
    return this.vault.database;
  }

  /** Drops the cached accounts: the next read goes to the database. */
  forget(): void {
    this.cached = null;
  }

  /** Follows the vault (the background wires it): locked or reset, the worker keeps no copy of the accounts. */
  onVaultState(state: VaultState): void {
    if (state.status !== 'unlocked') this.forget();
  }

  /** The accounts, indexed: from the cache, or read once for every caller that asks meanwhile. */
  async index(): Promise<AccountIndex> {
    // Inside a transaction the reads see its uncommitted writes: never cache those.
    if (Dexie.currentTransaction) return new AccountIndex(await this.db.accounts.toArray());
    if (this.cached) return this.cached;
    const reading = this.db.accounts.toArray().then((records) => new AccountIndex(records));
    this.cached = reading;
    reading.catch(() => {
      if (this.cached === reading) this.cached = null;
    });
    return reading;
  }

  /** Masters in the order they were added, each followed by its sub-accounts. */
  async list(): Promise<Account[]> {
    return [...(await this.index()).list];
  }

  async get(id: string): Promise<Account> {
    const account = await this.find(id);
    if (!account) throw new VaultError('not-found', t('errors.vault.notFound'));
    return account;
  }

  /** The account with this id, or undefined. */
  async find(id: string): Promise<Account | undefined> {
    return (await this.index()).get(id);
  }

  /** Refuses what Aster's rules or the vault's own forbid; returns the validated record. */
  private validate(
    existing: Account[],
    candidate: NewAccount,
  ): Omit<Account, 'id' | 'createdAt' | 'updatedAt'> {
    const kind = candidate.key?.kind ?? candidate.watchAddress?.kind;
    const address = candidate.key?.address ?? candidate.watchAddress?.address;
    if (!kind || !address) throw new VaultError('invalid-input', t('errors.vault.keyOrAddress'));
    const duplicate = existing.find((a) => a.kind === kind && sameAccountAddress(kind, a.address, address));
    if (duplicate) {
      throw new VaultError('duplicate', t('errors.vault.duplicateAddress', { name: duplicate.name }));
    }
    const name = candidate.name.trim();
    if (candidate.role === 'master') {
      const nameCheck = checkMasterName(name);
      if (!nameCheck.ok) throw new VaultError('invalid-input', nameCheck.reason);
      return {
        kind,
        role: 'master',
        parentId: null,
        name,
        address,
        status: 'NORMAL',
        hasKey: candidate.key !== null,
        backup: candidate.key ? { state: 'not-backed-up' } : { state: 'no-key' },
      };
    }
    if (!candidate.key) throw new VaultError('invalid-input', t('errors.vault.subNeedsKey'));
    const parent = existing.find((a) => a.id === candidate.parentId);
    if (!parent) throw new VaultError('invalid-input', t('errors.vault.chooseMaster'));
    // seeds: "Sub-account nesting: Not supported".
    if (parent.role !== 'master') throw new VaultError('invalid-input', t('errors.vault.noNesting'));
    // seeds: "wallet address and private key (EVM or Solana, matching your master account type)".
    if (parent.kind !== kind) {
      throw new VaultError(
        'invalid-input',
        t(kind === 'evm' ? 'errors.vault.evmKeySolanaMaster' : 'errors.vault.solanaKeyEvmMaster', {
          master: parent.name,
        }),
      );
    }
    const siblings = existing.filter((a) => a.parentId === parent.id);
    // seeds: "Maximum sub-accounts: Up to 15 per master account".
    if (siblings.length >= MAX_SUB_ACCOUNTS_PER_MASTER) {
      throw new VaultError(
        'limit',
        t('errors.vault.subLimit', { master: parent.name, limit: MAX_SUB_ACCOUNTS_PER_MASTER }),
      );
    }
    const verdict = checkSubAccountName(name);
    if (verdict.level === 'block') throw new VaultError('invalid-input', verdict.reasons.join(' '));
    if (siblings.some((a) => a.name.toLowerCase() === name.toLowerCase())) {
      throw new VaultError('duplicate', t('errors.vault.duplicateSubName', { master: parent.name, name }));
    }
    return {
      kind,
      role: 'sub',
      parentId: parent.id,
      name,
      address,
      status: 'NORMAL',
      hasKey: true,
      backup: { state: 'not-backed-up' },
    };
  }

  /** Adds one account (and its key) in one transaction; nothing is stored when any rule refuses it. */
  async add(candidate: NewAccount): Promise<Account> {
    const [added] = await this.addMany([candidate]);
    return added!;
  }

  /**
   * Adds accounts in one transaction: keys are sealed first (WebCrypto cannot run inside an IndexedDB
   * transaction), then the rules are checked again inside the transaction against what is stored now.
   */
  async addMany(
    candidates: NewAccount[],
    {
      ids = candidates.map(() => crypto.randomUUID()),
      overrides = [],
    }: { ids?: string[]; overrides?: (AccountOverrides | undefined)[] } = {},
  ): Promise<Account[]> {
    const now = this.now();
    // Validate once outside (cheap, gives the error before any crypto work), then again inside.
    this.plan(await this.db.accounts.toArray(), candidates, ids, now, overrides);
    const sealed: SecretRecord[] = [];
    for (const [i, candidate] of candidates.entries()) {
      if (candidate.key) sealed.push(await this.vault.sealSecret(secretIdOf(ids[i]!), candidate.key.secret));
    }
    return this.db.transaction('rw', this.db.accounts, this.db.secrets, async () => {
      const records = this.plan(await this.db.accounts.toArray(), candidates, ids, now, overrides);
      await this.db.accounts.bulkAdd(records);
      await this.db.secrets.bulkAdd(sealed);
      return records;
    });
  }

  private plan(
    stored: Account[],
    candidates: NewAccount[],
    ids: string[],
    now: number,
    overrides: (AccountOverrides | undefined)[],
  ): Account[] {
    const existing = [...stored];
    return candidates.map((candidate, i) => {
      const record: Account = {
        ...this.validate(existing, candidate),
        id: ids[i]!,
        createdAt: now + i,
        updatedAt: now,
        ...overrides[i],
      };
      existing.push(record);
      return record;
    });
  }

  /** Every account with its key, for the whole-vault backup file. */
  async exportPayload(): Promise<BackupPayload> {
    const accounts = await this.list();
    const byId = new Map(accounts.map((a) => [a.id, a]));
    const entries: BackupAccount[] = [];
    for (const account of accounts) {
      let key: string | null = null;
      if (account.hasKey) {
        const secret = await this.vault.getSecret(secretIdOf(account.id));
        key = `0x${toHex(secret)}`;
        secret.fill(0);
      }
      entries.push({
        address: account.address,
        kind: account.kind,
        role: account.role,
        parentAddress: account.parentId ? (byId.get(account.parentId)?.address ?? null) : null,
        name: account.name,
        status: account.status,
        backedUp: account.backup.state === 'backed-up',
        key,
        createdAt: account.createdAt,
      });
    }
    return { accounts: entries };
  }

  /**
   * Merges a backup into the vault by address: new accounts are added (their keys now exist in a backup),
   * accounts already here are skipped, and anything that contradicts the vault or Aster's rules is reported
   * as a conflict and left out. All additions land in one transaction, or none do.
   */
  async restore(payload: BackupPayload): Promise<RestoreReport> {
    const report: RestoreReport = { added: [], skipped: [], conflicts: [] };
    const known = await this.db.accounts.toArray();
    const candidates: NewAccount[] = [];
    const ids: string[] = [];
    const overrides: AccountOverrides[] = [];
    const ordered = [...payload.accounts].sort((a, b) => Number(a.role === 'sub') - Number(b.role === 'sub'));
    for (const entry of ordered) {
      const label = entry.name || entry.address;
      const existing = known.find(
        (a) => a.kind === entry.kind && sameAccountAddress(a.kind, a.address, entry.address),
      );
      if (existing) {
        const parent = existing.parentId ? known.find((a) => a.id === existing.parentId) : undefined;
        const sameShape =
          existing.role === entry.role &&
          (entry.role === 'master' ||
            (parent !== undefined &&
              sameAccountAddress(parent.kind, parent.address, entry.parentAddress ?? '')));
        if (sameShape)
          report.skipped.push({
            name: label,
            reason: t('errors.vault.restore.alreadyIn', { name: existing.name }),
          });
        else
          report.conflicts.push({
            name: label,
            reason: t('errors.vault.restore.otherRole', { name: existing.name }),
          });
        continue;
      }
      let key: ParsedKey | null = null;
      if (entry.key) {
        const secret = fromHex(entry.key);
        const address = entry.kind === 'evm' ? evmAddressOf(secret) : solanaAddressOf(secret);
        if (!sameAccountAddress(entry.kind, address, entry.address)) {
          report.conflicts.push({
            name: label,
            reason: t('errors.vault.restore.keyMismatch'),
          });
          continue;
        }
        key = { kind: entry.kind, secret, address };
      }
      const parent =
        entry.role === 'sub'
          ? known.find(
              (a) => a.role === 'master' && sameAccountAddress(a.kind, a.address, entry.parentAddress ?? ''),
            )
          : undefined;
      if (entry.role === 'sub' && !parent) {
        report.conflicts.push({
          name: label,
          reason: t('errors.vault.restore.noMaster'),
        });
        continue;
      }
      const candidate: NewAccount = {
        role: entry.role,
        parentId: parent?.id ?? null,
        name: entry.name,
        key,
        watchAddress: key ? undefined : { kind: entry.kind, address: entry.address },
      };
      try {
        const id = crypto.randomUUID();
        const record: Account = {
          ...this.validate(known, candidate),
          id,
          createdAt: entry.createdAt,
          updatedAt: 0,
        };
        known.push(record);
        candidates.push(candidate);
        ids.push(id);
        overrides.push({
          status: entry.status,
          createdAt: entry.createdAt,
          backup: key ? { state: 'backed-up', method: 'vault-backup', at: this.now() } : { state: 'no-key' },
        });
        report.added.push(label);
      } catch (error) {
        if (!(error instanceof VaultError)) throw error;
        report.conflicts.push({ name: label, reason: error.message });
      }
    }
    if (candidates.length > 0) await this.addMany(candidates, { ids, overrides });
    return report;
  }

  async rename(id: string, name: string): Promise<Account> {
    return this.update(id, (account, all) => {
      const trimmed = name.trim();
      if (account.role === 'master') {
        const check = checkMasterName(trimmed);
        if (!check.ok) throw new VaultError('invalid-input', check.reason);
      } else {
        const verdict = checkSubAccountName(trimmed);
        if (verdict.level === 'block') throw new VaultError('invalid-input', verdict.reasons.join(' '));
        const taken = all.some(
          (a) =>
            a.id !== id && a.parentId === account.parentId && a.name.toLowerCase() === trimmed.toLowerCase(),
        );
        if (taken) throw new VaultError('duplicate', t('errors.vault.siblingName', { name: trimmed }));
      }
      return { name: trimmed };
    });
  }

  async setStatus(id: string, status: AccountStatus): Promise<Account> {
    return this.update(id, (account) => {
      // seeds §6: freezing is a sub-account matter.
      if (account.role !== 'sub') throw new VaultError('invalid-input', t('errors.vault.onlySubsFreeze'));
      return { status };
    });
  }

  async markBackedUp(id: string, method: BackupMethod): Promise<Account> {
    return this.update(id, (account) => {
      if (!account.hasKey) throw new VaultError('invalid-input', t('errors.vault.watchOnlyNoBackup'));
      return { backup: { state: 'backed-up', method, at: this.now() } };
    });
  }

  /** Removes an account and its key; a master must lose its sub-accounts first. */
  async remove(id: string): Promise<void> {
    await this.db.transaction('rw', this.db.accounts, this.db.secrets, async () => {
      const account = await this.db.accounts.get(id);
      if (!account) throw new VaultError('not-found', t('errors.vault.notFound'));
      const subs = await this.db.accounts.where('parentId').equals(id).count();
      if (subs > 0) {
        throw new VaultError(
          'invalid-input',
          t('errors.vault.removeSubsFirst', { count: subs, name: account.name }),
        );
      }
      await this.db.accounts.delete(id);
      await this.db.secrets.delete(secretIdOf(id));
    });
  }

  /** The account's key bytes, for the background's signers and backups only. The caller wipes them. */
  async readKey(id: string): Promise<{ account: Account; secret: Uint8Array<ArrayBuffer> }> {
    // Both reads at once: signing waits on this after the trader's approval.
    const [account, secret] = await Promise.allSettled([this.get(id), this.vault.getSecret(secretIdOf(id))]);
    if (account.status === 'rejected' || !account.value.hasKey) {
      if (secret.status === 'fulfilled') secret.value.fill(0);
      throw account.status === 'rejected'
        ? account.reason
        : new VaultError('invalid-input', t('errors.vault.watchOnlyNoKey', { name: account.value.name }));
    }
    if (secret.status === 'rejected') throw secret.reason;
    return { account: account.value, secret: secret.value };
  }

  private async update(
    id: string,
    change: (account: Account, all: Account[]) => Partial<Account>,
  ): Promise<Account> {
    // Reading needs no key, but changes are only for an unlocked vault.
    if ((await this.vault.state()).status !== 'unlocked')
      throw new VaultError('locked', t('errors.vault.locked'));
    return this.db.transaction('rw', this.db.accounts, async () => {
      const account = await this.db.accounts.get(id);
      if (!account) throw new VaultError('not-found', t('errors.vault.notFound'));
      const updated = {
        ...account,
        ...change(account, await this.db.accounts.toArray()),
        updatedAt: this.now(),
      };
      await this.db.accounts.put(updated);
      return updated;
    });
  }
}
