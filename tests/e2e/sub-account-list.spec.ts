import type { Page } from '@playwright/test';
import { DEMO_KEYS } from '../../simulator/keys';
import { expect, test } from './fixtures';
import { sim, simUrl, useSimulator } from './simulator-session';
import { openSection, setupOperations } from './operations-helpers';

/**
 * Aster's sub-account list as it really answers (aster-protocol.md §10), in the built extension in Chromium
 * against the simulator started in each list shape: matched by address where Aster gives addresses, by name
 * only where it does not, an answer of another shape shown as an error in words; and the VIP hint read from
 * Aster's fee tier before a sub-account is created, which the trader may override.
 */

useSimulator();

async function setVariant(changes: object): Promise<void> {
  const response = await fetch(`${sim.url}/__sim/variant`, { method: 'POST', body: JSON.stringify(changes) });
  expect(response.status).toBe(200);
}

async function sync(popup: Page) {
  await openSection(popup, 'Rename / freeze');
  await popup.getByRole('button', { name: 'Sync with Aster' }).click();
  return popup.getByRole('status', { name: 'Sync result' });
}

test("sync, 'address' shape with names omitted: every sub-account matched by its address", async ({
  popup,
}) => {
  await setVariant({ subAccountList: 'address', listOmitsNames: true });
  await setupOperations(popup, simUrl);
  const result = await sync(popup);
  await expect(result).toContainText(
    'Aster lists 2 sub-accounts (and the master itself, not counted); the companion holds 2. Everything matches.',
  );
  await expect(result).toContainText('each account was matched by its key’s address');
  const matched = result.getByRole('list', { name: 'Matched' });
  await expect(matched.getByRole('listitem')).toHaveText([
    '✓ “Grid01” — matched by address (Aster id 1002); Aster gave no name — futures: 500 USDT',
    '✓ “Hedge02” — matched by address (Aster id 1003) — futures: 250 USDT, 0.5 BNB',
  ]);
});

test("sync, 'names' shape (the documented one): matched by name only, said so", async ({ popup }) => {
  await setVariant({ subAccountList: 'names' });
  await setupOperations(popup, simUrl);
  const result = await sync(popup);
  await expect(result).toContainText('Aster lists 2 sub-accounts (and the master itself, not counted)');
  await expect(result).toContainText('Aster’s list gave no addresses');
  await expect(result.getByRole('list', { name: 'Matched' }).getByRole('listitem')).toHaveText([
    '✓ “Grid01” — matched by name only (Aster id 1002)',
    '✓ “Hedge02” — matched by name only (Aster id 1003)',
  ]);
});

test("sync, 'sourceAddr' shape: matched by address", async ({ popup }) => {
  await setVariant({ subAccountList: 'sourceAddr' });
  await setupOperations(popup, simUrl);
  const result = await sync(popup);
  await expect(result).toContainText('(“sourceAddr”)');
  await expect(result.getByRole('list', { name: 'Matched' })).toContainText('“Grid01” — matched by address');
  await expect(result.getByRole('list', { name: 'Matched' })).toContainText('“Hedge02” — matched by address');
});

test('sync: a sub-account on Aster with another address is not taken for the vault one of the same name', async ({
  popup,
}) => {
  await setupOperations(popup, simUrl);
  sim.engine.account(DEMO_KEYS.evmSubHedge.address)!.address = '0x00000000000000000000000000000000000000aa';
  const result = await sync(popup);
  const notMatching = result.getByRole('list', { name: 'Not matching' });
  await expect(notMatching).toContainText(
    '“Hedge02” is in the companion but not on Aster: Aster lists no sub-account with its address.',
  );
  await expect(notMatching).toContainText(
    '“Hedge02” (Aster id 1003) at 0x0000…00aa is on Aster, but its key is not in the companion.',
  );
});

