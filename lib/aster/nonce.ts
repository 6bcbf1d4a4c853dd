/**
 * Nonces (§3): microseconds since the epoch, strictly increasing per signer, `max(now_µs, last + 1)`.
 * The last value is persisted BEFORE it is handed out, so a service worker killed right after signing
 * still never reuses it; a clock that goes backwards only slows the counter down to +1 steps.
 */

export interface NonceStore {
  /** The last nonce handed out for this signer, if any. */
  load(signer: string): Promise<number | undefined>;
  save(signer: string, value: number): Promise<void>;
}

/** For tests and the simulator's page: nothing survives the process. */
export class MemoryNonceStore implements NonceStore {
  readonly values = new Map<string, number>();

  async load(signer: string): Promise<number | undefined> {
    return this.values.get(signer);
  }

  async save(signer: string, value: number): Promise<void> {
    this.values.set(signer, value);
  }
}

/** Wall-clock microseconds; `performance` adds sub-millisecond resolution where it exists. */
export function nowMicros(): number {
  const ms =
    typeof performance !== 'undefined' && performance.timeOrigin > 0
      ? performance.timeOrigin + performance.now()
      : Date.now();
  return Math.floor(ms * 1000);
}

/** EVM addresses are case-insensitive, Solana's Base58 ones are not. */
export function nonceKey(signer: string): string {
  return /^0x[0-9a-fA-F]{40}$/.test(signer) ? signer.toLowerCase() : signer;
}

export interface NonceManagerOptions {
  store: NonceStore;
  /** Microseconds since the epoch (tests pass a fake clock). */
  now?: () => number;
}

export class NonceManager {
  private readonly store: NonceStore;
  private readonly now: () => number;
  /** One queue for all signers: nonce calls are rare and cheap, and one queue keeps load → save atomic. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: NonceManagerOptions) {
    this.store = options.store;
    this.now = options.now ?? nowMicros;
  }

  /**
   * The next request nonce for `signer` (§3). `offsetMs` is Aster's clock minus ours (ServerClock, per
   * network): the nonce follows Aster's clock, and still never goes below the last one handed out.
   */
  next(signer: string, offsetMs = 0): Promise<number> {
    return this.exclusive(signer, (last) => Math.max(this.corrected(offsetMs), last + 1));
  }

  /**
   * The next withdrawal `userNonce` (§6: milliseconds × 1000): the smallest multiple of 1000 above the last
   * nonce of this signer, so it shares the counter (and its persistence) with request nonces.
   */
  nextUserNonce(signer: string, offsetMs = 0): Promise<number> {
    return this.exclusive(
      signer,
      (last) => Math.ceil(Math.max(this.corrected(offsetMs), last + 1) / 1000) * 1000,
    );
  }

  private corrected(offsetMs: number): number {
    return this.now() + (Number.isFinite(offsetMs) ? Math.round(offsetMs * 1000) : 0);
  }

  private exclusive(signer: string, step: (last: number) => number): Promise<number> {
    const key = nonceKey(signer);
    const run = async () => {
      const last = (await this.store.load(key)) ?? 0;
      const value = step(Number.isSafeInteger(last) && last > 0 ? last : 0);
      if (!Number.isSafeInteger(value)) throw new RangeError('Nonce counter overflow.');
      await this.store.save(key, value);
      return value;
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
