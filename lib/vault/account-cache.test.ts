import { describe, expect, it, vi } from 'vitest';
import { generateKey } from '@/lib/accounts/keys';
import { AccountStore } from './accounts';
import { VaultDatabase } from './db';
import type { SessionStore, UnlockedSession } from './session';
import { Vault } from './vault';

/**
 * The worker's cached copy of the accounts (AccountStore.index): read once, then every caller reads it,
 * until anything changes the accounts table or the vault locks or is reset.
 */
async function setup() {
  const db = new VaultDatabase(`account-cache-${crypto.randomUUID()}`);
  let session: UnlockedSession | undefined;
  const sessionStore: SessionStore = {
    get: async () => session,
    set: async (value) => void (session = value),
    clear: async () => void (session = undefined),
  };
  // Wired as the background wires it (lib/background/index.ts).
  const wired: { store?: AccountStore } = {};
  const vault = new Vault({
    db,
    kdfIterations: 1000,
    session: sessionStore,
    onStateChange: (state) => wired.store?.onVaultState(state),
  });
  await vault.create('correct horse battery staple');
  const store = (wired.store = new AccountStore(vault));
  const master = await store.add({ role: 'master', name: 'Main', key: generateKey('evm') });
  const reads = vi.spyOn(db.accounts, 'toArray');
  return { db, vault, store, master, reads };
}

const names = async (store: AccountStore) => (await store.list()).map((a) => a.name);

describe('the cached accounts', () => {
  it('reads the table once for any number of callers', async () => {
    const { store, master, reads } = await setup();
    await Promise.all([store.list(), store.list(), store.get(master.id), store.index()]);
    await store.list();
    await store.find(master.id);
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it('follows adding and removing an account', async () => {
    const { store, master, reads } = await setup();
    expect(await names(store)).toEqual(['Main']);
    const sub = await store.add({
      role: 'sub',
      parentId: master.id,
      name: 'Scalper01',
      key: generateKey('evm'),
    });
    expect(await names(store)).toEqual(['Main', 'Scalper01']);
    expect((await store.index()).findByAddress(sub.address)?.id).toBe(sub.id);
    await store.remove(sub.id);
    expect(await names(store)).toEqual(['Main']);
    expect((await store.index()).findByAddress(sub.address)).toBeUndefined();
    await expect(store.get(sub.id)).rejects.toMatchObject({ code: 'not-found' });
    expect(reads.mock.calls.length).toBeGreaterThanOrEqual(3);
  });

  it('follows a rename, a freeze and a backup', async () => {
    const { store, master } = await setup();
    const sub = await store.add({
      role: 'sub',
      parentId: master.id,
      name: 'Scalper01',
      key: generateKey('evm'),
    });
    await store.list();
    await store.rename(master.id, 'Desk');
    expect(await names(store)).toEqual(['Desk', 'Scalper01']);
    expect((await store.get(master.id)).name).toBe('Desk');
    await store.setStatus(sub.id, 'FROZEN');
    expect((await store.get(sub.id)).status).toBe('FROZEN');
    await store.markBackedUp(sub.id, 'reveal');
    expect((await store.index()).findByAddress(sub.address)?.backup.state).toBe('backed-up');
  });

  it('follows a write that goes to the table directly (as Aster-side sub-account changes do)', async () => {
    const { store, db, master } = await setup();
    await store.list();
    await db.transaction('rw', db.accounts, async () => {
      const current = (await db.accounts.get(master.id))!;
      await db.accounts.put({ ...current, name: 'Renamed elsewhere' });
    });
    expect(await names(store)).toEqual(['Renamed elsewhere']);
  });

  it('is dropped when the vault locks, kept while it stays unlocked', async () => {
    const { store, vault, reads } = await setup();
    await store.list();
    await vault.setAutoLock(15 * 60_000); // a state change that leaves the vault unlocked
    await store.list();
    expect(reads).toHaveBeenCalledTimes(1);
    await vault.lock();
    await store.list();
    expect(reads).toHaveBeenCalledTimes(2);
  });

  it('is dropped when the vault is reset: its accounts are gone', async () => {
    const { store, vault } = await setup();
    expect(await names(store)).toEqual(['Main']);
    await vault.reset();
    expect(await store.list()).toEqual([]);
  });

  it('never keeps what a transaction has not committed', async () => {
    const { store, db, master } = await setup();
    await expect(
      db.transaction('rw', db.accounts, async () => {
        const current = (await db.accounts.get(master.id))!;
        await db.accounts.put({ ...current, name: 'Never committed' });
        expect(await names(store)).toEqual(['Never committed']); // read inside: sees its own write
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await names(store)).toEqual(['Main']);
  });
});
