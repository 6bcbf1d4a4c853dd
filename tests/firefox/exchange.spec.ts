import type { ElementHandle, Page } from 'puppeteer-core';
import { DEMO_KEYS as k } from '../../simulator/keys';
import { startSimulator, type RunningSimulator } from '../../simulator/server';
import {
  buttonMatching,
  click,
  createVault,
  dumpStorage,
  expect,
  fill,
  keyMaterialIn,
  rpc,
  select,
  shown,
  test,
  testId,
  text,
  unlock,
  useFirefox,
} from './fixtures';
import { locationOf } from './firefox';

/**
 * The simulator's exchange page in Firefox with the extension: discovery (mipd / Wallet Standard), connect,
 * login, transfers and switching. Firefox has no IntersectionObserver v2 to prove an in-page prompt is seen,
 * so every approval comes in the extension's own window (approval.html), which these tests drive.
 */

const firefox = useFirefox();
let sim: RunningSimulator;
let exchangeUrl: string;
let popup: Page;
let exchange: Page;
const ids = {} as { main: string; grid: string; sol: string };

test.beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
  exchangeUrl = sim.url.replace('127.0.0.1', 'localhost'); // localhost: an exchange origin in test builds
  popup = await firefox.ff.openExtensionPage();
  await createVault(popup);
  const add = (params: object) => rpc<{ id: string }>(popup, 'accounts.add', params);
  const solSeed = JSON.stringify(Array.from(Buffer.from(k.solanaMaster.seed, 'hex')));
  ids.sol = (await add({ role: 'master', kind: 'solana', name: 'SolDesk', key: solSeed })).id;
  ids.main = (await add({ role: 'master', kind: 'evm', name: 'MainDesk', key: k.evmMaster.privateKey })).id;
  ids.grid = (
    await add({
      role: 'sub',
      kind: 'evm',
      parentId: ids.main,
      name: 'Grid01',
      key: k.evmSubGrid.privateKey,
    })
  ).id;
  await rpc(popup, 'accounts.setActive', { id: ids.main });
});

test.afterAll(async () => {
  await sim?.close();
});

/** The approval window the extension opened (Firefox's prompt), once it shows `heading`. */
async function approvalWindow(heading?: string): Promise<Page> {
  const page = await firefox.ff.waitForExtensionPage('approval.html');
  if (heading) await shown(page, heading, 'heading');
  return page;
}

async function approvalWindowsOpen(): Promise<number> {
  let count = 0;
  for (const page of await firefox.ff.browser.pages())
    if ((await locationOf(page)).startsWith(`${firefox.ff.origin}approval.html`)) count += 1;
  return count;
}

/** Checks the checkbox whose label matches. */
async function check(page: Page, label: RegExp): Promise<void> {
  const box = await page.waitForFunction(
    (source) =>
      Array.from(document.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')).find((input) =>
        new RegExp(source).test(input.labels?.[0]?.textContent ?? ''),
      ),
    { timeout: 10_000 },
    label.source,
  );
  const input = box as ElementHandle<HTMLInputElement>;
  await input.click();
  expect(await input.evaluate((element) => element.checked)).toBe(true);
}

const walletState = (page: Page) => text(page, testId('wallet-state'));
const signedIn = (page: Page) => text(page, testId('signed-in-address'));
/** The simulator's balances and transfer history (not its clock). */
const simState = async () => {
  const { accounts, history } = (await (await fetch(`${sim.url}/__sim/state`)).json()) as Record<
    string,
    unknown
  >;
  return JSON.stringify({ accounts, history });
};

/** The page's own record of the EIP-1193 `accountsChanged` events of the provider it chose. */
async function recordAccountsChanged(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __changes: string[][] };
    w.__changes = [];
    window.addEventListener('eip6963:announceProvider', (event) => {
      const { info, provider } = (event as CustomEvent).detail as {
        info: { name: string };
        provider: { on(event: string, listener: (accounts: string[]) => void): void };
      };
      if (info.name.startsWith('Aster Companion'))
        provider.on('accountsChanged', (accounts) => w.__changes.push(accounts));
    });
    window.dispatchEvent(new Event('eip6963:requestProvider'));
  });
}

