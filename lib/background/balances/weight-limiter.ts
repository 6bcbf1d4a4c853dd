/**
 * A shared request-weight budget in front of Aster: at most `budget` weight in any `windowMs` (Aster counts
 * REQUEST_WEIGHT per minute per IP), and nothing at all while paused after a 429 or 418 (its Retry-After).
 * Callers `acquire` a request's weight before sending it; parallel callers queue in order.
 */
export interface WeightLimiterOptions {
  budget: number;
  windowMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export class WeightLimiter {
  readonly budget: number;
  private readonly windowMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Weights spent in the window, oldest first. */
  private spent: { at: number; weight: number }[] = [];
  private pausedUntil = 0;
  /** Callers wait their turn: one acquire at a time decides, so the budget is never overspent by a race. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: WeightLimiterOptions) {
    this.budget = options.budget;
    this.windowMs = options.windowMs ?? 60_000;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Resolves once `weight` fits in the window and no pause is on; the weight is then counted as spent. */
  acquire(weight: number): Promise<void> {
    if (weight > this.budget)
      return Promise.reject(new RangeError(`A request of weight ${weight} exceeds the budget.`));
    const turn = this.queue.then(() => this.take(weight));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** After Aster's 429/418: nothing leaves for `ms` (its Retry-After), whoever asks. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }

  /** Weight spent in the current window. */
  used(): number {
    this.prune();
    return this.spent.reduce((sum, entry) => sum + entry.weight, 0);
  }

  private prune(): void {
    const since = this.now() - this.windowMs;
    while (this.spent.length > 0 && this.spent[0]!.at <= since) this.spent.shift();
  }

  private async take(weight: number): Promise<void> {
    for (;;) {
      const paused = this.pausedUntil - this.now();
      if (paused > 0) {
        await this.sleep(paused);
        continue;
      }
      if (this.used() + weight <= this.budget) {
        this.spent.push({ at: this.now(), weight });
        return;
      }
      // Wait until the oldest weight leaves the window, then look again.
      await this.sleep(Math.max(1, this.spent[0]!.at + this.windowMs - this.now() + 1));
    }
  }
}
