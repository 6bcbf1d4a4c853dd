import { describe, expect, it } from 'vitest';
import { generateKey, parseEvmPrivateKey, type ParsedKey } from '@/lib/accounts/keys';
import { secretIdOf } from '@/lib/accounts/model';
import { AccountStore } from './accounts';
import { decryptBackup, encryptBackup } from './backup';
import { VaultDatabase } from './db';
import { VaultError } from './errors';
import type { SessionStore, UnlockedSession } from './session';
import { Vault } from './vault';

async function setup() {
  const db = new VaultDatabase(`accounts-test-${crypto.randomUUID()}`);
  // Each vault its own session (the fake browser's storage.session is shared by the whole test file).
  let session: UnlockedSession | undefined;
  const sessionStore: SessionStore = {
    get: async () => session,
    set: async (value) => void (session = value),
    clear: async () => void (session = undefined),
  };
  const vault = new Vault({ db, kdfIterations: 1000, session: sessionStore });
  await vault.create('correct horse battery staple');
  return { db, vault, store: new AccountStore(vault) };
}

async function refusal(promise: Promise<unknown>): Promise<VaultError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VaultError);
  return error as VaultError;
}

const evmKey = () => generateKey('evm');
const solanaKey = () => generateKey('solana');

describe('accounts', () => {
  it('adds masters and sub-accounts with their keys sealed in the vault', async () => {
    const { store, db, vault } = await setup();
    const key = parseEvmPrivateKey(
      '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318',
    ) as ParsedKey;
    const master = await store.add({ role: 'master', name: 'Main', key });
    const sub = await store.add({ role: 'sub', parentId: master.id, name: 'Scalper01', key: evmKey() });
    expect(master).toMatchObject({
      role: 'master',
      kind: 'evm',
      hasKey: true,
      backup: { state: 'not-backed-up' },
    });
    expect(sub).toMatchObject({ role: 'sub', parentId: master.id, status: 'NORMAL' });
    expect((await store.list()).map((a) => a.name)).toEqual(['Main', 'Scalper01']);
    expect(await db.secrets.count()).toBe(2);
    expect(JSON.stringify(await db.secrets.toArray())).not.toContain('4c0883a6');
    const { secret } = await store.readKey(master.id);
    expect(Buffer.from(secret).toString('hex')).toBe(
      '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318',
    );
    await vault.lock();
    expect((await refusal(store.readKey(master.id))).code).toBe('locked');
  });

  it('adds a watch-only master without a key', async () => {
    const { store, db } = await setup();
    const watched = await store.add({
      role: 'master',
      name: 'Cold wallet',
      key: null,
      watchAddress: { kind: 'evm', address: evmKey().address },
    });
    expect(watched).toMatchObject({ hasKey: false, backup: { state: 'no-key' } });
    expect(await db.secrets.count()).toBe(0);
    expect((await refusal(store.readKey(watched.id))).message).toMatch(/watch-only/);
  });

  it('refuses what the rules forbid, with the rule in words, storing nothing', async () => {
    const { store, db } = await setup();
    const master = await store.add({ role: 'master', name: 'Main', key: evmKey() });
    const solanaMaster = await store.add({ role: 'master', name: 'Sol', key: solanaKey() });
    const sub = await store.add({ role: 'sub', parentId: master.id, name: 'Scalper01', key: evmKey() });
    const before = { accounts: await db.accounts.count(), secrets: await db.secrets.count() };
    const cases: [Promise<unknown>, string, RegExp][] = [
      [
        store.add({ role: 'master', name: 'Again', key: { ...evmKey(), address: master.address } }),
        'duplicate',
        /already in the vault as "Main"/,
      ],
      [
        store.add({ role: 'sub', parentId: master.id, name: 'Solsub01', key: solanaKey() }),
        'invalid-input',
        /a Solana key, but "Main" is an EVM account/,
      ],
      [
        store.add({ role: 'sub', parentId: solanaMaster.id, name: 'Evmsub01', key: evmKey() }),
        'invalid-input',
        /an EVM key, but "Sol" is a Solana account/,
      ],
      [
        store.add({ role: 'sub', parentId: sub.id, name: 'Nested01', key: evmKey() }),
        'invalid-input',
        /cannot have sub-accounts/,
      ],
      [
        store.add({ role: 'sub', parentId: 'nope', name: 'Orphan01', key: evmKey() }),
        'invalid-input',
        /Choose the master/,
      ],
      [
        store.add({ role: 'sub', parentId: master.id, name: 'short', key: evmKey() }),
        'invalid-input',
        /6 to 20 characters/,
      ],
      [
        store.add({ role: 'sub', parentId: master.id, name: 'has space', key: evmKey() }),
        'invalid-input',
        /letters and digits/,
      ],
      [
        store.add({ role: 'sub', parentId: master.id, name: '12345678', key: evmKey() }),
        'invalid-input',
        /at least one letter/,
      ],
      [
        store.add({ role: 'sub', parentId: master.id, name: 'SCALPER01', key: evmKey() }),
        'duplicate',
        /already has a sub-account named/,
      ],
      [
        store.add({
          role: 'sub',
          parentId: master.id,
          name: 'Watcher01',
          key: null,
          watchAddress: { kind: 'evm', address: evmKey().address },
        }),
        'invalid-input',
        /needs its private key/,
      ],
      [store.add({ role: 'master', name: '', key: evmKey() }), 'invalid-input', /name/],
    ];
    for (const [promise, code, message] of cases) {
      const error = await refusal(promise);
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
    }
    expect({ accounts: await db.accounts.count(), secrets: await db.secrets.count() }).toEqual(before);
  });

  it('allows 15 sub-accounts per master and refuses the 16th', async () => {
    const { store, db } = await setup();
    const master = await store.add({ role: 'master', name: 'Main', key: evmKey() });
    await store.addMany(
      Array.from({ length: 15 }, (_, i) => ({
        role: 'sub' as const,
        parentId: master.id,
        name: `Strategy${i}`,
        key: evmKey(),
      })),
    );
    const error = await refusal(
      store.add({ role: 'sub', parentId: master.id, name: 'Strategy15', key: evmKey() }),
    );
    expect(error.code).toBe('limit');
    expect(error.message).toBe('"Main" already has 15 sub-accounts, Aster\'s limit per master.');
    expect(await db.accounts.count()).toBe(16);
  });

  it('adds a batch in one transaction: one refusal stores none of it', async () => {
    const { store, db } = await setup();
    const master = await store.add({ role: 'master', name: 'Main', key: evmKey() });
    await refusal(
      store.addMany([
        { role: 'sub', parentId: master.id, name: 'Fine0001', key: evmKey() },
        { role: 'sub', parentId: master.id, name: 'bad name!', key: evmKey() },
      ]),
    );
    expect(await db.accounts.count()).toBe(1);
    expect(await db.secrets.count()).toBe(1);
  });

  it('keeps the previous state when the write fails half-way (quota)', async () => {
    const { store, db } = await setup();
    const master = await store.add({ role: 'master', name: 'Main', key: evmKey() });
    const fail = () => {
      throw new Error('QuotaExceededError');
    };
    db.secrets.hook('creating', fail);
    await expect(
      store.add({ role: 'sub', parentId: master.id, name: 'Scalper01', key: evmKey() }),
    ).rejects.toThrow(/Quota/);
    db.secrets.hook('creating').unsubscribe(fail);
    expect((await store.list()).map((a) => a.name)).toEqual(['Main']);
  });

  it('renames, freezes, marks backups and removes with the rules applied', async () => {
    const { store, db } = await setup();
    const master = await store.add({ role: 'master', name: 'Main', key: evmKey() });
    const a = await store.add({ role: 'sub', parentId: master.id, name: 'Alpha001', key: evmKey() });
    await store.add({ role: 'sub', parentId: master.id, name: 'Bravo001', key: evmKey() });
    expect((await store.rename(a.id, 'Alpha002')).name).toBe('Alpha002');
    expect((await refusal(store.rename(a.id, 'bravo001'))).code).toBe('duplicate');
    expect((await refusal(store.rename(a.id, 'x'))).message).toMatch(/6 to 20/);
    expect((await store.rename(master.id, 'My main wallet')).name).toBe('My main wallet');
    expect((await store.setStatus(a.id, 'FROZEN')).status).toBe('FROZEN');
    expect((await refusal(store.setStatus(master.id, 'FROZEN'))).message).toMatch(/Only sub-accounts/);
    expect((await store.markBackedUp(a.id, 'key-file')).backup).toMatchObject({
      state: 'backed-up',
      method: 'key-file',
    });
    expect((await refusal(store.remove(master.id))).message).toMatch(/Remove the 2 sub-account\(s\)/);
    await store.remove(a.id);
    expect(await db.secrets.get(secretIdOf(a.id))).toBeUndefined();
    expect((await store.list()).map((x) => x.name)).toEqual(['My main wallet', 'Bravo001']);
  });
});

