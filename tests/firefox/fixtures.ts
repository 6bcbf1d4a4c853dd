import { expect, test } from '@playwright/test';
import type { ElementHandle, Page } from 'puppeteer-core';
import { leaksIn } from '../support/leak-needles';
import { readExtensionStorage, type StorageDump } from '../support/storage-dump';
import { launchFirefox, type ExtensionInFirefox, type FirefoxOptions } from './firefox';

/**
 * The Firefox suite runs in Playwright's test runner (its JSON report counts like the Chromium suite's) and
 * drives Firefox with puppeteer-core: one browser per spec file, its tests in order on the same profile.
 */

export { expect, test };

export const PASSWORD = 'Correct-horse-battery-9';

/** One Firefox with the extension for the spec file's tests: `holder.ff` is set once beforeAll has run. */
export function useFirefox(options: FirefoxOptions = {}): { ff: ExtensionInFirefox } {
  const holder = {} as { ff: ExtensionInFirefox };
  test.beforeAll(async () => {
    test.setTimeout(120_000); // a cold Firefox start on 2 busy cores
    holder.ff = await launchFirefox(options);
  });
  test.afterAll(async () => {
    await holder.ff?.close();
  });
  return holder;
}

// --- the page, by role and accessible name (puppeteer's ARIA query, through Firefox's accessibility tree) ---

const aria = (name: string, role?: string) =>
  `::-p-aria([name=${JSON.stringify(name)}]${role ? `[role="${role}"]` : ''})`;

export async function click(page: Page, name: string, role = 'button'): Promise<void> {
  await page.locator(aria(name, role)).click();
}

/** The visible form control labelled exactly `label` (a <label> for it, or aria-label). */
async function field(page: Page, label: string): Promise<ElementHandle<HTMLInputElement>> {
  const handle = await page.waitForFunction(
    (wanted) => {
      const controls = [
        ...Array.from(document.querySelectorAll('label'))
          .filter((l) => l.textContent?.trim() === wanted)
          .map((l) => l.control),
        ...Array.from(document.querySelectorAll(`[aria-label="${CSS.escape(wanted)}"]`)),
      ];
      return controls.find((c): c is HTMLElement => c instanceof HTMLElement && c.offsetParent !== null);
    },
    { timeout: 10_000 },
    label,
  );
  return handle as ElementHandle<HTMLInputElement>;
}

/**
 * Replaces a field's text as one insertion (as a paste does: beforeinput and input events). Puppeteer's
 * Locator.fill does not finish in Firefox over BiDi, and typing a key one character at a time is slow.
 */
export async function fill(page: Page, label: string, value: string): Promise<void> {
  const input = await field(page, label);
  await input.evaluate((element, text) => {
    element.focus();
    element.select();
    if (text) document.execCommand('insertText', false, text);
    else document.execCommand('delete');
  }, value);
  await input.dispose();
}

export async function select(page: Page, label: string, value: string): Promise<void> {
  const input = await field(page, label);
  await input.select(value);
  await input.dispose();
}

/** Waits until an element with this role and name is shown. */
export async function shown(page: Page, name: string, role?: string, timeout = 10_000): Promise<void> {
  const element = await page.waitForSelector(aria(name, role), { visible: true, timeout });
  await element?.dispose();
}

/** The first button whose text matches (for names that carry more than a fixed label). */
export async function buttonMatching(page: Page, pattern: RegExp): Promise<ElementHandle<Element>> {
  const handle = await page.waitForFunction(
    (source, flags) =>
      Array.from(document.querySelectorAll('button')).find((b) =>
        new RegExp(source, flags).test(b.textContent ?? ''),
      ),
    { timeout: 10_000 },
    pattern.source,
    pattern.flags,
  );
  return handle as ElementHandle<Element>;
}

/** The texts of every element matching `selector` (e.g. '[role="alert"]'). */
export function texts(page: Page, selector: string): Promise<string[]> {
  return page.evaluate(
    (s) => Array.from(document.querySelectorAll(s), (e) => e.textContent?.trim() ?? ''),
    selector,
  );
}

/** Text of the element matching `selector`, '' when there is none. */
export function text(page: Page, selector: string): Promise<string> {
  return page.evaluate((s) => document.querySelector(s)?.textContent?.trim() ?? '', selector);
}

export const testId = (id: string) => `[data-testid="${id}"]`;

// --- the extension ---

export interface Envelope<T> {
  ok: boolean;
  result?: T;
  error?: { code: string; message: string };
}

/** Calls the background from an extension page, exactly as the popup does. */
export async function rpc<T>(page: Page, method: string, params: object): Promise<T> {
  const envelope = (await page.evaluate(
    (m, p) => chrome.runtime.sendMessage({ channel: 'popup', method: m, params: p }),
    method,
    params,
  )) as Envelope<T>;
  if (!envelope.ok) throw new Error(`${envelope.error?.code}: ${envelope.error?.message}`);
  return envelope.result as T;
}

/** Fills the first-run form and waits for the unlocked home screen. */
export async function createVault(page: Page, password = PASSWORD): Promise<void> {
  await shown(page, 'Create your vault', 'heading');
  await fill(page, 'New password', password);
  await fill(page, 'Confirm password', password);
  await click(page, 'Create vault');
  await shown(page, 'Lock now', 'button', 30_000);
}

export async function unlock(page: Page, password = PASSWORD): Promise<void> {
  await fill(page, 'Password', password);
  await click(page, 'Unlock');
}

/** Whether the extension's event page is loaded now (an extension page sees it among the extension's views). */
export function backgroundLoaded(page: Page): Promise<boolean> {
  return page.evaluate(() =>
    chrome.extension
      .getViews()
      .some((view) => (view as unknown as typeof globalThis).location.pathname.includes('background')),
  );
}

export type { StorageDump };

/** Every IndexedDB database of the extension's origin and storage.local/session, read from an extension page. */
export function dumpStorage(page: Page): Promise<StorageDump> {
  return page.evaluate(readExtensionStorage, { sync: false });
}

/** The test keys (any encoding) and the password found in a storage dump. */
export function keyMaterialIn(dump: StorageDump, password = PASSWORD): string[] {
  return leaksIn(dump, [password, Buffer.from(password).toString('base64')]);
}
