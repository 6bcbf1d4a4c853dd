/**
 * With a display: opens Chromium with the built extension and its popup in a tab, until the browser closes.
 * Without one: a scripted walkthrough of the popup that saves screenshots to ./screenshots/.
 */
import type { Page } from '@playwright/test';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { extensionIdOf, launchWithExtension } from '../tests/support/chromium';

const EXTENSION = path.resolve('.output/chrome-mv3');
const SCREENSHOTS = path.resolve('screenshots');
const PASSWORD = 'Walkthrough-passphrase-42';

async function interactive(): Promise<void> {
  const context = await launchWithExtension(await mkdtemp(path.join(tmpdir(), 'aster-companion-')), {
    extensionPath: EXTENSION,
    headless: false,
  });
  const id = await extensionIdOf(context);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`chrome-extension://${id}/popup.html`);
  console.log(`Chromium is open with Aster Companion (extension id ${id}). Close the browser to stop.`);
  await new Promise<void>((resolve) => context.on('close', () => resolve()));
}

async function walkthrough(): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const context = await launchWithExtension(await mkdtemp(path.join(tmpdir(), 'aster-companion-')), {
    extensionPath: EXTENSION,
  });
  const id = await extensionIdOf(context);
  const page = await context.newPage();
  await page.setViewportSize({ width: 360, height: 600 });
  await page.goto(`chrome-extension://${id}/popup.html`);
  let shot = 0;
  const capture = async (name: string, target: Page = page) => {
    const file = path.join(SCREENSHOTS, `${String(++shot).padStart(2, '0')}-${name}.png`);
    await target.screenshot({ path: file });
    console.log(`  saved ${path.relative(process.cwd(), file)}`);
  };

  console.log('Walkthrough: first run');
  await page.getByRole('heading', { name: 'Create your vault' }).waitFor();
  await capture('create-vault');
  await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Confirm password', { exact: true }).fill(PASSWORD);
  await capture('create-vault-filled');
  await page.getByRole('button', { name: 'Create vault' }).click();
  await page.getByRole('button', { name: 'Lock now' }).waitFor();
  await capture('unlocked-home');

  console.log('Walkthrough: accounts');
  await page.getByRole('button', { name: 'Add account' }).click();
  await page.getByLabel('Account name').fill('Main desk');
  // A well-known public test key (never use it for funds).
  await page
    .getByLabel('Private key', { exact: true })
    .fill('0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318');
  await page.getByText(/^Address: 0x/).waitFor();
  await capture('add-master');
  await page.getByRole('button', { name: 'Save account' }).click();
  await page.getByRole('heading', { name: 'Back up Main desk' }).waitFor();
  await capture('one-time-backup');
  await page.getByRole('button', { name: 'Later' }).click();
  await page.getByRole('button', { name: 'Leave without a backup' }).click();
  for (const name of ['Scalper01', 'Hedge002']) {
    await page.getByRole('button', { name: 'Add account' }).click();
    await page.getByRole('radio', { name: 'Generate a new key here' }).check();
    await page.getByLabel('Account name').fill(name);
    await page.getByRole('button', { name: 'Generate key' }).click();
    await page.getByRole('heading', { name: `Back up ${name}` }).waitFor();
    await page.getByRole('button', { name: 'Accounts' }).click();
  }
  await page.getByRole('button', { name: 'Manage Hedge002' }).click();
  await capture('accounts-list');
  await page.getByRole('button', { name: 'Manage Hedge002' }).click();

  console.log('Walkthrough: settings, dark theme');
  await page.getByRole('button', { name: 'Settings' }).click();
  await capture('settings-light');
  await page.getByLabel('Theme').selectOption('dark');
  await capture('settings-dark');
  await page.getByRole('button', { name: 'Accounts' }).click();
  await capture('accounts-dark');
  await page.getByLabel('Theme', { exact: true }).waitFor({ state: 'detached' });

  console.log('Walkthrough: lock, wrong password, unlock');
  await page.getByRole('button', { name: 'Lock now' }).click();
  await page.getByRole('heading', { name: 'Unlock Aster Companion' }).waitFor();
  await page.getByLabel('Password', { exact: true }).fill('not the password');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('alert').waitFor();
  await capture('wrong-password-dark');
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('button', { name: 'Lock now' }).waitFor();
  await capture('unlocked-again-dark');

  await context.close();
  console.log(`Walkthrough done: screenshots in ${SCREENSHOTS}`);
}

const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
await (hasDisplay && !process.env.HEADLESS ? interactive() : walkthrough());
