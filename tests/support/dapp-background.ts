import { vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ApprovalQueue, type ApprovalDecision } from '@/lib/background/dapp/approvals';
import { DappService } from '@/lib/background/dapp/dapp-service';
import { createPageServer } from '@/lib/background/dapp/page-handlers';
import { createPopupServer } from '@/lib/background/popup-handlers';
import { POPUP_CHANNEL } from '@/lib/messaging/popup-api';
import { AccountStore } from '@/lib/vault/accounts';
import { VaultDatabase } from '@/lib/vault/db';
import { Vault } from '@/lib/vault/vault';
import { DEMO_KEYS } from '@/simulator/keys';

/**
 * The background's dapp side on a fresh vault, for the unit tests of what sites and the popup ask it: one
 * setup instead of a copy per file. The approval prompt is never shown: `answer` decides every request and
 * `approvals` records what each would have shown.
 */
export function dappBackground(name: string, answer: () => Promise<ApprovalDecision>) {
  const vault = new Vault({ db: new VaultDatabase(`${name}-${crypto.randomUUID()}`), kdfIterations: 1000 });
  const accounts = new AccountStore(vault);
  const queue = new ApprovalQueue();
  const approvals = vi.spyOn(queue, 'request').mockImplementation(answer);
  const dapp = new DappService(vault, accounts, queue);
  const popupServer = createPopupServer(vault, { accounts, dapp: { service: dapp, approvals: queue } });
  /** Calls the popup server as the popup does; an error answer throws. */
  const popup = async (method: string, params: object): Promise<{ id: string }> => {
    const response = await popupServer.handle(
      { channel: POPUP_CHANNEL, method, params },
      { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') },
    )!;
    if (!response.ok) throw new Error(`${method}: ${response.error.message}`);
    return response.result as { id: string };
  };
  return { vault, approvals, popupServer, pageServer: createPageServer(dapp), popup };
}

/** A vault made with `password` holding MainDesk (EVM master) and its sub-account Grid01; their ids. */
export async function mainDeskAndGrid(
  popup: ReturnType<typeof dappBackground>['popup'],
  password: string,
): Promise<{ main: string; grid: string }> {
  await popup('vault.create', { password });
  const main = await popup('accounts.add', {
    role: 'master',
    kind: 'evm',
    name: 'MainDesk',
    key: DEMO_KEYS.evmMaster.privateKey,
  });
  const grid = await popup('accounts.add', {
    role: 'sub',
    kind: 'evm',
    parentId: main.id,
    name: 'Grid01',
    key: DEMO_KEYS.evmSubGrid.privateKey,
  });
  return { main: main.id, grid: grid.id };
}

/** The site connected with these accounts, as the trader's Connect leaves it. */
export function connectSite(
  vault: Vault,
  origin: string,
  accountIds: string[],
  autoLogin = false,
): Promise<unknown> {
  return vault.database.connections.put({
    origin,
    mode: 'active',
    accountIds,
    autoLogin,
    connectedAt: Date.now(),
  });
}

/** What the browser tells the background of a message from the top frame of a tab showing `origin`. */
export function pageSender(origin: string): Browser.runtime.MessageSender {
  return { id: fakeBrowser.runtime.id, url: `${origin}/`, origin, tab: { id: 7 } as never, frameId: 0 };
}
