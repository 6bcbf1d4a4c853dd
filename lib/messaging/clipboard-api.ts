import * as v from 'valibot';

/** The background → offscreen document message that arms the clipboard clear (lib/clipboard/offscreen-clear.ts). */
export const CLIPBOARD_CHANNEL = 'clipboard';

export const clipboardFingerprintSchema = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/));

export const clearClipboardLaterMessage = v.strictObject({
  channel: v.literal(CLIPBOARD_CHANNEL),
  method: v.literal('clearLater'),
  fingerprint: clipboardFingerprintSchema,
});

export type ClearClipboardLaterMessage = v.InferOutput<typeof clearClipboardLaterMessage>;

/** The offscreen document's page (entrypoints/clipboard/index.html). */
export const CLIPBOARD_DOCUMENT_PATH = '/clipboard.html';
