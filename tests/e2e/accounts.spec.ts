import type { Page } from '@playwright/test';
import { ed25519 } from '@noble/curves/ed25519.js';
import bs58 from 'bs58';
import { decryptKeystoreJsonSync } from 'ethers';
import { readFile, writeFile } from 'node:fs/promises';
import { privateKeyToAddress } from 'viem/accounts';
import { fillLargeVault } from '../support/large-vault';
import { popupCall, rpc } from '../support/popup-rpc';
import { createVault, expect, PASSWORD, test, type StorageDump } from './fixtures';

const EVM_KEY = '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';
const EVM_ADDRESS = privateKeyToAddress(`0x${EVM_KEY}`);
const SOLANA_SEED = Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex');
const SOLANA_PUBLIC = Buffer.from(ed25519.getPublicKey(SOLANA_SEED));
const SOLANA_SECRET = Buffer.concat([SOLANA_SEED, SOLANA_PUBLIC]);
const SOLANA_ADDRESS = bs58.encode(SOLANA_PUBLIC);

/** Every encoding a key could leak in. */
function keyEncodings(bytes: Buffer): string[] {
  const variants = [
    bytes.toString('hex'),
    bytes.toString('hex').toUpperCase(),
    bytes.toString('base64'),
    bytes.toString('base64url'),
    bs58.encode(bytes),
    JSON.stringify(Array.from(bytes)),
    Array.from(bytes).join(','),
  ];
  return variants.filter((v) => v.length >= 16);
}

function leaks(dump: StorageDump, secrets: Buffer[]): string[] {
  const text = JSON.stringify(dump);
  return secrets.flatMap(keyEncodings).filter((needle) => text.includes(needle));
}

async function addMaster(page: Page, kind: 'EVM' | 'Solana', name: string, key: string) {
  await page.getByRole('button', { name: 'Add account' }).click();
  await page.getByRole('radio', { name: 'A master account' }).check();
  await page.getByLabel('Key type').selectOption({ label: kind });
  await page.getByLabel('Account name').fill(name);
  await page.getByLabel('Private key', { exact: true }).fill(key);
}

test('imports an EVM and a Solana key through the popup; no storage area holds the keys in any encoding', async ({
  popup,
  dumpStorage,
}) => {
  await createVault(popup);
  await expect(popup.getByText('No accounts yet.')).toBeVisible();

  await addMaster(popup, 'EVM', 'Main desk', `0x${EVM_KEY}`);
  await expect(popup.getByText(`Address: ${EVM_ADDRESS}`)).toBeVisible();
  await popup.getByRole('button', { name: 'Save account' }).click();
  await expect(popup.getByRole('heading', { name: 'Back up Main desk' })).toBeVisible();
  await popup.getByRole('button', { name: 'Later' }).click();
  await popup.getByRole('button', { name: 'Leave without a backup' }).click();

  await addMaster(popup, 'Solana', 'Sol desk', bs58.encode(SOLANA_SECRET));
  await expect(popup.getByText(`Address: ${SOLANA_ADDRESS}`)).toBeVisible();
  await popup.getByRole('button', { name: 'Save account' }).click();
  await popup.getByRole('button', { name: 'Accounts' }).click();
  // Home lists every account to switch; adding, backing up, renaming and removing live under Manage accounts.
  await popup.getByRole('button', { name: 'Manage accounts' }).click();

  const evmGroup = popup.getByRole('region', { name: 'Main desk and its sub-accounts' });
  await expect(evmGroup.getByText('EVM', { exact: true })).toBeVisible();
  await expect(evmGroup.getByText('Not backed up')).toBeVisible();
  await expect(
    popup.getByRole('region', { name: 'Sol desk and its sub-accounts' }).getByText('Solana'),
  ).toBeVisible();
  await expect(popup.getByRole('note')).toContainText('2 keys are not backed up');

  const dump = await dumpStorage();
  expect(JSON.stringify(dump)).toContain(EVM_ADDRESS);
  expect(leaks(dump, [Buffer.from(EVM_KEY, 'hex'), SOLANA_SEED, SOLANA_SECRET])).toEqual([]);
});

