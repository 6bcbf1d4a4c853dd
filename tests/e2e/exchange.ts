import type { BrowserContext, Frame, Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_KEYS } from '../../simulator/keys';
import { startSimulator, type RunningSimulator } from '../../simulator/server';
import { extensionIdOf, launchWithExtension } from '../support/chromium';
import { rpc } from '../support/popup-rpc';
import { createVault, expect, test as base } from './fixtures';

export { rpc };

/** Shared by the exchange-page specs: the simulator, a seeded vault, connecting, the prompt frame. */
export const k = DEMO_KEYS;

/** The exchange is the simulator's page on http://localhost (an exchange origin in test builds). */
export const test = base.extend<{ sim: RunningSimulator; exchangeUrl: string }>({
  // eslint-disable-next-line no-empty-pattern
  sim: async ({}, use) => {
    const sim = await startSimulator({ port: 0 });
    await use(sim);
    await sim.close();
  },
  exchangeUrl: async ({ sim }, use) => {
    await use(sim.url.replace('127.0.0.1', 'localhost'));
  },
});

/** A vault with MainDesk (EVM master), its sub Grid01, and SolDesk (Solana master). */
export async function seedVault(popup: Page) {
  await createVault(popup);
  const sol = await rpc<{ id: string }>(popup, 'accounts.add', {
    role: 'master',
    kind: 'solana',
    name: 'SolDesk',
    key: JSON.stringify(Array.from(Buffer.from(k.solanaMaster.seed, 'hex'))),
  });
  const main = await rpc<{ id: string }>(popup, 'accounts.add', {
    role: 'master',
    kind: 'evm',
    name: 'MainDesk',
    key: k.evmMaster.privateKey,
  });
  const grid = await rpc<{ id: string }>(popup, 'accounts.add', {
    role: 'sub',
    kind: 'evm',
    parentId: main.id,
    name: 'Grid01',
    key: k.evmSubGrid.privateKey,
  });
  await rpc(popup, 'accounts.setActive', { id: main.id });
  return { main, grid, sol };
}

/** The approval prompt: an extension iframe over the exchange page. */
export async function promptFrame(page: Page): Promise<Frame> {
  await expect
    .poll(() => page.frames().some((f) => f.url().includes('/prompt.html')), { timeout: 10_000 })
    .toBe(true);
  return page.frames().find((f) => f.url().includes('/prompt.html'))!;
}

export async function connectCompanion(
  page: Page,
  exchangeUrl: string,
  { autoLogin }: { autoLogin: boolean },
) {
  await page.goto(exchangeUrl);
  await page.getByRole('button', { name: 'Connect wallet' }).click();
  await page.getByRole('button', { name: /^Aster Companion.*EVM/ }).click();
  const prompt = await promptFrame(page);
  await expect(prompt.getByRole('heading', { name: 'Connect this site?' })).toBeVisible();
  await expect(prompt.getByText('MainDesk').first()).toBeVisible();
  if (autoLogin) await prompt.getByRole('checkbox', { name: /Sign me in to Aster automatically/ }).check();
  await prompt.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByTestId('wallet-state')).toContainText(k.evmMaster.address, { ignoreCase: true });
}

export const noPrompt = (page: Page) => !page.frames().some((f) => f.url().includes('/prompt.html'));

export async function signedInWithConsent(popup: Page, context: BrowserContext, exchangeUrl: string) {
  const ids = await seedVault(popup);
  const page = await context.newPage();
  await connectCompanion(page, exchangeUrl, { autoLogin: true });
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-address')).toHaveText(k.evmMaster.address);
  expect(noPrompt(page)).toBe(true);
  return { page, ...ids };
}

/** A seeded vault, the exchange connected without standing consent, and its login waiting in the prompt. */
export async function pendingSignIn(popup: Page, context: BrowserContext, exchangeUrl: string) {
  await seedVault(popup);
  const page = await context.newPage();
  await connectCompanion(page, exchangeUrl, { autoLogin: false });
  await page.getByRole('button', { name: 'Sign in' }).click();
  return { page, prompt: await promptFrame(page) };
}

