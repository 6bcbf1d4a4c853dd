import * as v from 'valibot';
import { create } from 'zustand';
import { answerOf, callBackground } from '@/lib/messaging/background-client';
import {
  HOME_BALANCE_PREFIX,
  HOME_REFRESH_KEY,
  homeBalanceSchema,
  homeRefreshSchema,
  type HomeBalance,
  type HomeRefresh,
  type HomeSnapshot,
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
      applySnapshot(await callBackground('aster.home', { refresh }));
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

function applySnapshot(snapshot: HomeSnapshot): void {
  // The accounts feed the shared store: rename, remove and switching keep working on the same list.
  useAccountsStore.setState({
    accounts: snapshot.accounts,
    activeId: snapshot.activeId,
    loadError: null,
  });
  useHomeStore.setState({
    networkId: snapshot.networkId,
    balances: snapshot.balances,
    refresh: snapshot.refresh,
    loadError: null,
  });
}

/** The early snapshot: true once applied, false when its call failed (e.g. the vault was locked). */
let earlyLoad: Promise<boolean> | null = null;

/**
 * Applies the answer to the `aster.home` call (refresh on) the popup's entry sent with its early
 * `vault.state`, so home's list is there by the first render of the unlocked popup. Never rejects: a failed
 * call leaves home to ask again when it shows (`takeEarlyLoad`).
 */
export function loadEarly(sent: Promise<unknown>): Promise<void> {
  const applied = answerOf<HomeSnapshot>(sent).then(
    (snapshot) => {
      applySnapshot(snapshot);
      return true;
    },
    () => false,
  );
  earlyLoad = applied;
  return applied.then(() => undefined);
}

/** Home's first load, once: the early snapshot when it was applied, else a `load(true)` of its own; null without one. */
export function takeEarlyLoad(): Promise<void> | null {
  const early = earlyLoad;
  earlyLoad = null;
  return early?.then((applied) => (applied ? undefined : useHomeStore.getState().load(true))) ?? null;
}
