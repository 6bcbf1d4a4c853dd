import { browser } from 'wxt/browser';
import { followLanguageChoice } from '@/lib/i18n';
import { EVENT_CHANNEL, type VaultChangedEvent } from '@/lib/messaging/popup-api';
import type { RpcServer } from '@/lib/messaging/rpc';
import { AccountStore } from '@/lib/vault/accounts';
import { Vault, type VaultState } from '@/lib/vault/vault';
import { announceAccountsChanged } from './accounts-changed';
import { AutoLockScheduler } from './auto-lock';
import { ApprovalQueue } from './dapp/approvals';
import { DappService } from './dapp/dapp-service';
import { followHostPermissions, syncContentScripts } from './dapp/exchange-sites';
import { createPageServer } from './dapp/page-handlers';
import { inPageSwitchingUnavailable, openPopup } from './open-popup';
import { createPopupServer } from './popup-handlers';

/** Tells open extension pages that the vault changed; no page open is not an error. */
function broadcast(state: VaultState): void {
  const event: VaultChangedEvent = { channel: EVENT_CHANNEL, event: 'vault.changed', ...state };
  browser.runtime.sendMessage(event).catch(() => undefined);
}

/**
 * Answers runtime messages from every server; `sendResponse` keeps Chromium and WXT's fake browser alike.
 * Calls wait for `ready` (the trader's language), so a woken worker answers in it from the first call.
 */
export function listen(servers: RpcServer[], ready: Promise<unknown> = Promise.resolve()): void {
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    const channel = (message as { channel?: unknown } | null)?.channel;
    const server = servers.find((s) => s.channel === channel);
    if (!server) return false;
    void ready
      .catch(() => undefined)
      .then(() => server.handle(message, sender))
      .then(sendResponse);
    return true;
  });
}

/**
 * Keyboard shortcuts (manifest `commands`). Where the in-page switcher cannot switch (Firefox), its command
 * opens the toolbar popup instead, synchronously: an await before openPopup would lose the trader's action.
 */
export async function handleCommand(dapp: DappService, command: string): Promise<void> {
  if (command === 'open-switcher' && inPageSwitchingUnavailable()) {
    await openPopup();
    return;
  }
  if (command === 'next-account') await dapp.cycleActive(1);
  else if (command === 'previous-account') await dapp.cycleActive(-1);
  else if (command === 'open-switcher') await dapp.toggleSwitcherInActiveTab();
}

/** The composition root of the service worker. Listeners are registered synchronously, as MV3 requires. */
export function startBackground(): void {
  const vault = new Vault({
    // Only called from vault operations, which start after everything below exists.
    onStateChange: (state) => {
      accounts.onVaultState(state);
      void autoLock.schedule(state.status === 'unlocked' ? state.lockDeadline : null);
      broadcast(state);
      // Locking hides every account from every page (accountsChanged []); unlocking shows them again.
      void dapp.broadcast();
    },
  });
  const accounts = new AccountStore(vault);
  // Added, removed, renamed…: open pages read the list again (whoever wrote, once it is committed).
  accounts.onCommitted(() => announceAccountsChanged());
  const approvals = new ApprovalQueue();
  const dapp = new DappService(vault, accounts, approvals);
  const autoLock = new AutoLockScheduler(vault);
  autoLock.listen();
  approvals.listen();
  browser.commands?.onCommand.addListener((command) => void handleCommand(dapp, command));
  // Texts made here (errors, verdicts, what a request means) are in the trader's language.
  const language = followLanguageChoice();
  listen(
    [createPopupServer(vault, { accounts, dapp: { service: dapp, approvals } }), createPageServer(dapp)],
    language.ready,
  );
  // A worker that wakes after the deadline (alarm missed, browser asleep) locks before anything else.
  void autoLock.check();
  // Approvals a previous worker was showing can no longer be answered: their pages got 4900.
  void approvals.expireOrphans();
  // The provider is injected on the exchange sites in settings (registered at runtime, kept in step here).
  followHostPermissions();
  void syncContentScripts().catch((error: unknown) =>
    console.error('[exchange sites]', error instanceof Error ? error.name : error),
  );
  if (__TEST_BUILD__) {
    // End-to-end tests drive the command handler directly: headless Chromium has no keyboard shortcuts.
    (globalThis as { __handleCommand?: (command: string) => Promise<void> }).__handleCommand = (command) =>
      handleCommand(dapp, command);
  }
}
