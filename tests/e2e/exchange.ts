import type { BrowserContext, Frame, Page } from '@playwright/test';
import { DEMO_KEYS } from '../../simulator/keys';
import { startSimulator, type RunningSimulator } from '../../simulator/server';
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
