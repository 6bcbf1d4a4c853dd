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
 * refuses without a focused window). Found by trying, not by the browser's name.
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
 * Opens the popup from a keyboard command. Call it synchronously in the commands.onCommand listener, before
 * any await: only then does Firefox count the call as the trader's action.
 */
export function openPopupFromCommand(): Promise<'popup' | 'window'> {
  return browser.action.openPopup().then(
    () => 'popup' as const,
    () => openPopupWindow().then(() => 'window' as const),
  );
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
