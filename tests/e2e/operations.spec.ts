import type { Page } from '@playwright/test';
import { popupCall as call, rpc } from '../support/popup-rpc';
import { DEMO_KEYS } from '../../simulator/keys';
import { expect, test } from './fixtures';
import { startSimulator } from '../../simulator/server';
import { sim, simUrl, useSimulator } from './simulator-session';
import {
  backUp,
  openSection,
  refusal,
  setupOperations,
  writeDownNewKey,
  type Ids,
} from './operations-helpers';

/**
 * Sub-account operations end to end: the built extension in Chromium against the simulator, started here
 * in-process. The background reaches it at http://localhost:<port> (the test build's host permission).
 */

useSimulator();

/** A vault with the simulator's test keys, on the simulator started above. */
const setup = (page: Page, url = simUrl): Promise<Ids> => setupOperations(page, url);

const simAccount = (address: string) => sim.engine.account(address)!;
const transfersIn = (type: string) => sim.engine.state.history.filter((h) => h.type === type);

test('portfolio: master and sub-accounts with totals, negative balances highlighted, visible progress', async ({
  popup,
}) => {
  await setup(popup);
  await openSection(popup, 'Portfolio');
  await popup.getByRole('button', { name: 'Load balances' }).click();
  const totals = popup.getByRole('region', { name: 'Totals' });
  await expect(totals.getByRole('row', { name: /USDT/ })).toContainText('12250');
  await expect(totals.getByRole('row', { name: /BNB/ })).toContainText('4');
  await expect(popup.getByRole('region', { name: 'Balances of Grid01' })).toContainText('500');
  // The refresh shows its progress while it reads.
  sim.addFault({ path: '/fapi/v3/accountWithJoinMargin', mode: 'slow', delayMs: 600, times: 3 });
  await popup.getByRole('button', { name: 'Refresh balances' }).click();
  await expect(popup.getByRole('progressbar', { name: 'Reading balances' })).toBeVisible();
  await expect(popup.getByRole('status').filter({ hasText: /Reading \d of 3/ })).toBeVisible();
  await expect(popup.getByRole('progressbar', { name: 'Reading balances' })).toBeHidden({ timeout: 15_000 });

  await popup.getByLabel('Master account').selectOption({ label: 'LossDesk' });
  await popup.getByRole('button', { name: 'Load balances' }).click();
  const negative = popup.getByRole('region', { name: 'Balances of LossDesk' }).locator('td.negative');
  await expect(negative).toHaveText('-42.5 (negative)');
  await expect(negative).toHaveCSS('font-weight', '700');
  // Not colour alone: the negative balance is also said in words, with what it blocks.
  await expect(popup.getByRole('region', { name: 'Negative balances', exact: true })).toContainText(
    '−42.5 USDT on LossDesk futures: blocks withdrawals.',
  );
});

