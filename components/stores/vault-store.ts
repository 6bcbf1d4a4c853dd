import { create } from 'zustand';
import { callBackground } from '@/lib/messaging/background-client';
import type { PopupVaultState } from '@/lib/messaging/popup-api';

interface VaultStore {
  state: PopupVaultState | null;
  /** Epoch ms at which `state` arrived: the base of its relative times (unlockRetryAfterMs). */
  receivedAt: number;
  /** Set when the background could not be reached at all. */
  loadError: string | null;
  refresh(options?: { activity?: boolean }): Promise<void>;
  apply(state: PopupVaultState): void;
}

/** The vault's state as the pages see it: status, lock deadline and settings. Never any secret. */
export const useVaultStore = create<VaultStore>((set) => ({
  state: null,
  receivedAt: 0,
  loadError: null,
  async refresh(options = {}) {
    try {
      const state = await callBackground('vault.state', options);
      set({ state, receivedAt: Date.now(), loadError: null });
    } catch (error) {
      set({ loadError: error instanceof Error ? error.message : 'The extension did not answer.' });
    }
  },
  apply(state) {
    set({ state, receivedAt: Date.now(), loadError: null });
  },
}));
