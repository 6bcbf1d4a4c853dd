import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { fromBase64, toBase64, utf8 } from '@/lib/crypto/bytes';
import { VaultDatabase, type VaultRecord } from './db';
import { VaultError } from './errors';
import { browserSessionStore } from './session';
import { Vault, type VaultOptions } from './vault';

const PASSWORD = 'correct horse battery staple';
const ITERATIONS = 1000;

/** A vault on a fresh database with a controllable clock; `restart()` is a new worker on the same storage. */
function setup(options: VaultOptions = {}) {
  const db = new VaultDatabase(`vault-test-${crypto.randomUUID()}`);
  const clock = { now: 1_700_000_000_000 };
  const make = (extra: VaultOptions = {}) =>
    new Vault({ db, now: () => clock.now, kdfIterations: ITERATIONS, ...options, ...extra });
  return { db, clock, vault: make(), restart: make };
}

async function expectVaultError(promise: Promise<unknown>, code: string): Promise<VaultError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VaultError);
  expect((error as VaultError).code).toBe(code);
  return error as VaultError;
}

async function storedRecord(db: VaultDatabase): Promise<VaultRecord> {
  return (await db.vault.get('vault'))!;
}

function flipByte(base64: string, index: number): string {
  const bytes = fromBase64(base64);
  bytes[index]! ^= 0x80;
  return toBase64(bytes);
}

describe('creating the vault', () => {
  it('starts uninitialized, then is created unlocked with the KDF parameters stored', async () => {
    const { vault, db } = setup();
    expect((await vault.state()).status).toBe('uninitialized');
    await vault.create(PASSWORD);
    expect((await vault.state()).status).toBe('unlocked');
    const record = await storedRecord(db);
    expect(record.formatVersion).toBe(1);
    expect(record.kdf).toMatchObject({ name: 'PBKDF2', hash: 'SHA-256', iterations: ITERATIONS });
    expect(fromBase64(record.kdf.salt)).toHaveLength(16);
    // A wrapped 32-byte key plus the 16-byte tag.
    expect(fromBase64(record.wrappedDataKey.ciphertext)).toHaveLength(48);
  });

  it('uses at least 600,000 PBKDF2 iterations by default', async () => {
    const db = new VaultDatabase(`vault-test-${crypto.randomUUID()}`);
    const vault = new Vault({ db });
    await vault.create(PASSWORD);
    expect((await storedRecord(db)).kdf.iterations).toBe(600_000);
    await vault.lock();
    await vault.unlock(PASSWORD);
    expect((await storedRecord(db)).kdf.iterations).toBe(600_000);
  });

  it('refuses a short password and stores nothing', async () => {
    const { vault, db } = setup();
    const error = await expectVaultError(vault.create('short'), 'weak-password');
    expect(error.message).toMatch(/at least 8 characters/);
    expect(await db.vault.count()).toBe(0);
    expect(await browserSessionStore.get()).toBeUndefined();
  });

  it('refuses to create a second vault over the first', async () => {
    const { vault, db } = setup();
    await vault.create(PASSWORD);
    const before = await storedRecord(db);
    await expectVaultError(vault.create('another password'), 'already-initialized');
    expect(await storedRecord(db)).toEqual(before);
  });
});

