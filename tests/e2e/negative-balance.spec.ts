import type { Page } from '@playwright/test';
import { rpc } from '../support/popup-rpc';
import { DEMO_KEYS } from '../../simulator/keys';
import { expect, test } from './fixtures';
import { sim, simUrl, useSimulator } from './simulator-session';
import { backUp, openSection, refusal, setupOperations } from './operations-helpers';

/**
 * Negative balances end to end (deposit guide: they block withdrawals), in Chromium against the simulator:
 * LossDesk starts with −42.5 USDT in futures (and 1.2 BNB). Rebalance (`POST /fapi/v3/assetExchange`,
 * unconfirmed) is offered only with the network profile's `rebalance` on; otherwise the popup says how to
 * cover the balance with the exact amount.
 */

useSimulator();

const lossFutures = () => sim.engine.account(DEMO_KEYS.evmLossMaster.address)!.futures;
const historyOf = (type: string) => sim.engine.state.history.filter((h) => h.type === type);

async function openLossDesk(popup: Page, section: 'Portfolio' | 'Withdraw') {
  await openSection(popup, section);
  await popup.getByLabel('Master account').selectOption({ label: 'LossDesk' });
}

/** Check a BNB withdrawal from LossDesk to its own address on BSC. */
async function checkWithdrawal(popup: Page) {
  const form = popup.getByRole('form', { name: 'Withdrawal' });
  await form.getByLabel('Asset').fill('BNB');
  await form.getByLabel('Amount').fill('0.1');
  await form.getByLabel('Receiver address').fill(DEMO_KEYS.evmLossMaster.address);
  await form.getByRole('button', { name: 'Check withdrawal' }).click();
  return form;
}

async function withdrawPasses(popup: Page) {
  const form = popup.getByRole('form', { name: 'Withdrawal' });
  await expect(form.getByRole('status').filter({ hasText: 'Allowed.' })).toContainText(
    "Allowed. Aster's fee: 0.5 BNB.",
  );
  await form.getByRole('button', { name: 'Sign and withdraw 0.1 BNB' }).click();
  await expect(form.getByRole('status').filter({ hasText: 'Withdrawal sent' })).toContainText(
    'Withdrawal sent: id',
  );
  expect(historyOf('WITHDRAW')).toHaveLength(1);
}

test('Rebalance off: LossDesk shows −42.5 USDT in words, the withdrawal is refused with the reason, and the popup says how to cover it exactly (the filled-in transfer clears it)', async ({
  popup,
}) => {
  // LossDesk also holds 50 USDT in spot: the one own wallet that can cover the debt.
  sim.engine.account(DEMO_KEYS.evmLossMaster.address)!.spot = { USDT: '50' };
  const ids = await setupOperations(popup, simUrl);
  await backUp(popup, ids.loss);
  const profile = await rpc<{ profile: { rebalance: boolean } }>(popup, 'aster.profile', {});
  expect(profile.profile.rebalance).toBe(false);

  await openLossDesk(popup, 'Portfolio');
  await popup.getByRole('button', { name: 'Load balances' }).click();
  const panel = popup.getByRole('region', { name: 'Negative balances', exact: true });
  await expect(panel.getByRole('note')).toHaveText(
    'One negative balance in this family (LossDesk): that account cannot withdraw until it is covered.',
  );
  await expect(panel).toContainText('−42.5 USDT on LossDesk futures: blocks withdrawals.');
  await expect(panel).toContainText('To cover it (exactly 42.5 USDT):');
  await expect(panel).toContainText(
    'Transfer 42.5 USDT from LossDesk spot (50 available) to its futures wallet.',
  );
  await expect(panel).toContainText('Deposit exactly 42.5 USDT into LossDesk futures.');
  await expect(panel).toContainText('Rebalance is off for this network');
  await expect(panel.getByRole('button', { name: /^Rebalance/ })).toHaveCount(0);

  // The withdrawal: refused with the reason, and the same cover plan under the verdict.
  await openSection(popup, 'Withdraw');
  const form = await checkWithdrawal(popup);
  await expect(form.getByRole('alert', { name: 'Blocked' })).toContainText('Rebalance first: USDT is -42.5');
  await expect(form.getByRole('button', { name: /Sign and withdraw/ })).toHaveCount(0);
  const byRpc = await refusal(popup, 'aster.withdraw', {
    accountId: ids.loss,
    asset: 'BNB',
    amount: '0.1',
    chainId: 56,
    receiver: DEMO_KEYS.evmLossMaster.address,
  });
  expect(byRpc.code).toBe('rebalance-first');
  expect(byRpc.message).toMatch(/Rebalance first: USDT is -42.5/);
  const cover = form.getByRole('region', { name: 'Negative balances', exact: true });
  await expect(cover).toContainText('Deposit exactly 42.5 USDT into LossDesk futures.');
  // Rebalance is not offered, and nothing was sent to assetExchange.
  await expect(cover.getByRole('button', { name: /^Rebalance/ })).toHaveCount(0);
  expect(historyOf('AUTO_CONVERSION')).toHaveLength(0);

  // The transfer, filled in with the exact amount.
  await cover.getByRole('button', { name: 'Fill in this transfer (42.5 USDT from LossDesk spot)' }).click();
  const transfer = popup.getByRole('form', { name: 'Transfer' });
  await expect(transfer.getByLabel('From', { exact: true })).toHaveValue(ids.loss);
  await expect(transfer.getByLabel('To', { exact: true })).toHaveValue(ids.loss);
  await expect(transfer.getByLabel('From wallet')).toHaveValue('spot');
  await expect(transfer.getByLabel('To wallet')).toHaveValue('futures');
  await expect(transfer.getByLabel('Asset')).toHaveValue('USDT');
  await expect(transfer.getByLabel('Amount')).toHaveValue('42.5');
  await transfer.getByRole('button', { name: 'Check transfer' }).click();
  await transfer.getByRole('button', { name: 'Sign and transfer 42.5 USDT' }).click();
  await expect(transfer.getByRole('status')).toContainText('Transferred 42.5 USDT');
  expect(lossFutures().USDT).toBe('0');

  await openSection(popup, 'Withdraw');
  await checkWithdrawal(popup);
  await withdrawPasses(popup);
});