test('transfer: the verdict comes before signing (amount too high, not backed up, frozen), then Aster’s id', async ({
  popup,
}) => {
  const ids = await setup(popup);
  await openSection(popup, 'Transfer');
  const form = popup.getByRole('form', { name: 'Transfer' });
  await form.getByLabel('From', { exact: true }).selectOption({ label: 'MainDesk' });
  await form.getByLabel('To', { exact: true }).selectOption({ label: 'Grid01' });
  await form.getByLabel('Amount').fill('20000');
  await form.getByRole('button', { name: 'Check transfer' }).click();
  await expect(form.getByRole('alert', { name: 'Blocked' })).toContainText(
    'At most 10000 USDT can be transferred now.',
  );
  await expect(form.getByRole('button', { name: /Sign and transfer/ })).toHaveCount(0);
  expect(transfersIn('SUB_ACCOUNT_TRANSFER')).toHaveLength(0);

  await form.getByLabel('Amount').fill('125.5');
  await form.getByRole('button', { name: 'Check transfer' }).click();
  await expect(form.getByRole('note', { name: 'Warning' })).toContainText('"Grid01"\'s key is not backed up');
  const sign = form.getByRole('button', { name: 'Sign and transfer 125.5 USDT' });
  await expect(sign).toBeDisabled();
  await form.getByLabel('I understand the warning').check();
  await sign.click();
  await expect(form.getByRole('status')).toContainText("Aster's transfer id: 1");
  expect(simAccount(DEMO_KEYS.evmSubGrid.address).futures.USDT).toBe('625.5');
  expect(simAccount(DEMO_KEYS.evmMaster.address).futures.USDT).toBe('9874.5');

  // Freeze Hedge02 on Aster: the consequences come before the confirmation.
  await openSection(popup, 'Rename / freeze');
  const hedge = popup.getByRole('region', { name: 'Manage Hedge02 on Aster' });
  await hedge.getByRole('button', { name: 'Freeze Hedge02…' }).click();
  const dialog = hedge.getByRole('alertdialog', { name: 'Freeze Hedge02?' });
  await expect(dialog).toContainText('Existing positions stay open and are not force-closed.');
  await expect(dialog).toContainText('only reduce-only orders');
  expect(simAccount(DEMO_KEYS.evmSubHedge.address).status).toBe('NORMAL');
  await dialog.getByRole('button', { name: 'Confirm freeze' }).click();
  await expect(hedge.getByText('Frozen', { exact: true })).toBeVisible();
  expect(simAccount(DEMO_KEYS.evmSubHedge.address).status).toBe('FROZEN');
  const stored = await rpc<{ id: string; status: string }[]>(popup, 'accounts.list', {});
  expect(stored.find((a) => a.id === ids.hedge)?.status).toBe('FROZEN');

  await openSection(popup, 'Transfer');
  await form.getByLabel('From', { exact: true }).selectOption({ label: 'Hedge02' });
  await form.getByLabel('To', { exact: true }).selectOption({ label: 'MainDesk' });
  await form.getByLabel('Amount').fill('1');
  await form.getByRole('button', { name: 'Check transfer' }).click();
  await expect(form.getByRole('alert', { name: 'Blocked' })).toContainText('"Hedge02" is frozen');
  // The background refuses it too, whatever a page sends.
  const frozen = await refusal(popup, 'aster.transfer', {
    fromId: ids.hedge,
    toId: ids.main,
    asset: 'USDT',
    amount: '1',
    fromWallet: 'futures',
    toWallet: 'futures',
    acceptWarnings: true,
  });
  expect(frozen.code).toBe('blocked');
  expect(transfersIn('SUB_ACCOUNT_TRANSFER')).toHaveLength(1);

  // Invalid name on rename: refused before anything is signed.
  const badName = await refusal(popup, 'aster.updateSubAccount', { id: ids.grid, name: 'ab' });
  expect(badName.message).toContain('6 to 20 characters');
  expect(simAccount(DEMO_KEYS.evmSubGrid.address).name).toBe('Grid01');
});

