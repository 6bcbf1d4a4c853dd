import * as v from 'valibot';
import { create } from 'zustand';
import { callBackground } from '@/lib/messaging/background-client';
import {
  HOME_BALANCE_PREFIX,
  HOME_REFRESH_KEY,
  homeBalanceSchema,
  homeRefreshSchema,
  type HomeBalance,
  type HomeRefresh,
} from '@/lib/messaging/home-api';
import { useAccountsStore } from '../stores/accounts-store';

interface HomeStore {
  networkId: string | null;
  balances: Record<string, HomeBalance>;
  refresh: HomeRefresh | null;
  loadError: string | null;
  /** One call: accounts, the active one and the cache; `refresh` reads every balance again in the background. */
  load(refresh: boolean): Promise<void>;
  /** A change of chrome.storage.session (the refresh writing an account's result). */
  applyStorageChange(changes: Record<string, { newValue?: unknown }>): void;
}

export const useHomeStore = create<HomeStore>((set, get) => ({
  networkId: null,
  balances: {},
  refresh: null,
  loadError: null,
  async load(refresh) {
    try {
      const snapshot = await callBackground('aster.home', { refresh });
      // The accounts feed the shared store: rename, remove and switching keep working on the same list.
      useAccountsStore.setState({
        accounts: snapshot.accounts,
        activeId: snapshot.activeId,
        loadError: null,
      });
      set({
        networkId: snapshot.networkId,
        balances: snapshot.balances,
        refresh: snapshot.refresh,
        loadError: null,
      });
    } catch (error) {
      set({ loadError: error instanceof Error ? error.message : String(error) });
    }
  },
  applyStorageChange(changes) {
    const { networkId } = get();
    if (networkId === null) return;
    const prefix = `${HOME_BALANCE_PREFIX}${networkId}|`;
    let balances: Record<string, HomeBalance> | null = null;
    for (const [key, change] of Object.entries(changes)) {
      if (key === HOME_REFRESH_KEY && v.is(homeRefreshSchema, change.newValue)) {
        if (change.newValue.networkId === networkId) set({ refresh: change.newValue });
      } else if (key.startsWith(prefix) && v.is(homeBalanceSchema, change.newValue)) {
        balances ??= { ...get().balances };
        balances[change.newValue.accountId] = change.newValue;
      }
    }
    if (balances) set({ balances });
  },
}));