test('refuses malformed keys with the precise reason and stores nothing', async ({ popup, dumpStorage }) => {
  await createVault(popup);
  await addMaster(popup, 'EVM', 'Main desk', EVM_KEY.slice(0, 60));
  await expect(popup.getByText(/64 hexadecimal characters \(32 bytes\); this one has 60/)).toBeVisible();
  await popup.getByRole('button', { name: 'Save account' }).click();
  await expect(popup.getByRole('alert')).toContainText('this one has 60');
  await popup.getByLabel('Private key', { exact: true }).fill('0'.repeat(64));
  await expect(popup.getByText('This key is zero, which is not a valid private key.')).toBeVisible();
  await popup.getByLabel('Private key', { exact: true }).fill(bs58.encode(SOLANA_SECRET));
  await expect(popup.getByText(/It looks like a Solana key/)).toBeVisible();
  await popup.getByLabel('Key type').selectOption({ label: 'Solana' });
  const tampered = Buffer.from(SOLANA_SECRET);
  tampered[40]! ^= 1;
  await popup.getByLabel('Private key', { exact: true }).fill(JSON.stringify(Array.from(tampered)));
  await expect(popup.getByText(/public half does not match/)).toBeVisible();
  await popup.getByRole('button', { name: 'Save account' }).click();
  await expect(popup.getByRole('alert')).toContainText('public half does not match');
  const dump = await dumpStorage();
  expect(dump.indexedDB['aster-companion']?.accounts).toEqual([]);
  expect(dump.indexedDB['aster-companion']?.secrets).toEqual([]);
});

test('a Solana CLI key file uploads as a sub-account key (in a tab: file pickers close the popup)', async ({
  popup,
  openExtensionPage,
}, testInfo) => {
  await createVault(popup);
  const master = await rpc<{ id: string }>(popup, 'accounts.add', {
    role: 'master',
    kind: 'solana',
    name: 'Sol desk',
    key: bs58.encode(SOLANA_SECRET),
  });
  await popup.reload();
  await popup.getByRole('button', { name: 'Add account' }).click();
  await expect(popup.getByLabel('Master account', { exact: true })).toHaveValue(master.id);
  await expect(popup.getByRole('button', { name: 'Upload a Solana key file in a tab' })).toBeVisible();

  const page = await openExtensionPage('popup.html?tab=1#/add');
  const seed = crypto.getRandomValues(new Uint8Array(32));
  const publicKey = ed25519.getPublicKey(seed);
  const file = testInfo.outputPath('id.json');
  await writeFile(file, JSON.stringify([...seed, ...publicKey]));
  await page.getByRole('radio', { name: 'A sub-account' }).check();
  await expect(page.getByLabel('Master account', { exact: true })).toHaveValue(master.id);
  await page.getByLabel('Account name').fill('SolGrid01');
  await page.getByLabel('Or upload a Solana key file (JSON)').setInputFiles(file);
  await expect(page.getByText(`Address: ${bs58.encode(publicKey)}`)).toBeVisible();
  await page.getByRole('button', { name: 'Save account' }).click();
  await expect(page.getByRole('heading', { name: 'Back up SolGrid01' })).toBeVisible();
  const listed = await rpc<{ name: string; address: string; parentId: string | null }[]>(
    page,
    'accounts.list',
    {},
  );
  expect(listed.find((a) => a.name === 'SolGrid01')).toMatchObject({
    address: bs58.encode(publicKey),
    parentId: master.id,
  });
});