test('create a sub-account: checks first, the backup before the API call, then Aster’s id', async ({
  popup,
}) => {
  const ids = await setup(popup);
  await openSection(popup, 'Create sub-account');
  const form = popup.getByRole('form', { name: 'New sub-account' });
  await form.getByLabel('Sub-account name').fill('bad name!');
  await expect(form.getByText('The name may only contain letters and digits')).toBeVisible();
  await form.getByLabel('Your VIP level on Aster').selectOption({ label: 'VIP 1' });
  await form.getByRole('button', { name: 'Check and generate key' }).click();
  await expect(form.getByRole('alert')).toContainText('The name may only contain letters and digits');
  await form.getByLabel('Sub-account name').fill('Scalper07');
  await form.getByRole('button', { name: 'Check and generate key' }).click();
  await expect(form.getByRole('alert')).toContainText(
    'Sub-accounts need VIP 2 or above (this account is VIP 1).',
  );
  expect(await rpc<unknown[]>(popup, 'accounts.list', {})).toHaveLength(4);

  await form.getByLabel('Your VIP level on Aster').selectOption({ label: 'VIP 2' });
  await form.getByRole('button', { name: 'Check and generate key' }).click();
  await expect(popup.getByRole('heading', { name: 'Back up Scalper07' })).toBeVisible();
  const create = popup.getByRole('button', { name: 'Create on Aster' });
  await expect(create).toBeDisabled();
  const accounts = await rpc<{ id: string; name: string; address: string }[]>(popup, 'accounts.list', {});
  const scalper = accounts.find((a) => a.name === 'Scalper07')!;
  // The background refuses too: never registered without a backup.
  const early = await refusal(popup, 'aster.createSubAccount', { id: scalper.id });
  expect(early.code).toBe('backup-required');
  expect(sim.engine.account(scalper.address)).toBeUndefined();

  // Reveal and confirm, in the page.
  await writeDownNewKey(popup);
  await expect(create).toBeEnabled();
  await create.click();
  await expect(popup.getByRole('status').filter({ hasText: 'Created Scalper07 on Aster' })).toContainText(
    'account id',
  );
  expect(sim.engine.account(scalper.address)).toMatchObject({ name: 'Scalper07', role: 'sub' });
  expect(await rpc<unknown[]>(popup, 'aster.pendingSubAccounts', {})).toEqual([]);
  const sync = await rpc<{ asterCount: number; onlyOnAster: unknown[]; onlyInVault: unknown[] }>(
    popup,
    'aster.syncSubAccounts',
    { masterId: ids.main },
  );
  expect(sync).toMatchObject({ asterCount: 3, onlyOnAster: [], onlyInVault: [] });

  // VIP too low on Aster (the trader said VIP 2, Aster knows VIP 0): Aster's refusal in words, nothing created.
  const loss = await rpc<{ account: { id: string; address: string } }>(popup, 'aster.prepareSubAccount', {
    masterId: ids.loss,
    name: 'LossSub01',
    vipLevel: 2,
    isMarketMaker: false,
  });
  await backUp(popup, loss.account.id);
  const vip = await refusal(popup, 'aster.createSubAccount', { id: loss.account.id });
  expect(vip.code).toBe('aster:-5001');
  expect(vip.message).toContain('VIP 2 or above is required');
  expect(sim.engine.account(loss.account.address)).toBeUndefined();

  // The 16th sub-account: Aster's count (15) is checked before any key is generated.
  const master = simAccount(DEMO_KEYS.evmMaster.address);
  for (let i = 0; i < 12; i++)
    sim.engine.state.accounts.push({
      ...structuredClone(master),
      address: `0x${(i + 1).toString(16).padStart(40, '0')}`,
      role: 'sub',
      parent: master.address,
      name: `Extra${String(i).padStart(3, '0')}`,
      accountId: 5000 + i,
      futures: {},
      spot: {},
      agents: [],
    });
  expect(sim.engine.subsOf(master)).toHaveLength(15);
  const before = (await rpc<unknown[]>(popup, 'accounts.list', {})).length;
  const sixteenth = await refusal(popup, 'aster.prepareSubAccount', {
    masterId: ids.main,
    name: 'OneTooMany',
    vipLevel: 3,
    isMarketMaker: false,
  });
  expect(sixteenth.message).toContain('A master account has at most 15 sub-accounts.');
  expect((await rpc<unknown[]>(popup, 'accounts.list', {})).length).toBe(before);
});

