import { browser, type Browser } from 'wxt/browser';
import { isExchangeOrigin } from '@/lib/exchange-origins';
import { PAGE_CHANNEL, pageContract } from '@/lib/messaging/page-api';
import { createRpcServer, RpcError, type RpcServer } from '@/lib/messaging/rpc';
import { describeVaultError } from '../popup-handlers';
import type { DappService, PageContext } from './dapp-service';

type MessageSender = Browser.runtime.MessageSender;

/**
 * The page context of a message, from the browser's record of the sender: our own content script, in the
 * top frame of a tab on an exchange origin. Frames are refused, so an exchange embedded in another site's
 * page gets nothing.
 */
export function pageContextOf(sender: MessageSender): PageContext | null {
  if (sender.id !== browser.runtime.id || sender.tab?.id === undefined || sender.frameId !== 0) return null;
  const origin = sender.origin ?? (sender.url ? new URL(sender.url).origin : undefined);
  if (!origin || !isExchangeOrigin(origin)) return null;
  return { origin, tabId: sender.tab.id };
}

function contextOrThrow(sender: MessageSender): PageContext {
  const context = pageContextOf(sender);
  if (!context) throw new RpcError('4100', 'This page may not use Aster Companion.');
  return context;
}

export function createPageServer(dapp: DappService): RpcServer {
  return createRpcServer(
    PAGE_CHANNEL,
    pageContract,
    {
      request: async ({ method, params }, sender) => dapp.request(contextOrThrow(sender), method, params),
      hello: async ({ documentStartedAt }, sender) => dapp.hello(contextOrThrow(sender), documentStartedAt),
      'switcher.state': async (_, sender) => {
        contextOrThrow(sender);
        return dapp.switcherState();
      },
      'switcher.select': async ({ id }, sender) => {
        contextOrThrow(sender);
        await dapp.setActive(id);
        return dapp.switcherState();
      },
      'capture.masters': async (_, sender) => {
        contextOrThrow(sender);
        return dapp.captureMasters();
      },
      'capture.save': async ({ key, name, parentId }, sender) => {
        contextOrThrow(sender);
        return dapp.captureSave(key, name, parentId);
      },
    },
    {
      authorize: (sender) => pageContextOf(sender) !== null,
      describeError: describeVaultError,
    },
  );
}