describe('secrets', () => {
  it('round-trip while unlocked, and survive a lock/unlock and a worker restart', async () => {
    const { vault, restart } = setup();
    await vault.create(PASSWORD);
    await vault.putSecret('account:1', utf8('secret one'));
    await vault.putSecret('account:2', utf8('secret two'));
    expect(new TextDecoder().decode(await vault.getSecret('account:1'))).toBe('secret one');
    // A new Vault on the same storage is what a restarted worker builds: the session carries it.
    const afterRestart = restart();
    expect((await afterRestart.state()).status).toBe('unlocked');
    expect(new TextDecoder().decode(await afterRestart.getSecret('account:2'))).toBe('secret two');
    await afterRestart.lock();
    await expectVaultError(afterRestart.getSecret('account:1'), 'locked');
    await afterRestart.unlock(PASSWORD);
    expect(new TextDecoder().decode(await afterRestart.getSecret('account:1'))).toBe('secret one');
  });

  it('are unreadable when locked, and a locked vault cannot store one', async () => {
    const { vault } = setup();
    await vault.create(PASSWORD);
    await vault.lock();
    await expectVaultError(vault.putSecret('x', utf8('y')), 'locked');
    await expectVaultError(vault.getSecret('x'), 'locked');
  });

  it('reject a ciphertext swapped onto another record', async () => {
    const { vault, db } = setup();
    await vault.create(PASSWORD);
    await vault.putSecret('a', utf8('alpha'));
    await vault.putSecret('b', utf8('bravo'));
    const [a, b] = [(await db.secrets.get('a'))!, (await db.secrets.get('b'))!];
    await db.secrets.put({ ...a, sealed: b.sealed });
    await expectVaultError(vault.getSecret('a'), 'corrupt');
    expect(new TextDecoder().decode(await vault.getSecret('b'))).toBe('bravo');
  });

  it('reject a ciphertext copied from another vault', async () => {
    const first = setup();
    const second = setup();
    await first.vault.create(PASSWORD);
    await first.vault.putSecret('a', utf8('alpha'));
    await second.vault.create(PASSWORD);
    await second.vault.putSecret('a', utf8('other'));
    // The second vault's session is the active one: the copied record has another key and another vault id.
    await second.db.secrets.put((await first.db.secrets.get('a'))!);
    await expectVaultError(second.vault.getSecret('a'), 'corrupt');
  });

  it('reject every single-byte change of a stored secret (IV, ciphertext, tag)', async () => {
    const { vault, db } = setup();
    await vault.create(PASSWORD);
    await vault.putSecret('a', utf8('a 32-byte private key goes here!'));
    const original = (await db.secrets.get('a'))!;
    for (const field of ['iv', 'ciphertext'] as const) {
      const length = fromBase64(original.sealed[field]).length;
      for (let i = 0; i < length; i++) {
        await db.secrets.put({
          ...original,
          sealed: { ...original.sealed, [field]: flipByte(original.sealed[field], i) },
        });
        await expectVaultError(vault.getSecret('a'), 'corrupt');
      }
    }
    await db.secrets.put(original);
    expect(new TextDecoder().decode(await vault.getSecret('a'))).toBe('a 32-byte private key goes here!');
  });

  it('report a missing secret as not found', async () => {
    const { vault } = setup();
    await vault.create(PASSWORD);
    await expectVaultError(vault.getSecret('nope'), 'not-found');
  });
});

