import { browser } from 'wxt/browser';
import { EVENT_CHANNEL, type AccountsChangedEvent } from '@/lib/messaging/popup-api';

/**
 * Tells open extension pages (popup, popup tab or window) that the accounts changed, or with `activeId` that
 * only the active account did. No page open is not an error; nothing waits for the pages.
 */
export function announceAccountsChanged(activeId?: string): void {
  const event: AccountsChangedEvent = {
    channel: EVENT_CHANNEL,
    event: 'accounts.changed',
    ...(activeId === undefined ? {} : { activeId }),
  };
  try {
    browser.runtime.sendMessage(event).catch(() => undefined);
  } catch {
    // No receiver at all (some browsers throw instead of rejecting): nobody to tell.
  }
}
