import Dexie, { type Table } from 'dexie';
import type { Sealed } from '@/lib/crypto/aead';
import type { Pbkdf2Params } from '@/lib/crypto/kdf';
import type { Account } from '@/lib/accounts/model';
import type { Connection } from '@/lib/messaging/page-api';

export type { Connection };

/** The vault record's own format, independent of the Dexie schema version below. */
export const VAULT_FORMAT_VERSION = 1;

export interface VaultRecord {
  id: 'vault';
  formatVersion: number;
  /** Random, fixed for the vault's life: every ciphertext's associated data names it. */
  vaultId: string;
  kdf: Pbkdf2Params;
  /** The 256-bit data key, AES-GCM-encrypted under the password key. */
  wrappedDataKey: Sealed;
  createdAt: number;
  updatedAt: number;
}

export interface SecretRecord {
  id: string;
  sealed: Sealed;
  updatedAt: number;
}

export interface UnlockThrottle {
  failures: number;
  /** Epoch ms before which no unlock is attempted. */
  retryAt: number;
}

export interface VaultSettings {
  /** Idle period before auto-lock; null means never. */
  autoLockMs: number | null;
}

export interface AgentRecord {
  id: string;
  /** The vault account this API wallet acts for. */
  accountId: string;
  /** The agent's EVM address (agents are EVM keys, also for Solana accounts). */
  address: string;
  name: string;
  canSpotTrade: boolean;
  canPerpTrade: boolean;
  canWithdraw: boolean;
  /** Epoch ms at which Aster expires the approval. */
  expiresAt: number;
  /** False until registerAndApproveAgent succeeded. */
  approved: boolean;
  createdAt: number;
}

export interface MetaRecords {
  unlockThrottle: UnlockThrottle;
  settings: VaultSettings;
  /** The account the trader acts as (switching changes it). */
  activeAccountId: string;
}

export type MetaRecord = { [K in keyof MetaRecords]: { key: K; value: MetaRecords[K] } }[keyof MetaRecords];

export const VAULT_DB_NAME = 'aster-companion';

export class VaultDatabase extends Dexie {
  vault!: Table<VaultRecord, string>;
  secrets!: Table<SecretRecord, string>;
  meta!: Table<MetaRecord, string>;
  /** Account metadata (names, addresses, roles); each key is a secret `account:<id>`. */
  accounts!: Table<Account, string>;
  /** The last nonce each signer used (Aster µs nonces), so a restarted worker never reuses one. */
  nonces!: Table<{ signer: string; value: number }, string>;
  /** Exchange origins the trader connected, and what they may see. */
  connections!: Table<Connection, string>;
  /** API wallets (Aster "agents"): metadata here, each key a sealed secret `agent:<id>`. */
  agents!: Table<AgentRecord, string>;

  constructor(name: string = VAULT_DB_NAME) {
    super(name);
    // Each schema version stays as it shipped; a new one is added below it (with `.upgrade()` when data moves).
    this.version(1).stores({ vault: 'id', secrets: 'id', meta: 'key' });
    this.version(2).stores({ accounts: 'id, &address, parentId' });
    this.version(3).stores({ nonces: 'signer', connections: 'origin', agents: 'id, accountId, &address' });
  }

  async getMeta<K extends keyof MetaRecords>(key: K): Promise<MetaRecords[K] | undefined> {
    const row = await this.meta.get(key);
    return row?.value as MetaRecords[K] | undefined;
  }

  putMeta<K extends keyof MetaRecords>(key: K, value: MetaRecords[K]): Promise<string> {
    return this.meta.put({ key, value } as MetaRecord);
  }
}
