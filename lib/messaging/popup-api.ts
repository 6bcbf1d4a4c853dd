import * as v from 'valibot';
import { MAX_PASSWORD_LENGTH } from '@/lib/password/strength';
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
const empty = v.strictObject({});
const passwordParams = v.strictObject({ password });

export const popupContract = {
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
  'settings.setAutoLock': returns<PopupVaultState>()(
    v.strictObject({ autoLockMs: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1000))) }),
  ),
} satisfies Contract;

export type PopupContract = typeof popupContract;

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
