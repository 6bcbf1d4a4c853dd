/**
 * The main job, after `npm start` built the development build (.output/chrome-mv3-test: the simulator's
 * http://localhost origin counts as an exchange there). Starts the local Aster simulator, then:
 * - with a display: opens Chromium with the extension, the simulator's exchange page and the popup, until the
 *   browser closes;
 * - without one: a scripted walkthrough of every flow, saving screenshots to ./screenshots/.
 */
import type { BrowserContext, Frame, Page } from '@playwright/test';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_KEYS } from '../simulator/keys';
import { startSimulator } from '../simulator/server';
import { extensionIdOf, launchWithExtension } from '../tests/support/chromium';

const EXTENSION = path.resolve('.output/chrome-mv3-test');
const SCREENSHOTS = path.resolve('screenshots');
const PASSWORD = 'Walkthrough-passphrase-42';

async function rpc<T>(page: Page, method: string, params: object): Promise<T> {
  const response = (await page.evaluate(
    ([m, p]) => chrome.runtime.sendMessage({ channel: 'popup', method: m, params: p }),
    [method, params] as const,
  )) as { ok: boolean; result?: T; error?: { message: string } };
  if (!response.ok) throw new Error(response.error?.message);
  return response.result as T;
}

async function promptFrame(page: Page): Promise<Frame> {
  for (let i = 0; i < 100; i++) {
    const frame = page.frames().find((f) => f.url().includes('/prompt.html'));
    if (frame) return frame;
    await page.waitForTimeout(100);
  }
  throw new Error('no approval prompt appeared');
}

