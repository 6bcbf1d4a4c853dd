import type { Page } from '@playwright/test';
import { DEMO_KEYS } from '../../simulator/keys';
import { expect, test } from './fixtures';
import { sim, simUrl, useSimulator } from './simulator-session';
import { backUp, openSection, setupOperations } from './operations-helpers';

/**
 * Operations shaped by tasks, end to end in Chromium against the simulator: the four groups by keyboard, Max,
 * the summary shown before signing against the body Aster received, remembered choices, and the sweep across
 * sub-accounts — its progress, Cancel between steps, and a worker stopped mid-sweep.
 */

useSimulator();

const k = DEMO_KEYS;
const transfersIn = () => sim.engine.state.history.filter((h) => h.type === 'SUB_ACCOUNT_TRANSFER');

/** Every subAccountTransfer body the simulator receives, as sent (the signature last). */
function recordTransferBodies(): string[] {
  const bodies: string[] = [];
  const handle = sim.engine.handle.bind(sim.engine);
  sim.engine.handle = async (request) => {
    if (request.path === '/fapi/v3/subAccountTransfer') bodies.push(request.params.toString());
    return handle(request);
  };
  return bodies;
}

/** Presses Tab (or Shift+Tab) until the focused element's accessible text is `name` (at most 40 presses). */
async function tabTo(page: Page, name: string | RegExp, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press(key);
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '';
    });
    if (typeof name === 'string' ? focused === name : name.test(focused)) return;
  }
  throw new Error(`${key} never reached "${String(name)}".`);
}