test('one-time backup by key file: download, open again to verify, and the file opens in ethers', async ({
  openExtensionPage,
  popup,
}, testInfo) => {
  await createVault(popup);
  const master = await rpc<{ id: string }>(popup, 'accounts.add', {
    role: 'master',
    kind: 'evm',
    name: 'Main desk',
    key: EVM_KEY,
  });
  const sub = await rpc<{ id: string; address: string }>(popup, 'accounts.generate', {
    parentId: master.id,
    name: 'Scalper01',
  });
  const page = await openExtensionPage(`popup.html?tab=1#/backup/${sub.id}`);
  await expect(page.getByRole('heading', { name: 'Back up Scalper01' })).toBeVisible();
  await expect(page.getByText('Not backed up', { exact: true })).toBeVisible();

  const form = page.getByRole('region', { name: 'Encrypted key file' });
  await form.getByLabel('Vault password', { exact: true }).fill('wrong vault password');
  await form.getByLabel('File password', { exact: true }).fill('File-password-123');
  await form.getByLabel('Confirm file password', { exact: true }).fill('File-password-123');
  await form.getByRole('button', { name: 'Download key file' }).click();
  await expect(form.getByRole('alert')).toHaveText('Wrong password.');
  await form.getByLabel('Vault password', { exact: true }).fill(PASSWORD);
  const downloading = page.waitForEvent('download');
  await form.getByRole('button', { name: 'Download key file' }).click();
  const download = await downloading;
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  const text = await readFile(file, 'utf8');
  expect(decryptKeystoreJsonSync(text, 'File-password-123').address).toBe(sub.address);

  // The wrong account's file, then a wrong password, then the right file.
  const other = testInfo.outputPath('other.json');
  const otherFile = await rpc<{ text: string }>(page, 'accounts.exportKeyFile', {
    id: master.id,
    password: PASSWORD,
    filePassword: 'File-password-123',
  });
  await writeFile(other, otherFile.text);
  await form.getByLabel('Key file to verify').setInputFiles(other);
  await form.getByLabel('Password of that file', { exact: true }).fill('File-password-123');
  await form.getByRole('button', { name: 'Verify key file' }).click();
  await expect(form.getByRole('alert')).toContainText('it is not the key file of "Scalper01"');
  await form.getByLabel('Key file to verify').setInputFiles(file);
  await form.getByLabel('Password of that file', { exact: true }).fill('not it');
  await form.getByRole('button', { name: 'Verify key file' }).click();
  await expect(form.getByRole('alert')).toContainText('Wrong password for this key file');
  await form.getByLabel('Password of that file', { exact: true }).fill('File-password-123');
  await form.getByRole('button', { name: 'Verify key file' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Backed up (key file).' })).toBeVisible();
  await expect(page.getByText('Not backed up', { exact: true })).toHaveCount(0);
});

test('one-time backup by reveal: password again, hidden until asked, clipboard cleared, characters confirmed', async ({
  openExtensionPage,
  popup,
  context,
}) => {
  await createVault(popup);
  const master = await rpc<{ id: string }>(popup, 'accounts.add', {
    role: 'master',
    kind: 'solana',
    name: 'Sol desk',
    key: JSON.stringify(Array.from(SOLANA_SECRET)),
  });
  const page = await openExtensionPage(`popup.html?tab=1#/backup/${master.id}`);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const reveal = page.getByRole('region', { name: 'Reveal and write down the key' });
  await reveal.getByLabel('Vault password to reveal', { exact: true }).fill('wrong');
  await reveal.getByRole('button', { name: 'Reveal key' }).click();
  await expect(reveal.getByRole('alert')).toHaveText('Wrong password.');
  await reveal.getByLabel('Vault password to reveal', { exact: true }).fill(PASSWORD);
  await reveal.getByRole('button', { name: 'Reveal key' }).click();
  const secret = reveal.getByRole('status', { name: 'Private key' }).or(reveal.getByLabel('Private key'));
  await expect(secret).not.toContainText(SOLANA_ADDRESS.slice(0, 8));
  await expect(secret).toHaveText(/^•+$/);
  await reveal.getByRole('button', { name: 'Show key' }).click();
  await expect(secret).toHaveText(bs58.encode(SOLANA_SECRET));

  await reveal.getByRole('button', { name: 'Copy key' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(bs58.encode(SOLANA_SECRET));
  await expect(reveal.getByRole('status').filter({ hasText: 'cleared from the clipboard' })).toBeVisible({
    timeout: 10_000,
  });
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('');

  const keyText = bs58.encode(SOLANA_SECRET);
  const fields = reveal.getByLabel(/^Character \d+$/);
  const count = await fields.count();
  expect(count).toBe(4);
  const positions: number[] = [];
  for (let i = 0; i < count; i++) {
    positions.push(
      Number((await fields.nth(i).evaluate((el) => el.parentElement!.textContent)).match(/\d+/)![0]),
    );
  }
  // One wrong character first.
  for (let i = 0; i < count; i++) {
    const right = keyText[positions[i]! - 1]!;
    await fields.nth(i).fill(i === 0 ? (right === 'a' ? 'b' : 'a') : right);
  }
  await reveal.getByRole('button', { name: 'Confirm I saved it' }).click();
  await expect(reveal.getByRole('alert')).toContainText(`position ${positions[0]}`);
  await fields.nth(0).fill(keyText[positions[0]! - 1]!);
  await reveal.getByRole('button', { name: 'Confirm I saved it' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Backed up (key written down).' })).toBeVisible();
});

test('remove warns about a key without backup and needs the typed name; rename follows Aster’s rules', async ({
  popup,
}) => {
  await createVault(popup);
  const master = await rpc<{ id: string }>(popup, 'accounts.add', {
    role: 'master',
    kind: 'evm',
    name: 'Main desk',
    key: EVM_KEY,
  });
  await rpc(popup, 'accounts.generate', { parentId: master.id, name: 'Scalper01' });
  await popup.reload();
  await popup.getByRole('button', { name: 'Manage accounts' }).click();
  await popup.getByRole('button', { name: 'Manage Scalper01' }).click();
  const rename = popup.getByLabel('Name', { exact: true });
  await rename.fill('bad name');
  await expect(
    popup.getByText('The name may only contain letters and digits, no spaces or symbols.'),
  ).toBeVisible();
  await rename.fill('Swing002');
  await popup.getByRole('button', { name: 'Rename' }).click();
  await expect(popup.getByRole('button', { name: 'Manage Swing002' })).toBeVisible();
  await popup.getByRole('button', { name: 'Mark as frozen' }).click();
  await expect(popup.getByText('Frozen', { exact: true })).toBeVisible();
  await expect(popup.getByRole('note').filter({ hasText: 'This key is not backed up' })).toBeVisible();
  const remove = popup.getByRole('button', { name: 'Remove', exact: true });
  await expect(remove).toBeDisabled();
  await popup.getByLabel('Type Swing002 to remove this account').fill('Swing002');
  await remove.click();
  await expect(popup.getByRole('button', { name: 'Manage Swing002' })).toHaveCount(0);
  await expect(popup.getByRole('button', { name: 'Manage Main desk' })).toBeVisible();
});

test('whole-vault backup → reset → restore brings back every account; bad files change nothing', async ({
  openExtensionPage,
  popup,
}, testInfo) => {
  await createVault(popup);
  const master = await rpc<{ id: string }>(popup, 'accounts.add', {
    role: 'master',
    kind: 'evm',
    name: 'Main desk',
    key: EVM_KEY,
  });
  const sub = await rpc<{ id: string }>(popup, 'accounts.generate', {
    parentId: master.id,
    name: 'Scalper01',
  });
  await rpc(popup, 'accounts.setStatus', { id: sub.id, status: 'FROZEN' });
  await rpc(popup, 'accounts.add', {
    role: 'master',
    kind: 'solana',
    name: 'Sol desk',
    key: bs58.encode(SOLANA_SECRET),
  });
  await rpc(popup, 'accounts.add', {
    role: 'master',
    kind: 'evm',
    name: 'Cold',
    watchAddress: privateKeyToAddress(`0x${'11'.repeat(32)}`),
  });
  const before = await rpc<{ name: string; address: string; status: string; hasKey: boolean }[]>(
    popup,
    'accounts.list',
    {},
  );

  const page = await openExtensionPage('popup.html?tab=1#/settings');
  await page.getByLabel('Vault password for backup', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Backup file password', { exact: true }).fill('Backup-password-77');
  await page.getByLabel('Confirm backup file password', { exact: true }).fill('Backup-password-77');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download vault backup' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^aster-companion-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const file = testInfo.outputPath('vault-backup.json');
  await download.saveAs(file);
  const text = await readFile(file, 'utf8');
  expect(text).not.toContain(EVM_KEY);
  expect(text).not.toContain('Main desk');

  await page.getByLabel('Type RESET to confirm').fill('RESET');
  await page.getByRole('button', { name: 'Reset vault' }).click();
  await createVault(page, 'A-new-vault-password-1');
  await page.getByRole('button', { name: 'Settings' }).click();

  const restore = async (filePath: string, password: string) => {
    await page.getByLabel('Backup file', { exact: true }).setInputFiles(filePath);
    await page.getByLabel('Password of the backup file', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Restore' }).click();
  };
  const corrupt = testInfo.outputPath('corrupt.json');
  await writeFile(corrupt, text.slice(0, text.length - 40));
  await restore(corrupt, 'Backup-password-77');
  await expect(page.getByRole('alert')).toContainText('cut short');
  const newer = testInfo.outputPath('newer.json');
  await writeFile(newer, JSON.stringify({ ...JSON.parse(text), version: 9 }));
  await restore(newer, 'Backup-password-77');
  await expect(page.getByRole('alert')).toContainText('newer Aster Companion');
  await restore(file, 'wrong password');
  await expect(page.getByRole('alert')).toContainText('Wrong password for this backup');
  expect(await rpc<unknown[]>(page, 'accounts.list', {})).toEqual([]);

  await restore(file, 'Backup-password-77');
  await expect(page.getByRole('status', { name: 'Restore result' })).toContainText(
    'Added 4, skipped 0, conflicts 0.',
  );
  const after = await rpc<typeof before>(page, 'accounts.list', {});
  const shape = (list: typeof before) =>
    list.map(({ name, address, status, hasKey }) => ({ name, address, status, hasKey }));
  expect(shape(after)).toEqual(shape(before));
  // Restoring again merges: everything is already there.
  await restore(file, 'Backup-password-77');
  await expect(page.getByRole('status', { name: 'Restore result' })).toContainText(
    'Added 0, skipped 4, conflicts 0.',
  );
});

test('16 masters × 15 sub-accounts round-trip through a vault backup completely', async ({ popup }) => {
  test.setTimeout(120_000);
  await createVault(popup);
  const [first] = await fillLargeVault(popup);
  const refusal = await popupCall(popup, 'accounts.generate', { parentId: first!, name: 'OneTooMany' });
  expect(refusal.ok).toBe(false);
  expect(refusal.error?.message).toBe(
    '"EVM master 0" already has 15 sub-accounts, Aster\'s limit per master.',
  );

  type Listed = {
    id: string;
    name: string;
    address: string;
    role: string;
    kind: string;
    parentId: string | null;
  };
  const shape = (list: Listed[]) => {
    const names = new Map(list.map((a) => [a.id, a.name]));
    return list.map(({ name, address, role, kind, parentId }) => ({
      name,
      address,
      role,
      kind,
      parent: parentId && names.get(parentId),
    }));
  };
  const before = await rpc<Listed[]>(popup, 'accounts.list', {});
  expect(before).toHaveLength(256);
  const backup = await rpc<{ text: string }>(popup, 'vault.exportBackup', {
    password: PASSWORD,
    filePassword: 'Backup-password-77',
  });
  await rpc(popup, 'vault.reset', { confirmation: 'RESET' });
  await rpc(popup, 'vault.create', { password: PASSWORD });
  expect(await rpc<Listed[]>(popup, 'accounts.list', {})).toEqual([]);
  const report = await rpc<{ added: string[]; skipped: unknown[]; conflicts: unknown[] }>(
    popup,
    'vault.restoreBackup',
    {
      fileText: backup.text,
      filePassword: 'Backup-password-77',
    },
  );
  expect([report.added.length, report.skipped.length, report.conflicts.length]).toEqual([256, 0, 0]);
  const after = await rpc<Listed[]>(popup, 'accounts.list', {});
  expect(shape(after)).toEqual(shape(before));
});

test('an open popup tab follows accounts added, renamed and switched elsewhere, without reloading', async ({
  popup,
  openExtensionPage,
}) => {
  await createVault(popup);
  const main = await rpc<{ id: string }>(popup, 'accounts.add', {
    role: 'master',
    kind: 'evm',
    name: 'Main desk',
    key: `0x${EVM_KEY}`,
  });
  await popup.reload();
  const option = (name: string) => popup.getByRole('option', { name: new RegExp(`^${name}\\b`) });
  await expect(option('Main desk')).toHaveAttribute('aria-current', 'true');

  // Another extension page (a second popup) adds a master, renames it and switches to it: the first follows.
  const other = await openExtensionPage();
  const sol = await rpc<{ id: string }>(other, 'accounts.add', {
    role: 'master',
    kind: 'solana',
    name: 'Sol desk',
    key: bs58.encode(SOLANA_SECRET),
  });
  await expect(option('Sol desk')).toBeVisible();
  await rpc(other, 'accounts.rename', { id: sol.id, name: 'Sol book' });
  await expect(option('Sol book')).toBeVisible();
  await expect(option('Sol desk')).toHaveCount(0);
  await other.evaluate(
    (id) => chrome.runtime.sendMessage({ channel: 'popup', method: 'accounts.setActive', params: { id } }),
    sol.id,
  );
  await expect(option('Sol book')).toHaveAttribute('aria-current', 'true');
  await expect(option('Main desk')).not.toHaveAttribute('aria-current', 'true');
  // And back, as the keyboard command or the in-page switcher would.
  await rpc(other, 'accounts.setActive', { id: main.id });
  await expect(option('Main desk')).toHaveAttribute('aria-current', 'true');
});