describe('whole-vault backup and restore', () => {
  it('round-trips every account through an encrypted file into an empty vault', async () => {
    const first = await setup();
    const master = await first.store.add({ role: 'master', name: 'Main', key: evmKey() });
    await first.store.add({ role: 'sub', parentId: master.id, name: 'Scalper01', key: evmKey() });
    const sub2 = await first.store.add({ role: 'sub', parentId: master.id, name: 'Frozen01', key: evmKey() });
    await first.store.setStatus(sub2.id, 'FROZEN');
    const sol = await first.store.add({ role: 'master', name: 'Sol', key: solanaKey() });
    await first.store.add({ role: 'sub', parentId: sol.id, name: 'SolSub01', key: solanaKey() });
    await first.store.add({
      role: 'master',
      name: 'Watched',
      key: null,
      watchAddress: { kind: 'evm', address: evmKey().address },
    });
    const file = await encryptBackup(await first.store.exportPayload(), 'file password');
    expect(JSON.stringify(file)).not.toMatch(/Main|Scalper/);

    const second = await setup();
    const report = await second.store.restore(await decryptBackup(JSON.stringify(file), 'file password'));
    expect(report.added).toHaveLength(6);
    expect(report.conflicts).toEqual([]);
    const strip = (accounts: Awaited<ReturnType<AccountStore['list']>>) =>
      accounts.map(({ name, address, role, kind, status, hasKey }) => ({
        name,
        address,
        role,
        kind,
        status,
        hasKey,
      }));
    expect(strip(await second.store.list())).toEqual(strip(await first.store.list()));
    for (const account of await first.store.list()) {
      if (!account.hasKey) continue;
      const restored = (await second.store.list()).find((a) => a.address === account.address)!;
      expect((await second.store.readKey(restored.id)).secret).toEqual(
        (await first.store.readKey(account.id)).secret,
      );
      expect(restored.backup).toMatchObject({ state: 'backed-up', method: 'vault-backup' });
    }
  });

  it('merges into an existing vault by address and reports added, skipped and conflicts', async () => {
    const source = await setup();
    const master = await source.store.add({ role: 'master', name: 'Main', key: evmKey() });
    const kept = await source.store.add({
      role: 'sub',
      parentId: master.id,
      name: 'Keeper01',
      key: evmKey(),
    });
    await source.store.add({ role: 'sub', parentId: master.id, name: 'Newcomer1', key: evmKey() });
    const payload = await source.store.exportPayload();

    const target = await setup();
    const targetMaster = await target.store.add({
      role: 'master',
      name: 'Main here',
      key: (await source.store.readKey(master.id)).secret && {
        kind: 'evm',
        secret: (await source.store.readKey(master.id)).secret,
        address: master.address,
      },
    });
    await target.store.add({
      role: 'sub',
      parentId: targetMaster.id,
      name: 'Keeper01',
      key: { kind: 'evm', secret: (await source.store.readKey(kept.id)).secret, address: kept.address },
    });
    const other = await target.store.add({ role: 'master', name: 'Other', key: evmKey() });
    // The backup's "Newcomer1" address already sits in the target under another master: a conflict.
    const newcomer = payload.accounts.find((a) => a.name === 'Newcomer1')!;
    await target.store.add({
      role: 'sub',
      parentId: other.id,
      name: 'Squatter1',
      key: {
        kind: 'evm',
        secret: Uint8Array.from(Buffer.from(newcomer.key!.slice(2), 'hex')),
        address: newcomer.address,
      },
    });

    const report = await target.store.restore(payload);
    expect(report.added).toEqual([]);
    expect(report.skipped.map((s) => s.name)).toEqual(['Main', 'Keeper01']);
    expect(report.conflicts).toEqual([
      { name: 'Newcomer1', reason: expect.stringMatching(/another role or master/) },
    ]);
  });

  it('reports damaged entries and rule breaks as conflicts and adds the rest', async () => {
    const { store } = await setup();
    const m = evmKey();
    const payload = {
      accounts: [
        {
          address: m.address,
          kind: 'evm' as const,
          role: 'master' as const,
          parentAddress: null,
          name: 'Main',
          status: 'NORMAL' as const,
          backedUp: false,
          key: `0x${Buffer.from(m.secret).toString('hex')}`,
          createdAt: 1,
        },
        {
          address: evmKey().address,
          kind: 'evm' as const,
          role: 'sub' as const,
          parentAddress: m.address,
          name: 'Mismatch1',
          status: 'NORMAL' as const,
          backedUp: true,
          key: `0x${Buffer.from(evmKey().secret).toString('hex')}`,
          createdAt: 2,
        },
        {
          address: evmKey().address,
          kind: 'evm' as const,
          role: 'sub' as const,
          parentAddress: evmKey().address,
          name: 'Orphan001',
          status: 'NORMAL' as const,
          backedUp: true,
          key: null,
          createdAt: 3,
        },
        ...Array.from({ length: 16 }, (_, i) => {
          const k = evmKey();
          return {
            address: k.address,
            kind: 'evm' as const,
            role: 'sub' as const,
            parentAddress: m.address,
            name: `Strategy${i}`,
            status: 'FROZEN' as const,
            backedUp: false,
            key: `0x${Buffer.from(k.secret).toString('hex')}`,
            createdAt: 10 + i,
          };
        }),
      ],
    };
    const report = await store.restore(payload);
    expect(report.added).toHaveLength(16);
    expect(report.conflicts.map((c) => c.name)).toEqual(['Mismatch1', 'Orphan001', 'Strategy15']);
    expect(report.conflicts[0]!.reason).toMatch(/does not belong/);
    expect(report.conflicts[1]!.reason).toMatch(/master is neither/);
    expect(report.conflicts[2]!.reason).toMatch(/15 sub-accounts/);
    expect((await store.list()).filter((a) => a.role === 'sub').every((a) => a.status === 'FROZEN')).toBe(
      true,
    );
  });
});

