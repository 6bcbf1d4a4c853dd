import type { Page } from '@playwright/test';
import { DEMO_KEYS } from '../../simulator/keys';
import { expect, test } from './fixtures';
import { sim, simUrl, useSimulator } from './simulator-session';
import { backUp, openSection, setupOperations, type Ids } from './operations-helpers';

/**
 * Aster's clock, the new-account gate and unreadable answers, in Chromium against the simulator: a server
 * clock 2 minutes off (beyond its ±60 s window) is measured and corrected, -5050 is explained in words, and an
 * HTML 500 page on a write is "outcome unknown", never a crash.
 */

useSimulator();

const control = (path: string, body: unknown) =>
  fetch(`${sim.url}/__sim/${path}`, { method: 'POST', body: JSON.stringify(body) });
const transfers = () => sim.engine.state.history.filter((h) => h.type === 'SUB_ACCOUNT_TRANSFER');

/** A transfer MainDesk → Grid01 through the popup's form: Aster's transfer id, or the alert. */
async function transferInPopup(popup: Page, amount: string) {
  await openSection(popup, 'Transfer');
  const form = popup.getByRole('form', { name: 'Transfer' });
  await form.getByLabel('From', { exact: true }).selectOption({ label: 'MainDesk' });
  await form.getByLabel('To', { exact: true }).selectOption({ label: 'Grid01' });
  await form.getByLabel('Amount').fill(amount);
  await form.getByRole('button', { name: 'Check transfer' }).click();
  const sign = form.getByRole('button', { name: `Sign and transfer ${amount} USDT` });
  await expect(sign).toBeVisible();
  const understand = form.getByLabel('I understand the warning');
  if ((await understand.count()) > 0) await understand.check();
  await sign.click();
  return form;
}

for (const offsetMs of [-120_000, 120_000])
  test(`a server clock ${offsetMs > 0 ? 'ahead' : 'behind'} by 2 minutes is measured and corrected: the operations succeed, nothing alarming shown`, async ({
    popup,
  }) => {
    await control('clock', { offsetMs });
    const ids: Ids = await setupOperations(popup, simUrl);
    await backUp(popup, ids.grid);
    const form = await transferInPopup(popup, '5');
    await expect(form.getByRole('status')).toContainText("Aster's transfer id: 1");
    await expect(form.getByRole('alert')).toHaveCount(0);
    expect(transfers()).toHaveLength(1);
    // Measured before the first signature: not one nonce refused.
    expect(sim.engine.nonceRefusals).toEqual([]);

    await openSection(popup, 'Portfolio');
    const portfolio = popup.getByRole('region', { name: 'Portfolio' });
    await portfolio.getByRole('button', { name: /(Load|Refresh) balances/ }).click();
    await expect(popup.getByRole('region', { name: 'Balances of Grid01' })).toContainText('505');
    await expect(portfolio.getByRole('alert')).toHaveCount(0);
    expect(sim.engine.nonceRefusals).toEqual([]);
  });

test('the server clock jumps 2 minutes ahead after it was measured: one refusal, signed again, made once', async ({
  popup,
}) => {
  const ids = await setupOperations(popup, simUrl);
  await backUp(popup, ids.grid);
  const first = await transferInPopup(popup, '1');
  await expect(first.getByRole('status')).toContainText("Aster's transfer id: 1");
  await control('clock', { offsetMs: 120_000 });
  const second = await transferInPopup(popup, '2');
  await expect(second.getByRole('status')).toContainText("Aster's transfer id: 2");
  await expect(second.getByRole('alert')).toHaveCount(0);
  expect(transfers().map((t) => t.amount)).toEqual(['1', '2']);
  expect(sim.engine.nonceRefusals.map((r) => r.reason)).toEqual(['window']);
  expect(sim.engine.account(DEMO_KEYS.evmSubGrid.address)!.futures.USDT).toBe('503');
});

test('a master that never deposited: -5050 explained in words in the popup, lifted by a deposit', async ({
  popup,
}) => {
  await control('deposited', { address: DEMO_KEYS.evmMaster.address, deposited: false });
  await setupOperations(popup, simUrl);
  await openSection(popup, 'Portfolio');
  const portfolio = popup.getByRole('region', { name: 'Portfolio' });
  await portfolio.getByRole('button', { name: /(Load|Refresh) balances/ }).click();
  const words =
    'Aster allows this only after a deposit: the master wallet of this account has never deposited. ' +
    'Deposit to the master account first (from ETH, BSC, Arbitrum or Solana), then try again.';
  for (const name of ['MainDesk', 'Grid01'])
    await expect(popup.getByRole('region', { name: `Balances of ${name}` }).getByRole('alert')).toContainText(
      words,
    );
  expect(sim.engine.nonceRefusals).toEqual([]);
  await control('deposit', { address: DEMO_KEYS.evmMaster.address, asset: 'USDT', amount: '25' });
  await portfolio.getByRole('button', { name: /(Load|Refresh) balances/ }).click();
  await expect(popup.getByRole('region', { name: 'Balances of MainDesk' })).toContainText('10025');
  await expect(portfolio.getByRole('alert')).toHaveCount(0);
});

test("an HTML 500 page: a read says so in words; a withdrawal answered with it is settled from Aster's withdrawal history, not a crash", async ({
  popup,
}) => {
  await setupOperations(popup, simUrl);
  await openSection(popup, 'Portfolio');
  const portfolio = popup.getByRole('region', { name: 'Portfolio' });
  sim.addFault({ path: '/fapi/v3/accountWithJoinMargin', mode: 'html-500' });
  await portfolio.getByRole('button', { name: /(Load|Refresh) balances/ }).click();
  await expect(popup.getByRole('region', { name: 'Balances of MainDesk' }).getByRole('alert')).toContainText(
    "Aster answered HTTP 500 with a web page instead of data (an error on Aster's side).",
  );

  await openSection(popup, 'Withdraw');
  const form = popup.getByRole('form', { name: 'Withdrawal' });
  await form.getByLabel('Amount').fill('10');
  await form.getByLabel('Receiver address').fill(DEMO_KEYS.evmSpare1.address);
  await form.getByRole('button', { name: 'Check withdrawal' }).click();
  await expect(form.getByRole('status')).toContainText("Allowed. Aster's fee: 0.5 USDT.");
  sim.addFault({ path: '/fapi/v3/aster/user-withdraw', mode: 'html-500-after' });
  await form.getByRole('button', { name: 'Sign and withdraw 10 USDT' }).click();
  // The answer is unreadable (outcome unknown), and it was in fact executed: Aster's withdrawal history
  // settles it at once (issue 12), so it is reported sent, with where that was learnt.
  const sent = form.getByRole('status').filter({ hasText: /^Withdrawal sent/ });
  await expect(sent).toBeVisible();
  const [made] = sim.engine.state.history.filter((h) => h.type === 'WITHDRAW');
  await expect(sent).toContainText(`Withdrawal sent: id ${made!.tranId}, fee 0.5 USDT.`);
  await expect(sent).toContainText(
    "Aster's answer to the withdrawal could not be read; Aster's withdrawal history shows the withdrawal",
  );
  await expect(popup.getByRole('region', { name: 'Interrupted operations' })).toHaveCount(0);
  // Sent once (it was in fact executed), and the popup still works.
  expect(sim.engine.state.history.filter((h) => h.type === 'WITHDRAW')).toHaveLength(1);
  await openSection(popup, 'Portfolio');
  await portfolio.getByRole('button', { name: /(Load|Refresh) balances/ }).click();
  await expect(popup.getByRole('region', { name: 'Balances of MainDesk' })).toContainText('9989.5');
});