test('sweep to master: one transfer per asset with progress and a per-asset result', async ({ popup }) => {
  await setup(popup);
  await fetch(`${sim.url}/__sim/balance`, {
    method: 'POST',
    body: JSON.stringify({
      address: DEMO_KEYS.evmSubHedge.address,
      wallet: 'spot',
      asset: 'ASTER',
      amount: '12.25',
    }),
  });
  await openSection(popup, 'Sweep');
  const sweep = popup.getByRole('region', { name: 'Sweep to master' });
  // Every sub-account is chosen at first: only Hedge02 here.
  await sweep.getByRole('checkbox', { name: 'Grid01' }).uncheck();
  await sweep.getByRole('button', { name: 'Plan sweep' }).click();
  const list = sweep.getByRole('list', { name: 'Sweep progress' });
  await expect(list.getByRole('listitem')).toHaveCount(3);
  sim.addFault({ path: '/fapi/v3/subAccountTransfer', mode: 'slow', delayMs: 400, times: 3 });
  await sweep.getByRole('button', { name: 'Sweep to master' }).click();
  await expect(list).toContainText('moving…');
  await expect(sweep.getByRole('status')).toHaveText('Sweep finished: 3 of 3 moved.', { timeout: 15_000 });
  await expect(list.getByRole('listitem').filter({ hasText: '250 USDT (futures)' })).toContainText(
    'moved, transfer',
  );
  await expect(list.getByRole('listitem').filter({ hasText: '12.25 ASTER (spot)' })).toContainText('moved');
  const hedge = simAccount(DEMO_KEYS.evmSubHedge.address);
  expect(hedge.futures).toMatchObject({ USDT: '0', BNB: '0' });
  expect(hedge.spot.ASTER).toBe('0');
  const main = simAccount(DEMO_KEYS.evmMaster.address);
  expect(main.futures).toMatchObject({ USDT: '10250', BNB: '4' });
  expect(main.spot.ASTER).toBe('112.25');
  expect(transfersIn('SUB_ACCOUNT_TRANSFER').every((h) => h.user === DEMO_KEYS.evmSubHedge.address)).toBe(
    true,
  );
});

test('API wallets: approved by the account’s key; a sub-account’s never withdraws; Aster’s limit leaves nothing behind', async ({
  popup,
  dumpStorage,
}) => {
  const ids = await setup(popup);
  await openSection(popup, 'API wallets');
  const form = popup.getByRole('form', { name: 'New API wallet' });
  await form.getByLabel('API wallet name').fill('desk bot');
  await form.getByLabel('Withdrawals').check();
  await form.getByLabel('IP whitelist (comma-separated)').fill('127.0.0.1, ::1');
  // The rules and the decoded approval come first; then it is signed.
  await form.getByRole('button', { name: 'Check and generate API wallet' }).click();
  await popup.getByRole('button', { name: 'Sign and approve desk bot' }).click();
  const list = popup.getByRole('region', { name: 'API wallets of MainDesk' });
  await expect(list).toContainText('desk bot');
  await expect(list).toContainText('perp, spot, withdraw');
  await expect(list).toContainText('approved');
  const agents = simAccount(DEMO_KEYS.evmMaster.address).agents;
  expect(agents.find((a) => a.name === 'desk bot')).toMatchObject({
    canWithdraw: true,
    ipWhitelist: ['127.0.0.1', '::1'],
  });

  await popup.getByLabel('Account', { exact: true }).selectOption({ label: 'Grid01' });
  await expect(form.getByLabel('Withdrawals')).toBeDisabled();
  await expect(form).toContainText('can never withdraw');
  const refused = await refusal(popup, 'aster.createAgent', {
    accountId: ids.grid,
    name: 'sneaky',
    canSpotTrade: true,
    canPerpTrade: true,
    canWithdraw: true,
    ipWhitelist: ['127.0.0.1'],
    expiresInDays: 30,
  });
  expect(refused.message).toContain('never have withdrawal permission');

  // Grid01 already has one API wallet on Aster: the 10th of ours is Aster's 11th, refused, and removed here.
  const make = (i: number) =>
    call(popup, 'aster.createAgent', {
      accountId: ids.grid,
      name: `grid bot ${i}`,
      canSpotTrade: false,
      canPerpTrade: true,
      canWithdraw: false,
      ipWhitelist: [],
      expiresInDays: 7,
    });
  for (let i = 0; i < 9; i++) expect((await make(i)).ok).toBe(true);
  const tenth = await make(9);
  expect(tenth.error?.code).toBe('aster:-5011');
  const dump = await dumpStorage();
  const stored = dump.indexedDB['aster-companion']!;
  expect((stored.agents as { accountId: string }[]).filter((a) => a.accountId === ids.grid)).toHaveLength(9);
  expect((stored.secrets as { id: string }[]).filter((s) => s.id.startsWith('agent:'))).toHaveLength(10);
  expect(simAccount(DEMO_KEYS.evmSubGrid.address).agents.every((a) => !a.canWithdraw)).toBe(true);
  // No key of the vault in any storage area in clear (the agents' keys are sealed like the accounts').
  const text = JSON.stringify(dump).toLowerCase();
  for (const k of [DEMO_KEYS.evmMaster.privateKey, DEMO_KEYS.evmSubGrid.privateKey])
    expect(text).not.toContain(k.slice(2).toLowerCase());
});

