import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { PAGE_EVENT_CHANNEL, type PageEvent } from '@/lib/messaging/page-api';
import { startKeyCapture } from './key-capture';
import { followChosenLanguageInPage } from './language';
import { callPageChannel } from './page-client';
import { PromptHost } from './prompt-host';
import { postState, startRelay } from './relay';
import { AccountSwitcher } from './switcher';

const pageEventSchema = v.object({ channel: v.literal(PAGE_EVENT_CHANNEL), event: v.string() });

/** The exchange page's content script: relay, approval prompts, the account switcher and key capture. */
export function startContentScript(): void {
  // A prompt the page altered goes to the extension's popup window (the background checks it is this tab's).
  const prompts = new PromptHost(
    (approvalId) => void callPageChannel('prompt.toWindow', { approvalId }).catch(() => undefined),
  );
  // No request of this page waiting: no prompt may stay (a stopped worker never hides its own).
  startRelay({ onIdle: () => prompts.hideAll() });
  let switcher: AccountSwitcher | undefined;
  // The in-page surfaces speak the trader's chosen language (the switcher relabels when it changes).
  const language = followChosenLanguageInPage(
    (chosen) => callPageChannel('language.messages', { language: chosen }),
    () => void switcher?.refresh(),
  );

  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    // Only the background sends page events (a message from a tab would carry sender.tab).
    if (sender.id !== browser.runtime.id || sender.tab || !v.is(pageEventSchema, message)) return false;
    const event = message as PageEvent;
    if (event.event === 'state') {
      postState(event.state);
      switcher?.update(event.switcher);
    } else if (event.event === 'show-prompt') {
      sendResponse({ shown: prompts.show(event.approvalId) });
    } else if (event.event === 'hide-prompt') {
      prompts.hide(event.approvalId);
    } else if (event.event === 'toggle-switcher') {
      switcher?.toggle();
    }
    return false;
  });

  const startUi = () => {
    switcher = new AccountSwitcher();
    void switcher.refresh();
    startKeyCapture();
  };
  // First words in the chosen language: the surfaces wait for its dictionary (or the browser's language).
  void language.ready.then(() => {
    if (document.readyState === 'loading')
      document.addEventListener('DOMContentLoaded', startUi, { once: true });
    else startUi();
  });
}