/** Submits the exchange page's Transfer form: `amount` USDT from the EVM master to its sub-account Grid01. */
export async function submitPageTransfer(page: Page, amount: string): Promise<void> {
  await page.getByLabel('From', { exact: true }).selectOption(k.evmMaster.address);
  await page.getByLabel('To', { exact: true }).selectOption(k.evmSubGrid.address);
  const form = page.getByRole('region', { name: 'Transfer' });
  await form.getByLabel('Asset').fill('USDT');
  await form.getByLabel('Amount').fill(amount);
  await page.getByRole('button', { name: 'Transfer', exact: true }).click();
}

/**
 * One browser for a whole prompt spec (setting it up is most of the cost): the built extension with a seeded
 * vault and its popup open, and the exchange tab connected without standing consent, so that every signature
 * asks and, never signed in, switching asks nothing. `close` removes all of it.
 */
export interface PromptBrowser {
  context: BrowserContext;
  popup: Page;
  /** The exchange tab. */
  page: Page;
  extensionId: string;
  ids: Awaited<ReturnType<typeof seedVault>>;
  close(): Promise<void>;
}

/** Opens a {@link PromptBrowser} (profile in a temporary folder named after `name`); on failure, removes what it made. */
export async function openPromptBrowser(name: string): Promise<PromptBrowser> {
  const dir = await mkdtemp(path.join(tmpdir(), `aster-companion-${name}-`));
  let context: BrowserContext | undefined;
  let sim: RunningSimulator | undefined;
  const close = async () => {
    await context?.close();
    await sim?.close();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    context = await launchWithExtension(dir);
    sim = await startSimulator({ port: 0 });
    const popup = await context.newPage();
    const extensionId = await extensionIdOf(context);
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    const ids = await seedVault(popup);
    const page = await context.newPage();
    await connectCompanion(page, sim.url.replace('127.0.0.1', 'localhost'), { autoLogin: false });
    return { context, popup, page, extensionId, ids, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * One {@link PromptBrowser} for the whole spec file: opened before its tests (`take` receives it), closed
 * after them. Call at the file's top level.
 */
export function usePromptBrowser(name: string, take: (browser: PromptBrowser) => void): void {
  let shared: PromptBrowser | undefined;
  base.beforeAll(async () => {
    base.setTimeout(90_000);
    shared = await openPromptBrowser(name);
    take(shared);
  });
  base.afterAll(async () => {
    await shared?.close();
  });
}

/** The in-page prompt's frame in `page`, while there is one. */
export const inPagePrompt = (page: Page): Frame | undefined =>
  page.frames().find((f) => f.url().includes('/prompt.html') && !f.isDetached());

/** What the page's last signing request came to (window.__outcome): a signature, an error code, or null while waiting. */
export type SignOutcome = { signature?: string; code?: number } | null;

/** The page asks MainDesk for a personal_sign of `message` (Aster's login text by default), not waiting for it. */
export async function askPersonalSign(
  page: Page,
  message = `You are signing into Astherus ${Date.now()}`,
): Promise<void> {
  await page.evaluate(
    ([message, address]) => {
      const w = window as unknown as {
        __outcome: SignOutcome;
        ethereum: { request(a: object): Promise<string> };
      };
      w.__outcome = null;
      w.ethereum.request({ method: 'personal_sign', params: [message, address] }).then(
        (signature) => (w.__outcome = { signature }),
        (error: { code: number }) => (w.__outcome = { code: error.code }),
      );
    },
    [message, k.evmMaster.address] as const,
  );
}

export const signOutcome = (page: Page) =>
  page.evaluate(() => (window as unknown as { __outcome: SignOutcome }).__outcome);

/** The approval in its own popup window, where a prompt goes when it cannot be shown safely in the page. */
export const approvalWindow = (context: BrowserContext): Page | undefined =>
  context.pages().find((p) => p.url().includes('/approval.html'));
