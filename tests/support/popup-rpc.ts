import type { Page } from '@playwright/test';

export interface Envelope<T> {
  ok: boolean;
  result?: T;
  error?: { code: string; message: string };
}

/** Calls the background from an extension page, exactly as the popup does, and returns the envelope. */
export async function popupCall<T>(page: Page, method: string, params: object): Promise<Envelope<T>> {
  return (await page.evaluate(
    ([m, p]) => chrome.runtime.sendMessage({ channel: 'popup', method: m, params: p }),
    [method, params] as const,
  )) as Envelope<T>;
}

/** The same, for calls that must succeed: the result, or an Error "code: message". */
export async function rpc<T>(page: Page, method: string, params: object): Promise<T> {
  const envelope = await popupCall<T>(page, method, params);
  if (!envelope.ok) throw new Error(`${envelope.error?.code}: ${envelope.error?.message}`);
  return envelope.result as T;
}
