import { browser } from 'wxt/browser';
import { POPUP_CHANNEL, type PopupContract } from './popup-api';
import { createRpcClient, RpcError } from './rpc';

/**
 * What a page is told when the background never answered: runtime.sendMessage rejects when the service worker
 * stops mid-call (Chrome stops idle workers; a crash or an update does too).
 */
export const NO_RESPONSE_MESSAGE =
  'Aster Companion stopped before it answered (the browser restarts it at times). ' +
  'Check what was done before trying again.';

/** The extension pages' typed client of the background. A lost answer is RpcError `no-response`. */
export const callBackground = createRpcClient<PopupContract>(POPUP_CHANNEL, (message) =>
  browser.runtime.sendMessage(message).catch(() => {
    throw new RpcError('no-response', NO_RESPONSE_MESSAGE);
  }),
);
