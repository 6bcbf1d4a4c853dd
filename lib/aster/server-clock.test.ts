import { describe, expect, it, vi } from 'vitest';
import { AsterClient } from './client';
import {
  clockRefusalMessage,
  isClockRefusal,
  nonceOf,
  refusedForClock,
  SKEW_TOLERANCE_MS,
} from './clock-skew';
import { AsterApiError, AsterNetworkError } from './errors';
import {
  CLOCK_LIFETIME_MS,
  CLOCK_RETRY_AFTER_MS,
  offsetFrom,
  parseServerTime,
  serverClockOf,
  ServerClock,
} from './server-clock';

const SERVER = Date.UTC(2026, 11, 1, 12, 0, 0);

/** A fetch answering each call from the script (status, body text), and the time it "took". */
function scripted(
  clock: { now: number },
  ...replies: Array<{ status: number; body: string; tookMs?: number }>
) {
  const calls: string[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL) => {
    calls.push(String(input));
    const reply = replies.shift() ?? { status: 500, body: '{"code":-1,"msg":"script ran out"}' };
    clock.now += reply.tookMs ?? 0;
    return new Response(reply.body, { status: reply.status });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

function clockOn(...replies: Array<{ status: number; body: string; tookMs?: number }>) {
  const local = { now: SERVER - 90_000 }; // this computer is 90 s behind Aster
  const { fetch, calls } = scripted(local, ...replies);
  const client = new AsterClient({
    hosts: { futures: 'http://sim', spot: 'http://sim' },
    fetch,
    maxReadRetries: 0,
    sleep: async () => undefined,
  });
  return { clock: serverClockOf(client, () => local.now), calls, local };
}

describe('parseServerTime', () => {
  it('takes {serverTime} in ms (number or digit string) and nothing else', () => {
    expect(parseServerTime({ serverTime: SERVER })).toBe(SERVER);
    expect(parseServerTime({ serverTime: String(SERVER) })).toBe(SERVER);
    for (const bad of [
      null,
      [],
      'x',
      {},
      { serverTime: 'soon' },
      { serverTime: SERVER / 1000 }, // seconds, not ms
      { serverTime: SERVER * 1000 }, // µs
      { serverTime: 1.5 },
      { time: SERVER },
    ])
      expect(() => parseServerTime(bad), JSON.stringify(bad)).toThrow(AsterNetworkError);
  });
});

describe('offsetFrom', () => {
  it('takes the server reading at the middle of the round trip', () => {
    expect(offsetFrom(1_000, 5_000 + SERVER, 1_400)).toEqual({
      offsetMs: SERVER + 5_000 - 1_200,
      roundTripMs: 400,
      measuredAt: 1_400,
    });
  });

  it('refuses a round trip too slow to say when the server read its clock', () => {
    expect(() => offsetFrom(0, SERVER, 10_001)).toThrow(/too slow/);
  });
});

describe('ServerClock over GET /fapi/v3/time', () => {
  it('measures the offset (half the round trip), caches it, measures again when asked or when stale', async () => {
    const { clock, calls, local } = clockOn(
      { status: 200, body: JSON.stringify({ serverTime: SERVER + 100 }), tookMs: 200 },
      { status: 200, body: JSON.stringify({ serverTime: SERVER + 50_000 }), tookMs: 0 },
      { status: 200, body: JSON.stringify({ serverTime: SERVER + CLOCK_LIFETIME_MS + 60_000 }) },
    );
    // Sent at SERVER-90000 (local), answered 200 ms later: Aster read SERVER+100 at local SERVER-89900.
    expect(await clock.offsetMs()).toBe(90_000);
    expect(calls).toEqual(['http://sim/fapi/v3/time']);
    expect(await clock.offsetMs()).toBe(90_000); // cached
    expect(calls).toHaveLength(1);
    expect(clock.serverNow()).toBe(local.now + 90_000);
    local.now += 10_000;
    expect((await clock.measure()).offsetMs).toBe(50_000 - 10_200 + 90_000); // forced
    local.now += CLOCK_LIFETIME_MS;
    await clock.offsetMs(); // stale: measured again
    expect(calls).toHaveLength(3);
  });

  it('an HTML 500 page, garbage or a wrong shape is an error in words; offsetMs falls back and waits', async () => {
    for (const body of [
      '<!DOCTYPE html><html><body><h1>500 Internal Server Error</h1></body></html>',
      'garbage',
      '{"unexpected":true}',
      '[]',
    ]) {
      const { clock, calls, local } = clockOn({ status: body.startsWith('<') ? 500 : 200, body });
      const error = await clock.measure().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AsterNetworkError);
      expect((error as Error).message).toMatch(/^Aster('s server time could not be read| answered HTTP)/);
      // Not measured: the last known offset (none: 0), and no new request before CLOCK_RETRY_AFTER_MS.
      expect(await clock.offsetMs()).toBe(0);
      expect(calls).toHaveLength(1);
      local.now += CLOCK_RETRY_AFTER_MS;
      expect(await clock.offsetMs()).toBe(0); // tried again (script ran out: an error again)
      expect(calls).toHaveLength(2);
      expect(clock.known).toBeUndefined();
    }
  });

  it('a failed measurement keeps the last good offset', async () => {
    const { clock, local } = clockOn(
      { status: 200, body: JSON.stringify({ serverTime: SERVER }) },
      { status: 500, body: '<html>500</html>' },
    );
    expect(await clock.offsetMs()).toBe(90_000);
    local.now += CLOCK_LIFETIME_MS + 1;
    expect(await clock.offsetMs()).toBe(90_000);
  });

  it('concurrent callers share one measurement', async () => {
    let resolve!: (value: unknown) => void;
    const fetchTime = vi.fn(() => new Promise((r) => (resolve = r)));
    const clock = new ServerClock({ fetchTime, now: () => SERVER });
    const both = Promise.all([clock.offsetMs(), clock.offsetMs(), clock.measure()]);
    resolve({ serverTime: SERVER + 3_000 });
    expect((await both).slice(0, 2)).toEqual([3_000, 3_000]);
    expect(fetchTime).toHaveBeenCalledTimes(1);
  });
});

describe('refusals for the time', () => {
  const nonceAt = (ms: number) => ms * 1000;
  const refusal = (code: number) => new AsterApiError(code, 400, code === -1021 ? 'ahead' : 'Nonce Expired');

  it('-1021 and -4225 are clock refusals; nothing else is', () => {
    expect(isClockRefusal(refusal(-1021))).toBe(true);
    expect(isClockRefusal(refusal(-4225))).toBe(true);
    for (const other of [refusal(-1022), refusal(-5050), new Error('x'), new AsterNetworkError('x')])
      expect(isClockRefusal(other)).toBe(false);
  });

  it('are retried only when the refused nonce was far from the measured server clock', () => {
    const far = SKEW_TOLERANCE_MS + 1;
    for (const code of [-1021, -4225]) {
      expect(refusedForClock(refusal(code), nonceAt(SERVER + far), SERVER)).toBe(true);
      expect(refusedForClock(refusal(code), nonceAt(SERVER - far), SERVER)).toBe(true);
      // In step with Aster's clock: a real duplicate, or nothing a new nonce would cure.
      expect(refusedForClock(refusal(code), nonceAt(SERVER + 1_000), SERVER)).toBe(false);
      expect(refusedForClock(refusal(code), undefined, SERVER)).toBe(false);
    }
    expect(refusedForClock(refusal(-1022), nonceAt(SERVER + far), SERVER)).toBe(false);
  });

  it('nonceOf reads the nonce of a signed request as sent', () => {
    expect(nonceOf({ body: 'a=1&nonce=1764590400000000&signature=0xab' })).toBe(1764590400000000);
    expect(nonceOf({ body: 'nonce=x' })).toBeUndefined();
    expect(nonceOf({ body: 'agentAddress=0x1&nonce=1764590400000001' })).toBe(1764590400000001);
    expect(nonceOf({ body: '' })).toBeUndefined();
  });

  it('the refusal after the retry says whether to wait (nonce counter ahead) or check the clock', () => {
    expect(clockRefusalMessage(118_400)).toMatch(/try again in about 119 s/);
    expect(clockRefusalMessage(0)).toMatch(/Check this computer's clock/);
  });
});
