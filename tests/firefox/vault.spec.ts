import bs58 from 'bs58';
import { ed25519 } from '@noble/curves/ed25519.js';
import type { Page } from 'puppeteer-core';
import { DEMO_KEYS as k } from '../../simulator/keys';
import {
  click,
  createVault,
  dumpStorage,
  expect,
  fill,
  keyMaterialIn,
  PASSWORD,
  rpc,
  select,
  shown,
  test,
  texts,
  unlock,
  useFirefox,
} from './fixtures';

/** The vault in Firefox: created, locked and unlocked in the popup, keys imported, nothing readable stored. */

const firefox = useFirefox();
let popup: Page;

interface Listed {
  id: string;
  name: string;
  address: string;
  kind: string;
  role: string;
  parentId: string | null;
}

async function addAccount(
  page: Page,
  { role, kind, name, key }: { role: 'master' | 'sub'; kind?: 'EVM' | 'Solana'; name: string; key: string },
) {
  await click(page, 'Add account');
  await click(page, role === 'master' ? 'A master account' : 'A sub-account', 'radio');
  if (kind) await select(page, 'Key type', kind === 'EVM' ? 'evm' : 'solana');
  await fill(page, 'Account name', name);
  await fill(page, 'Private key', key);
  await click(page, 'Save account');
  await shown(page, `Back up ${name}`, 'heading');
  await click(page, 'Later');
  await click(page, 'Leave without a backup');
}

test('creates the vault in the popup, locks it and unlocks it with the password only', async () => {
  popup = await firefox.ff.openExtensionPage();
  await createVault(popup);
  await click(popup, 'Lock now');
  await shown(popup, 'Unlock', 'button');
  await unlock(popup, 'not the password');
  await expect.poll(() => texts(popup, '[role="alert"]')).toContain('Wrong password.');
  await unlock(popup, PASSWORD);
  await shown(popup, 'Lock now', 'button');
});

test('imports an EVM master, its sub-account and a Solana master through the popup', async () => {
  const solanaSecret = Buffer.concat([
    Buffer.from(k.solanaMaster.seed, 'hex'),
    Buffer.from(ed25519.getPublicKey(Buffer.from(k.solanaMaster.seed, 'hex'))),
  ]);
  await addAccount(popup, { role: 'master', kind: 'EVM', name: 'MainDesk', key: k.evmMaster.privateKey });
  await addAccount(popup, { role: 'sub', name: 'Grid01', key: k.evmSubGrid.privateKey });
  await addAccount(popup, {
    role: 'master',
    kind: 'Solana',
    name: 'SolDesk',
    key: bs58.encode(solanaSecret),
  });

  const listed = await rpc<Listed[]>(popup, 'accounts.list', {});
  const main = listed.find((a) => a.name === 'MainDesk');
  expect(main).toMatchObject({ address: k.evmMaster.address, role: 'master', kind: 'evm' });
  expect(listed.find((a) => a.name === 'Grid01')).toMatchObject({
    address: k.evmSubGrid.address,
    role: 'sub',
    parentId: main?.id,
  });
  expect(listed.find((a) => a.name === 'SolDesk')).toMatchObject({
    address: k.solanaMaster.address,
    kind: 'solana',
  });
});

test('IndexedDB, storage.local and storage.session hold no key and no password; the data key only in the session', async () => {
  const unlocked = await dumpStorage(popup);
  expect(JSON.stringify(unlocked)).toContain(k.evmMaster.address); // the scan reads the real stores
  expect(keyMaterialIn(unlocked)).toEqual([]);
  const { dataKey } = unlocked.session['vault.unlocked'] as { dataKey: string };
  const dataKeyBytes = Buffer.from(dataKey, 'base64');
  expect(dataKeyBytes).toHaveLength(32);
  const persistent = JSON.stringify({ indexedDB: unlocked.indexedDB, local: unlocked.local });
  for (const encoding of [dataKey, dataKeyBytes.toString('hex'), JSON.stringify(Array.from(dataKeyBytes))])
    expect(persistent).not.toContain(encoding);

  await click(popup, 'Lock now');
  await shown(popup, 'Unlock', 'button');
  const locked = await dumpStorage(popup);
  expect(Object.keys(locked.session)).not.toContain('vault.unlocked');
  expect(JSON.stringify(locked)).not.toContain(dataKey);
  expect(keyMaterialIn(locked)).toEqual([]);
});
