import * as v from 'valibot';
import { clipboardFingerprintSchema } from './clipboard-api';
import type { Account } from '@/lib/accounts/model';
import type { ApprovalView, Connection } from './page-api';
import { MAX_PASSWORD_LENGTH } from '@/lib/password/strength';
import { operationsContract } from './operations-api';
import { returns, type Contract } from './rpc';

/** The popup (and other extension pages) ↔ background contract. */
export const POPUP_CHANNEL = 'popup';

export type VaultStatus = 'uninitialized' | 'locked' | 'unlocked';

export interface PopupVaultState {
  status: VaultStatus;
  /** Epoch ms of the next auto-lock, while unlocked. */
  lockDeadline: number | null;
  /** Milliseconds before another unlock attempt is allowed. */
  unlockRetryAfterMs: number;
  autoLockMs: number | null;
  autoLockChoices: (number | null)[];
}

/** The text the trader types to confirm a vault reset. */
export const RESET_CONFIRMATION = 'RESET';

const password = v.pipe(v.string(), v.maxLength(MAX_PASSWORD_LENGTH));
const kind = v.picklist(['evm', 'solana']);
const id = v.pipe(v.string(), v.uuid());
/** A pasted key or an uploaded Solana key file: bounded so a hostile page cannot make us parse megabytes. */
const keyText = v.pipe(v.string(), v.maxLength(2000));
const name = v.pipe(v.string(), v.maxLength(64));
/** Backup files are a few kB per account; 16 × 16 accounts stay far below this. */
const fileText = v.pipe(v.string(), v.maxLength(5_000_000));
const empty = v.strictObject({});
const passwordParams = v.strictObject({ password });

export const popupContract = {
  ...operationsContract,
  ping: returns<'pong'>()(empty),
  /** `activity: true` when the trader opens a page: it pushes the auto-lock deadline back. */
  'vault.state': returns<PopupVaultState>()(v.strictObject({ activity: v.optional(v.boolean()) })),
  'vault.create': returns<PopupVaultState>()(passwordParams),
  'vault.unlock': returns<PopupVaultState>()(passwordParams),
  'vault.lock': returns<PopupVaultState>()(empty),
  'vault.changePassword': returns<PopupVaultState>()(
    v.strictObject({ oldPassword: password, newPassword: password }),
  ),
  'vault.reset': returns<PopupVaultState>()(v.strictObject({ confirmation: v.literal(RESET_CONFIRMATION) })),
  'accounts.list': returns<Account[]>()(empty),
  'accounts.preview': returns<KeyPreview>()(v.strictObject({ kind, key: keyText })),
  'accounts.add': returns<Account>()(
    v.strictObject({
      role: v.picklist(['master', 'sub']),
      kind,
      parentId: v.optional(id),
      name,
      /** The private key, or absent with `watchAddress` for a watch-only master. */
      key: v.optional(keyText),
      watchAddress: v.optional(v.pipe(v.string(), v.maxLength(100))),
    }),
  ),
  'accounts.generate': returns<Account>()(v.strictObject({ parentId: id, name })),
  'accounts.rename': returns<Account>()(v.strictObject({ id, name })),
  'accounts.setStatus': returns<Account>()(v.strictObject({ id, status: v.picklist(['NORMAL', 'FROZEN']) })),
  /** `confirmation` is the account's name, typed by the trader. */
  'accounts.remove': returns<Account[]>()(v.strictObject({ id, confirmation: name })),
  'accounts.exportKeyFile': returns<DownloadFile>()(v.strictObject({ id, password, filePassword: password })),
  'accounts.verifyKeyFile': returns<Account>()(v.strictObject({ id, fileText, filePassword: password })),
  'accounts.reveal': returns<RevealedKey>()(v.strictObject({ id, password })),
  'accounts.confirmReveal': returns<Account>()(
    v.strictObject({ id, answers: v.pipe(v.array(v.pipe(v.string(), v.maxLength(1))), v.maxLength(8)) }),
  ),
  /** Arms the clear of a copied key (by its SHA-256) in a context that outlives the popup, where there is one. */
  'clipboard.clearLater': returns<{ scheduled: boolean }>()(
    v.strictObject({ fingerprint: clipboardFingerprintSchema }),
  ),
  'accounts.active': returns<string | null>()(empty),
  'accounts.setActive': returns<string>()(v.strictObject({ id })),
  /** The approval prompt (an extension page in the exchange tab, or a popup window). */
  'approval.get': returns<ApprovalView | null>()(v.strictObject({ id })),
  'approval.decide': returns<null>()(
    v.strictObject({
      id,
      approve: v.boolean(),
      autoLogin: v.optional(v.boolean()),
      /** Connect prompts: expose only this account instead of following the active one. */
      accountId: v.optional(id),
    }),
  ),
  /** An in-page prompt that cannot serve (the vault locked, or it stayed covered): move it to a popup window. */
  'approval.toWindow': returns<null>()(v.strictObject({ id })),
  /** Pinged by an open prompt: keeps the worker (and the waiting request) alive while the trader reads. */
  'approval.keepAlive': returns<null>()(v.strictObject({ id })),
  /** The exchange sites (match patterns like https://www.asterdex.com/*) where the provider is injected. */
  'exchanges.list': returns<string[]>()(empty),
  /** Sets them; a page asks the browser for a new site's host permission first (the call checks it). */
  'exchanges.set': returns<string[]>()(
    v.strictObject({ sites: v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.maxLength(50)) }),
  ),
  'connections.list': returns<Connection[]>()(empty),
  'connections.revoke': returns<Connection[]>()(
    v.strictObject({ origin: v.pipe(v.string(), v.maxLength(200)) }),
  ),
  'connections.setAutoLogin': returns<Connection[]>()(
    v.strictObject({ origin: v.pipe(v.string(), v.maxLength(200)), autoLogin: v.boolean() }),
  ),
  'vault.exportBackup': returns<DownloadFile>()(v.strictObject({ password, filePassword: password })),
  'vault.restoreBackup': returns<RestoreResult>()(v.strictObject({ fileText, filePassword: password })),
  'settings.setAutoLock': returns<PopupVaultState>()(
    v.strictObject({ autoLockMs: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1000))) }),
  ),
} satisfies Contract;

