import type { Page } from '@playwright/test';
import { rpc } from '../support/popup-rpc';
import { DEMO_KEYS } from '../../simulator/keys';
import { expect, test } from './fixtures';
import { sim, simUrl, useSimulator } from './simulator-session';
import { backUp, openSection, setupOperations, type Ids } from './operations-helpers';

/**
 * Lost answers settled from Aster's real histories, end to end: the built extension in Chromium against the
 * simulator (in-process), which executes the operation and then loses the answer (`503-after`). The companion
 * must read the futures income ledger, the spot transaction history or the deposit/withdrawal history, and
 * say what Aster did, with Aster's id and time — or why it cannot tell.
 */

useSimulator();

const setup = (page: Page): Promise<Ids> => setupOperations(page, simUrl);
const history = (type: string) => sim.engine.state.history.filter((h) => h.type === type);
const clock = (ms: number) => `${new Date(ms).toISOString().slice(11, 19)} UTC`;

async function transferForm(popup: Page, amount: string) {
  await openSection(popup, 'Transfer');
  const form = popup.getByRole('form', { name: 'Transfer' });
  await form.getByLabel('From', { exact: true }).selectOption({ label: 'MainDesk' });
  await form.getByLabel('To', { exact: true }).selectOption({ label: 'Grid01' });
  await form.getByLabel('Amount').fill(amount);
  await form.getByRole('button', { name: 'Check transfer' }).click();
  await expect(form.getByRole('status').filter({ hasText: 'The rules allow this transfer.' })).toBeVisible();
  return form;
}

test('a sub-account transfer whose answer is lost is settled from the futures income ledger: done, with Aster’s id and time', async ({
  popup,
}) => {
  const ids = await setup(popup);
  await backUp(popup, ids.grid);
  const form = await transferForm(popup, '40');
  sim.addFault({ path: '/fapi/v3/subAccountTransfer', mode: '503-after' });
  await form.getByRole('button', { name: 'Sign and transfer 40 USDT' }).click();
  const done = form.getByRole('status').filter({ hasText: /^Transferred 40 USDT/ });
  await expect(done).toBeVisible();
  const [made] = history('SUB_ACCOUNT_TRANSFER');
  await expect(done).toContainText(`Aster's transfer id: ${made!.tranId}`);
  await expect(done).toContainText(
    `Aster’s answer was lost; its ledger shows the transfer made: Aster's id ${made!.tranId}, ${clock(made!.time)}, in "MainDesk"'s futures income ledger`,
  );
  // Executed once: nothing was sent again.
  expect(history('SUB_ACCOUNT_TRANSFER')).toHaveLength(1);
  expect(sim.engine.account(DEMO_KEYS.evmSubGrid.address)!.futures.USDT).toBe('540');
});

test('a perp ↔ spot transfer leaving the spot wallet is settled from the spot transaction history', async ({
  popup,
}) => {
  const ids = await setup(popup);
  sim.addFault({ path: '/fapi/v3/asset/wallet/transfer', mode: '503-after' });
  const result = await rpc<{ tranId: string; confirmedFromHistory: boolean; proof: string }>(
    popup,
    'aster.transfer',
    {
      fromId: ids.main,
      toId: ids.main,
      asset: 'USDT',
      amount: '12.5',
      fromWallet: 'spot',
      toWallet: 'futures',
    },
  );
  const [made] = history('WALLET_TRANSFER');
  expect(result).toMatchObject({ confirmedFromHistory: true, tranId: made!.tranId });
  expect(result.proof).toBe(
    `Aster's id ${made!.tranId}, ${clock(made!.time)}, in "MainDesk"'s spot transaction history`,
  );
  expect(history('WALLET_TRANSFER')).toHaveLength(1);
  expect(sim.engine.account(DEMO_KEYS.evmMaster.address)!.spot.USDT).toBe('1487.5');
});

