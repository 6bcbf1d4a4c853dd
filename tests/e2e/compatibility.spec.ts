import type { Locator, Page } from '@playwright/test';
import { popupCall, rpc } from '../support/popup-rpc';
import { DEMO_KEYS } from '../../simulator/keys';
import type { SimVariant } from '../../simulator/variant';
import { expect, test } from './fixtures';
import { sim, simUrl, useSimulator } from './simulator-session';
import { backUp, openSection, setupOperations, type Ids } from './operations-helpers';

/**
 * "Check compatibility with Aster" (issue 12 ★) in Chromium against the simulator switched into variants of
 * aster-protocol.md §10: the probe finds the variant with reads alone, says it in words, stores it for the
 * network (shown again after reopening), and the operations that depend on it then succeed.
 */

useSimulator();

async function switchVariant(changes: Partial<SimVariant>): Promise<void> {
  const response = await fetch(`${sim.url}/__sim/variant`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(changes),
  });
  expect(response.status).toBe(200);
}

/** The vault on the simulator, keys backed up, and an approved API wallet for MainDesk (unless `agent` is false). */
async function setup(page: Page, agent = true): Promise<Ids> {
  const ids = await setupOperations(page, simUrl);
  for (const id of [ids.main, ids.grid]) await backUp(page, id);
  if (agent)
    await rpc(page, 'aster.createAgent', {
      accountId: ids.main,
      name: 'probe bot',
      canSpotTrade: true,
      canPerpTrade: true,
      canWithdraw: false,
      ipWhitelist: [],
      expiresInDays: 30,
    });
  return ids;
}

/** Settings → Network, the way a trader gets there. */
async function openNetworkSettings(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page
    .getByRole('region', { name: 'Network' })
    .getByRole('link', { name: 'Open the network settings' })
    .click();
  await expect(page.getByRole('form', { name: 'Aster protocol settings' })).toBeVisible();
}

async function runCheck(page: Page): Promise<Locator> {
  const check = page.getByRole('region', { name: 'Check compatibility with Aster' });
  await check.getByLabel('Account to check with').selectOption({ label: 'MainDesk (master)' });
  await check.getByRole('button', { name: 'Check compatibility with Aster' }).click();
  await expect(check.getByRole('status')).toContainText('Checked on', { timeout: 20_000 });
  return check;
}

const finding = (check: Locator, family: string) => check.getByRole('listitem').filter({ hasText: family });
const AGENT_FAMILY = 'Requests signed by the API wallet';
const SUB_FAMILY = 'Sub-account requests';
const writesIn = () => sim.engine.state.history.length;

/** What the probe must find and the operations that must then pass. */
async function expectFoundAndUsed(
  page: Page,
  ids: Ids,
  found: { agent: number; sub: number },
): Promise<void> {
  const otherOf = (id: number) => (id === 1666 ? 714 : 1666);
  const historyBefore = writesIn();
  const check = await runCheck(page);
  await expect(finding(check, AGENT_FAMILY)).toContainText(
    `Found: ${AGENT_FAMILY}: Aster accepted chain id ${found.agent} and refused ${otherOf(found.agent)}.`,
  );
  await expect(finding(check, SUB_FAMILY)).toContainText(
    `Found: ${SUB_FAMILY} (create, rename, freeze, transfer, list): Aster accepted chain id ${found.sub} and refused ${otherOf(found.sub)}.`,
  );
  await expect(finding(check, 'Transfer body with or without signer')).toContainText(
    'Not checked: Transfer body with or without signer: would need a write (moving funds or changing the account), so it keeps its setting.',
  );
  await expect(check).toContainText('GET /fapi/v3/accountWithJoinMargin exists on this server.');
  // Read-only: nothing moved, nothing changed on the exchange.
  expect(writesIn()).toBe(historyBefore);
  expect(sim.engine.account(DEMO_KEYS.evmSubGrid.address)!.status).toBe('NORMAL');

  // Stored for this network, each value marked as found by the check.
  const form = page.getByRole('form', { name: 'Aster protocol settings' });
  await expect(form.getByLabel('Requests signed by an API wallet')).toHaveValue(String(found.agent));
  await expect(form.getByLabel(/^Sub-account requests/)).toHaveValue(String(found.sub));
  await expect(form.locator('[data-point="agentRequestChainId"]')).toContainText(
    'Found by the compatibility check on',
  );
  await expect(form.locator('[data-point="transferSigner"]')).toContainText(
    'Default from Aster’s documents.',
  );
  const info = await rpc<{
    origin: string;
    profile: { agentRequestChainId: number; subAccountChainId: number };
  }>(page, 'aster.profile', {});
  expect(info).toMatchObject({
    origin: 'probe',
    profile: { agentRequestChainId: found.agent, subAccountChainId: found.sub },
  });

  // After reopening, the screen still shows the last check.
  await page.reload();
  await openNetworkSettings(page);
  const again = page.getByRole('region', { name: 'Check compatibility with Aster' });
  await expect(again).toContainText('Last checked on');
  await expect(finding(again, AGENT_FAMILY)).toContainText(`accepted chain id ${found.agent}`);

  // The operations use it from now on: an agent-signed read and a wallet-signed sub-account body.
  const balances = await rpc<{ futures: { asset: string; balance: string }[] }>(page, 'aster.balances', {
    id: ids.main,
  });
  expect(balances.futures).toContainEqual(expect.objectContaining({ asset: 'USDT', balance: '10000' }));
  await rpc(page, 'aster.updateSubAccount', { id: ids.grid, status: 'FROZEN' });
  expect(sim.engine.account(DEMO_KEYS.evmSubGrid.address)!.status).toBe('FROZEN');
}

