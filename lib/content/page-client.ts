import { browser } from 'wxt/browser';
import { PAGE_CHANNEL, type PageContract } from '@/lib/messaging/page-api';
import { createRpcClient } from '@/lib/messaging/rpc';

/** The content script's typed client of the background's page channel. */
export const callPageChannel = createRpcClient<PageContract>(PAGE_CHANNEL, (message) =>
  browser.runtime.sendMessage(message),
);
