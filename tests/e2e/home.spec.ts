import type { Page } from '@playwright/test';
import { demoStateFile } from '../../simulator/state';
import { fillLargeVault } from '../support/large-vault';
import { createVault, expect } from './fixtures';
import { k, rpc, signedInWithConsent, test } from './exchange';
import { backUp } from './operations-helpers';

/**
 * Home, end to end: the built extension in Chromium against the simulator. Balances come from the simulator
 * on open, the cache shows them (with their age) at once on the next open, failures are said per account, and
 * with 16 masters × 15 sub-accounts search, ↑/↓/Enter and one click switch, the exchange page following.
 */

const option = (popup: Page, name: string) => popup.getByRole('option', { name: new RegExp(`^${name}\\b`) });
const reading = (popup: Page) => popup.getByRole('progressbar', { name: 'Reading balances' });

test('home shows each account’s equity, the totals, negative, frozen and backup state; reopened, the cache with its age; a failing read in words', async ({
  popup,
  sim,
  exchangeUrl,
  openExtensionPage,
}) => {
  await createVault(popup);
  await rpc(popup, 'aster.setNetwork', { network: 'simulator', simulatorUrl: exchangeUrl });
  const add = (params: object) => rpc<{ id: string }>(popup, 'accounts.add', { kind: 'evm', ...params });
  const main = await add({ role: 'master', name: 'MainDesk', key: k.evmMaster.privateKey });
  await add({ role: 'sub', parentId: main.id, name: 'Grid01', key: k.evmSubGrid.privateKey });
  const hedge = await add({ role: 'sub', parentId: main.id, name: 'Hedge02', key: k.evmSubHedge.privateKey });
  await add({ role: 'master', name: 'LossDesk', key: k.evmLossMaster.privateKey });
  await add({
    role: 'master',
    kind: 'solana',
    name: 'SolDesk',
    key: JSON.stringify(Array.from(Buffer.from(k.solanaMaster.seed, 'hex'))),
  });
  await backUp(popup, main.id);
  await rpc(popup, 'accounts.setStatus', { id: hedge.id, status: 'FROZEN' });
  await rpc(popup, 'accounts.setActive', { id: main.id });
  await popup.reload();

  // Perp + spot valued in USDT at the simulator's ticker: 10000 + 1500 USDT, 2600 ASTER × 1.5, 3.5 BNB × 600.
  await expect(option(popup, 'MainDesk')).toContainText('17,500.00 USDT');
  await expect(option(popup, 'Grid01')).toContainText('500.00 USDT');
  await expect(option(popup, 'Hedge02')).toContainText('550.00 USDT');
  await expect(option(popup, 'LossDesk')).toContainText('677.50 USDT');
  await expect(reading(popup)).toBeHidden({ timeout: 15_000 });
  // The negative balance is flagged, with what it blocks.
  await expect(option(popup, 'LossDesk')).toContainText('Negative balance');
  await expect(option(popup, 'LossDesk')).toContainText(
    'Negative USDT balance: withdrawals are blocked until it is settled.',
  );
  await expect(option(popup, 'MainDesk')).not.toContainText('Negative balance');
  // Backup and frozen states, in words.
  await expect(option(popup, 'MainDesk')).toContainText('Backed up');
  await expect(option(popup, 'Grid01')).toContainText('Not backed up');
  await expect(option(popup, 'Hedge02')).toContainText('Frozen');
  await expect(option(popup, 'Grid01')).not.toContainText('Frozen');
  // A Solana master is listed; without an API wallet its balances cannot be read, and it says why.
  await expect(option(popup, 'SolDesk')).toContainText('Solana');
  await expect(option(popup, 'SolDesk')).toContainText('Not read: Create an API wallet for "SolDesk" first');
  // The active account on top with its family's total; the grand total (SolDesk not read: said so).
  const top = popup.getByRole('region', { name: 'Active account' });
  await expect(top).toContainText('MainDesk');
  await expect(top.getByRole('definition').first()).toHaveText('18,550.00 USDT');
  await expect(top.getByRole('definition').nth(1)).toHaveText('19,227.50 USDT');
  await expect(top).toContainText('Without the accounts not read');
  await expect(popup.getByRole('group', { name: /^LossDesk family: 677\.50 USDT/ })).toBeVisible();

  // Two minutes later (the cache's read times moved back), the next open shows the cached values at once,
  // with their age, while the refresh runs: the first read fails (Aster's HTML error page), the rest are slow.
  await popup.evaluate(async () => {
    const all = await chrome.storage.session.get(null);
    for (const value of Object.values(all) as { readAt?: number | null }[])
      if (typeof value?.readAt === 'number') value.readAt -= 120_000;
    await chrome.storage.session.set(all);
  });
  await popup.close();
  sim.addFault({ path: '/fapi/v3/accountWithJoinMargin', mode: 'html-500', times: 1 });
  sim.addFault({ path: '/fapi/v3/accountWithJoinMargin', mode: 'slow', delayMs: 2000, times: 10 });
  const reopened = await openExtensionPage();
  await expect(reading(reopened)).toBeVisible();
  await expect(option(reopened, 'Grid01')).toContainText('500.00 USDT');
  await expect(option(reopened, 'Grid01')).toContainText(/Updated 2 min\. ago/);
  await expect(reopened.getByRole('status').filter({ hasText: /Reading balances: \d of 5/ })).toBeVisible();
  await expect(reading(reopened)).toBeHidden({ timeout: 20_000 });
  // Exactly one account met the failure: it says so in words and keeps its last values.
  const failed = reopened.getByRole('option').filter({ hasText: 'Not read: Aster answered HTTP 500' });
  await expect(failed).toHaveCount(1);
  await expect(failed).toContainText('USDT');
  await expect(option(reopened, 'LossDesk')).toContainText('677.50 USDT');
});