async function interactive(context: BrowserContext, id: string, exchangeUrl: string): Promise<void> {
  const exchange = context.pages()[0] ?? (await context.newPage());
  await exchange.goto(exchangeUrl);
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${id}/popup.html?tab=1`);
  console.log(
    `Chromium is open with Aster Companion (extension id ${id}) and the simulator at ${exchangeUrl}.`,
  );
  console.log('Test keys to import are listed in simulator/README.md. Close the browser to stop.');
  await new Promise<void>((resolve) => context.on('close', () => resolve()));
}

async function walkthrough(context: BrowserContext, id: string, exchangeUrl: string): Promise<void> {
  await rm(SCREENSHOTS, { recursive: true, force: true });
  await mkdir(SCREENSHOTS, { recursive: true });
  let shot = 0;
  const capture = async (page: Page, name: string) => {
    const file = path.join(SCREENSHOTS, `${String(++shot).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file });
    console.log(`  saved ${path.relative(process.cwd(), file)}`);
  };

  const popup = await context.newPage();
  await popup.setViewportSize({ width: 360, height: 600 });
  await popup.goto(`chrome-extension://${id}/popup.html`);

  console.log('Walkthrough: first run');
  await popup.getByRole('heading', { name: 'Create your vault' }).waitFor();
  await popup.getByLabel('New password', { exact: true }).fill(PASSWORD);
  await popup.getByLabel('Confirm password', { exact: true }).fill(PASSWORD);
  await capture(popup, 'create-vault');
  await popup.getByRole('button', { name: 'Create vault' }).click();
  await popup.getByRole('button', { name: 'Lock now' }).waitFor();

  console.log('Walkthrough: accounts (the simulator’s public test keys)');
  await popup.getByRole('button', { name: 'Add account' }).click();
  await popup.getByLabel('Account name').fill('MainDesk');
  await popup.getByLabel('Private key', { exact: true }).fill(DEMO_KEYS.evmMaster.privateKey);
  await popup.getByText(/^Address: 0x/).waitFor();
  await capture(popup, 'add-master');
  await popup.getByRole('button', { name: 'Save account' }).click();
  await popup.getByRole('heading', { name: 'Back up MainDesk' }).waitFor();
  await capture(popup, 'one-time-backup');
  const main = (await rpc<{ id: string; name: string }[]>(popup, 'accounts.list', {})).find(
    (a) => a.name === 'MainDesk',
  )!;
  await rpc(popup, 'accounts.add', {
    role: 'sub',
    kind: 'evm',
    parentId: main.id,
    name: 'Grid01',
    key: DEMO_KEYS.evmSubGrid.privateKey,
  });
  await rpc(popup, 'accounts.add', {
    role: 'sub',
    kind: 'evm',
    parentId: main.id,
    name: 'Hedge02',
    key: DEMO_KEYS.evmSubHedge.privateKey,
  });
  await rpc(popup, 'aster.setNetwork', { network: 'simulator', simulatorUrl: exchangeUrl });
  await popup.goto(`chrome-extension://${id}/popup.html#/accounts`);
  // Home: every account with its balances from the simulator (wait for the refresh to finish).
  await popup
    .getByRole('option', { name: /^Grid01/ })
    .filter({ hasText: 'USDT' })
    .waitFor();
  await popup.getByRole('progressbar', { name: 'Reading balances' }).waitFor({ state: 'hidden' });
  await capture(popup, 'accounts');

  console.log('Walkthrough: the exchange page');
  const page = await context.newPage();
  await page.goto(exchangeUrl);
  await page.getByRole('button', { name: 'Connect wallet' }).click();
  await page.getByRole('button', { name: /^Aster Companion.*EVM/ }).click();
  let prompt = await promptFrame(page);
  await prompt.getByRole('heading', { name: 'Connect this site?' }).waitFor();
  await prompt.getByRole('checkbox', { name: /Sign me in to Aster automatically/ }).check();
  await capture(page, 'connect-prompt');
  await prompt.getByRole('button', { name: 'Connect' }).click();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('signed-in-address').filter({ hasText: DEMO_KEYS.evmMaster.address }).waitFor();
  await capture(page, 'signed-in-without-prompt');

  const form = page.getByRole('region', { name: 'Transfer' });
  await page.getByLabel('To', { exact: true }).selectOption(DEMO_KEYS.evmSubGrid.address);
  await form.getByLabel('Amount').fill('25');
  await page.getByRole('button', { name: 'Transfer', exact: true }).click();
  prompt = await promptFrame(page);
  await prompt.getByRole('button', { name: 'Approve' }).waitFor();
  await page.waitForTimeout(800);
  await capture(page, 'transfer-prompt');
  await prompt.getByRole('button', { name: 'Approve' }).click();
  await page.getByText(/Transfer done: 25 USDT/).waitFor();

  console.log('Walkthrough: switching');
  await popup.reload();
  await popup.getByRole('option', { name: /^Grid01/ }).click();
  await page.getByTestId('signed-in-address').filter({ hasText: DEMO_KEYS.evmSubGrid.address }).waitFor();
  await capture(page, 'switched-to-Grid01');
  // The in-page switcher's pill sits at the bottom left, in a closed shadow root: click it where it is drawn.
  await page.mouse.click(60, 771);
  await page.keyboard.type('Ma');
  await page.waitForTimeout(300);
  await capture(page, 'in-page-switcher');
  await page.keyboard.press('Escape');

  console.log('Walkthrough: operations, shaped by tasks');
  await popup.goto(`chrome-extension://${id}/popup.html#/operations/transfer`);
  const transfer = popup.getByRole('form', { name: 'Transfer' });
  await transfer.getByLabel('From', { exact: true }).selectOption({ label: 'MainDesk' });
  await transfer.getByLabel('To', { exact: true }).selectOption({ label: 'Hedge02' });
  await transfer.getByLabel('Amount').fill('10');
  await transfer.getByRole('button', { name: 'Check transfer' }).click();
  await transfer.getByRole('button', { name: /^Sign and transfer/ }).waitFor();
  await capture(popup, 'operations');

  console.log('Walkthrough: settings, dark theme, lock');
  await popup.getByRole('button', { name: 'Settings' }).click();
  await popup.getByLabel('Theme').selectOption('dark');
  await capture(popup, 'settings-dark');
  await popup.getByRole('button', { name: 'Lock now' }).click();
  await popup.getByRole('heading', { name: 'Unlock Aster Companion' }).waitFor();
  await capture(popup, 'locked-dark');

  console.log('Walkthrough: the same in 简体中文 (Settings → Language)');
  await popup.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await popup.getByRole('button', { name: 'Unlock', exact: true }).click();
  await popup.getByRole('button', { name: 'Lock now' }).waitFor();
  await popup.evaluate(async () => {
    localStorage.setItem('aster-companion.theme', 'light');
    await chrome.storage.local.set({ language: 'zh_CN' });
  });
  await popup.goto(`chrome-extension://${id}/popup.html`);
  await popup.locator('html[lang="zh-CN"]').waitFor();
  await popup.getByRole('progressbar').waitFor({ state: 'hidden' });
  await capture(popup, 'zh-home');
  await popup.goto(`chrome-extension://${id}/popup.html#/operations/transfer`);
  const transferZh = popup.getByRole('form', { name: '划转' });
  await transferZh.getByLabel('转出账户', { exact: true }).selectOption({ label: 'MainDesk' });
  await transferZh.getByLabel('转入账户', { exact: true }).selectOption({ label: 'Hedge02' });
  await transferZh.getByLabel('数量').fill('10');
  await transferZh.getByRole('button', { name: '检查划转' }).click();
  await transferZh.getByRole('button', { name: /^签名并划转/ }).waitFor();
  await capture(popup, 'zh-operations');
  // The exchange tab follows the language change by itself (its content script watches the choice).
  await page.getByLabel('To', { exact: true }).selectOption(DEMO_KEYS.evmMaster.address);
  await form.getByLabel('Amount').fill('5');
  await page.getByRole('button', { name: 'Transfer', exact: true }).click();
  prompt = await promptFrame(page);
  await prompt.getByRole('button', { name: '批准' }).waitFor();
  await page.waitForTimeout(800);
  await capture(page, 'zh-transfer-prompt');
  await prompt.getByRole('button', { name: '批准' }).click();
  console.log(`Walkthrough done: screenshots in ${SCREENSHOTS}`);
}

const sim = await startSimulator({ port: Number(process.env.PORT ?? 0) });
const exchangeUrl = sim.url.replace('127.0.0.1', 'localhost');
console.log(`Aster simulator listening on ${exchangeUrl}`);
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && !process.env.HEADLESS;
const profile = await mkdtemp(path.join(tmpdir(), 'aster-companion-'));
const context = await launchWithExtension(profile, { extensionPath: EXTENSION, headless: !hasDisplay });
try {
  const id = await extensionIdOf(context);
  await (hasDisplay ? interactive(context, id, exchangeUrl) : walkthrough(context, id, exchangeUrl));
} finally {
  await context.close().catch(() => undefined);
  await sim.close();
  await rm(profile, { recursive: true, force: true });
}
