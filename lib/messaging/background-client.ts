import { browser } from 'wxt/browser';
import { POPUP_CHANNEL, type PopupContract } from './popup-api';
import { createRpcClient, resultOf, RpcError } from './rpc';

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

/**
 * The result of a call already sent with `browser.runtime.sendMessage` (the popup's entry sends its first
 * call before this module is loaded), read from its answer exactly as `callBackground` reads one.
 */
export async function answerOf<R>(sent: Promise<unknown>): Promise<R> {
  let answer: unknown;
  try {
    answer = await sent;
  } catch {
    throw new RpcError('no-response', NO_RESPONSE_MESSAGE);
  }
  return resultOf<R>(answer);
}
