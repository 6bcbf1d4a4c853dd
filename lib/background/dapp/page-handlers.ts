import { browser, type Browser } from 'wxt/browser';
import { packagedMessages } from '@/lib/i18n';
import { PAGE_CHANNEL, pageContract } from '@/lib/messaging/page-api';
import { createRpcServer, RpcError, type RpcServer } from '@/lib/messaging/rpc';
import { openPopup } from '../open-popup';
import { describeVaultError } from '../popup-handlers';
import type { DappService, PageContext } from './dapp-service';
import { isExchangeSite } from './exchange-sites';

type MessageSender = Browser.runtime.MessageSender;

/**
 * The page context of a message, from the browser's record of the sender: our own content script, in the
 * top frame of a tab on an exchange origin. Frames are refused, so an exchange embedded in another site's
 * page gets nothing.
 */
export async function pageContextOf(sender: MessageSender): Promise<PageContext | null> {
  if (sender.id !== browser.runtime.id || sender.tab?.id === undefined || sender.frameId !== 0) return null;
  const origin = sender.origin ?? (sender.url ? new URL(sender.url).origin : undefined);
  if (!origin || !(await isExchangeSite(origin))) return null;
  return { origin, tabId: sender.tab.id };
}

async function contextOrThrow(sender: MessageSender): Promise<PageContext> {
  const context = await pageContextOf(sender);
  if (!context) throw new RpcError('4100', 'This page may not use Aster Companion.');
  return context;
}

export function createPageServer(dapp: DappService): RpcServer {
  return createRpcServer(
    PAGE_CHANNEL,
    pageContract,
    {
      request: async ({ method, params }, sender) =>
        dapp.request(await contextOrThrow(sender), method, params),
      hello: async ({ documentStartedAt }, sender) =>
        dapp.hello(await contextOrThrow(sender), documentStartedAt),
      'switcher.state': async (_, sender) => {
        await contextOrThrow(sender);
        return dapp.switcherState();
      },
      'switcher.accounts': async (_, sender) => {
        await contextOrThrow(sender);
        return dapp.switcherAccounts();
      },
      'switcher.select': async ({ id }, sender) => {
        await contextOrThrow(sender);
        await dapp.setActive(id);
        return dapp.switcherState();
      },
      'switcher.openPopup': async (_, sender) => {
        await contextOrThrow(sender);
        return openPopup();
      },
      'prompt.toWindow': async ({ approvalId }, sender) => {
        await dapp.approvalToWindow(await contextOrThrow(sender), approvalId);
        return null;
      },
      'language.messages': async ({ language }, sender) => {
        await contextOrThrow(sender);
        return packagedMessages(language);
      },
      'capture.masters': async (_, sender) => {
        await contextOrThrow(sender);
        return dapp.captureMasters();
      },
      'capture.save': async ({ key, name, parentId }, sender) => {
        await contextOrThrow(sender);
        return dapp.captureSave(key, name, parentId);
      },
    },
    {
      authorize: async (sender) => (await pageContextOf(sender)) !== null,
      describeError: describeVaultError,
    },
  );
}
