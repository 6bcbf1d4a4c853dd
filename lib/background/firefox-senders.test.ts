import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser, type Browser } from 'wxt/browser';
import { pageContextOf } from './dapp/page-handlers';
import { isExtensionPage } from './popup-handlers';

/**
 * Firefox's runtime.MessageSender (153): id, url, tab, frameId, documentId, but no `origin` (its schema has
 * none), and extension pages at moz-extension://<per-install UUID>/. The sender checks must stay as strict.
 */
type Sender = Browser.runtime.MessageSender;
const BASE = 'moz-extension://6c1f6d3e-8a57-4f0b-9d7e-0a1b2c3d4e5f/';
const tab = (id: number) => ({ id, windowId: 1 }) as Browser.tabs.Tab;

afterEach(() => vi.restoreAllMocks());

describe('Firefox senders on the page channel (no sender.origin: the frame URL gives it)', () => {
  const contentScript = (url: string, more: Partial<Sender> = {}): Sender => ({
    id: browser.runtime.id,
    url,
    tab: tab(7),
    frameId: 0,
    ...more,
  });

  it("accepts our content script in an exchange tab's top frame, with the URL's origin", async () => {
    await expect(
      pageContextOf(contentScript('https://www.asterdex.com/en/futures/BTCUSDT')),
    ).resolves.toEqual({ origin: 'https://www.asterdex.com', tabId: 7 });
  });

  it('refuses frames, other sites, other extensions, opaque and missing URLs', async () => {
    const refused: Sender[] = [
      contentScript('https://www.asterdex.com/', { frameId: 4 }),
      contentScript('https://asterdex.com.evil.example/'),
      contentScript('https://evil.example/?https://www.asterdex.com/'),
      contentScript('about:blank'),
      contentScript('data:text/html,https://www.asterdex.com/'),
      contentScript('https://www.asterdex.com/', { id: 'another@addon' }),
      { id: browser.runtime.id, tab: tab(7), frameId: 0 },
      { id: browser.runtime.id, url: 'https://www.asterdex.com/', frameId: 0 },
    ];
    for (const sender of refused) expect(await pageContextOf(sender)).toBeNull();
  });
});

describe('Firefox senders on the popup channel (moz-extension pages)', () => {
  it("accepts only this add-on's own pages at its own UUID", () => {
    vi.spyOn(browser.runtime, 'getURL').mockImplementation((path: string) => BASE + path.replace(/^\//, ''));
    const ours = (url: string): Sender => ({ id: browser.runtime.id, url });
    expect(isExtensionPage(ours(`${BASE}popup.html`))).toBe(true);
    expect(isExtensionPage({ ...ours(`${BASE}prompt.html?id=1`), tab: tab(7), frameId: 3 })).toBe(true);
    expect(isExtensionPage(ours('moz-extension://0a0a0a0a-0000-4000-8000-000000000000/popup.html'))).toBe(
      false,
    );
    expect(isExtensionPage(ours(`${BASE.slice(0, -1)}0/popup.html`))).toBe(false);
    expect(isExtensionPage(ours('https://www.asterdex.com/'))).toBe(false);
    expect(isExtensionPage({ id: 'another@addon', url: `${BASE}popup.html` })).toBe(false);
  });
});