test('16 masters × 15 sub-accounts: type-ahead, ↑/↓/Enter and one click switch, the active one stays in view, the exchange follows', async ({
  popup,
  context,
  exchangeUrl,
  sim,
}) => {
  test.setTimeout(240_000);
  const { page, main, grid, sol } = await signedInWithConsent(popup, context, exchangeUrl);
  await rpc(popup, 'aster.setNetwork', { network: 'simulator', simulatorUrl: exchangeUrl });
  const loss = await rpc<{ id: string }>(popup, 'accounts.add', {
    role: 'master',
    kind: 'evm',
    name: 'LossDesk',
    key: k.evmLossMaster.privateKey,
  });
  /** Opens home and waits for the active family's fresh balances: ms from navigation to that mark. */
  const familyFigure = async () => {
    await popup.reload();
    await popup.waitForFunction(
      () => performance.getEntriesByName('aster:active-family-balances').length > 0,
      null,
      { timeout: 60_000 },
    );
    return popup.evaluate(() => ({
      rendered: performance.getEntriesByName('aster:home-rendered')[0]!.startTime,
      family: performance.getEntriesByName('aster:active-family-balances')[0]!.startTime,
    }));
  };
  // The figure with a one-account family (LossDesk), before the vault grows.
  await rpc(popup, 'accounts.setActive', { id: loss.id });
  const one = await familyFigure();
  await expect(option(popup, 'LossDesk')).toContainText('677.50 USDT');
  await expect(reading(popup)).toBeHidden({ timeout: 15_000 });
  // 16 masters (MainDesk, SolDesk, LossDesk and 13 more, every fourth Solana) × 15 sub-accounts each.
  await fillLargeVault(popup, [
    { id: main.id, subs: 1 },
    { id: sol.id, subs: 0 },
    { id: loss.id, subs: 0 },
  ]);
  const accounts = await rpc<{ id: string; address: string; name: string; parentId: string | null }[]>(
    popup,
    'accounts.list',
    {},
  );
  expect(accounts).toHaveLength(256);
  // The simulator knows MainDesk's whole family (its 14 generated subs with 100 USDT each) and LossDesk.
  const state = demoStateFile();
  state.accounts = state.accounts.filter((a) => a.name !== 'Hedge02');
  for (const sub of accounts.filter((a) => a.parentId === main.id && a.id !== grid.id))
    state.accounts.push({
      address: sub.address,
      kind: 'evm',
      role: 'sub',
      parent: k.evmMaster.address,
      name: sub.name,
      futures: { USDT: '100' },
    });
  sim.engine.reset(state);

  await rpc(popup, 'accounts.setActive', { id: main.id });
  const sixteen = await familyFigure();
  await expect(option(popup, 'Sub0x14')).toContainText('100.00 USDT');
  await expect(option(popup, 'Grid01')).toContainText('500.00 USDT');
  console.log(
    `home first render: 4 accounts ${one.rendered.toFixed(0)} ms, 16×15 ${sixteen.rendered.toFixed(0)} ms; active family's fresh balances: 1 account ${one.family.toFixed(0)} ms, 16 accounts ${sixteen.family.toFixed(0)} ms (from navigation)`,
  );
  await expect(option(popup, 'MainDesk')).toHaveAttribute('aria-current', 'true');
  await expect(option(popup, 'Sol master 3')).toContainText('Solana');

  // Type-ahead by name, ↑/↓ move the highlight, Enter switches.
  const search = popup.getByRole('combobox', { name: 'Search accounts' });
  await search.fill('Sub5x1');
  await expect(popup.getByRole('option')).toHaveCount(6); // Sub5x1, Sub5x10 … Sub5x14
  await search.press('ArrowDown');
  await search.press('ArrowDown');
  await search.press('ArrowUp');
  await expect(option(popup, 'Sub5x10')).toHaveAttribute('aria-selected', 'true');
  await search.press('Enter');
  await expect(option(popup, 'Sub5x10')).toHaveAttribute('aria-current', 'true');
  await expect
    .poll(() => rpc(popup, 'accounts.active', {}))
    .toBe(accounts.find((a) => a.name === 'Sub5x10')!.id);
  // Back to the whole list: the active account is kept in view.
  await search.fill('');
  await expect(option(popup, 'Sub5x10')).toBeInViewport();

  // By address, then Enter: the exchange page follows and signs in again as Grid01.
  await search.fill(k.evmSubGrid.address.slice(2, 12).toLowerCase());
  await expect(popup.getByRole('option')).toHaveCount(1);
  await search.press('Enter');
  await expect(page.getByTestId('signed-in-address')).toHaveText(k.evmSubGrid.address);
  // One click switches too.
  await search.fill('');
  await option(popup, 'MainDesk').click();
  await expect(page.getByTestId('signed-in-address')).toHaveText(k.evmMaster.address);
  await expect(option(popup, 'MainDesk')).toHaveAttribute('aria-current', 'true');
});