test('withdrawal guard: a sub-account is refused with the sweep offer, a negative balance says "Rebalance first"', async ({
  popup,
}) => {
  const ids = await setup(popup);
  await openSection(popup, 'Withdraw');
  await popup.getByLabel('Withdraw from').selectOption({ label: 'Grid01' });
  const refusalCard = popup.getByRole('alert', { name: 'Sub-accounts cannot withdraw' });
  await expect(refusalCard).toContainText('Sweep Grid01 to its master');
  const byRpc = await refusal(popup, 'aster.withdraw', {
    accountId: ids.grid,
    asset: 'USDT',
    amount: '1',
    chainId: 56,
    receiver: DEMO_KEYS.evmSpare1.address,
  });
  expect(byRpc.code).toBe('sub-cannot-withdraw');
  await refusalCard.getByRole('button', { name: 'Sweep Grid01 to master' }).click();
  await expect(popup.getByRole('region', { name: 'Sweep to master' })).toBeVisible();

  await popup.getByLabel('Master account').selectOption({ label: 'LossDesk' });
  await openSection(popup, 'Withdraw');
  const form = popup.getByRole('form', { name: 'Withdrawal' });
  await form.getByLabel('Asset').fill('BNB');
  await form.getByLabel('Amount').fill('0.1');
  await form.getByRole('button', { name: 'Check withdrawal' }).click();
  await expect(form.getByRole('alert', { name: 'Blocked' })).toContainText('Rebalance first: USDT is -42.5');
  await expect(form.getByRole('button', { name: /Sign and withdraw/ })).toHaveCount(0);
  await form.getByRole('button', { name: 'What “Rebalance first” means' }).click();
  await expect(popup.getByRole('group').filter({ hasText: 'auto-conversion' })).toBeVisible();
  await expect(popup.getByText('Negative balances and “Rebalance first”')).toBeFocused();
  const negative = await refusal(popup, 'aster.withdraw', {
    accountId: ids.loss,
    asset: 'BNB',
    amount: '0.1',
    chainId: 56,
    receiver: DEMO_KEYS.evmSpare1.address,
  });
  expect(negative.code).toBe('rebalance-first');
  expect(transfersIn('WITHDRAW')).toHaveLength(0);

  await popup.getByLabel('Master account').selectOption({ label: 'MainDesk' });
  await openSection(popup, 'Withdraw');
  await form.getByLabel('Amount').fill('10');
  await form.getByLabel('Receiver address').fill(DEMO_KEYS.evmSpare1.address);
  await form.getByRole('button', { name: 'Check withdrawal' }).click();
  // The verdict, then the signing summary (its own "fine" status) the prompt would show.
  await expect(form.getByRole('status').first()).toContainText("Allowed. Aster's fee: 0.5 USDT.");
  await expect(form.getByRole('region', { name: 'What you will sign' })).toContainText('10 USDT');
  await form.getByRole('button', { name: 'Sign and withdraw 10 USDT' }).click();
  await expect(form.getByRole('status')).toContainText('Withdrawal sent: id');
  expect(simAccount(DEMO_KEYS.evmMaster.address).futures.USDT).toBe('9989.5');
  expect(transfersIn('WITHDRAW')).toHaveLength(1);
});

