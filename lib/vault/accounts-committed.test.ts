import { describe, expect, it } from 'vitest';
import { generateKey } from '@/lib/accounts/keys';
import type { Account } from '@/lib/accounts/model';
import { AccountStore } from './accounts';
import { VaultDatabase } from './db';
import { Vault } from './vault';

/**
 * AccountStore.onCommitted, which the background turns into `accounts.changed` for open pages: after the
 * write is committed (a read then sees it), once per transaction, never for a transaction rolled back.
 */
async function setup() {
  const db = new VaultDatabase(`accounts-committed-${crypto.randomUUID()}`);
  const vault = new Vault({ db, kdfIterations: 1000 });
  await vault.create('correct horse battery staple');
  const store = new AccountStore(vault);
  const master = await store.add({ role: 'master', name: 'Main', key: generateKey('evm') });
  /** What a reader outside any transaction saw at each notice. */
  const seen: string[][] = [];
  const reads: Promise<void>[] = [];
  store.onCommitted(() => {
    reads.push(db.accounts.toArray().then((all: Account[]) => void seen.push(all.map((a) => a.name).sort())));
  });
  const settle = async () => {
    // Past every commit and every read the listeners started.
    await db.accounts.count();
    await Promise.all(reads);
  };
  return { db, store, master, seen, settle };
}

const sub = (parentId: string, name: string) => ({
  role: 'sub' as const,
  parentId,
  name,
  key: generateKey('evm'),
});

describe('the accounts table’s committed writes', () => {
  it('are announced after the commit: a read in the listener sees the new row', async () => {
    const { store, master, seen, settle } = await setup();
    await store.add(sub(master.id, 'Grid01'));
    await settle();
    expect(seen).toEqual([['Grid01', 'Main']]);
  });

  it('are announced once per transaction, however many rows it writes', async () => {
    const { store, master, seen, settle } = await setup();
    await store.addMany([sub(master.id, 'Grid01'), sub(master.id, 'Grid02'), sub(master.id, 'Grid03')]);
    await settle();
    expect(seen).toEqual([['Grid01', 'Grid02', 'Grid03', 'Main']]);
  });

  it('are announced for a rename, a status change and a removal, one each', async () => {
    const { store, master, seen, settle } = await setup();
    const grid = await store.add(sub(master.id, 'Grid01'));
    await store.rename(grid.id, 'Scalper01');
    await store.setStatus(grid.id, 'FROZEN');
    await store.remove(grid.id);
    await settle();
    expect(seen).toEqual([['Grid01', 'Main'], ['Main', 'Scalper01'], ['Main', 'Scalper01'], ['Main']]);
  });

  it('are not announced for a transaction that is rolled back', async () => {
    const { db, store, master, seen, settle } = await setup();
    await expect(
      db.transaction('rw', db.accounts, async () => {
        await db.accounts.put({ ...master, name: 'Renamed' });
        await db.accounts.delete(master.id);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    // A refused rule inside the store's own transaction (the name is taken by then) writes nothing either.
    await store.add(sub(master.id, 'Grid01'));
    await expect(store.add(sub(master.id, 'grid01'))).rejects.toMatchObject({ code: 'duplicate' });
    await settle();
    expect(seen).toEqual([['Grid01', 'Main']]);
  });

  it('are announced once for a nested transaction, with its outermost one', async () => {
    const { db, master, seen, settle } = await setup();
    await db.transaction('rw', db.accounts, db.secrets, async () => {
      await db.accounts.put({ ...master, name: 'Outer' });
      await db.transaction('rw', db.accounts, async () => {
        await db.accounts.put({ ...master, name: 'Inner' });
      });
    });
    await settle();
    expect(seen).toEqual([['Inner']]);
  });

  it('stop reaching a listener that unsubscribed', async () => {
    const { store, master, seen, settle } = await setup();
    let calls = 0;
    const stop = store.onCommitted(() => calls++);
    await store.rename(master.id, 'First');
    stop();
    await store.rename(master.id, 'Second');
    await settle();
    expect(calls).toBe(1);
    expect(seen).toHaveLength(2);
  });
});
