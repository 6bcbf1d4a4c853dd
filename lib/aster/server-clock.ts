import { t } from '@/lib/i18n';
import { ENDPOINTS } from './endpoints';
import { AsterNetworkError } from './errors';

/**
 * The offset between this computer's clock and Aster's (§10): nonces are microseconds that Aster checks
 * against its own clock (±60 s per signer since PR #157), so a computer a few minutes off would have every
 * request refused (-1021 ahead, -4225 behind). Measured with the unsigned `GET /fapi/v3/time`; the answer left
 * the server somewhere in the round trip, taken as its middle, so the error is at most half the round trip.
 */

/** A measurement older than this is taken again before the next signature. */
export const CLOCK_LIFETIME_MS = 10 * 60_000;
/** After a failed measurement, the last known offset (or none) is used for this long before trying again. */
export const CLOCK_RETRY_AFTER_MS = 30_000;
/** A round trip longer than this says too little about the moment the server read its clock. */
export const MAX_ROUND_TRIP_MS = 10_000;

/** Plausible epoch milliseconds: 2020 to 2100 (anything else is not a clock reading). */
const EARLIEST = Date.UTC(2020, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

export interface ClockMeasurement {
  /** Aster's clock minus ours, ms. */
  offsetMs: number;
  roundTripMs: number;
  /** Our clock when the answer arrived. */
  measuredAt: number;
}

/** `{serverTime}` in epoch ms, or an error in words: never a number made up from a wrong answer. */
export function parseServerTime(answer: unknown): number {
  const value =
    typeof answer === 'object' && answer !== null && !Array.isArray(answer)
      ? (answer as { serverTime?: unknown }).serverTime
      : undefined;
  const ms = typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value;
  if (typeof ms !== 'number' || !Number.isSafeInteger(ms) || ms < EARLIEST || ms > LATEST)
    throw new AsterNetworkError(t('errors.clock.noServerTime'));
  return ms;
}

/** Offset from one exchange: the server read its clock, on average, half-way through the round trip. */
export function offsetFrom(sentAt: number, serverTime: number, receivedAt: number): ClockMeasurement {
  const roundTripMs = Math.max(0, receivedAt - sentAt);
  if (roundTripMs > MAX_ROUND_TRIP_MS)
    throw new AsterNetworkError(
      t('errors.clock.tooSlow', { seconds: String(Math.round(roundTripMs / 1000)) }),
    );
  return {
    offsetMs: Math.round(serverTime - (sentAt + roundTripMs / 2)),
    roundTripMs,
    measuredAt: receivedAt,
  };
}

export interface ServerClockOptions {
  /** One unsigned read of `GET /fapi/v3/time`, answering the parsed JSON (AsterClient.call). */
  fetchTime: () => Promise<unknown>;
  /** Our clock, epoch ms (tests pass a fake one). */
  now?: () => number;
  lifetimeMs?: number;
}

/** One network's clock: measured lazily, cached for CLOCK_LIFETIME_MS, measured again when Aster complains. */
export class ServerClock {
  private readonly fetchTime: () => Promise<unknown>;
  private readonly now: () => number;
  private readonly lifetimeMs: number;
  private last: ClockMeasurement | undefined;
  private failedAt = -Infinity;
  private inFlight: Promise<ClockMeasurement> | undefined;

  constructor(options: ServerClockOptions) {
    this.fetchTime = options.fetchTime;
    this.now = options.now ?? Date.now;
    this.lifetimeMs = options.lifetimeMs ?? CLOCK_LIFETIME_MS;
  }

  /** The last measurement, if any. */
  get known(): ClockMeasurement | undefined {
    return this.last;
  }

  /** Aster's clock now, by the last measurement (our clock when none). */
  serverNow(): number {
    return this.now() + (this.last?.offsetMs ?? 0);
  }

  /** Measures now (one request at a time; concurrent callers share it). Throws AsterNetworkError in words. */
  measure(): Promise<ClockMeasurement> {
    this.inFlight ??= this.measureOnce().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /**
   * The offset to correct nonces by: the cached one while fresh, else measured. Never throws: if Aster's time
   * cannot be read, the last known offset (or 0) is used, and the request itself will say what is wrong.
   */
  async offsetMs(): Promise<number> {
    const now = this.now();
    const fresh = this.last && now - this.last.measuredAt < this.lifetimeMs;
    if (fresh || now - this.failedAt < CLOCK_RETRY_AFTER_MS) return this.last?.offsetMs ?? 0;
    try {
      return (await this.measure()).offsetMs;
    } catch {
      return this.last?.offsetMs ?? 0;
    }
  }

  private async measureOnce(): Promise<ClockMeasurement> {
    const sentAt = this.now();
    try {
      const serverTime = parseServerTime(await this.fetchTime());
      this.last = offsetFrom(sentAt, serverTime, this.now());
      return this.last;
    } catch (error) {
      this.failedAt = this.now();
      if (error instanceof AsterNetworkError) throw error;
      throw new AsterNetworkError(
        error instanceof Error
          ? t('errors.clock.unreadableBecause', { why: error.message.slice(0, 160) })
          : t('errors.clock.unreadable'),
      );
    }
  }
}

/** The clock of an AsterClient's network: one plain read of `GET /fapi/v3/time`. */
export function serverClockOf(
  client: { call: (call: { endpoint: typeof ENDPOINTS.serverTime; kind: 'read' }) => Promise<unknown> },
  now?: () => number,
): ServerClock {
  return new ServerClock({
    fetchTime: () => client.call({ endpoint: ENDPOINTS.serverTime, kind: 'read' }),
    ...(now ? { now } : {}),
  });
}
