import type { BrowserContext, Page } from '@playwright/test';
import { expect } from './fixtures';
import { k, noPrompt, seedVault, test } from './exchange';

/**
 * A site the trader adds in Settings: the simulator on http://127.0.0.1 (no exchange in any build until
 * added; the test build holds its host permission so adding needs no browser dialog). prompt.html is
 * web-accessible only to the sites built in (wxt.config.ts), so its prompts open in the extension's window
 * (approval.html).
 */

const SITE = 'http://127.0.0.1';

async function addSite(popup: Page, url: string) {
  await popup.getByRole('button', { name: 'Settings' }).click();
  await popup.getByLabel('Add an exchange site').fill(url);
  await popup.getByRole('button', { name: 'Add site' }).click();
  const confirm = popup.getByRole('alertdialog');
  await expect(confirm).toContainText(`${SITE} will be able to ask Aster Companion for signatures`);
  await confirm.getByRole('button', { name: 'Add and allow signature requests' }).click();
  await expect(popup.getByRole('button', { name: `Remove ${SITE}` })).toBeVisible();
}

/** Runs `act` and returns the prompt window it opens (the extension's own popup window). */
async function promptWindow(context: BrowserContext, act: () => Promise<void>): Promise<Page> {
  const before = new Set(context.pages());
  await act();
  // A new window's page reports its URL only once it has navigated: poll instead of filtering the event.
  const find = () => context.pages().find((p) => !before.has(p) && p.url().includes('/approval.html'));
  await expect.poll(() => find() !== undefined, { timeout: 10_000 }).toBe(true);
  const prompt = find()!;
  // The extension's own window page, never the framable prompt.html.
  expect(new URL(prompt.url()).pathname).toBe('/approval.html');
  return prompt;
}

async function connect(
  page: Page,
  context: BrowserContext,
  url: string,
  { autoLogin }: { autoLogin: boolean },
) {
  await page.goto(url);
  await expect.poll(() => page.evaluate(() => 'ethereum' in window)).toBe(true);
  await page.getByRole('button', { name: 'Connect wallet' }).click();
  const prompt = await promptWindow(context, () =>
    page.getByRole('button', { name: /^Aster Companion.*EVM/ }).click(),
  );
  await expect(prompt.getByRole('heading', { name: 'Connect this site?' })).toBeVisible();
  const consent = prompt.getByRole('checkbox', { name: /Sign me in to Aster automatically/ });
  // Standing consent to auto-login is never on by default, on an added site least of all.
  await expect(consent).not.toBeChecked();
  if (autoLogin) await consent.check();
  await prompt.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByTestId('wallet-state')).toContainText(k.evmMaster.address, { ignoreCase: true });
}

test('a site the trader adds gets its prompts (in the extension window), with auto-login off until allowed', async ({
  popup,
  context,
  sim,
}) => {
  await seedVault(popup);
  await addSite(popup, sim.url);
  const page = await context.newPage();
  await connect(page, context, sim.url, { autoLogin: false });
  expect(noPrompt(page)).toBe(true);

  // The login is asked for, in the window, and signs once approved.
  const login = await promptWindow(context, () => page.getByRole('button', { name: 'Sign in' }).click());
  await login.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByTestId('signed-in-address')).toHaveText(k.evmMaster.address);
  expect(noPrompt(page)).toBe(true);
});

test('adding a site asks first: cancelled, nothing is added and the site gets no wallet', async ({
  popup,
  context,
  sim,
}) => {
  await seedVault(popup);
  await popup.getByRole('button', { name: 'Settings' }).click();
  await popup.getByLabel('Add an exchange site').fill(sim.url);
  await popup.getByRole('button', { name: 'Add site' }).click();
  const confirm = popup.getByRole('alertdialog');
  await expect(confirm).toContainText('logins, transfers, withdrawals and API wallets');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(popup.getByRole('button', { name: `Remove ${SITE}` })).toHaveCount(0);
  const page = await context.newPage();
  await page.goto(sim.url);
  await expect(page.getByRole('heading', { name: 'Aster simulator' })).toBeVisible();
  expect(await page.evaluate(() => 'ethereum' in window)).toBe(false);
});

test('a removed site forgets its connection and consent: added again, it is asked again with auto-login off', async ({
  popup,
  context,
  sim,
}) => {
  await seedVault(popup);
  await addSite(popup, sim.url);
  const page = await context.newPage();
  await connect(page, context, sim.url, { autoLogin: true });
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-address')).toHaveText(k.evmMaster.address);

  await popup.bringToFront();
  await popup.getByRole('button', { name: `Remove ${SITE}` }).click();
  await expect(popup.getByRole('button', { name: `Remove ${SITE}` })).toHaveCount(0);
  await popup.getByLabel('Add an exchange site').fill(sim.url);
  await popup.getByRole('button', { name: 'Add site' }).click();
  await popup.getByRole('button', { name: 'Add and allow signature requests' }).click();
  await expect(popup.getByRole('button', { name: `Remove ${SITE}` })).toBeVisible();

  // connect() checks the consent box is off again; then the login is asked for, not signed silently.
  await connect(page, context, sim.url, { autoLogin: false });
  const login = await promptWindow(context, () => page.getByRole('button', { name: 'Sign in' }).click());
  await expect(login.getByRole('button', { name: 'Approve' })).toBeVisible();
});
