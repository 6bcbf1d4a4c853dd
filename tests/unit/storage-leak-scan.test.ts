import bs58 from 'bs58';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEMO_KEYS } from '../../simulator/keys';
import { leaksIn } from '../support/leak-needles';
import { readExtensionStorage } from '../support/storage-dump';

/**
 * The leak check that runs after every Chromium e2e test (and in the Firefox suite's storage tests) is this
 * dump and this scan: a key planted in any storage area must be found, a clean extension must pass.
 */

const EVM_KEY = Buffer.from(DEMO_KEYS.evmMaster.privateKey.slice(2), 'hex');
const SOLANA_SEED = Buffer.from(DEMO_KEYS.solanaMaster.seed, 'hex');

async function putInIndexedDB(database: string, store: string, row: object): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(database, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(store, { autoIncrement: true });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  await new Promise<void>((resolve, reject) => {
    const transaction = db.transaction(store, 'readwrite');
    transaction.objectStore(store).add(row);
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
  });
  db.close();
}

async function deleteAllDatabases(): Promise<void> {
  for (const { name } of await indexedDB.databases()) {
    if (!name) continue;
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
    });
  }
}

beforeEach(async () => {
  // The function reads the global `chrome`, as it does inside the extension.
  vi.stubGlobal('chrome', fakeBrowser);
  await deleteAllDatabases();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('readExtensionStorage + leaksIn', () => {
  it('a clean extension (addresses and ciphertext only) passes', async () => {
    await putInIndexedDB('aster-companion', 'accounts', { address: DEMO_KEYS.evmMaster.address });
    await chrome.storage.local.set({ settings: { language: 'en' } });
    await chrome.storage.session.set({ 'vault.unlocked': { deadline: null } });
    const dump = await readExtensionStorage({ sync: true });
    expect(dump.indexedDB['aster-companion']?.accounts).toEqual([{ address: DEMO_KEYS.evmMaster.address }]);
    expect(dump.local).toEqual({ settings: { language: 'en' } });
    expect(leaksIn(dump)).toEqual([]);
  });

  it.each([
    ['an IndexedDB row, as hex', () => putInIndexedDB('other-db', 'rows', { key: EVM_KEY.toString('hex') })],
    ['storage.local, as Base64', () => chrome.storage.local.set({ backup: EVM_KEY.toString('base64') })],
    ['storage.session, as Base58', () => chrome.storage.session.set({ s: bs58.encode(SOLANA_SEED) })],
    ['storage.sync, as a JSON byte array', () => chrome.storage.sync.set({ k: Array.from(SOLANA_SEED) })],
    [
      'nested deep in a row, as upper-case hex',
      () =>
        putInIndexedDB('aster-companion', 'secrets', { a: [{ b: EVM_KEY.toString('hex').toUpperCase() }] }),
    ],
  ])('finds a test key planted in %s', async (_where, plant) => {
    await plant();
    expect(leaksIn(await readExtensionStorage({ sync: true }))).not.toEqual([]);
  });

  it('reads storage.sync only when asked (the Firefox suite does not)', async () => {
    await chrome.storage.sync.set({ k: Array.from(SOLANA_SEED) });
    const dump = await readExtensionStorage({ sync: false });
    expect(dump).not.toHaveProperty('sync');
    expect(leaksIn(dump)).toEqual([]);
  });

  it('finds the extra needles (the password) too', async () => {
    await chrome.storage.local.set({ remembered: 'Correct-horse-battery-9' });
    const dump = await readExtensionStorage({ sync: false });
    expect(leaksIn(dump)).toEqual([]);
    expect(leaksIn(dump, ['Correct-horse-battery-9'])).toEqual(['Correct-horse-battery-9']);
  });
});
