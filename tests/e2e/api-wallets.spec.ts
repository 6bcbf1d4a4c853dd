import type { Page } from '@playwright/test';
import { privateKeyToAccount } from 'viem/accounts';
import { rpc } from '../support/popup-rpc';
import { DEMO_KEYS } from '../../simulator/keys';
import { expect, test } from './fixtures';
import { sim, simUrl, useSimulator } from './simulator-session';
import { openSection, setupOperations } from './operations-helpers';

/**
 * API wallets as Aster sees them, in Chromium against the simulator: the list from GET /fapi/v3/agent with the
 * ones made elsewhere, Revoke behind the `agentRevoke` setting, and the simulator variant without
 * DELETE /fapi/v3/agent.
 */

useSimulator();

const masterAgents = () => sim.engine.account(DEMO_KEYS.evmMaster.address)!.agents;
const onAster = (page: Page) => page.getByRole('region', { name: 'On Aster: API wallets for MainDesk' });

/** The API wallets screen with one API wallet made here ("desk bot") beside the demo's "demo-agent". */
async function withDeskBot(page: Page): Promise<void> {
  await setupOperations(page, simUrl);
  await openSection(page, 'API wallets');
  const form = page.getByRole('form', { name: 'New API wallet' });
  await form.getByLabel('API wallet name').fill('desk bot');
  await form.getByLabel('Spot trading').uncheck();
  // The rules and the decoded approval come first; then it is signed.
  await form.getByRole('button', { name: 'Check and generate API wallet' }).click();
  await page.getByRole('button', { name: 'Sign and approve desk bot' }).click();
  await expect(page.getByRole('region', { name: 'API wallets of MainDesk' })).toContainText('approved');
  await page.getByRole('button', { name: 'Reload Aster’s list' }).click();
  await expect(onAster(page).getByRole('listitem', { name: 'API wallet desk bot' })).toBeVisible();
}

/** A read signed by an API wallet directly (not through the companion): does Aster still accept it? */
async function agentCanRead(privateKey: `0x${string}`): Promise<unknown> {
  const agent = privateKeyToAccount(privateKey);
  const msg = `nonce=${Date.now() * 1000}&user=${DEMO_KEYS.evmMaster.address}&signer=${agent.address}`;
  const signature = await agent.signTypedData({
    domain: {
      name: 'AsterSignTransaction',
      version: '1',
      chainId: 1666,
      verifyingContract: '0x0000000000000000000000000000000000000000',
    },
    types: { Message: [{ name: 'msg', type: 'string' }] },
    primaryType: 'Message',
    message: { msg },
  });
  return (await fetch(`${sim.url}/fapi/v3/balance?${msg}&signature=${signature}`)).json();
}

test('listed from Aster: the one made elsewhere and the one whose key is in the vault, in words', async ({
  popup,
}) => {
  await withDeskBot(popup);
  const list = onAster(popup);
  await expect(list).toContainText('2 API wallets on Aster, read with an API wallet of this vault.');
  const elsewhere = list.getByRole('listitem', { name: 'API wallet demo-agent' });
  await expect(elsewhere).toContainText('Made elsewhere');
  await expect(elsewhere).toContainText('May trade futures, trade spot, withdraw');
  await expect(elsewhere).toContainText('IP whitelist: 127.0.0.1, ::1');
  await expect(elsewhere).toContainText('Expires');
  const ours = list.getByRole('listitem', { name: 'API wallet desk bot' });
  await expect(ours).toContainText('Key in this vault');
  await expect(ours).toContainText('May trade futures');
  await expect(ours).toContainText('No IP whitelist (any IP)');

  // Aster changed behind the vault's back: the expiry and the differing permission are said.
  masterAgents().find((a) => a.name === 'desk bot')!.canSpotTrade = true;
  masterAgents().find((a) => a.name === 'demo-agent')!.expired = Date.now() - 86_400_000;
  await popup.getByRole('button', { name: 'Reload Aster’s list' }).click();
  await expect(ours).toContainText('Aster says spot trading allowed; the vault recorded not allowed.');
  await expect(elsewhere).toContainText('Expired on');
  await expect(elsewhere.getByText('Expired', { exact: true })).toBeVisible();

  // Where a withdrawal-capable API wallet is made, the IP constraint is said plainly.
  const form = popup.getByRole('form', { name: 'New API wallet' });
  await expect(form.getByLabel('Withdrawals')).toHaveAccessibleDescription(
    /fixed IP whitelist.*fail from a home connection whose IP changes.*own key/,
  );
});

