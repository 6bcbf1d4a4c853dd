import * as v from 'valibot';
import type { Account } from '@/lib/accounts/model';

/**
 * Home (issue 13): the whole family of accounts at a glance. One call (`aster.home`) answers the accounts, the
 * active one and every account's last balances from the cache, and starts a background refresh; the refresh
 * writes each account's result into chrome.storage.session as it lands, where the popup watches it
 * (`storage.onChanged`), so progress shows without polling. Only balances are cached there, never a key.
 */

/** An asset amount (exact decimal text). */
export interface AssetAmount {
  asset: string;
  amount: string;
}

/** One account's balances as home shows them: equity in USDT, what could not be valued, what is negative. */
export interface HomeBalance {
  accountId: string;
  /** The last successful read (epoch ms), null: never read on this network. */
  readAt: number | null;
  /** Perp + spot, valued in USDT (exact decimal), of the assets that could be valued; null: never read. */
  equity: string | null;
  /** Assets with no USDT price: shown as such, never counted as 0. */
  unvalued: AssetAmount[];
  /** Assets below zero (perp or spot): they block withdrawals until settled. */
  negative: AssetAmount[];
  /** The last attempt (epoch ms). */
  attemptedAt: number;
  /** Why the last attempt failed, in words (the values above stay those of the last good read); null: it worked. */
  error: string | null;
}

/** A refresh of every account's balances: running while `finishedAt` is null. */
export interface HomeRefresh {
  networkId: string;
  startedAt: number;
  finishedAt: number | null;
  /** Accounts to read, the active account's family first. */
  total: number;
}

export interface HomeSnapshot {
  networkId: string;
  accounts: Account[];
  activeId: string | null;
  /** By account id: the cache of this network. */
  balances: Record<string, HomeBalance>;
  refresh: HomeRefresh | null;
}

/** Where the cache lives in chrome.storage.session: one key per account per network, one for the refresh. */
export const HOME_BALANCE_PREFIX = 'home.balance:';
export const HOME_REFRESH_KEY = 'home.refresh';

export const homeBalanceKey = (networkId: string, accountId: string): string =>
  `${HOME_BALANCE_PREFIX}${networkId}|${accountId}`;

const assetAmount = v.object({ asset: v.string(), amount: v.string() });

/** What the popup accepts from storage (written by the worker; checked all the same, as any input). */
export const homeBalanceSchema = v.object({
  accountId: v.string(),
  readAt: v.nullable(v.number()),
  equity: v.nullable(v.string()),
  unvalued: v.array(assetAmount),
  negative: v.array(assetAmount),
  attemptedAt: v.number(),
  error: v.nullable(v.string()),
});

export const homeRefreshSchema = v.object({
  networkId: v.string(),
  startedAt: v.number(),
  finishedAt: v.nullable(v.number()),
  total: v.number(),
});
