import { browser } from 'wxt/browser';
import { defaultProfile, type AsterProtocolProfile } from '@/lib/aster/profile';
import type { AsterNetwork } from '@/lib/aster/typed-data';

/**
 * The protocol profile of each network (aster-protocol.md §10), kept in `storage.local` under the network's
 * id: not secret, and it must survive worker and browser restarts. Anything unreadable falls back to the
 * network's defaults, field by field, so a stored profile from an older version never breaks signing.
 */

export const PROFILE_STORAGE_PREFIX = 'aster.profile.';

/** Where a profile's values came from: the reference's defaults, the trader, or the compatibility probe. */
export type ProfileOrigin = 'default' | 'trader' | 'probe';

export interface StoredProfile {
  profile: AsterProtocolProfile;
  origin: ProfileOrigin;
  /** Epoch ms of the last change. */
  updatedAt: number;
}

const CHAIN_ID = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0 && value < 2 ** 32;

const CHECKS: { [K in keyof AsterProtocolProfile]: (value: unknown) => boolean } = {
  agentRequestChainId: CHAIN_ID,
  subAccountChainId: CHAIN_ID,
  agentApprovalChainId: CHAIN_ID,
  withdrawalAsterChain: (v) => v === 'Mainnet' || v === 'Testnet',
  transferSigner: (v) => v === 'included' || v === 'omitted',
  rebalance: (v) => typeof v === 'boolean',
  agentRevoke: (v) => typeof v === 'boolean',
};

/** The stored values that pass their check, over the network's defaults. */
export function readProfile(stored: unknown, signing: AsterNetwork): AsterProtocolProfile {
  const profile = defaultProfile(signing);
  if (typeof stored !== 'object' || stored === null) return profile;
  const values = stored as Record<string, unknown>;
  for (const key of Object.keys(CHECKS) as (keyof AsterProtocolProfile)[]) {
    if (CHECKS[key](values[key])) (profile as unknown as Record<string, unknown>)[key] = values[key];
  }
  return profile;
}

export async function loadProfile(networkId: string, signing: AsterNetwork): Promise<StoredProfile> {
  const key = PROFILE_STORAGE_PREFIX + networkId;
  const stored = (await browser.storage.local.get(key))[key] as Partial<StoredProfile> | undefined;
  if (!stored || typeof stored !== 'object')
    return { profile: defaultProfile(signing), origin: 'default', updatedAt: 0 };
  const origin: ProfileOrigin =
    stored.origin === 'trader' || stored.origin === 'probe' ? stored.origin : 'default';
  return {
    profile: readProfile(stored.profile, signing),
    origin,
    updatedAt: typeof stored.updatedAt === 'number' ? stored.updatedAt : 0,
  };
}

export async function saveProfile(
  networkId: string,
  signing: AsterNetwork,
  changes: Partial<AsterProtocolProfile>,
  origin: ProfileOrigin,
  now = Date.now(),
): Promise<StoredProfile> {
  const current = await loadProfile(networkId, signing);
  const next: StoredProfile = {
    profile: readProfile({ ...current.profile, ...changes }, signing),
    origin,
    updatedAt: now,
  };
  await browser.storage.local.set({ [PROFILE_STORAGE_PREFIX + networkId]: next });
  return next;
}

/** Back to the reference's defaults (the trader's "Reset"). */
export async function resetProfile(networkId: string): Promise<void> {
  await browser.storage.local.remove(PROFILE_STORAGE_PREFIX + networkId);
}
