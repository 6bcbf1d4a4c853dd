import { afterEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { clearClipboardLater } from './clipboard-clear';

const offscreen = Object.getOwnPropertyDescriptor(browser, 'offscreen');

describe('clearing a copied key after the popup closes', () => {
  afterEach(() => {
    if (offscreen) Object.defineProperty(browser, 'offscreen', offscreen);
  });

  it('says so when the browser has no offscreen documents (Firefox): the popup then clears it itself', async () => {
    Object.defineProperty(browser, 'offscreen', { value: undefined, configurable: true });
    await expect(clearClipboardLater('0'.repeat(64))).resolves.toEqual({ scheduled: false });
  });
});