export type PopupContract = typeof popupContract;

/** What a trader's pasted key turns into, before saving: never the key itself. */
export interface KeyPreview {
  kind: 'evm' | 'solana';
  address: string;
}

/** A file for the page to offer as a download. Its content is encrypted. */
export interface DownloadFile {
  fileName: string;
  text: string;
}

export interface RevealedKey {
  /** 0x-hex (EVM) or Base58 of the 64-byte secret (Solana): what wallets import. */
  keyText: string;
  /** 1-based positions whose characters the trader types back to confirm the key was saved. */
  positions: number[];
}

export interface RestoreResult {
  added: string[];
  skipped: { name: string; reason: string }[];
  conflicts: { name: string; reason: string }[];
}

/** Background → extension pages broadcast. */
export const EVENT_CHANNEL = 'event';

export interface VaultChangedEvent {
  channel: typeof EVENT_CHANNEL;
  event: 'vault.changed';
  status: VaultStatus;
  lockDeadline: number | null;
}

export const vaultChangedEvent = v.strictObject({
  channel: v.literal(EVENT_CHANNEL),
  event: v.literal('vault.changed'),
  status: v.picklist(['uninitialized', 'locked', 'unlocked']),
  lockDeadline: v.nullable(v.number()),
});

/**
 * The vault's accounts changed (added, removed, renamed, …) or only the active one did: `activeId` is there
 * exactly when nothing else changed, so a page follows a switch without reading the whole list again.
 * Ids only: never an account's key, nor its metadata (a page asks for those itself).
 */
export interface AccountsChangedEvent {
  channel: typeof EVENT_CHANNEL;
  event: 'accounts.changed';
  activeId?: string;
}

export const accountsChangedEvent = v.strictObject({
  channel: v.literal(EVENT_CHANNEL),
  event: v.literal('accounts.changed'),
  activeId: v.optional(id),
});