describe('unlocking', () => {
  it('refuses a wrong password with a clear message and stays locked', async () => {
    const { vault } = setup();
    await vault.create(PASSWORD);
    await vault.lock();
    const error = await expectVaultError(vault.unlock('wrong password'), 'wrong-password');
    expect(error.message).toBe('Wrong password.');
    expect((await vault.state()).status).toBe('locked');
    expect(await browserSessionStore.get()).toBeUndefined();
  });

  it('rejects every single-byte change of the wrapped key, its IV and the salt', async () => {
    const { vault, db, clock } = setup();
    await vault.create(PASSWORD);
    await vault.lock();
    const original = await storedRecord(db);
    const variants: VaultRecord[] = [];
    for (const field of ['iv', 'ciphertext'] as const) {
      const length = fromBase64(original.wrappedDataKey[field]).length;
      for (let i = 0; i < length; i++) {
        variants.push({
          ...original,
          wrappedDataKey: {
            ...original.wrappedDataKey,
            [field]: flipByte(original.wrappedDataKey[field], i),
          },
        });
      }
    }
    for (let i = 0; i < 16; i++)
      variants.push({ ...original, kdf: { ...original.kdf, salt: flipByte(original.kdf.salt, i) } });
    variants.push({ ...original, vaultId: crypto.randomUUID() });
    for (const variant of variants) {
      await db.vault.put(variant);
      clock.now += 10 * 60_000; // step past the growing delay; the throttle is tested on its own
      await expectVaultError(vault.unlock(PASSWORD), 'wrong-password');
    }
    expect(variants.length).toBe(12 + 48 + 16 + 1);
    await db.vault.put(original);
    clock.now += 10 * 60_000;
    await vault.unlock(PASSWORD);
    expect((await vault.state()).status).toBe('unlocked');
  });

  it('adds a growing delay after repeated failures, which a worker restart does not reset', async () => {
    const { vault, clock, restart } = setup();
    await vault.create(PASSWORD);
    await vault.lock();
    for (let i = 0; i < 2; i++) await expectVaultError(vault.unlock('nope nope'), 'wrong-password');
    const third = await expectVaultError(vault.unlock('nope nope'), 'wrong-password');
    expect(third.retryAfterMs).toBe(1000);
    expect(third.message).toBe('Wrong password. Try again in 1 s.');
    // Even the right password is not tried during the delay, in this worker or a restarted one.
    await expectVaultError(vault.unlock(PASSWORD), 'locked-out');
    const restarted = restart();
    const lockedOut = await expectVaultError(restarted.unlock(PASSWORD), 'locked-out');
    expect(lockedOut.retryAfterMs).toBe(1000);
    expect(await restarted.unlockRetryAfterMs()).toBe(1000);
    clock.now += 1000;
    const fourth = await expectVaultError(restarted.unlock('nope nope'), 'wrong-password');
    expect(fourth.retryAfterMs).toBe(2000);
    clock.now += 2000;
    await restarted.unlock(PASSWORD);
    expect(await restarted.unlockRetryAfterMs()).toBe(0);
    await restarted.lock();
    // The count started again after the success: one failure, no delay.
    expect((await expectVaultError(restarted.unlock('nope nope'), 'wrong-password')).retryAfterMs).toBe(0);
  });

  it('counts parallel attempts one after the other', async () => {
    const { vault } = setup();
    await vault.create(PASSWORD);
    await vault.lock();
    const results = await Promise.allSettled([1, 2, 3, 4].map(() => vault.unlock('nope nope')));
    const codes = results.map((r) => (r.status === 'rejected' ? (r.reason as VaultError).code : 'ok'));
    expect(codes).toEqual(['wrong-password', 'wrong-password', 'wrong-password', 'locked-out']);
  });

  it('re-encrypts an old vault at the current cost on unlock', async () => {
    const { vault, db, restart } = setup();
    await vault.create(PASSWORD);
    await vault.putSecret('a', utf8('alpha'));
    await vault.lock();
    const before = await storedRecord(db);
    const upgraded = restart({ kdfIterations: 2 * ITERATIONS });
    await upgraded.unlock(PASSWORD);
    const after = await storedRecord(db);
    expect(after.kdf.iterations).toBe(2 * ITERATIONS);
    expect(after.kdf.salt).not.toBe(before.kdf.salt);
    expect(after.wrappedDataKey).not.toEqual(before.wrappedDataKey);
    expect(new TextDecoder().decode(await upgraded.getSecret('a'))).toBe('alpha');
    await upgraded.lock();
    await upgraded.unlock(PASSWORD);
    // A lower target never lowers a stored cost.
    const lower = restart({ kdfIterations: ITERATIONS });
    await lower.lock();
    await lower.unlock(PASSWORD);
    expect((await storedRecord(db)).kdf.iterations).toBe(2 * ITERATIONS);
  });

  it('refuses a vault written in a newer format without touching it', async () => {
    const { vault, db } = setup();
    await vault.create(PASSWORD);
    await vault.lock();
    await db.vault.update('vault', { formatVersion: 2 });
    const error = await expectVaultError(vault.unlock(PASSWORD), 'newer-format');
    expect(error.message).toMatch(/newer/);
    expect((await storedRecord(db)).formatVersion).toBe(2);
  });

  it('says there is no vault yet', async () => {
    const { vault } = setup();
    await expectVaultError(vault.unlock(PASSWORD), 'uninitialized');
  });
});

describe('changing the password', () => {
  it('re-wraps the data key only: every secret stays readable, untouched', async () => {
    const { vault, db } = setup();
    await vault.create(PASSWORD);
    await vault.putSecret('a', utf8('alpha'));
    await vault.putSecret('b', utf8('bravo'));
    const secretsBefore = await db.secrets.toArray();
    const before = await storedRecord(db);
    await vault.changePassword(PASSWORD, 'a brand new password');
    const after = await storedRecord(db);
    expect(after.kdf.salt).not.toBe(before.kdf.salt);
    expect(after.vaultId).toBe(before.vaultId);
    expect(await db.secrets.toArray()).toEqual(secretsBefore);
    await vault.lock();
    await expectVaultError(vault.unlock(PASSWORD), 'wrong-password');
    await vault.unlock('a brand new password');
    expect(new TextDecoder().decode(await vault.getSecret('a'))).toBe('alpha');
    expect(new TextDecoder().decode(await vault.getSecret('b'))).toBe('bravo');
  });

  it('requires the current password', async () => {
    const { vault, db } = setup();
    await vault.create(PASSWORD);
    const before = await storedRecord(db);
    await expectVaultError(
      vault.changePassword('not the password', 'a brand new password'),
      'wrong-password',
    );
    await expectVaultError(vault.changePassword(PASSWORD, 'short'), 'weak-password');
    expect(await storedRecord(db)).toEqual(before);
  });

  it('interrupted half-way (the write fails) leaves the old password working', async () => {
    const { vault, db } = setup();
    await vault.create(PASSWORD);
    await vault.putSecret('a', utf8('alpha'));
    const before = await storedRecord(db);
    const failWrite = () => {
      throw new Error('QuotaExceededError');
    };
    db.vault.hook('updating', failWrite);
    db.vault.hook('creating', failWrite);
    await expect(vault.changePassword(PASSWORD, 'a brand new password')).rejects.toThrow(/Quota/);
    db.vault.hook('updating').unsubscribe(failWrite);
    db.vault.hook('creating').unsubscribe(failWrite);
    expect(await storedRecord(db)).toEqual(before);
    await vault.lock();
    await expectVaultError(vault.unlock('a brand new password'), 'wrong-password');
    await vault.unlock(PASSWORD);
    expect(new TextDecoder().decode(await vault.getSecret('a'))).toBe('alpha');
  });

  it('lets only one of two racing password changes win; the loser changes nothing', async () => {
    const { vault, restart } = setup();
    await vault.create(PASSWORD);
    // Two vault instances on one database stand for two writers that both read the same record.
    const other = restart();
    const results = await Promise.allSettled([
      vault.changePassword(PASSWORD, 'first new password'),
      other.changePassword(PASSWORD, 'second new password'),
    ]);
    const won = results.map((r) => r.status);
    expect(won.filter((s) => s === 'fulfilled')).toHaveLength(1);
    const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((loser.reason as VaultError).code).toBe('conflict');
    const winner = won[0] === 'fulfilled' ? 'first new password' : 'second new password';
    await vault.lock();
    await vault.unlock(winner);
    expect((await vault.state()).status).toBe('unlocked');
  });
});