test('a duplicate clientTranId is reported in words, a clock jump is corrected once, and nothing moves twice', async ({
  popup,
  dumpStorage,
}) => {
  const ids = await setup(popup);
  const perpToSpot = {
    fromId: ids.main,
    toId: ids.main,
    asset: 'USDT',
    amount: '5',
    fromWallet: 'futures',
    toWallet: 'spot',
    clientTranId: 'retry-0001',
  };
  const first = await rpc<{ tranId: string; clientTranId: string }>(popup, 'aster.transfer', perpToSpot);
  expect(first.clientTranId).toBe('retry-0001');
  const duplicate = await refusal(popup, 'aster.transfer', perpToSpot);
  expect(duplicate.code).toBe('aster:-4115');
  expect(duplicate.message).toContain('already used');
  expect(duplicate.message).toContain(`transfer ${first.tranId}`);
  expect(transfersIn('WALLET_TRANSFER')).toHaveLength(1);
  expect(simAccount(DEMO_KEYS.evmMaster.address).spot.USDT).toBe('1505');

  // The simulator's clock jumps 2 minutes ahead, beyond its ±60 s window: the first nonce is refused (-4225),
  // the companion measures Aster's clock again and signs once more (a refused request was not executed).
  const nonceOf = async () => {
    const rows = (await dumpStorage()).indexedDB['aster-companion']!.nonces as {
      signer: string;
      value: number;
    }[];
    return rows.find((r) => r.signer === DEMO_KEYS.evmMaster.address.toLowerCase())!.value;
  };
  const before = await nonceOf();
  await fetch(`${sim.url}/__sim/clock`, { method: 'POST', body: JSON.stringify({ offsetMs: 120_000 }) });
  const transfer = {
    fromId: ids.main,
    toId: ids.grid,
    asset: 'USDT',
    amount: '3',
    fromWallet: 'futures',
    toWallet: 'futures',
    acceptWarnings: true,
  };
  await rpc(popup, 'aster.transfer', transfer);
  expect(transfersIn('SUB_ACCOUNT_TRANSFER')).toHaveLength(1);
  expect(sim.engine.nonceRefusals.map((r) => r.reason)).toEqual(['window']);
  // The counter follows Aster's clock now (2 minutes on), and still only goes up.
  const after = await nonceOf();
  expect(after).toBeGreaterThan(before + 100_000_000);
  await rpc(popup, 'aster.transfer', transfer);
  expect(await nonceOf()).toBeGreaterThan(after);
  expect(transfersIn('SUB_ACCOUNT_TRANSFER')).toHaveLength(2);
  expect(sim.engine.nonceRefusals).toHaveLength(1);
});