test('the four task groups and the network screen are reached with the keyboard alone', async ({ popup }) => {
  await setupOperations(popup, simUrl);
  await tabTo(popup, 'Operations');
  await popup.keyboard.press('Enter');
  const groups = popup.getByRole('navigation', { name: 'Operations' });
  await expect(groups.getByRole('button')).toHaveText([
    'Move funds',
    'Sub-accounts',
    'API wallets',
    'Withdraw',
  ]);
  await expect(groups.getByRole('button', { name: 'Move funds' })).toHaveAttribute('aria-current', 'page');
  // Move funds' own tasks: balances, transfer, perp ↔ spot, sweep.
  await expect(popup.getByRole('navigation', { name: 'Move funds' }).getByRole('button')).toHaveText([
    'Balances',
    'Transfer',
    'Perp ↔ spot',
    'Sweep to master',
  ]);
  const reach = [
    ['Sub-accounts', 'Tab', '#/operations/subaccounts'],
    ['API wallets', 'Tab', '#/operations/agents'],
    ['Withdraw', 'Tab', '#/operations/withdraw'],
    ['Move funds', 'Shift+Tab', '#/operations/move'],
  ] as const;
  for (const [group, key, hash] of reach) {
    await tabTo(popup, group, key);
    await popup.keyboard.press('Enter');
    await expect(groups.getByRole('button', { name: group })).toHaveAttribute('aria-current', 'page');
    await expect.poll(() => new URL(popup.url()).hash).toBe(hash);
  }
  await expect(popup.getByRole('region', { name: 'Portfolio' })).toBeVisible();
  await tabTo(popup, 'Sweep to master');
  await popup.keyboard.press('Enter');
  await expect(popup.getByRole('region', { name: 'Sweep to master' })).toBeVisible();
  // The network screen: from the header's link, and at its old address.
  await tabTo(popup, /^Network: Simulator http:\/\/localhost:\d+ \(settings\)$/, 'Shift+Tab');
  await popup.keyboard.press('Enter');
  await expect(popup.getByRole('form', { name: 'Network' })).toBeVisible();
  expect(new URL(popup.url()).hash).toBe('#/operations/network');
  await popup.goto(popup.url().replace(/#.*$/, '#/operations/transfer'));
  await expect(popup.getByRole('form', { name: 'Transfer' })).toBeVisible();
  await popup.goto(popup.url().replace(/#.*$/, '#/operations/network'));
  await expect(popup.getByRole('form', { name: 'Network' })).toBeVisible();
});

test('Max fills the exact amount; the summary shown before signing is the body Aster receives; the choices come back in a new popup', async ({
  popup,
  openExtensionPage,
}) => {
  const ids = await setupOperations(popup, simUrl);
  await backUp(popup, ids.hedge);
  const exact = '1234.567890123456789';
  await fetch(`${sim.url}/__sim/balance`, {
    method: 'POST',
    body: JSON.stringify({ address: k.evmMaster.address, wallet: 'futures', asset: 'USDT', amount: exact }),
  });
  const bodies = recordTransferBodies();
  await openSection(popup, 'Transfer');
  const form = popup.getByRole('form', { name: 'Transfer' });
  await form.getByLabel('From', { exact: true }).selectOption({ label: 'MainDesk' });
  await form.getByLabel('To', { exact: true }).selectOption({ label: 'Hedge02' });
  await form.getByLabel('To wallet').selectOption({ label: 'Spot' });
  await form
    .getByRole('button', { name: /^Max: all the USDT MainDesk can send from its Futures wallet$/ })
    .click();
  await expect(form.getByLabel('Amount')).toHaveValue(exact);

  await form.getByRole('button', { name: 'Check transfer' }).click();
  const summary = form.getByRole('region', { name: 'What you sign' });
  const title = `Transfer ${exact} USDT from "MainDesk" (perp) to "Hedge02" (spot)`;
  await expect(summary.getByRole('heading')).toHaveText(title);
  await expect(summary).toContainText('Checked against Aster’s rules: fine.');
  const shownFields = await summary
    .locator('dl.fields > div')
    .evaluateAll((rows) =>
      rows.map((row) => [row.querySelector('dt')!.textContent!, row.querySelector('dd')!.textContent!]),
    );
  await form.getByRole('button', { name: `Sign and transfer ${exact} USDT` }).click();
  await expect(form.getByRole('status').filter({ hasText: /^Transferred / })).toContainText(
    `Transferred ${exact} USDT.`,
  );
  // What Aster received is what the popup showed, field by field (only the nonce is fixed at signing).
  expect(bodies).toHaveLength(1);
  const received = [...new URLSearchParams(bodies[0]!)].filter(([name]) => name !== 'signature');
  const without = (fields: string[][]) => fields.filter(([name]) => name !== 'nonce');
  expect(without(received)).toEqual(without(shownFields));
  expect(received.map(([name]) => name)).toEqual(shownFields.map(([name]) => name));
  expect(received).toContainEqual(['kindType', 'FUTURE_SPOT']);
  expect(sim.engine.account(k.evmSubHedge.address)!.spot.USDT).toBe(exact);
  expect(transfersIn()).toHaveLength(1);

  // A new popup: the same master's transfer form opens with the last choices (never the amount).
  await popup.close();
  const again = await openExtensionPage();
  await openSection(again, 'Transfer');
  const reopened = again.getByRole('form', { name: 'Transfer' });
  await expect(reopened.getByLabel('To', { exact: true })).toHaveValue(ids.hedge);
  await expect(reopened.getByLabel('From', { exact: true })).toHaveValue(ids.main);
  await expect(reopened.getByLabel('To wallet')).toHaveValue('spot');
  await expect(reopened.getByLabel('From wallet')).toHaveValue('futures');
  await expect(reopened.getByLabel('Asset')).toHaveValue('USDT');
  await expect(reopened.getByLabel('Amount')).toHaveValue('');
});

/** Sub-accounts with something to sweep: Grid01 (500 USDT) and Hedge02 (USDT, BNB) plus spot ASTER on Hedge02. */
async function sweepable(popup: Page) {
  const ids = await setupOperations(popup, simUrl);
  await fetch(`${sim.url}/__sim/balance`, {
    method: 'POST',
    body: JSON.stringify({ address: k.evmSubHedge.address, wallet: 'spot', asset: 'ASTER', amount: '12.25' }),
  });
  await openSection(popup, 'Sweep');
  const sweep = popup.getByRole('region', { name: 'Sweep to master' });
  await sweep.getByRole('button', { name: 'Plan sweep' }).click();
  const list = sweep.getByRole('list', { name: 'Sweep progress' });
  await expect(list.getByRole('listitem')).toHaveCount(4);
  const before = {
    grid: structuredClone(sim.engine.account(k.evmSubGrid.address)!),
    hedge: structuredClone(sim.engine.account(k.evmSubHedge.address)!),
  };
  return { ids, sweep, list, before };
}

test('sweep across sub-accounts: progress per step, Cancel between steps leaves the rest untouched and says so', async ({
  popup,
}) => {
  const { sweep, list, before } = await sweepable(popup);
  // Each step's transfer is shown in the prompt's words before anything is signed.
  const first = list.getByRole('listitem').first();
  await expect(first).toContainText('Grid01: 500 USDT (futures): waiting');
  await expect(first.locator(':scope > details > summary')).toHaveText(
    'Transfer 500 USDT from "Grid01" (perp) to "MainDesk" (perp)',
  );
  sim.addFault({ path: '/fapi/v3/subAccountTransfer', mode: 'slow', delayMs: 1_500, times: 1 });
  await sweep.getByRole('button', { name: 'Sweep to master' }).click();
  await expect(list.getByRole('listitem').first()).toContainText('moving…');
  await expect(sweep.getByRole('progressbar', { name: 'Sweep progress' })).toBeVisible();
  await sweep.getByRole('button', { name: 'Cancel' }).click();
  await expect(sweep.getByRole('button', { name: 'Cancelling after this step…' })).toBeDisabled();
  // The step on its way completes and is reported; nothing after it starts.
  await expect(sweep.getByRole('status')).toHaveText(
    'Sweep stopped: 1 of 4 moved; 3 not started, left untouched.',
    { timeout: 15_000 },
  );
  await expect(list.getByRole('listitem').first()).toContainText('moved, transfer');
  for (const item of await list
    .getByRole('listitem')
    .all()
    .then((items) => items.slice(1)))
    await expect(item).toContainText('not started (untouched)');
  expect(transfersIn()).toHaveLength(1);
  expect(sim.engine.account(k.evmSubGrid.address)!.futures.USDT).toBe('0');
  expect(sim.engine.account(k.evmSubHedge.address)).toEqual(before.hedge);
  expect(before.grid.futures.USDT).toBe('500');
});

test('a worker stopped mid-sweep: the step in flight is settled from the journal, nothing after it starts', async ({
  popup,
  stopServiceWorker,
}) => {
  const { sweep, list, before } = await sweepable(popup);
  // Aster executes the first transfer and holds its answer: the worker is stopped while it waits.
  sim.addFault({ path: '/fapi/v3/subAccountTransfer', mode: 'slow', delayMs: 3_000, times: 1 });
  await sweep.getByRole('button', { name: 'Sweep to master' }).click();
  await expect.poll(() => transfersIn().length).toBe(1);
  await stopServiceWorker();
  await expect(sweep.getByRole('status')).toHaveText(
    'Sweep stopped: 1 of 4 moved; 3 not started, left untouched.',
    { timeout: 30_000 },
  );
  await expect(list.getByRole('listitem').first()).toContainText('interrupted, but made:');
  await expect(list.getByRole('listitem').first()).toContainText(`Aster's id ${transfersIn()[0]!.tranId}`);
  for (const item of await list
    .getByRole('listitem')
    .all()
    .then((items) => items.slice(1)))
    await expect(item).toContainText('not started (untouched)');
  expect(transfersIn()).toHaveLength(1);
  expect(sim.engine.account(k.evmSubHedge.address)).toEqual(before.hedge);
  // The journal agrees: a popup opened later lists it as made, once.
  await popup.reload();
  await openSection(popup, 'Sweep');
  const interrupted = popup.getByRole('region', { name: 'Interrupted operations' });
  await expect(interrupted.getByRole('listitem')).toHaveCount(1);
  await expect(interrupted.getByRole('listitem')).toContainText('500 USDT from Grid01 (futures) to MainDesk');
  await expect(interrupted.getByRole('listitem')).toContainText('Made.');
});
