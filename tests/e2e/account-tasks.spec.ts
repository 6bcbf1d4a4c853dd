import type { Page } from '@playwright/test';
import { decodeSigningRequest } from '../../lib/aster/decode';
import { evmWithdrawalTypedData } from '../../lib/aster/messages';
import { useMessages } from '../../lib/i18n';
import { DEMO_KEYS } from '../../simulator/keys';
import { rpc } from '../support/popup-rpc';
import { expect, test } from './fixtures';
import { openSection, refusal, setupOperations, writeDownNewKey } from './operations-helpers';
import { localeMessages } from '../support/locale-messages';
import { sim, simUrl, useSimulator } from './simulator-session';

// The decoder runs here in Node too (to compare with the popup): it speaks English, the popup's language here.
useMessages(await localeMessages('en'));

/**
 * The Sub-accounts and Withdraw tasks in real Chromium against the simulator: Max, the remembered choices, the
 * plain-words summary before anything is signed, create / rename / freeze on one page, and a background error
 * in the trader's language.
 */

useSimulator();

interface VaultAccount {
  id: string;
  name: string;
  role: 'master' | 'sub';
  address: string;
  parentId?: string;
}

/** What the approval prompt would say of a withdrawal typed data: its decoder, with the vault's names. */
async function promptSummaryOf(page: Page, typedData: unknown, signer: string) {
  const accounts = await rpc<VaultAccount[]>(page, 'accounts.list', {});
  const lookup = (address: string) => {
    const account = accounts.find((a) => a.address.toLowerCase() === address.toLowerCase());
    if (!account) return undefined;
    const parent = accounts.find((a) => a.id === account.parentId);
    return {
      address: account.address,
      name: account.name,
      role: account.role,
      kind: 'evm' as const,
      status: 'NORMAL' as const,
      ...(parent ? { parent: parent.address } : {}),
    };
  };
  return decodeSigningRequest({ method: 'eth_signTypedData_v4', typedData }, { lookup, signer });
}

