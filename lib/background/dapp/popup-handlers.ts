import type { Browser } from 'wxt/browser';
import type { PopupContract } from '@/lib/messaging/popup-api';
import { RpcError, type Handlers } from '@/lib/messaging/rpc';
import type { ApprovalQueue } from './approvals';
import type { DappService } from './dapp-service';
import { ProviderErrors } from './errors';
import { exchangeSites, setExchangeSites } from './exchange-sites';
import { isExchangeOrigin } from '@/lib/exchange-origins';
import { t } from '@/lib/i18n';

type DappMethods = Extract<
  keyof PopupContract,
  | 'accounts.active'
  | 'accounts.setActive'
  | `approval.${string}`
  | `connections.${string}`
  | `exchanges.${string}`
>;

/** The extension pages' side of the exchange connection: switching, the approval prompt, connections. */
export function dappPopupHandlers(
  dapp: DappService,
  approvals: ApprovalQueue,
): Handlers<Pick<PopupContract, DappMethods>> {
  const senderTab = (sender: Browser.runtime.MessageSender) =>
    [sender.tab?.id, sender.tab?.windowId] as const;
  return {
    'accounts.active': async () => (await dapp.activeAccount())?.id ?? null,
    'accounts.setActive': async ({ id }) => (await dapp.setActive(id)).id,
    'approval.get': async ({ id }) => (await approvals.get(id)) ?? null,
    'approval.decide': async ({ id, approve, autoLogin, accountId }, sender) => {
      // Only the prompt shown for this request (in its tab, or its popup window) may answer it.
      if (!(await approvals.belongsTo(id, ...senderTab(sender)))) {
        throw ProviderErrors.unauthorized('This page may not answer that request.');
      }
      await approvals.decide(id, { approve, autoLogin, accountId });
      return null;
    },
    'approval.toWindow': async ({ id }, sender) => {
      const [tabId, windowId] = senderTab(sender);
      // Only the in-page prompt of that request, in its own tab (a popup window has nowhere to move to).
      if (tabId === undefined || !(await approvals.belongsTo(id, tabId, windowId))) {
        throw ProviderErrors.unauthorized('This page may not move that request.');
      }
      await approvals.moveToWindow(id, tabId);
      return null;
    },
    'approval.keepAlive': async () => null,
    'exchanges.list': async () => exchangeSites(),
    'exchanges.set': async ({ sites }) => {
      let saved: string[];
      try {
        saved = await setExchangeSites(sites);
      } catch (error) {
        throw new RpcError(
          'invalid-input',
          error instanceof Error ? error.message : t('background.exchangeSites.refused'),
        );
      }
      // A removed site loses its connection and standing consent: added again, it starts from nothing
      // (auto-login off) rather than inheriting what the trader granted it before.
      for (const connection of await dapp.listConnections()) {
        if (!isExchangeOrigin(connection.origin, saved)) await dapp.revoke(connection.origin);
      }
      return saved;
    },
    'connections.list': async () => dapp.listConnections(),
    'connections.revoke': async ({ origin }) => {
      await dapp.revoke(origin);
      return dapp.listConnections();
    },
    'connections.setAutoLogin': async ({ origin, autoLogin }) => {
      await dapp.setAutoLogin(origin, autoLogin);
      return dapp.listConnections();
    },
  };
}