test('a 503 whose transfer did happen is settled from the income ledger: no double transfer', async ({
  popup,
}) => {
  const ids = await setup(popup);
  await backUp(popup, ids.grid);
  sim.addFault({ path: '/fapi/v3/subAccountTransfer', mode: '503-after' });
  await openSection(popup, 'Transfer');
  const form = popup.getByRole('form', { name: 'Transfer' });
  await form.getByLabel('From', { exact: true }).selectOption({ label: 'MainDesk' });
  await form.getByLabel('To', { exact: true }).selectOption({ label: 'Grid01' });
  await form.getByLabel('Amount').fill('40');
  await form.getByRole('button', { name: 'Check transfer' }).click();
  await expect(form.getByRole('status').filter({ hasText: 'The rules allow this transfer.' })).toBeVisible();
  await form.getByRole('button', { name: 'Sign and transfer 40 USDT' }).click();
  await expect(form.getByRole('status')).toContainText(
    /its ledger shows the transfer made: Aster's id \d+, \d\d:\d\d:\d\d UTC, in "MainDesk"'s futures income ledger/,
  );
  expect(transfersIn('SUB_ACCOUNT_TRANSFER')).toHaveLength(1);
  await expect(form.getByRole('status')).toContainText(
    `Aster's id ${transfersIn('SUB_ACCOUNT_TRANSFER')[0]!.tranId},`,
  );
  expect(simAccount(DEMO_KEYS.evmSubGrid.address).futures.USDT).toBe('540');
  expect(simAccount(DEMO_KEYS.evmMaster.address).futures.USDT).toBe('9960');

  // A 503 before execution: not in the ledger, but right after sending absence proves nothing (Aster's
  // clock may be a minute off), so it is unknown, not "not made" as the old stand-in history allowed; and
  // it is not resent behind the trader's back.
  sim.addFault({ path: '/fapi/v3/subAccountTransfer', mode: '503-before' });
  const lost = await refusal(popup, 'aster.transfer', {
    fromId: ids.main,
    toId: ids.grid,
    asset: 'USDT',
    amount: '40',
    fromWallet: 'futures',
    toWallet: 'futures',
  });
  expect(lost.code).toBe('outcome-unknown');
  expect(lost.message).toMatch(/Aster's ledger does not show it yet.*can only prove it absent from/);
  expect(transfersIn('SUB_ACCOUNT_TRANSFER')).toHaveLength(1);
  expect(simAccount(DEMO_KEYS.evmSubGrid.address).futures.USDT).toBe('540');
});

test('the simulator being down: a clear error, and nothing half-done in the vault', async ({
  popup,
  dumpStorage,
}) => {
  const down = await startSimulator({ port: 0 });
  const ids = await setup(popup, `http://localhost:${down.port}`);
  const prepared = await rpc<{ account: { id: string } }>(popup, 'aster.prepareSubAccount', {
    masterId: ids.main,
    name: 'Waiting01',
    vipLevel: 2,
    isMarketMaker: false,
  });
  await backUp(popup, prepared.account.id);
  const snapshot = async () => {
    const dump = await dumpStorage();
    const db = dump.indexedDB['aster-companion']!;
    return JSON.stringify([db.accounts, db.secrets, db.agents, dump.local['aster.registry']]);
  };
  const before = await snapshot();
  await down.close();

  const create = await refusal(popup, 'aster.createSubAccount', { id: prepared.account.id });
  expect(create.code).toBe('network');
  expect(create.message).toMatch(
    /Aster could not be reached\. \(simulator at http:\/\/localhost:\d+\.\) Nothing was signed or changed\./,
  );
  const transfer = await refusal(popup, 'aster.transfer', {
    fromId: ids.main,
    toId: ids.grid,
    asset: 'USDT',
    amount: '1',
    fromWallet: 'futures',
    toWallet: 'futures',
    acceptWarnings: true,
  });
  expect(transfer.code).toBe('network');
  const agent = await refusal(popup, 'aster.createAgent', {
    accountId: ids.main,
    name: 'bot',
    canSpotTrade: true,
    canPerpTrade: true,
    canWithdraw: false,
    ipWhitelist: [],
    expiresInDays: 30,
  });
  expect(agent.code).toBe('network');
  const freeze = await refusal(popup, 'aster.updateSubAccount', { id: ids.grid, status: 'FROZEN' });
  expect(freeze.code).toBe('network');
  expect(await snapshot()).toBe(before);
  expect(await rpc<{ name: string }[]>(popup, 'aster.pendingSubAccounts', {})).toEqual([
    expect.objectContaining({ name: 'Waiting01' }),
  ]);

  await openSection(popup, 'Portfolio');
  await popup.getByRole('button', { name: 'Load balances' }).click();
  await expect(popup.getByRole('region', { name: 'Balances of MainDesk' }).getByRole('alert')).toContainText(
    'Aster could not be reached',
    { timeout: 20_000 },
  );
});
