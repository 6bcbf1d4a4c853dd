import { browser } from 'wxt/browser';
import * as v from 'valibot';
import type { Account } from '@/lib/accounts/model';

/**
 * The Move funds forms' last choices, per master: which accounts, wallets and asset — never an amount, a key or
 * anything secret. Kept in chrome.storage.local (the popup closes on every blur); a stored choice naming an
 * account that is no longer in the family is ignored, so a removed account is never preselected.
 */

export const CHOICES_STORAGE_KEY = 'operations.lastChoices';

const wallet = v.picklist(['futures', 'spot']);
const accountId = v.pipe(v.string(), v.maxLength(100));
const asset = v.pipe(v.string(), v.regex(/^[A-Z0-9]{1,20}$/));

const TransferChoicesSchema = v.strictObject({
  fromId: accountId,
  toId: accountId,
  fromWallet: wallet,
  toWallet: wallet,
  asset,
});
const PerpSpotChoicesSchema = v.strictObject({ accountId, fromWallet: wallet, asset });
const MasterChoicesSchema = v.object({
  transfer: v.optional(TransferChoicesSchema),
  perpSpot: v.optional(PerpSpotChoicesSchema),
});

export type TransferChoices = v.InferOutput<typeof TransferChoicesSchema>;
export type PerpSpotChoices = v.InferOutput<typeof PerpSpotChoicesSchema>;
export type MasterChoices = v.InferOutput<typeof MasterChoicesSchema>;

/** What was stored for `masterId`, or nothing when absent or not of the expected shape. */
export async function loadChoices(masterId: string): Promise<MasterChoices> {
  const stored: unknown = (await browser.storage.local.get(CHOICES_STORAGE_KEY))[CHOICES_STORAGE_KEY];
  const entry =
    typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>)[masterId] : null;
  const parsed = v.safeParse(MasterChoicesSchema, entry);
  return parsed.success ? parsed.output : {};
}

/** Remembers one form's choices for `masterId`, keeping the other form's. */
export async function rememberChoices(masterId: string, choices: MasterChoices): Promise<void> {
  const stored: unknown = (await browser.storage.local.get(CHOICES_STORAGE_KEY))[CHOICES_STORAGE_KEY];
  const all = typeof stored === 'object' && stored !== null ? { ...(stored as Record<string, unknown>) } : {};
  const before = v.safeParse(MasterChoicesSchema, all[masterId]);
  all[masterId] = { ...(before.success ? before.output : {}), ...choices };
  await browser.storage.local.set({ [CHOICES_STORAGE_KEY]: all });
}

const inFamily = (family: readonly Account[], id: string) => family.some((a) => a.id === id);

/** The transfer form's remembered choices, or null when one of its accounts has left the family. */
export function restoredTransfer(saved: MasterChoices, family: readonly Account[]): TransferChoices | null {
  const choice = saved.transfer;
  return choice && inFamily(family, choice.fromId) && inFamily(family, choice.toId) ? choice : null;
}

/** The perp ↔ spot form's remembered choices, or null when its account has left the family. */
export function restoredPerpSpot(saved: MasterChoices, family: readonly Account[]): PerpSpotChoices | null {
  const choice = saved.perpSpot;
  return choice && inFamily(family, choice.accountId) ? choice : null;
}