/** The accountsChanged payloads so far, addresses lowercased (EIP-1193 does not fix their case). */
const accountsChanged = async (page: Page) =>
  (await page.evaluate(() => (window as unknown as { __changes: string[][] }).__changes)).map((accounts) =>
    accounts.map((a) => a.toLowerCase()),
  );

test('the exchange discovers Aster Companion (EIP-6963 through mipd, and the Wallet Standard); connecting asks in the extension window; the login is signed without asking', async () => {
  exchange = await firefox.ff.openPage(exchangeUrl);
  await click(exchange, 'Connect wallet');
  await buttonMatching(exchange, /^\s*Aster Companion.*Solana/s);
  const evm = await buttonMatching(exchange, /^\s*Aster Companion.*EVM/s);
  await evm.click();

  const approval = await approvalWindow('Connect this site?');
  await expect.poll(() => text(approval, 'body')).toContain('MainDesk');
  await check(approval, /Sign me in to Aster automatically/);
  await click(approval, 'Connect');
  await expect.poll(() => walletState(exchange)).toContain(k.evmMaster.address);

  await click(exchange, 'Sign in');
  await expect.poll(() => signedIn(exchange)).toBe(k.evmMaster.address);
  expect(await approvalWindowsOpen()).toBe(0); // standing consent: the login asked nothing
});

test('a transfer approved in the extension window is accepted by the simulator; a rejected one changes nothing', async () => {
  const transfer = async (amount: string) => {
    await select(exchange, 'From', k.evmMaster.address);
    await select(exchange, 'To', k.evmSubGrid.address);
    await fill(exchange, 'Asset', 'USDT');
    await fill(exchange, 'Amount', amount);
    await click(exchange, 'Transfer');
    return approvalWindow();
  };
  const before = await simState();
  let approval = await transfer('10');
  await expect.poll(() => text(approval, 'h1')).toContain('10 USDT');
  await expect.poll(() => text(approval, 'body')).toContain('Grid01');
  await click(approval, 'Approve');
  await expect.poll(() => text(exchange, '#transfer-status')).toMatch(/^Transfer done: 10 USDT/);
  const afterApproved = await simState();
  expect(afterApproved).not.toBe(before);

  approval = await transfer('5');
  await expect.poll(() => text(approval, 'h1')).toContain('5 USDT');
  await click(approval, 'Reject');
  await expect.poll(() => text(exchange, '#transfer-error')).toMatch(/reject/i);
  expect(await simState()).toBe(afterApproved);
});

test('switching accounts: the page gets accountsChanged and signs in again without a prompt; locking empties it', async () => {
  await recordAccountsChanged(exchange);
  await rpc(popup, 'accounts.setActive', { id: ids.grid }); // the popup's own switch message
  await expect.poll(() => signedIn(exchange)).toBe(k.evmSubGrid.address);
  expect(await accountsChanged(exchange)).toEqual([[k.evmSubGrid.address.toLowerCase()]]);
  expect(await approvalWindowsOpen()).toBe(0);

  await rpc(popup, 'accounts.setActive', { id: ids.main });
  await expect.poll(() => signedIn(exchange)).toBe(k.evmMaster.address);

  await click(popup, 'Lock now');
  await expect.poll(() => walletState(exchange)).toMatch(/disconnected/i);
  expect((await accountsChanged(exchange)).at(-1)).toEqual([]);
});

test('the Solana wallet (Wallet Standard): on the site already connected with standing consent it connects the active Solana account without asking and signs in; switching to EVM leaves it without one', async () => {
  await unlock(popup);
  await rpc(popup, 'accounts.setActive', { id: ids.sol });
  const page = await firefox.ff.openPage(exchangeUrl);
  await click(page, 'Connect wallet');
  const solana = await buttonMatching(page, /^\s*Aster Companion.*Solana/s);
  await solana.click();
  await expect.poll(() => walletState(page)).toContain(k.solanaMaster.address);
  await click(page, 'Sign in');
  await expect.poll(() => signedIn(page)).toBe(k.solanaMaster.address);
  expect(await approvalWindowsOpen()).toBe(0); // the site's connection and consent cover the Solana wallet too
  await rpc(popup, 'accounts.setActive', { id: ids.main });
  await expect.poll(() => walletState(page)).toMatch(/disconnected/i);
  await page.close();
});