describe('backup files', () => {
  const payload = { accounts: [] };

  it('refuse corrupt, truncated, wrong-password, tampered and newer files with a clear error', async () => {
    const file = await encryptBackup(payload, 'file password');
    const text = JSON.stringify(file);
    const cases: [string, string, string, RegExp][] = [
      ['not JSON', 'hello', 'invalid-input', /not an Aster Companion backup/],
      ['truncated', text.slice(0, text.length / 2), 'invalid-input', /cut short/],
      [
        'another JSON',
        '{"format":"something-else","version":1}',
        'invalid-input',
        /not an Aster Companion vault backup/,
      ],
      ['newer', JSON.stringify({ ...file, version: 2 }), 'newer-format', /newer Aster Companion/],
      ['missing fields', JSON.stringify({ ...file, kdf: undefined }), 'invalid-input', /damaged/],
      [
        'tampered ciphertext',
        JSON.stringify({ ...file, ciphertext: `A${file.ciphertext.slice(1)}` }),
        'wrong-password',
        /altered/,
      ],
      [
        'a hostile KDF cost',
        JSON.stringify({ ...file, kdf: { ...file.kdf, iterations: 1e12 } }),
        'invalid-input',
        /1,000,000,000,000 PBKDF2 iterations; .* at most 5,000,000/,
      ],
    ];
    for (const [, input, code, message] of cases) {
      const error = await refusal(decryptBackup(input, 'file password'));
      expect([error.code, error.message]).toEqual([code, expect.stringMatching(message)]);
    }
    const wrong = await refusal(decryptBackup(text, 'not the password'));
    expect(wrong.code).toBe('wrong-password');
    expect(await decryptBackup(text, 'file password')).toEqual(payload);
  });
});
