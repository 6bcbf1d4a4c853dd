import { browser, type Browser } from 'wxt/browser';
import { POPUP_CHANNEL, popupContract, type PopupVaultState } from '@/lib/messaging/popup-api';
import { createRpcServer, RpcError, type RpcErrorPayload, type RpcServer } from '@/lib/messaging/rpc';
import { VaultError } from '@/lib/vault/errors';
import { AUTO_LOCK_CHOICES_MS } from '@/lib/vault/settings';
import { AccountStore } from '@/lib/vault/accounts';
import type { Vault } from '@/lib/vault/vault';
import { accountHandlers } from './account-handlers';
import { clearClipboardLater } from './clipboard-clear';
import { operationsHandlers } from './operations/handlers';
import { ApprovalQueue } from './dapp/approvals';
import { DappService } from './dapp/dapp-service';
import { syncContentScripts } from './dapp/exchange-sites';
import { dappPopupHandlers } from './dapp/popup-handlers';
import { describeStorageError } from './storage-errors';
import { t } from '@/lib/i18n';

/** Calls that are not the trader's activity: they do not push the auto-lock deadline back. */
const PASSIVE_METHODS = new Set(['ping', 'vault.state', 'approval.keepAlive', 'approval.get']);

type MessageSender = Browser.runtime.MessageSender;

/** Only the extension's own pages (popup, options, prompts) may use the popup channel. */
export function isExtensionPage(sender: MessageSender): boolean {
  const base = browser.runtime.getURL('/');
  return sender.id === browser.runtime.id && typeof sender.url === 'string' && sender.url.startsWith(base);
}

/**
 * Vault errors as payloads, and a write the browser refused for lack of space (both channels use this, so
 * a full storage is told in words to the popup and to the exchange page alike).
 */
export function describeVaultError(error: unknown): RpcErrorPayload | undefined {
  if (!(error instanceof VaultError)) return describeStorageError(error);
  return error.retryAfterMs === undefined
    ? { code: error.code, message: error.message }
    : { code: error.code, message: error.message, retryAfterMs: error.retryAfterMs };
}

export async function popupVaultState(vault: Vault): Promise<PopupVaultState> {
  const [{ status, lockDeadline }, settings, unlockRetryAfterMs] = await Promise.all([
    vault.state(),
    vault.settings(),
    vault.unlockRetryAfterMs(),
  ]);
  return {
    status,
    lockDeadline,
    unlockRetryAfterMs,
    autoLockMs: settings.autoLockMs,
    autoLockChoices: [...AUTO_LOCK_CHOICES_MS],
  };
}

export interface PopupServerParts {
  accounts?: AccountStore;
  /** The exchange connection (switching, approvals); absent in unit tests of the vault alone. */
  dapp?: { service: DappService; approvals: ApprovalQueue };
  authorize?: (sender: MessageSender) => boolean;
}

export function createPopupServer(vault: Vault, parts: PopupServerParts = {}): RpcServer {
  const accounts = parts.accounts ?? new AccountStore(vault);
  const approvals = parts.dapp?.approvals ?? new ApprovalQueue();
  const dapp = parts.dapp?.service ?? new DappService(vault, accounts, approvals);
  const state = () => popupVaultState(vault);
  return createRpcServer(
    POPUP_CHANNEL,
    popupContract,
    {
      ...accountHandlers(vault, accounts),
      ...operationsHandlers(vault, accounts),
      ...dappPopupHandlers(dapp, approvals),
      ping: async () => 'pong' as const,
      'clipboard.clearLater': ({ fingerprint }) => clearClipboardLater(fingerprint),
      'vault.state': async ({ activity }) => {
        if (activity) await vault.touch();
        return state();
      },
      'vault.create': async ({ password }) => {
        await vault.create(password);
        return state();
      },
      'vault.unlock': async ({ password }) => {
        await vault.unlock(password);
        return state();
      },
      'vault.lock': async () => {
        await vault.lock();
        return state();
      },
      'vault.changePassword': async ({ oldPassword, newPassword }) => {
        if (oldPassword === newPassword)
          throw new RpcError('same-password', t('background.popupHandlers.samePassword'));
        await vault.changePassword(oldPassword, newPassword);
        return state();
      },
      'vault.reset': async () => {
        await vault.reset(async () => {
          // Everything else the extension keeps goes too: connections' session state, network settings…
          await Promise.all([browser.storage.local.clear(), browser.storage.session.clear()]);
          // …and the exchange sites are back to their defaults: inject there again.
          await syncContentScripts(true).catch(() => undefined);
        });
        return state();
      },
      'settings.setAutoLock': async ({ autoLockMs }) => {
        await vault.setAutoLock(autoLockMs);
        return state();
      },
    },
    {
      authorize: parts.authorize ?? isExtensionPage,
      // Every deliberate action counts as activity; reading state does only when the page says so.
      beforeCall: async (name) => {
        if (!PASSIVE_METHODS.has(name)) await vault.touch();
      },
      describeError: describeVaultError,
    },
  );
}
