import { browser } from 'wxt/browser';
import { EVENT_CHANNEL, type VaultChangedEvent } from '@/lib/messaging/popup-api';
import type { RpcServer } from '@/lib/messaging/rpc';
import { Vault, type VaultState } from '@/lib/vault/vault';
import { AutoLockScheduler } from './auto-lock';
import { createPopupServer } from './popup-handlers';

/** Tells open extension pages that the vault changed; no page open is not an error. */
function broadcast(state: VaultState): void {
  const event: VaultChangedEvent = { channel: EVENT_CHANNEL, event: 'vault.changed', ...state };
  browser.runtime.sendMessage(event).catch(() => undefined);
}

/** Answers runtime messages from every server; `sendResponse` keeps Chromium and WXT's fake browser alike. */
export function listen(servers: RpcServer[]): void {
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    for (const server of servers) {
      const response = server.handle(message, sender);
      if (response) {
        void response.then(sendResponse);
        return true;
      }
    }
    return false;
  });
}

/** The composition root of the service worker. Listeners are registered synchronously, as MV3 requires. */
export function startBackground(): void {
  const vault = new Vault({
    // Only called from vault operations, which start after `autoLock` exists.
    onStateChange: (state) => {
      void autoLock.schedule(state.status === 'unlocked' ? state.lockDeadline : null);
      broadcast(state);
    },
  });
  const autoLock = new AutoLockScheduler(vault);
  autoLock.listen();
  listen([createPopupServer(vault)]);
  // A worker that wakes after the deadline (alarm missed, browser asleep) locks before anything else.
  void autoLock.check();
}
