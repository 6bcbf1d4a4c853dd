import { browser, type Browser } from 'wxt/browser';
import { POPUP_CHANNEL, popupContract, type PopupVaultState } from '@/lib/messaging/popup-api';
import { createRpcServer, RpcError, type RpcErrorPayload, type RpcServer } from '@/lib/messaging/rpc';
import { VaultError } from '@/lib/vault/errors';
import { AUTO_LOCK_CHOICES_MS } from '@/lib/vault/settings';
import { AccountStore } from '@/lib/vault/accounts';
import type { Vault } from '@/lib/vault/vault';
import { accountHandlers } from './account-handlers';

type MessageSender = Browser.runtime.MessageSender;

/** Only the extension's own pages (popup, options, prompts) may use the popup channel. */
export function isExtensionPage(sender: MessageSender): boolean {
  const base = browser.runtime.getURL('/');
  return sender.id === browser.runtime.id && typeof sender.url === 'string' && sender.url.startsWith(base);
}

export function describeVaultError(error: unknown): RpcErrorPayload | undefined {
  if (!(error instanceof VaultError)) return undefined;
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

export function createPopupServer(
  vault: Vault,
  authorize: (sender: MessageSender) => boolean = isExtensionPage,
  accounts: AccountStore = new AccountStore(vault),
): RpcServer {
  const state = () => popupVaultState(vault);
  return createRpcServer(
    POPUP_CHANNEL,
    popupContract,
    {
      ...accountHandlers(vault, accounts),
      ping: async () => 'pong' as const,
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
          throw new RpcError('same-password', 'The new password is the current one.');
        await vault.changePassword(oldPassword, newPassword);
        return state();
      },
      'vault.reset': async () => {
        await vault.reset();
        return state();
      },
      'settings.setAutoLock': async ({ autoLockMs }) => {
        await vault.setAutoLock(autoLockMs);
        return state();
      },
    },
    {
      authorize,
      // Every deliberate action counts as activity; reading state does only when the page says so.
      beforeCall: async (name) => {
        if (name !== 'ping' && name !== 'vault.state') await vault.touch();
      },
      describeError: describeVaultError,
    },
  );
}
