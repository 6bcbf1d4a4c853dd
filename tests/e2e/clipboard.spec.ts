import type { BrowserContext, Page } from '@playwright/test';
import { privateKeyToAddress } from 'viem/accounts';
import { rpc } from '../support/popup-rpc';
import { createVault, expect, PASSWORD, test } from './fixtures';

// The test build clears the clipboard after 3 s (lib/clipboard/fingerprint.ts); 30 s in the store build.
const CLEAR_MS = 3_000;
const EVM_KEY = '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';

/** Reveals the key in a popup opened in a tab, copies it, and returns that tab and the copied text. */
async function copyKey(
  popup: Page,
  context: BrowserContext,
  openExtensionPage: (page?: string) => Promise<Page>,
): Promise<{ page: Page; keyText: string }> {
  await createVault(popup);
  const master = await rpc<{ id: string }>(popup, 'accounts.add', {
    role: 'master',
    kind: 'evm',
    name: 'EVM desk',
    key: `0x${EVM_KEY}`,
  });
  expect(privateKeyToAddress(`0x${EVM_KEY}`)).toMatch(/^0x/);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await openExtensionPage(`popup.html?tab=1#/backup/${master.id}`);
  const reveal = page.getByRole('region', { name: 'Reveal and write down the key' });
  await reveal.getByLabel('Vault password to reveal', { exact: true }).fill(PASSWORD);
  await reveal.getByRole('button', { name: 'Reveal key' }).click();
  await reveal.getByRole('button', { name: 'Show key' }).click();
  const keyText = (await reveal.getByLabel('Private key').textContent()) ?? '';
  expect(keyText.replace(/^0x/, '')).toBe(EVM_KEY);
  await reveal.getByRole('button', { name: 'Copy key' }).click();
  await expect(reveal.getByRole('status').filter({ hasText: 'even if you close this window' })).toBeVisible();
  return { page, keyText };
}

/** Reads the clipboard from an extension page brought to the front (clipboard reads need focus). */
async function clipboardText(reader: Page): Promise<string> {
  await reader.bringToFront();
  return reader.evaluate(() => navigator.clipboard.readText());
}

async function offscreenDocuments(popup: Page): Promise<number> {
  return popup.evaluate(
    async () => (await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] })).length,
  );
}

test('a copied key leaves the clipboard after the delay even once the popup is closed', async ({
  popup,
  context,
  openExtensionPage,
}) => {
  const { page, keyText } = await copyKey(popup, context, openExtensionPage);
  const copiedAt = Date.now();
  expect(await clipboardText(popup)).toBe(keyText);
  await page.close();
  // Still there before the delay: the clear is a timer, not the popup closing.
  expect(await clipboardText(popup)).toBe(keyText);
  await expect.poll(() => clipboardText(popup), { timeout: CLEAR_MS + 7_000 }).toBe('');
  expect(Date.now() - copiedAt).toBeGreaterThanOrEqual(CLEAR_MS - 500);
  // The offscreen document that cleared it is gone again.
  await expect.poll(() => offscreenDocuments(popup)).toBe(0);
});

test('what the trader copied after the key is left alone once the popup is closed', async ({
  popup,
  context,
  openExtensionPage,
}) => {
  const { page } = await copyKey(popup, context, openExtensionPage);
  await page.close();
  await popup.bringToFront();
  await popup.evaluate(() => navigator.clipboard.writeText('an order id the trader copied'));
  await popup.waitForTimeout(CLEAR_MS + 2_000);
  expect(await clipboardText(popup)).toBe('an order id the trader copied');
  await expect.poll(() => offscreenDocuments(popup)).toBe(0);
});

test('only the last copied key counts: copying twice keeps one document and clears once', async ({
  popup,
  context,
  openExtensionPage,
}) => {
  const { page, keyText } = await copyKey(popup, context, openExtensionPage);
  const reveal = page.getByRole('region', { name: 'Reveal and write down the key' });
  await page.waitForTimeout(CLEAR_MS / 2);
  await reveal.getByRole('button', { name: 'Copy key' }).click();
  const secondCopyAt = Date.now();
  expect(await offscreenDocuments(popup)).toBe(1);
  // The copy finishes (clipboard write, hash, message to the background) before the trader closes the popup;
  // a popup closed within that instant leaves only the first copy's clear, which then comes earlier.
  await page.waitForTimeout(500);
  await page.close();
  await expect.poll(() => clipboardText(popup), { timeout: CLEAR_MS + 7_000 }).toBe('');
  // The first copy's timer was replaced: nothing was cleared before the second copy's delay.
  expect(Date.now() - secondCopyAt).toBeGreaterThanOrEqual(CLEAR_MS - 500);
  expect(keyText.length).toBeGreaterThan(0);
});