test('a first Solana connection asks in the extension window: rejected, the page gets a rejection; approved (with sign-in consent), the page gets the Solana account and signs in without another prompt', async () => {
  await rpc(popup, 'connections.revoke', { origin: new URL(exchangeUrl).origin }); // no standing consent now
  await rpc(popup, 'accounts.setActive', { id: ids.sol });
  const page = await firefox.ff.openPage(exchangeUrl);
  const connectSolana = async () => {
    // The wallet list stays open after a failed connection; the button toggles it.
    if (await page.$eval('#wallet-picker', (picker) => (picker as HTMLElement).hidden))
      await click(page, 'Connect wallet');
    await (await buttonMatching(page, /^\s*Aster Companion.*Solana/s)).click();
    const approval = await approvalWindow('Connect this site?');
    await expect.poll(() => text(approval, 'body')).toContain('SolDesk');
    return approval;
  };

  await click(await connectSolana(), 'Reject');
  await expect.poll(() => text(page, '#wallet-error')).toBe('You rejected the request in the wallet.'); // 4001
  expect(await walletState(page)).not.toContain(k.solanaMaster.address);
  expect(await rpc<unknown[]>(popup, 'connections.list', {})).toEqual([]);

  const approval = await connectSolana();
  await check(approval, /Sign me in to Aster automatically/);
  await click(approval, 'Connect');
  await expect.poll(() => walletState(page)).toContain(k.solanaMaster.address);
  await click(page, 'Sign in');
  await expect.poll(() => signedIn(page)).toBe(k.solanaMaster.address);
  expect(await approvalWindowsOpen()).toBe(0);
  await page.close();
});

/** The text of the toolbar popup (Firefox's action panel) while it is open, '' when none is. */
const actionPopupText = () =>
  popup.evaluate(() => {
    const [view] = chrome.extension.getViews({ type: 'popup' }) as unknown as Window[];
    return view?.document.body.textContent ?? '';
  });

test("the in-page switcher cannot switch in Firefox: its 'Open Aster Companion' button opens the toolbar popup, which lists the accounts; so does the open-switcher command", async () => {
  const page = await firefox.ff.openPage(exchangeUrl);
  // The switcher lives in a closed shadow root, which BiDi's accessibility locator does not enter: the pill
  // is clicked where its style fixes it (12 px from the bottom-left corner), the menu then driven by keyboard
  // (the filter takes focus on opening; Tab reaches the button, shown only while switching here is off).
  await page.waitForFunction(() => document.querySelector('aster-companion-switcher') !== null);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const innerHeight = await page.evaluate(() => window.innerHeight);
  await page.mouse.click(30, innerHeight - 24);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  expect(await actionPopupText()).toBe('');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  for (const name of ['SolDesk', 'MainDesk', 'Grid01']) await expect.poll(actionPopupText).toContain(name);
  await popup.evaluate(() => (chrome.extension.getViews({ type: 'popup' })[0] as unknown as Window).close());
  await expect.poll(actionPopupText).toBe('');

  // The command, through the test build's hook (headless Firefox takes no keyboard shortcuts), with the
  // exchange tab active: the popup opens instead of the in-page switcher that cannot switch here.
  await page.bringToFront();
  await popup.evaluate(async () => {
    const background = (await browser.runtime.getBackgroundPage()) as unknown as {
      __handleCommand(command: string): Promise<void>;
    };
    await background.__handleCommand('open-switcher');
  });
  for (const name of ['SolDesk', 'MainDesk', 'Grid01']) await expect.poll(actionPopupText).toContain(name);
  await popup.evaluate(() => (chrome.extension.getViews({ type: 'popup' })[0] as unknown as Window).close());
  await page.close();
});

test('after all of it, no storage area holds a key or the password', async () => {
  const dump = await dumpStorage(popup);
  expect(JSON.stringify(dump)).toContain(k.evmSubGrid.address);
  expect(keyMaterialIn(dump)).toEqual([]);
});
