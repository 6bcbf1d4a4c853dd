/** The companion's account model: masters and their sub-accounts (Aster's seeds, aster-sub-accounts.txt). */

import { HIDDEN_CHARACTERS } from '@/lib/aster/decode/common';
import type { AccountKind, AccountRole, AccountStatus } from '@/lib/aster/rules';
import { t } from '@/lib/i18n';

export type { AccountKind, AccountRole, AccountStatus };

export type BackupMethod = 'key-file' | 'reveal' | 'vault-backup';

export type BackupState =
  | { state: 'not-backed-up' }
  | { state: 'backed-up'; method: BackupMethod; at: number }
  /** Watch-only accounts hold no key: nothing to back up. */
  | { state: 'no-key' };

export interface Account {
  id: string;
  kind: AccountKind;
  role: AccountRole;
  /** The master's id for a sub-account; null for a master. */
  parentId: string | null;
  name: string;
  /** EVM: EIP-55 checksummed; Solana: Base58 public key. */
  address: string;
  status: AccountStatus;
  /** False for a watch-only master (address only). */
  hasKey: boolean;
  backup: BackupState;
  createdAt: number;
  updatedAt: number;
}

export { MAX_SUB_ACCOUNTS as MAX_SUB_ACCOUNTS_PER_MASTER } from '@/lib/aster/rules';

/** A master's label is the companion's own (Aster names only sub-accounts): 1–32 printable characters. */
export function checkMasterName(name: string): { ok: true } | { ok: false; reason: string } {
  const trimmed = name.trim();
  if (trimmed.length === 0) return { ok: false, reason: t('background.model.nameEmpty') };
  if (trimmed.length > 32) return { ok: false, reason: t('background.model.nameTooLong') };
  // What the decoder calls hidden in signed text (fillers, separators, bidi, zero-width): a name shown in
  // prompts and the switcher must not read as another. Tabs and newlines too (signed text may hold them).
  if (/\p{Cc}/u.test(trimmed) || HIDDEN_CHARACTERS.test(trimmed))
    return { ok: false, reason: t('background.model.controlChars') };
  return { ok: true };
}

export function secretIdOf(accountId: string): string {
  return `account:${accountId}`;
}
