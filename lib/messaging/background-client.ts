import { browser } from 'wxt/browser';
import { POPUP_CHANNEL, type PopupContract } from './popup-api';
import { createRpcClient } from './rpc';

/** The extension pages' typed client of the background. */
export const callBackground = createRpcClient<PopupContract>(POPUP_CHANNEL, (message) =>
  browser.runtime.sendMessage(message),
);