test('with the setting off, Revoke is disabled and says why; nothing reaches Aster', async ({ popup }) => {
  await withDeskBot(popup);
  const revoke = onAster(popup).getByRole('button', { name: 'Revoke desk bot' });
  await expect(revoke).toBeDisabled();
  await expect(revoke).toHaveAccessibleDescription(/Revoking is off for this network.*Settings → Network/);
  await expect(onAster(popup).getByRole('button', { name: /Revoke .*…/ })).toHaveCount(0);
  expect(masterAgents()).toHaveLength(2);
});

test('revoked with the setting on: confirmed by keyboard, gone from Aster’s list and unusable', async ({
  popup,
}) => {
  await withDeskBot(popup);
  await rpc(popup, 'aster.setProfile', { changes: { agentRevoke: true } });
  await popup.getByRole('button', { name: 'Reload Aster’s list' }).click();
  const list = onAster(popup);

  // The one made elsewhere (its key is the demo's, so this test can try it afterwards).
  const open = list.getByRole('button', { name: 'Revoke demo-agent…' });
  await expect(list.getByRole('listitem', { name: 'API wallet demo-agent' })).toContainText('Unconfirmed');
  await open.focus();
  await popup.keyboard.press('Enter');
  const dialog = list.getByRole('alertdialog', { name: 'Revoke demo-agent?' });
  await expect(dialog).toContainText('It was made elsewhere');
  await expect(dialog).toContainText('Unconfirmed');
  // Focus lands on the safe choice; Shift+Tab reaches "Confirm revoke".
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  expect(await agentCanRead(DEMO_KEYS.evmMasterAgent.privateKey)).toBeInstanceOf(Array);
  await popup.keyboard.press('Shift+Tab');
  await expect(dialog.getByRole('button', { name: 'Confirm revoke' })).toBeFocused();
  await popup.keyboard.press('Enter');
  await expect(list.getByRole('status')).toHaveText('Revoked "demo-agent" on Aster.');
  await expect(list.getByRole('listitem', { name: 'API wallet demo-agent' })).toHaveCount(0);
  expect(masterAgents().map((a) => a.name)).toEqual(['desk bot']);
  expect(await agentCanRead(DEMO_KEYS.evmMasterAgent.privateKey)).toMatchObject({ code: -2015 });

  // The one made here: revoked on Aster, then its key leaves the vault.
  await list.getByRole('button', { name: 'Revoke desk bot…' }).click();
  await list
    .getByRole('alertdialog', { name: 'Revoke desk bot?' })
    .getByRole('button', { name: 'Confirm revoke' })
    .click();
  await expect(list.getByRole('status')).toHaveText(
    'Revoked "desk bot" on Aster. Its key was wiped from this vault.',
  );
  await expect(list).toContainText('0 API wallets on Aster');
  expect(masterAgents()).toEqual([]);
  const accounts = await rpc<{ id: string; name: string }[]>(popup, 'accounts.list', {});
  const main = accounts.find((a) => a.name === 'MainDesk')!;
  expect(await rpc<unknown[]>(popup, 'aster.listAgents', { accountId: main.id })).toEqual([]);
  await expect(popup.getByRole('region', { name: 'API wallets of MainDesk' })).not.toContainText('desk bot');
});

test('where Aster has no DELETE /fapi/v3/agent, the refusal is explained in words and nothing changes', async ({
  popup,
}) => {
  await withDeskBot(popup);
  await rpc(popup, 'aster.setProfile', { changes: { agentRevoke: true } });
  await fetch(`${sim.url}/__sim/variant`, { method: 'POST', body: JSON.stringify({ agentDelete: false }) });
  await popup.getByRole('button', { name: 'Reload Aster’s list' }).click();
  const list = onAster(popup);
  await list.getByRole('button', { name: 'Revoke desk bot…' }).click();
  await list
    .getByRole('alertdialog', { name: 'Revoke desk bot?' })
    .getByRole('button', { name: 'Confirm revoke' })
    .click();
  const alert = list.getByRole('alert');
  await expect(alert).toContainText('no DELETE /fapi/v3/agent (HTTP 404)');
  await expect(alert).toContainText("Revoke it on Aster's website");
  await expect(list.getByRole('listitem', { name: 'API wallet desk bot' })).toContainText(
    'Key in this vault',
  );
  expect(masterAgents()).toHaveLength(2);
});
