import { browser } from 'wxt/browser';
import {
  CLIPBOARD_CHANNEL,
  CLIPBOARD_DOCUMENT_PATH,
  type ClearClipboardLaterMessage,
} from '@/lib/messaging/clipboard-api';

/**
 * Arms the clipboard clear in an offscreen document, which outlives the toolbar popup (the popup's own
 * timer dies when it closes). Chromium only: Firefox has no offscreen documents, and answers false (the popup
 * then clears only while it stays open).
 */

let creating: Promise<void> | undefined;

async function ensureClipboardDocument(): Promise<void> {
  const url = browser.runtime.getURL(CLIPBOARD_DOCUMENT_PATH);
  const open = await browser.runtime.getContexts({
    contextTypes: ['OFFSCREEN_DOCUMENT'],
    documentUrls: [url],
  });
  if (open.length > 0) return;
  // One document per extension: concurrent copies share one creation.
  creating ??= browser.offscreen
    .createDocument({
      url: CLIPBOARD_DOCUMENT_PATH,
      reasons: ['CLIPBOARD'],
      justification: 'Clears a copied private key from the clipboard after the popup has closed.',
    })
    .finally(() => (creating = undefined));
  await creating;
}

export async function clearClipboardLater(fingerprint: string): Promise<{ scheduled: boolean }> {
  if (!browser.offscreen?.createDocument) return { scheduled: false };
  await ensureClipboardDocument();
  const message: ClearClipboardLaterMessage = {
    channel: CLIPBOARD_CHANNEL,
    method: 'clearLater',
    fingerprint,
  };
  const armed: unknown = await browser.runtime.sendMessage(message);
  return { scheduled: armed === true };
}
