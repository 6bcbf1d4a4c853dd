import { create } from 'zustand';
import type { Account } from '@/lib/accounts/model';
import { t } from '@/lib/i18n';
import { callBackground } from '@/lib/messaging/background-client';
import type { AccountsChangedEvent } from '@/lib/messaging/popup-api';

interface AccountsStore {
  accounts: Account[] | null;
  /** The account the trader acts as on the exchange. */
  activeId: string | null;
  setActive(id: string): Promise<void>;
  loadError: string | null;
  refresh(): Promise<void>;
  /** Replaces one account after a call returned its new state. */
  upsert(account: Account): void;
  replaceAll(accounts: Account[]): void;
  /** Applies a change made elsewhere (another page, the keyboard command, the in-page switcher or capture). */
  follow(event: AccountsChangedEvent): void;
}

/** The vault's accounts as the pages see them: metadata only, never a key. */
export const useAccountsStore = create<AccountsStore>((set, get) => ({
  accounts: null,
  activeId: null,
  loadError: null,
  async setActive(id) {
    set({ activeId: await callBackground('accounts.setActive', { id }) });
  },
  async refresh() {
    try {
      const [accounts, activeId] = await Promise.all([
        callBackground('accounts.list', {}),
        callBackground('accounts.active', {}),
      ]);
      set({ accounts, activeId, loadError: null });
    } catch (error) {
      set({ loadError: error instanceof Error ? error.message : t('accounts.loadFailed') });
    }
  },
  upsert(account) {
    const accounts = get().accounts ?? [];
    const index = accounts.findIndex((a) => a.id === account.id);
    if (index < 0) {
      void get().refresh();
      return;
    }
    set({ accounts: accounts.map((a) => (a.id === account.id ? account : a)) });
  },
  replaceAll(accounts) {
    set({ accounts, loadError: null });
  },
  follow(event) {
    // A page that has not loaded the accounts yet reads them when it does.
    if (get().accounts === null) return;
    // A switch alone: one id, no list to read and render again (256 accounts while the exchange signs in).
    if (event.activeId !== undefined) set({ activeId: event.activeId });
    else void get().refresh();
  },
}));