test('without an API wallet the check says so and offers one; mainnet defaults are found and kept', async ({
  popup,
}) => {
  const ids = await setup(popup, false);
  await openNetworkSettings(popup);
  const check = popup.getByRole('region', { name: 'Check compatibility with Aster' });
  await check.getByLabel('Account to check with').selectOption({ label: 'MainDesk (master)' });
  await check.getByRole('button', { name: 'Check compatibility with Aster' }).click();
  await expect(check.getByRole('alert')).toContainText(
    '"MainDesk" has no approved API wallet on this network. The check signs its reads with one',
  );
  await check.getByRole('button', { name: 'Create an API wallet' }).click();
  await expect(popup.getByRole('form', { name: 'New API wallet' })).toBeVisible();

  await rpc(popup, 'aster.createAgent', {
    accountId: ids.main,
    name: 'probe bot',
    canSpotTrade: true,
    canPerpTrade: true,
    canWithdraw: false,
    ipWhitelist: [],
    expiresInDays: 30,
  });
  await openSection(popup, 'Network');
  await expectFoundAndUsed(popup, ids, { agent: 1666, sub: 1666 });
});

test('variant: every request on chain id 714 — found, stored, and the operations pass with it', async ({
  popup,
}) => {
  const ids = await setup(popup);
  await switchVariant({ agentChainId: 714, subAccountChainId: 714 });
  // Before the check the mainnet defaults (1666) are refused: the setting matters.
  const refused = await popupCall(popup, 'aster.balances', { id: ids.main });
  expect(refused.ok).toBe(false);
  expect(refused.error?.message).toMatch(/rejected the signature/);
  await openNetworkSettings(popup);
  await expectFoundAndUsed(popup, ids, { agent: 714, sub: 714 });
});

for (const [name, variant, found] of [
  [
    'testnet-like: agent requests on 714, sub-account bodies on 1666',
    { agentChainId: 714, subAccountChainId: 1666 },
    { agent: 714, sub: 1666 },
  ],
  [
    'sub-account bodies on 714, agent requests on 1666',
    { subAccountChainId: 714 },
    { agent: 1666, sub: 714 },
  ],
] as const) {
  test(`variant: ${name} — each family found on its own`, async ({ popup }) => {
    const ids = await setup(popup);
    await switchVariant(variant);
    await openNetworkSettings(popup);
    await expectFoundAndUsed(popup, ids, found);
  });
}

test('variant: mainnet server, settings changed by hand to 714 — the check finds 1666 again', async ({
  popup,
}) => {
  const ids = await setup(popup);
  await openNetworkSettings(popup);
  const form = popup.getByRole('form', { name: 'Aster protocol settings' });
  await form.getByLabel('Requests signed by an API wallet').selectOption('714');
  await form.getByLabel(/^Sub-account requests/).selectOption('714');
  await expect(form.locator('[data-point="agentRequestChainId"]')).toContainText('Changed, not saved yet.');
  await form.getByRole('button', { name: 'Save protocol settings' }).click();
  await expect(form.getByRole('status')).toContainText('Saved');
  await expect(form.locator('[data-point="agentRequestChainId"]')).toContainText(
    'Set by you. Default: 1666 (Aster mainnet).',
  );
  const refused = await popupCall(popup, 'aster.balances', { id: ids.main });
  expect(refused.ok).toBe(false);
  await expectFoundAndUsed(popup, ids, { agent: 1666, sub: 1666 });
});

test("variant: transferSigner 'refused' — not checked (a write), set to “without signer” by hand, the transfer passes", async ({
  popup,
}) => {
  const ids = await setup(popup);
  await switchVariant({ transferSigner: 'refused' });
  await openNetworkSettings(popup);
  const check = await runCheck(popup);
  await expect(finding(check, 'Transfer body with or without signer')).toContainText('would need a write');
  const form = popup.getByRole('form', { name: 'Aster protocol settings' });
  await expect(form.getByLabel('Sub-account transfer body')).toHaveValue('included');
  await expect(form.locator('[data-point="transferSigner"]').getByText('Unconfirmed')).toBeVisible();

  const order = {
    fromId: ids.main,
    toId: ids.grid,
    asset: 'USDT',
    amount: '5',
    fromWallet: 'futures',
    toWallet: 'futures',
    acceptWarnings: true,
  };
  const refused = await popupCall(popup, 'aster.transfer', order);
  expect(refused.ok).toBe(false);
  expect(refused.error?.message).toMatch(/signer/);
  expect(sim.engine.account(DEMO_KEYS.evmSubGrid.address)!.futures.USDT).toBe('500');

  await form.getByLabel('Sub-account transfer body').selectOption('omitted');
  await form.getByRole('button', { name: 'Save protocol settings' }).click();
  await expect(form.getByRole('status')).toContainText('Saved');
  await expect(form.locator('[data-point="transferSigner"]')).toContainText(
    'Set by you. Default: With “signer” (the API wallet).',
  );
  const done = await rpc<{ tranId: string }>(popup, 'aster.transfer', order);
  expect(done.tranId).not.toBe('');
  expect(sim.engine.account(DEMO_KEYS.evmSubGrid.address)!.futures.USDT).toBe('505');

  // Reset to defaults: back to the body with signer, and the last check forgotten.
  await form.getByRole('button', { name: 'Reset to defaults' }).click();
  await expect(form.getByLabel('Sub-account transfer body')).toHaveValue('included');
  await expect(check).not.toContainText('Checked on');
});