test('withdraw: Max fills the exact withdrawable amount and the summary before signing is the prompt’s', async ({
  popup,
}) => {
  const ids = await setupOperations(popup, simUrl);
  const balances = await rpc<{ futures: { asset: string; withdrawable?: string; balance: string }[] }>(
    popup,
    'aster.balances',
    { id: ids.main },
  );
  const usdt = balances.futures.find((b) => b.asset === 'USDT')!;
  const withdrawable = usdt.withdrawable ?? usdt.balance;

  await openSection(popup, 'Withdraw');
  const form = popup.getByRole('form', { name: 'Withdrawal' });
  await form.getByLabel('Asset').fill('USDT');
  await form.getByRole('button', { name: 'Max: withdraw all the USDT that can be withdrawn' }).click();
  await expect(form.getByLabel('Amount')).toHaveValue(withdrawable);
  await form.getByLabel('Network').selectOption({ label: 'Arbitrum' });
  await form.getByLabel('Receiver address').fill(DEMO_KEYS.evmSpare1.address);
  await form.getByRole('button', { name: 'Check withdrawal' }).click();
  // Aster's fee is said apart, never taken off the amount.
  const verdict = form.getByRole('status').first();
  await expect(verdict).toContainText(/^Allowed\. Aster's fee: [\d.]+ USDT\.$/);
  const fee = /fee: ([\d.]+) USDT/.exec((await verdict.textContent())!)![1]!;
  await expect(form.getByLabel('Amount')).toHaveValue(withdrawable);
  const summary = form.getByRole('region', { name: 'What you will sign' });
  await expect(summary).toBeVisible();

  // The same words the approval prompt's decoder gives for the Action the master would sign.
  const prompt = await promptSummaryOf(
    popup,
    evmWithdrawalTypedData({
      chainId: 42161,
      receiver: DEMO_KEYS.evmSpare1.address,
      asset: 'USDT',
      amount: withdrawable,
      fee,
      userNonce: 1,
    }),
    DEMO_KEYS.evmMaster.address,
  );
  expect(prompt.kind).toBe('withdrawal');
  await expect(summary.getByText(prompt.title, { exact: true })).toBeVisible();
  await expect(summary.getByRole('definition').filter({ hasText: `${withdrawable} USDT` })).toBeVisible();
  await expect(summary.getByRole('definition').filter({ hasText: prompt.network! })).toBeVisible();
  // Nothing was signed by looking.
  expect(sim.engine.state.history.filter((h) => h.type === 'WITHDRAW')).toHaveLength(0);
  await expect(form.getByRole('button', { name: `Sign and withdraw ${withdrawable} USDT` })).toBeEnabled();
});

test('withdraw: the last choices come back when the popup is opened again, and stale ones are dropped', async ({
  popup,
  openExtensionPage,
}) => {
  const ids = await setupOperations(popup, simUrl);
  await openSection(popup, 'Withdraw');
  const form = popup.getByRole('form', { name: 'Withdrawal' });
  await form.getByLabel('Asset').fill('BNB');
  await form.getByLabel('Amount').fill('0.1');
  await form.getByLabel('Network').selectOption({ label: 'Ethereum' });
  await form.getByLabel('Receiver address').fill(DEMO_KEYS.evmSpare1.address);
  await form.getByRole('button', { name: 'Check withdrawal' }).click();
  await expect(form.getByRole('region', { name: 'What you will sign' })).toBeVisible();
  await popup.close();

  const again = await openExtensionPage();
  await openSection(again, 'Withdraw');
  const reopened = again.getByRole('form', { name: 'Withdrawal' });
  await expect(reopened.getByLabel('Asset')).toHaveValue('BNB');
  await expect(reopened.getByLabel('Network')).toHaveValue('1');
  await expect(reopened.getByLabel('Receiver address')).toHaveValue(DEMO_KEYS.evmSpare1.address);
  await expect(again.getByLabel('Withdraw from')).toHaveValue(ids.main);
  // The amount is never remembered.
  await expect(reopened.getByLabel('Amount')).toHaveValue('');

  // Choices that no longer fit (an account that is gone) are ignored: the defaults come back.
  await again.evaluate(() =>
    chrome.storage.local.set({
      withdrawChoices: { accountId: crypto.randomUUID(), asset: 'BNB', chainId: 1, receiver: '' },
    }),
  );
  await again.reload();
  await openSection(again, 'Withdraw');
  await expect(again.getByRole('form', { name: 'Withdrawal' }).getByLabel('Asset')).toHaveValue('USDT');
});

test('sub-accounts: create, rename and freeze on one task page, each with its rules and summary first', async ({
  popup,
}) => {
  await setupOperations(popup, simUrl);
  await openSection(popup, 'Create sub-account');
  const task = popup.getByRole('region', { name: 'Sub-accounts' });
  await expect(task.getByRole('heading', { name: 'Create a sub-account' })).toBeVisible();
  await expect(task.getByRole('heading', { name: 'Rename, freeze or unfreeze' })).toBeVisible();

  // Create: the checks and the creation body in words, before the backup and before anything is signed.
  const form = task.getByRole('form', { name: 'New sub-account' });
  await form.getByLabel('Sub-account name').fill('Scalp0042');
  await form.getByLabel('Your VIP level on Aster').selectOption({ label: 'VIP 2' });
  await form.getByRole('button', { name: 'Check and generate key' }).click();
  const before = task.getByRole('region', { name: 'Before signing' });
  await expect(before.getByRole('list', { name: 'Checks passed' })).toContainText('Name "Scalp0042"');
  await expect(before).toContainText('Create sub-account "Scalp0042" under "MainDesk"');
  await writeDownNewKey(task);
  await task.getByRole('button', { name: 'Create on Aster' }).click();
  await expect(task.getByRole('status').filter({ hasText: 'Created Scalp0042 on Aster' })).toBeVisible();

  // Rename, on the same page: the rules and the body first, nothing sent until "Sign and rename".
  const grid = task.getByRole('region', { name: 'Manage Grid01 on Aster' });
  await grid.getByLabel('New name for Grid01').fill('GridTwo22');
  await grid.getByRole('button', { name: 'Check rename' }).click();
  const renameBefore = grid.getByRole('region', { name: 'Before signing' });
  await expect(renameBefore).toContainText('New name "GridTwo22"');
  await expect(renameBefore).toContainText('Rename sub-account "Grid01" to "GridTwo22"');
  expect(sim.engine.account(DEMO_KEYS.evmSubGrid.address)?.name).toBe('Grid01');
  await grid.getByRole('button', { name: 'Sign and rename to GridTwo22' }).click();
  await expect(task.getByRole('region', { name: 'Manage GridTwo22 on Aster' })).toBeVisible();
  expect(sim.engine.account(DEMO_KEYS.evmSubGrid.address)?.name).toBe('GridTwo22');

  // Freeze, on the same page: the consequences and the body, then the confirmation.
  const hedge = task.getByRole('region', { name: 'Manage Hedge02 on Aster' });
  await hedge.getByRole('button', { name: 'Freeze Hedge02…' }).click();
  const dialog = hedge.getByRole('alertdialog', { name: 'Freeze Hedge02?' });
  await expect(dialog.getByRole('region', { name: 'Before signing' })).toContainText(
    'Freezing: no new positions',
  );
  expect(sim.engine.account(DEMO_KEYS.evmSubHedge.address)?.status).toBe('NORMAL');
  await dialog.getByRole('button', { name: 'Confirm freeze' }).click();
  await expect(hedge.getByText('Frozen', { exact: true })).toBeVisible();
  expect(sim.engine.account(DEMO_KEYS.evmSubHedge.address)?.status).toBe('FROZEN');
});

test('a background error of these operations arrives in Korean when Korean is chosen', async ({ popup }) => {
  const ids = await setupOperations(popup, simUrl);
  await popup.evaluate(() => chrome.storage.local.set({ language: 'ko' }));
  const refused = await refusal(popup, 'aster.withdraw', {
    accountId: ids.grid,
    asset: 'USDT',
    amount: '1',
    chainId: 56,
    receiver: DEMO_KEYS.evmSpare1.address,
  });
  expect(refused.code).toBe('sub-cannot-withdraw');
  expect(refused.message).toBe(
    '서브 계정은 출금할 수 없습니다. "Grid01"을(를) 마스터 계정으로 모은 뒤(자산별 이체 1건) 마스터 계정에서 출금하세요.',
  );
  const nothing = await refusal(popup, 'aster.checkUpdateSubAccount', { id: ids.grid, name: 'Grid01' });
  expect(nothing.message).toBe('변경할 내용이 없습니다. 새 이름이나 상태를 입력하세요.');
});

test('API wallets: the list, the rules and the decoded approval before signing, then approved, on one page', async ({
  popup,
}) => {
  await setupOperations(popup, simUrl);
  await openSection(popup, 'API wallets');
  const task = popup.getByRole('region', { name: 'API wallets', exact: true });
  await expect(task.getByRole('heading', { name: 'API wallets', exact: true })).toBeVisible();
  const form = task.getByRole('form', { name: 'New API wallet' });
  await form.getByLabel('API wallet name').fill('desk bot');
  await form.getByRole('button', { name: 'Check and generate API wallet' }).click();
  const before = task.getByRole('region', { name: 'Before signing' });
  await expect(before.getByRole('list', { name: 'Checks passed' })).toContainText('Cannot withdraw.');
  await expect(before).toContainText('desk bot');
  // Nothing approved on Aster by looking.
  expect(sim.engine.account(DEMO_KEYS.evmMaster.address)?.agents.some((a) => a.name === 'desk bot')).toBe(
    false,
  );
  await before.getByRole('button', { name: 'Sign and approve desk bot' }).click();
  await expect(task.getByRole('region', { name: 'API wallets of MainDesk' })).toContainText('; approved');
  expect(sim.engine.account(DEMO_KEYS.evmMaster.address)?.agents.some((a) => a.name === 'desk bot')).toBe(
    true,
  );
  await expect(task.getByRole('region', { name: 'Before signing' })).toHaveCount(0);
});
