import * as v from 'valibot';
import { browser } from 'wxt/browser';
import {
  HOME_BALANCE_PREFIX,
  HOME_REFRESH_KEY,
  homeBalanceKey,
  homeBalanceSchema,
  homeRefreshSchema,
  type HomeBalance,
  type HomeRefresh,
} from '@/lib/messaging/home-api';

/** The part of a storage area the cache uses (chrome.storage.session; a fake one in tests). */
export interface CacheArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/**
 * Every account's last balances, per network, in chrome.storage.session: in memory, so balances never reach the
 * disk; kept across service-worker restarts (the popup shows them at once on the next open); gone when the
 * browser closes. Extension pages read it directly to follow a refresh; content scripts cannot (the area's
 * default access level is trusted contexts only).
 */
export class BalanceCache {
  constructor(private readonly area: CacheArea = browser.storage.session as unknown as CacheArea) {}

  /** Every cached account of `networkId`, by account id. */
  async read(networkId: string): Promise<Record<string, HomeBalance>> {
    const prefix = `${HOME_BALANCE_PREFIX}${networkId}|`;
    const all = await this.area.get(null);
    const balances: Record<string, HomeBalance> = {};
    for (const [key, value] of Object.entries(all)) {
      if (!key.startsWith(prefix) || !v.is(homeBalanceSchema, value)) continue;
      balances[value.accountId] = value;
    }
    return balances;
  }

  async write(networkId: string, balance: HomeBalance): Promise<void> {
    await this.area.set({ [homeBalanceKey(networkId, balance.accountId)]: balance });
  }

  async refresh(): Promise<HomeRefresh | null> {
    const value = (await this.area.get(HOME_REFRESH_KEY))[HOME_REFRESH_KEY];
    return v.is(homeRefreshSchema, value) ? value : null;
  }

  async writeRefresh(refresh: HomeRefresh): Promise<void> {
    await this.area.set({ [HOME_REFRESH_KEY]: refresh });
  }
}
