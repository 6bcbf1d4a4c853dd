import { describe, expect, it } from 'vitest';
import { MemoryNonceStore, NonceManager, nonceKey, nowMicros, type NonceStore } from './nonce';

const EVM = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const SOL = 'FVen3X669xLzsi6N2V91DoiyzHzg1uAgqiT8jZ9nS96Z';

function setup(start = 1_763_770_000_000_000) {
  const clock = { now: start };
  const store = new MemoryNonceStore();
  const make = () => new NonceManager({ store, now: () => clock.now });
  return { clock, store, manager: make(), restart: make };
}

describe('NonceManager', () => {
  it('uses the clock in microseconds when it moves ahead', async () => {
    const { clock, manager } = setup();
    expect(await manager.next(EVM)).toBe(clock.now);
    clock.now += 5_000;
    expect(await manager.next(EVM)).toBe(clock.now);
  });

  it('is strictly increasing when the clock stands still', async () => {
    const { clock, manager } = setup();
    const values = [];
    for (let i = 0; i < 5; i++) values.push(await manager.next(EVM));
    expect(values).toEqual([0, 1, 2, 3, 4].map((i) => clock.now + i));
  });

  it('never goes back when the clock goes backwards', async () => {
    const { clock, manager } = setup();
    const first = await manager.next(EVM);
    clock.now -= 60_000_000;
    expect(await manager.next(EVM)).toBe(first + 1);
  });

  it('survives a restart: a new manager on the same store continues after the last value', async () => {
    const { clock, manager, restart } = setup();
    const last = await manager.next(EVM);
    clock.now -= 1_000; // the restarted worker's clock is even a little behind
    expect(await restart().next(EVM)).toBe(last + 1);
  });

  it('persists a value before handing it out, and hands out nothing when saving fails', async () => {
    const saved: number[] = [];
    let failing = false;
    const store: NonceStore = {
      load: async () => saved.at(-1),
      save: async (_signer, value) => {
        if (failing) throw new Error('quota');
        saved.push(value);
      },
    };
    const manager = new NonceManager({ store, now: () => 1000 });
    const value = await manager.next(EVM);
    expect(saved).toEqual([value]);
    failing = true;
    await expect(manager.next(EVM)).rejects.toThrow('quota');
    failing = false;
    expect(await manager.next(EVM)).toBe(value + 1); // the queue recovers after a failure
  });

  it('serialises concurrent calls: all unique and increasing', async () => {
    const { manager } = setup();
    const values = await Promise.all(Array.from({ length: 200 }, () => manager.next(EVM)));
    expect(new Set(values).size).toBe(200);
    expect(values).toEqual([...values].sort((a, b) => a - b));
  });

  it('counts per signer, EVM case-insensitively, Solana exactly', async () => {
    const { clock, manager, store } = setup();
    await manager.next(EVM);
    expect(await manager.next(EVM.toLowerCase())).toBe(clock.now + 1);
    expect(await manager.next(SOL)).toBe(clock.now);
    expect(await manager.next(SOL.toLowerCase())).toBe(clock.now);
    expect([...store.values.keys()].sort()).toEqual([EVM.toLowerCase(), SOL, SOL.toLowerCase()].sort());
    expect(nonceKey(EVM)).toBe(EVM.toLowerCase());
  });

  it('withdrawal userNonce: a multiple of 1000 above every nonce of that signer', async () => {
    const { clock, manager } = setup(1_763_770_000_000_123);
    const request = await manager.next(EVM);
    const user = await manager.nextUserNonce(EVM);
    expect(user % 1000).toBe(0);
    expect(user).toBeGreaterThan(request);
    expect(await manager.nextUserNonce(EVM)).toBe(user + 1000);
    expect(await manager.next(EVM)).toBe(user + 1001);
    expect(clock.now).toBeLessThan(user);
  });

  it('ignores a corrupt stored value rather than going below the clock', async () => {
    const store = new MemoryNonceStore();
    store.values.set(nonceKey(EVM), Number.NaN);
    expect(await new NonceManager({ store, now: () => 42 }).next(EVM)).toBe(42);
  });

  it("follows Aster's clock by the measured offset, never going back when the offset shrinks", async () => {
    let now = 1_000_000_000;
    const nonces = new NonceManager({ store: new MemoryNonceStore(), now: () => now });
    expect(await nonces.next('0xA', 120_000)).toBe(now + 120_000_000); // Aster 2 min ahead
    expect(await nonces.next('0xA', -120_000)).toBe(now + 120_000_001); // never below the last one
    now += 300_000_000;
    expect(await nonces.next('0xA', -120_000)).toBe(now - 120_000_000);
    expect(await nonces.nextUserNonce('0xB', 1.5)).toBe(now + 2_000);
    expect(await nonces.next('0xC', Number.NaN)).toBe(now); // no usable offset: this computer's clock
  });

  it('the default clock is microseconds since the epoch', () => {
    const micros = nowMicros();
    expect(Math.abs(micros / 1000 - Date.now())).toBeLessThan(1000);
    expect(Number.isSafeInteger(micros)).toBe(true);
  });
});