test('two ledger entries fit the lost transfer: it stays unknown, the reason shown in words, nothing resent', async ({
  popup,
}) => {
  const ids = await setup(popup);
  await backUp(popup, ids.grid);
  const form = await transferForm(popup, '15');
  // A transfer of the same amount between the same accounts, made elsewhere (say, on Aster's site) just now.
  sim.engine.state.history.push({
    tranId: '990001',
    type: 'SUB_ACCOUNT_TRANSFER',
    label: 'internal transfer',
    asset: 'USDT',
    amount: '15',
    fromAccount: DEMO_KEYS.evmMaster.address,
    toAccount: DEMO_KEYS.evmSubGrid.address,
    kindType: 'FUTURE_FUTURE',
    user: DEMO_KEYS.evmMaster.address,
    time: Date.now(),
    status: 'SUCCESS',
  });
  sim.addFault({ path: '/fapi/v3/subAccountTransfer', mode: '503-after' });
  await form.getByRole('button', { name: 'Sign and transfer 15 USDT' }).click();
  await expect.poll(() => history('SUB_ACCOUNT_TRANSFER').length).toBe(2);
  const ours = history('SUB_ACCOUNT_TRANSFER').find((h) => h.tranId !== '990001')!;
  const reason =
    /two transfers of 15 USDT match in Aster's ledger \((\d+) at \d\d:\d\d:\d\d UTC, (\d+) at \d\d:\d\d:\d\d UTC\): which one is this one cannot be told/;
  await expect(form.getByRole('alert')).toContainText(reason);
  await expect(form.getByRole('alert')).toContainText('do not send it again before it is settled');
  const ids2 = reason
    .exec((await form.getByRole('alert').textContent())!)!
    .slice(1, 3)
    .sort();
  expect(ids2).toEqual([ours.tranId, '990001'].sort());
  // Listed under "Interrupted operations" as unknown, with the same reason.
  const interrupted = popup.getByRole('region', { name: 'Interrupted operations' });
  const entry = interrupted.getByRole('listitem', { name: 'Transfer of 15 USDT to Grid01' });
  await expect(entry).toContainText('Outcome unknown.');
  await expect(entry).toContainText(reason);
  await expect(entry.getByRole('button', { name: "Check Aster's ledger again" })).toBeVisible();
  expect(history('SUB_ACCOUNT_TRANSFER')).toHaveLength(2);
});

test('a withdrawal whose answer is lost is settled from deposit-withdraw-history, and does not block the next one', async ({
  popup,
}) => {
  await setup(popup);
  await openSection(popup, 'Withdraw');
  const form = popup.getByRole('form', { name: 'Withdrawal' });
  const review = async (amount: string) => {
    await form.getByLabel('Amount').fill(amount);
    await form.getByLabel('Receiver address').fill(DEMO_KEYS.evmSpare1.address);
    await form.getByRole('button', { name: 'Check withdrawal' }).click();
    await expect(form.getByRole('status')).toContainText("Allowed. Aster's fee: 0.5 USDT.");
  };
  await review('10');
  sim.addFault({ path: '/fapi/v3/aster/user-withdraw', mode: '503-after' });
  await form.getByRole('button', { name: 'Sign and withdraw 10 USDT' }).click();
  const sent = form.getByRole('status').filter({ hasText: /^Withdrawal sent/ });
  await expect(sent).toBeVisible();
  const [made] = history('WITHDRAW');
  await expect(sent).toContainText(`Withdrawal sent: id ${made!.tranId}, fee 0.5 USDT.`);
  await expect(sent).toContainText(
    `Aster answered 503 (unavailable) after the withdrawal was sent; Aster's withdrawal history shows the withdrawal (Aster's withdrawal id ${made!.tranId}, ${clock(made!.time)}, state SUCCESS, transaction ${made!.hash})`,
  );
  await expect(popup.getByRole('region', { name: 'Interrupted operations' })).toHaveCount(0);
  // Settled, so the next withdrawal of USDT goes out at once.
  await review('5');
  await form.getByRole('button', { name: 'Sign and withdraw 5 USDT' }).click();
  await expect(form.getByRole('status').filter({ hasText: /^Withdrawal sent/ })).toContainText(
    `id ${Number(made!.tranId) + 1}`,
  );
  expect(history('WITHDRAW').map((w) => w.amount)).toEqual(['10', '5']);
});
