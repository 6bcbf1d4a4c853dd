import { create } from 'zustand';
import { t } from '@/lib/i18n';
import { answerOf, callBackground } from '@/lib/messaging/background-client';
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

/**
 * Counts refreshes and applied states. An answer to a refresh is only taken if nothing newer was asked or
 * applied meanwhile: an older answer arriving late (e.g. "unlocked" read while a reset ran) would flip the
 * page back to a screen it had left, and remount the form being filled on the new one.
 */
let latestUpdate = 0;

/** The vault's state as the pages see it: status, lock deadline and settings. Never any secret. */
export const useVaultStore = create<VaultStore>((set) => ({
  state: null,
  receivedAt: 0,
  loadError: null,
  refresh(options = {}) {
    return takeState(callBackground('vault.state', options));
  },
  apply(state) {
    latestUpdate += 1;
    set({ state, receivedAt: Date.now(), loadError: null });
  },
}));

let earlyRefresh: Promise<void> | null = null;

/**
 * Takes the answer to the `vault.state` call the popup's entry sent before React and the screens were
 * loaded, so the answer is there by the first render (which then shows the right screen at once instead of
 * "Loading…" first).
 */
export function refreshEarly(sent: Promise<unknown>): void {
  earlyRefresh = takeState(answerOf<PopupVaultState>(sent));
}

/** Takes the answer to a `vault.state` call, unless something newer was asked or applied meanwhile. */
async function takeState(answer: Promise<PopupVaultState>): Promise<void> {
  const ticket = ++latestUpdate;
  try {
    const state = await answer;
    if (ticket === latestUpdate) useVaultStore.setState({ state, receivedAt: Date.now(), loadError: null });
  } catch (error) {
    if (ticket === latestUpdate)
      useVaultStore.setState({
        loadError: error instanceof Error ? error.message : t('shell.noAnswerShort'),
      });
  }
}

/** The early refresh, once: the page's first refresh takes it rather than asking the background twice. */
export function takeEarlyRefresh(): Promise<void> | null {
  const early = earlyRefresh;
  earlyRefresh = null;
  return early;
}