test('sync: an answer of an unexpected shape is an error in words, never "no sub-accounts"', async ({
  popup,
}) => {
  await setupOperations(popup, simUrl);
  sim.addFault({ path: '/fapi/v3/getSubAccountList', mode: 'garbage', body: '{"subAccounts":[]}' });
  await openSection(popup, 'Rename / freeze');
  await popup.getByRole('button', { name: 'Sync with Aster' }).click();
  const alert = popup.getByRole('region', { name: 'Keep in step with Aster' }).getByRole('alert');
  await expect(alert).toContainText(
    "Not synced: Aster's sub-account list came in a shape the companion does not know: an object with the fields subAccounts came where a list was due.",
  );
  await expect(alert).toContainText('this does not mean there are no sub-accounts');
  await expect(popup.getByRole('status', { name: 'Sync result' })).toHaveCount(0);
  await expect(popup.getByText(/Aster lists 0/)).toHaveCount(0);

  // An entry without any identity, too.
  sim.addFault({
    path: '/fapi/v3/getSubAccountList',
    mode: 'garbage',
    body: '[{"subAccountName":"Grid01","parentAccount":false}]',
  });
  await popup.getByRole('button', { name: 'Sync with Aster' }).click();
  await expect(alert).toContainText('entry 1 has neither an address nor an account id');
});

test('create: the VIP level comes from the fee tier Aster reports, and the trader may override it', async ({
  popup,
}) => {
  await setupOperations(popup, simUrl);
  await openSection(popup, 'Create sub-account');
  const form = popup.getByRole('form', { name: 'New sub-account' });
  const hint = form.getByRole('status', { name: 'Fee tier from Aster' });
  await expect(hint).toContainText(
    'Aster reports fee tier 2 for MainDesk (futures maker 0.014 %, taker 0.035 % on BTCUSDT). Aster publishes no VIP level; its fee tier is the closest figure, so VIP 2 is chosen below.',
  );
  await expect(form.getByLabel('Your VIP level on Aster')).toHaveValue('2');

  // LossDesk is at fee tier 0: said so; the trader overrides with VIP 2 and the key is generated.
  await popup.getByLabel('Master account').selectOption({ label: 'LossDesk' });
  await expect(hint).toContainText('Aster reports fee tier 0 for LossDesk');
  await expect(hint).toContainText('Fee tier 0 is below VIP 2: Aster will likely refuse');
  await expect(form.getByLabel('Your VIP level on Aster')).toHaveValue('0');
  await form.getByLabel('Sub-account name').fill('LossSub01');
  await form.getByRole('button', { name: 'Check and generate key' }).click();
  await expect(form.getByRole('alert')).toContainText('this account is VIP 0');
  await form.getByLabel('Your VIP level on Aster').selectOption({ label: 'VIP 2' });
  await expect(hint).toContainText(
    'You chose VIP 2, Aster reports fee tier 0: your choice is used, and Aster decides when the sub-account is created.',
  );
  await form.getByRole('button', { name: 'Check and generate key' }).click();
  await expect(popup.getByRole('list', { name: 'Checks passed' })).toContainText(
    'VIP 2 (VIP 2 or above needed).',
  );
  await expect(popup.getByRole('heading', { name: 'Back up LossSub01' })).toBeVisible();
});

test('create: a fee tier that cannot be read is said so, and the trader chooses', async ({ popup }) => {
  await setupOperations(popup, simUrl);
  // The home reads every balance when the popup opens: the fault is for the create form's read, after it.
  for (const name of ['MainDesk', 'Grid01', 'Hedge02', 'LossDesk'])
    await expect(popup.getByRole('option', { name: new RegExp(`^${name}`) })).toContainText('USDT');
  await expect(popup.getByRole('progressbar')).toHaveCount(0);
  sim.addFault({ path: '/fapi/v3/accountWithJoinMargin', mode: 'garbage', body: '{"canTrade":true}' });
  await openSection(popup, 'Create sub-account');
  const form = popup.getByRole('form', { name: 'New sub-account' });
  const hint = form.getByRole('status', { name: 'Fee tier from Aster' });
  await expect(hint).toContainText(
    'Could not read MainDesk’s fee tier from Aster: Aster\'s answer carries no readable fee tier: the account answer has no "feeTier"',
  );
  await expect(hint).toContainText('Choose your VIP level yourself.');
  await expect(form.getByLabel('Your VIP level on Aster')).toHaveValue('');
  await expect(form.getByRole('button', { name: 'Check and generate key' })).toBeDisabled();
  await hint.getByRole('button', { name: 'Read the fee tier again' }).click();
  await expect(hint).toContainText('Aster reports fee tier 2 for MainDesk');
  await expect(form.getByLabel('Your VIP level on Aster')).toHaveValue('2');
});
