import { describe, expect, it } from 'vitest';
import { mirroredSessionStore, type SessionStore, type UnlockedSession } from './session';

const first: UnlockedSession = { vaultId: 'v', dataKey: 'AAAA', deadline: 1 };
const second: UnlockedSession = { vaultId: 'v', dataKey: 'AAAA', deadline: 2 };

/** A store that counts reads and lets a test hold a read or a write until it says so. */
function slowStore(initial: UnlockedSession | undefined) {
  let value = initial;
  let reads = 0;
  const held: (() => void)[] = [];
  const hold = () => new Promise<void>((resolve) => held.push(resolve));
  let holding = false;
  const store: SessionStore = {
    async get() {
      reads += 1;
      const seen = value;
      if (holding) await hold();
      return seen;
    },
    async set(session) {
      if (holding) await hold();
      value = session;
    },
    async clear() {
      value = undefined;
    },
  };
  return {
    store,
    reads: () => reads,
    hold: (on: boolean) => (holding = on),
    release: () => held.splice(0).forEach((resolve) => resolve()),
    failWrites: () => {
      store.set = async () => {
        throw new Error('QuotaExceededError');
      };
    },
  };
}

describe('mirroredSessionStore', () => {
  it('reads storage once, then answers from memory; writes and clears update it', async () => {
    const backing = slowStore(first);
    const mirrored = mirroredSessionStore(backing.store);
    expect(await mirrored.get()).toEqual(first);
    expect(await mirrored.get()).toEqual(first);
    expect(backing.reads()).toBe(1);
    await mirrored.set(second);
    expect(await mirrored.get()).toEqual(second);
    await mirrored.clear();
    expect(await mirrored.get()).toBeUndefined();
    expect(backing.reads()).toBe(1);
  });

  it('keeps a write that finished while an older read was in flight', async () => {
    const backing = slowStore(first);
    const mirrored = mirroredSessionStore(backing.store);
    backing.hold(true);
    const staleRead = mirrored.get();
    backing.hold(false);
    await mirrored.set(second);
    backing.release();
    // The read saw the old value, but the mirror keeps the newer write.
    expect(await staleRead).toEqual(second);
    expect(await mirrored.get()).toEqual(second);
  });

  it('forgets what it knew when a write fails, and reads storage again', async () => {
    const backing = slowStore(first);
    const mirrored = mirroredSessionStore(backing.store);
    await mirrored.get();
    backing.failWrites();
    await expect(mirrored.set(second)).rejects.toThrow('QuotaExceededError');
    expect(await mirrored.get()).toEqual(first);
    expect(backing.reads()).toBe(2);
  });
});
