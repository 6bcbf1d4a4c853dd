import * as v from 'valibot';
import { browser, type Browser } from 'wxt/browser';
import { clearClipboardLaterMessage } from '@/lib/messaging/clipboard-api';
import { CLIPBOARD_CLEAR_MS, clipboardFingerprint } from './fingerprint';

/**
 * Runs in the offscreen document (Chromium): the extension context that outlives the toolbar popup. The popup
 * copies a key and closes; this clears the clipboard CLIPBOARD_CLEAR_MS later, but only if the clipboard
 * still holds that key (compared by SHA-256), then closes itself. Offscreen documents have no focus, so the
 * async Clipboard API is unavailable: `execCommand('paste'/'copy')` is what Chromium allows them, with the
 * `clipboardRead` and `clipboardWrite` permissions and the CLIPBOARD reason.
 */

function readClipboard(): string {
  const area = document.createElement('textarea');
  document.body.append(area);
  area.focus();
  document.execCommand('paste');
  const text = area.value;
  area.remove();
  return text;
}

function emptyClipboard(): void {
  // Chromium runs the copy command only over a selection: select a placeholder, then put an empty text in.
  const area = document.createElement('textarea');
  area.value = ' ';
  document.body.append(area);
  area.select();
  const onCopy = (event: ClipboardEvent) => {
    event.clipboardData?.setData('text/plain', '');
    event.preventDefault();
  };
  document.addEventListener('copy', onCopy);
  try {
    document.execCommand('copy');
  } finally {
    document.removeEventListener('copy', onCopy);
    area.remove();
  }
}

const ATTEMPTS = 8;
const RETRY_MS = 250;

/**
 * Empties the clipboard if it still holds the key. A paste or copy command in a document without focus fails
 * now and then (it reads nothing, or the write does not take), so each step is checked and tried again; text
 * other than the key is the trader's own and is left alone.
 */
async function clearIfStillHeld(fingerprint: string): Promise<void> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    const text = readClipboard();
    if (text === '') continue; // unread, or already empty: look again
    if ((await clipboardFingerprint(text)) !== fingerprint) return;
    emptyClipboard();
  }
}

/** Only the background may arm the clear (content scripts can message extension pages too). */
function fromBackground(sender: Browser.runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && sender.url === browser.runtime.getURL('/background.js');
}

export function startClipboardClearer(): void {
  // Only the last copy counts: the clipboard holds one text, a newer copy replaced the older key.
  let timer: ReturnType<typeof setTimeout> | undefined;
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    const parsed = v.safeParse(clearClipboardLaterMessage, message);
    if (!parsed.success || !fromBackground(sender)) return false;
    clearTimeout(timer);
    timer = setTimeout(async () => {
      try {
        await clearIfStillHeld(parsed.output.fingerprint);
      } finally {
        window.close();
      }
    }, CLIPBOARD_CLEAR_MS);
    sendResponse(true);
    return false;
  });
}