test('Rebalance on, and Aster offers assetExchange: Rebalance (marked unconfirmed) clears the negative balance, then the withdrawal passes', async ({
  popup,
}) => {
  await setupOperations(popup, simUrl);
  await rpc(popup, 'aster.setProfile', { changes: { rebalance: true } });
  await openLossDesk(popup, 'Withdraw');
  const form = await checkWithdrawal(popup);
  await expect(form.getByRole('alert', { name: 'Blocked' })).toContainText('Rebalance first: USDT is -42.5');
  const cover = form.getByRole('region', { name: 'Negative balances', exact: true });
  await expect(cover).toContainText('−42.5 USDT on LossDesk futures: blocks withdrawals.');
  await expect(cover).toContainText('Deposit exactly 42.5 USDT into LossDesk futures.');
  await expect(cover).toContainText(
    'It calls POST /fapi/v3/assetExchange, which Aster’s public documents do not confirm',
  );
  await expect(cover.getByText('Unconfirmed', { exact: true })).toBeVisible();
  await cover.getByRole('button', { name: 'Rebalance LossDesk' }).click();
  await expect(form.getByRole('status').filter({ hasText: 'Rebalance done' })).toContainText(
    '"LossDesk" has no negative balance left (shown as "auto-conversion" in Aster\'s history).',
  );
  expect(lossFutures()).toMatchObject({ USDT: '0', BNB: '1.129166666666666666' });
  expect(historyOf('AUTO_CONVERSION')).toEqual([
    expect.objectContaining({ label: 'auto-conversion', asset: 'USDT', amount: '42.5' }),
  ]);
  // The verdict was read again: allowed now.
  await expect(form.getByRole('alert', { name: 'Blocked' })).toHaveCount(0);
  await withdrawPasses(popup);
});

test('Rebalance on, but this Aster has no assetExchange: the refusal is explained in words and nothing changes', async ({
  popup,
}) => {
  sim.engine.variant = { ...sim.engine.variant, assetExchange: false };
  await setupOperations(popup, simUrl);
  await rpc(popup, 'aster.setProfile', { changes: { rebalance: true } });
  await openLossDesk(popup, 'Portfolio');
  await popup.getByRole('button', { name: 'Load balances' }).click();
  const panel = popup.getByRole('region', { name: 'Negative balances', exact: true });
  await expect(panel).toContainText('−42.5 USDT on LossDesk futures: blocks withdrawals.');
  await panel.getByRole('button', { name: 'Rebalance LossDesk' }).click();
  await expect(panel.getByRole('alert')).toContainText(
    'does not offer Rebalance: POST /fapi/v3/assetExchange answered "not found".',
  );
  await expect(panel.getByRole('alert')).toContainText(
    'Nothing was converted. Cover each negative balance instead: deposit the exact missing amount, or transfer it from another of your accounts.',
  );
  await expect(panel).toContainText('Deposit exactly 42.5 USDT into LossDesk futures.');
  expect(lossFutures()).toEqual({ USDT: '-42.5', BNB: '1.2' });
  expect(historyOf('AUTO_CONVERSION')).toHaveLength(0);
});
