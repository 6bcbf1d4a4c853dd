/** A copied key leaves the clipboard after this long (a few seconds in the test build). */
export const CLIPBOARD_CLEAR_MS = __TEST_BUILD__ ? 3_000 : 30_000;

/**
 * SHA-256 of the copied text, hex: what the context that clears the clipboard later compares against,
 * so the key itself is handed to no other context and never stored.
 */
export async function clipboardFingerprint(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
