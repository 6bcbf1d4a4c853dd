import { browser } from 'wxt/browser';

/** The toolbar popup's page in a small extension window, as approvals open when they cannot be in the page. */
export async function openPopupWindow(): Promise<void> {
  await browser.windows?.create({
    url: browser.runtime.getURL('/popup.html'),
    type: 'popup',
    width: 380,
    height: 600,
    focused: true,
  });
}

/**
 * Opens the toolbar popup, or the same page in a small window where the browser refuses: Firefox opens the
 * popup only inside a user action's handler, and a content script's message is not one (Chromium also
 * refuses without a focused window). Found by trying, not by the browser's name. `openPopup` is called before
 * the first await, so a commands.onCommand listener that calls this synchronously keeps the trader's action.
 */
export async function openPopup(): Promise<'popup' | 'window'> {
  try {
    await browser.action.openPopup();
    return 'popup';
  } catch {
    await openPopupWindow();
    return 'window';
  }
}

/**
 * Whether pages here cannot prove a surface seen (an IntersectionObserver without v2's `isVisible`, as in
 * Firefox's event page): the in-page switcher then cannot switch, and the switcher command opens the popup.
 * Chromium's service worker has no IntersectionObserver at all: its pages' switcher decides for itself.
 */
export function inPageSwitchingUnavailable(): boolean {
  return (
    typeof IntersectionObserverEntry !== 'undefined' && !('isVisible' in IntersectionObserverEntry.prototype)
  );
}
