import type { Locator, Page } from '@playwright/test';
import { DEMO_KEYS } from '../../simulator/keys';
import { popupCall, rpc } from '../support/popup-rpc';
import { createVault, expect, PASSWORD } from './fixtures';

/** Shared by the operations and faults specs: a vault on the simulator, backups, the operations screens. */

export interface Ids {
  main: string;
  grid: string;
  hedge: string;
  loss: string;
}

/** A vault with the simulator's test keys (imported through accounts.add) and the network set to the simulator. */
export async function setupOperations(page: Page, simUrl: string): Promise<Ids> {
  await createVault(page);
  const network = await rpc<{ network: string; hosts: { futures: string } }>(page, 'aster.setNetwork', {
    network: 'simulator',
    simulatorUrl: simUrl,
  });
  expect(network.hosts.futures).toBe(simUrl);
  const add = (role: 'master' | 'sub', name: string, key: string, parentId?: string) =>
    rpc<{ id: string }>(page, 'accounts.add', {
      role,
      kind: 'evm',
      name,
      key,
      ...(parentId ? { parentId } : {}),
    });
  const main = (await add('master', 'MainDesk', DEMO_KEYS.evmMaster.privateKey)).id;
  const grid = (await add('sub', 'Grid01', DEMO_KEYS.evmSubGrid.privateKey, main)).id;
  const hedge = (await add('sub', 'Hedge02', DEMO_KEYS.evmSubHedge.privateKey, main)).id;
  const loss = (await add('master', 'LossDesk', DEMO_KEYS.evmLossMaster.privateKey)).id;
  await page.reload();
  return { main, grid, hedge, loss };
}

/** The reveal-and-confirm backup through the background, as the backup screen does it. */
export async function backUp(page: Page, id: string): Promise<void> {
  const revealed = await rpc<{ keyText: string; positions: number[] }>(page, 'accounts.reveal', {
    id,
    password: PASSWORD,
  });
  await rpc(page, 'accounts.confirmReveal', {
    id,
    answers: revealed.positions.map((p) => revealed.keyText[p - 1]),
  });
}

/**
 * The create form's backup step, in the page: reveal the new key with the vault password, type back the
 * characters it asks for and confirm it is saved. `scope` holds the "Reveal and write down the key" region.
 */
export async function writeDownNewKey(scope: Page | Locator): Promise<void> {
  const reveal = scope.getByRole('region', { name: 'Reveal and write down the key' });
  await reveal.getByRole('textbox', { name: 'Vault password to reveal' }).fill(PASSWORD);
  await reveal.getByRole('button', { name: 'Reveal key' }).click();
  await reveal.getByRole('button', { name: 'Show key' }).click();
  const keyText = (await reveal.getByLabel('Private key').textContent())!.trim();
  for (const field of await reveal.getByLabel(/^Character \d+$/).all()) {
    const label = (await field.evaluate((el) => el.closest('label')?.textContent)) ?? '';
    await field.fill(keyText[Number(label.replace(/\D/g, '')) - 1]!);
  }
  await reveal.getByRole('button', { name: 'Confirm I saved it' }).click();
}

/**
 * Where each operations screen lives now that they are grouped by task: the group's button, then (in a group of
 * several tasks) the task's. The old section names keep working, so specs read as before.
 */
export const SECTION_PATHS: Readonly<Record<string, readonly [group: string, task?: string]>> = {
  Portfolio: ['Move funds', 'Balances'],
  Balances: ['Move funds', 'Balances'],
  Transfer: ['Move funds', 'Transfer'],
  'Perp ↔ spot': ['Move funds', 'Perp ↔ spot'],
  Sweep: ['Move funds', 'Sweep to master'],
  'Sweep to master': ['Move funds', 'Sweep to master'],
  'Rename / freeze': ['Sub-accounts', 'Rename / freeze'],
  'Create sub-account': ['Sub-accounts', 'Create sub-account'],
  'API wallets': ['API wallets'],
  Withdraw: ['Withdraw'],
};

export async function openSection(page: Page, section: string): Promise<void> {
  await page.getByRole('button', { name: 'Operations', exact: true }).click();
  if (section === 'Network') {
    // The network screen is reached from the operations header (and from Settings).
    await page.getByRole('link', { name: /^Network: .* \(settings\)$/ }).click();
    return;
  }
  const path = SECTION_PATHS[section];
  if (!path) throw new Error(`No operations section named "${section}".`);
  const [group, task] = path;
  await page
    .getByRole('navigation', { name: 'Operations' })
    .getByRole('button', { name: group, exact: true })
    .click();
  if (task)
    await page
      .getByRole('navigation', { name: group, exact: true })
      .getByRole('button', { name: task, exact: true })
      .click();
}

/** A background call that must be refused: its error code and message. */
export async function refusal(
  page: Page,
  method: string,
  params: object,
): Promise<{ code: string; message: string }> {
  const envelope = await popupCall(page, method, params);
  expect(envelope.ok, `${method} should be refused`).toBe(false);
  return envelope.error!;
}