describe('auto-lock', () => {
  it('locks at the deadline, even for a worker that slept through it', async () => {
    const { vault, clock, restart } = setup();
    await vault.create(PASSWORD);
    const { lockDeadline } = await vault.state();
    expect(lockDeadline).toBe(clock.now + 15 * 60_000);
    expect(await vault.lockIfExpired()).toBe(false);
    clock.now = lockDeadline! - 1;
    expect((await vault.state()).status).toBe('unlocked');
    clock.now = lockDeadline!;
    const woken = restart();
    await expectVaultError(woken.getSecret('x'), 'locked');
    expect((await woken.state()).status).toBe('locked');
    expect(await browserSessionStore.get()).toBeUndefined();
  });

  it('pushes the deadline back on activity, and never locks when set to never', async () => {
    const { vault, clock } = setup();
    await vault.create(PASSWORD);
    clock.now += 10 * 60_000;
    await vault.touch();
    expect((await vault.state()).lockDeadline).toBe(clock.now + 15 * 60_000);
    await vault.setAutoLock(null);
    expect((await vault.state()).lockDeadline).toBeNull();
    clock.now += 365 * 24 * 3_600_000;
    expect(await vault.lockIfExpired()).toBe(false);
    expect((await vault.state()).status).toBe('unlocked');
    await vault.setAutoLock(60_000);
    expect((await vault.settings()).autoLockMs).toBe(60_000);
    clock.now += 60_000;
    expect(await vault.lockIfExpired()).toBe(true);
  });

  it('refuses a period that is not offered', async () => {
    const { vault } = setup();
    await vault.create(PASSWORD);
    await expectVaultError(vault.setAutoLock(1234), 'corrupt');
    expect((await vault.settings()).autoLockMs).toBe(15 * 60_000);
  });

  it('reports each change of state', async () => {
    const states: string[] = [];
    const { vault } = setup({ onStateChange: (s) => states.push(s.status) });
    await vault.create(PASSWORD);
    await vault.lock();
    await vault.unlock(PASSWORD);
    await vault.reset();
    expect(states).toEqual(['unlocked', 'locked', 'unlocked', 'uninitialized']);
  });
});

describe('reset', () => {
  it('wipes every table and the session; a new vault can then be created', async () => {
    const { vault, db } = setup();
    await vault.create(PASSWORD);
    await vault.putSecret('a', utf8('alpha'));
    await vault.reset();
    expect(await db.vault.count()).toBe(0);
    expect(await db.secrets.count()).toBe(0);
    expect(await db.meta.count()).toBe(0);
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
    expect((await vault.state()).status).toBe('uninitialized');
    await vault.create('another good password');
    await expectVaultError(vault.getSecret('a'), 'not-found');
  });
});

describe('reset and the rest of the extension’s storage', () => {
  it('wipes it inside the reset, so a vault created right after keeps its session', async () => {
    const { vault } = setup();
    await vault.create(PASSWORD);
    let release!: () => void;
    const slowWipe = new Promise<void>((resolve) => (release = resolve));
    const resetting = vault.reset(async () => {
      await slowWipe;
      await browserSessionStore.clear();
    });
    // The trader creates a new vault while the reset is still wiping: it waits for the reset to finish.
    const creating = vault.create('a new strong password');
    release();
    await resetting;
    await creating;
    expect((await vault.state()).status).toBe('unlocked');
    expect(await browserSessionStore.get()).toBeDefined();
  });
});
