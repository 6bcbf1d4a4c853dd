import { browser } from 'wxt/browser';
import type { Account } from '@/lib/accounts/model';
import { compareDecimal, isDecimal } from '@/lib/aster/decimal';
import type { AssetBalance } from '@/lib/aster/rules';

/** Destination chains of a withdrawal, by account kind (aster-protocol.md §1). */
/* eslint-disable no-restricted-syntax -- chain names are proper nouns, written alike in every language */
export const WITHDRAW_CHAINS = [
  { chainId: 56, label: 'BSC', kind: 'evm' },
  { chainId: 1, label: 'Ethereum', kind: 'evm' },
  { chainId: 42161, label: 'Arbitrum', kind: 'evm' },
  { chainId: 101, label: 'Solana', kind: 'solana' },
] as const;
/* eslint-enable no-restricted-syntax */

/** The last withdrawal choices, kept between popup openings. Addresses and symbols only: nothing secret. */
export interface WithdrawChoices {
  accountId: string;
  asset: string;
  chainId: number;
  receiver: string;
}

const STORAGE_KEY = 'withdrawChoices';

/** Whether `receiver` has the address form of the chain (the background checks it again before signing). */
export function receiverFits(chainId: number, receiver: string): boolean {
  return chainId === 101
    ? /^[1-9A-HJ-NP-Za-km-z]{32,44}$/.test(receiver)
    : /^0x[0-9a-fA-F]{40}$/.test(receiver);
}

/**
 * Remembered choices still valid for this family: a master that is still in it, an asset symbol, a chain its
 * kind withdraws to, and a receiver of that chain's form (or none). Anything else is forgotten, not repaired.
 */
export function validWithdrawChoices(stored: unknown, family: readonly Account[]): WithdrawChoices | null {
  if (typeof stored !== 'object' || stored === null) return null;
  const { accountId, asset, chainId, receiver } = stored as Record<string, unknown>;
  const account = family.find((a) => a.id === accountId);
  if (!account || account.role !== 'master') return null;
  if (typeof asset !== 'string' || !/^[A-Z0-9]{1,20}$/.test(asset)) return null;
  const chain = WITHDRAW_CHAINS.find((c) => c.chainId === chainId);
  if (!chain || chain.kind !== account.kind) return null;
  if (typeof receiver !== 'string' || (receiver !== '' && !receiverFits(chain.chainId, receiver)))
    return null;
  return { accountId: account.id, asset, chainId: chain.chainId, receiver };
}

export async function loadWithdrawChoices(family: readonly Account[]): Promise<WithdrawChoices | null> {
  const stored = await browser.storage.local.get(STORAGE_KEY).catch(() => ({}) as Record<string, unknown>);
  return validWithdrawChoices((stored as Record<string, unknown>)[STORAGE_KEY], family);
}

export async function saveWithdrawChoices(choices: WithdrawChoices): Promise<void> {
  await browser.storage.local.set({ [STORAGE_KEY]: choices }).catch(() => undefined);
}

/**
 * "Max": what may leave the futures wallet now (`withdrawable`, else the balance) of the asset, exactly as
 * Aster reported it; null when there is nothing to withdraw. Aster's fee is shown apart, never taken off here.
 */
export function maxWithdrawable(balances: readonly AssetBalance[], asset: string): string | null {
  const entry = balances.find((b) => b.asset === asset);
  const amount = entry ? (entry.withdrawable ?? entry.balance) : undefined;
  if (amount === undefined || !isDecimal(amount) || compareDecimal(amount, '0') <= 0) return null;
  return amount.startsWith('+') ? amount.slice(1) : amount;
}
