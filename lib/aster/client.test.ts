import { describe, expect, it, vi } from 'vitest';
import { AsterClient, simulatorHosts } from './client';
import { ENDPOINTS } from './endpoints';
import {
  AsterApiError,
  AsterBannedError,
  AsterNetworkError,
  AsterOutcomeUnknownError,
  AsterRateLimitError,
  describeAsterError,
} from './errors';

type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | Error;

/** A fetch that answers from a script and records each call. */
function fakeFetch(...replies: Reply[]) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init: init ?? {} });
    const reply = replies.shift() ?? { status: 500, body: { code: -1, msg: 'script ran out' } };
    if (reply instanceof Error) throw reply;
    const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? null);
    return new Response(text, { status: reply.status, headers: reply.headers ?? {} });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

const sleeps: number[] = [];
const client = (
  fetch: typeof globalThis.fetch,
  extra: Partial<ConstructorParameters<typeof AsterClient>[0]> = {},
) =>
  new AsterClient({
    hosts: 'mainnet',
    fetch,
    sleep: async (ms) => void sleeps.push(ms),
    backoffMs: 100,
    ...extra,
  });

const read = { endpoint: ENDPOINTS.futuresAccount, body: 'nonce=1&signer=0xa&signature=0xs' };
const transfer = {
  endpoint: ENDPOINTS.subAccountTransfer,
  body: 'toAccountAddress=0xb&signature=0xs',
  kind: 'transfer' as const,
};

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('should have failed'),
    (error: unknown) => error,
  );
}

describe('requests', () => {
  it('GET puts the body in the query; POST sends a form; spot paths use the spot host', async () => {
    const { fetch, calls } = fakeFetch(
      { status: 200, body: { ok: 1 } },
      { status: 200, body: [] },
      { status: 200, body: {} },
    );
    const c = client(fetch);
    await expect(c.call(read)).resolves.toEqual({ ok: 1 });
    await c.call(transfer);
    await c.call({ endpoint: ENDPOINTS.spotAccount, body: 'a=1' });
    expect(calls[0]!.url).toBe(
      'https://fapi.asterdex.com/fapi/v3/accountWithJoinMargin?nonce=1&signer=0xa&signature=0xs',
    );
    expect(calls[0]!.init.method).toBe('GET');
    expect(calls[1]!.url).toBe('https://fapi.asterdex.com/fapi/v3/subAccountTransfer');
    expect(calls[1]!.init.body).toBe(transfer.body);
    expect((calls[1]!.init.headers as Record<string, string>)['content-type']).toBe(
      'application/x-www-form-urlencoded',
    );
    expect(calls[2]!.url).toBe('https://sapi.asterdex.com/api/v3/account?a=1');
  });

  it('testnet and simulator hosts', () => {
    expect(new AsterClient({ hosts: 'testnet' }).urlFor(ENDPOINTS.order)).toBe(
      'https://fapi.asterdex-testnet.com/fapi/v3/order',
    );
    expect(
      new AsterClient({ hosts: simulatorHosts('http://127.0.0.1:8787/') }).urlFor(ENDPOINTS.spotAccount),
    ).toBe('http://127.0.0.1:8787/api/v3/account');
  });
});

describe('Aster error codes in words', () => {
  it.each([
    [-1022, /signed by another key or changed after signing/],
    [-1000, /Signature check failed/],
    [-4225, /nonce was already used or is out of date/],
    [-2015, /API wallet: the key is invalid or expired, the IP is not allowed/],
    [-1011, /IP address is not on the API wallet's IP whitelist/],
    [-4087, /reduce-only/],
    [-4088, /close positions/],
    [-4114, /under 64 characters/],
    [-4115, /already used/],
  ])('%i', async (code, message) => {
    const { fetch } = fakeFetch({ status: 400, body: { code, msg: 'server text' } });
    const error = (await caught(client(fetch).call(transfer))) as AsterApiError;
    expect(error).toBeInstanceOf(AsterApiError);
    expect(error.code).toBe(code);
    expect(error.serverMessage).toBe('server text');
    expect(error.message).toMatch(message);
  });

  it('unknown codes fall back to the server text, bounded', async () => {
    const { fetch } = fakeFetch({
      status: 400,
      body: { code: -5003, msg: 'Sub-account name must be 6 to 20 characters.' },
    });
    expect(((await caught(client(fetch).call(transfer))) as Error).message).toBe(
      'Aster refused the request (code -5003): Sub-account name must be 6 to 20 characters.',
    );
    expect(describeAsterError(-9, 'x'.repeat(1000)).length).toBeLessThan(260);
    expect(describeAsterError('E1')).toBe('Aster refused the request (code E1).');
  });

  it('an error payload with HTTP 200 is still an error; a 4xx without payload too', async () => {
    const { fetch } = fakeFetch(
      { status: 200, body: { code: -1022, msg: 'bad' } },
      { status: 404, body: 'null' },
    );
    await expect(client(fetch).call(read)).rejects.toBeInstanceOf(AsterApiError);
    await expect(client(fetch).call(read)).rejects.toMatchObject({ httpStatus: 404 });
  });
});

describe('429, 418, 503 and timeouts', () => {
  it('reads back off on 429 (Retry-After first) and succeed within the bound', async () => {
    sleeps.length = 0;
    const { fetch, calls } = fakeFetch(
      { status: 429, headers: { 'retry-after': '2' } },
      { status: 429 },
      { status: 200, body: { ok: true } },
    );
    await expect(client(fetch).call(read)).resolves.toEqual({ ok: true });
    expect(calls).toHaveLength(3);
    expect(sleeps).toEqual([2000, 200]);
  });

  it('reads give up after maxReadRetries with a rate-limit error', async () => {
    const { fetch, calls } = fakeFetch({ status: 429 }, { status: 429 }, { status: 429 });
    const error = await caught(client(fetch, { maxReadRetries: 2 }).call(read));
    expect(error).toBeInstanceOf(AsterRateLimitError);
    expect(calls).toHaveLength(3);
  });

  it('writes are never retried on 429', async () => {
    const { fetch, calls } = fakeFetch(
      { status: 429, headers: { 'retry-after': '5' } },
      { status: 200, body: {} },
    );
    const error = (await caught(client(fetch).call(transfer))) as AsterRateLimitError;
    expect(error).toBeInstanceOf(AsterRateLimitError);
    expect(error.retryAfterMs).toBe(5000);
    expect(calls).toHaveLength(1);
  });

  it('418 stops: nothing else is sent until the ban ends', async () => {
    const { fetch, calls } = fakeFetch(
      { status: 418, headers: { 'retry-after': '60' } },
      { status: 200, body: {} },
    );
    const c = client(fetch);
    await expect(c.call(read)).rejects.toBeInstanceOf(AsterBannedError);
    await expect(c.call(read)).rejects.toBeInstanceOf(AsterBannedError);
    expect(calls).toHaveLength(1);
  });

  it('503 on a transfer: outcome unknown, sent exactly once', async () => {
    const { fetch, calls } = fakeFetch({ status: 503, body: { code: -1001 } }, { status: 200, body: {} });
    const error = (await caught(client(fetch).call(transfer))) as AsterOutcomeUnknownError;
    expect(error).toBeInstanceOf(AsterOutcomeUnknownError);
    expect(error.reason).toBe('http-503');
    expect(error.message).toMatch(/may or may not have been executed/);
    expect(calls).toHaveLength(1);
  });

  it('a timeout on a transfer: outcome unknown (the request was aborted by the AbortController)', async () => {
    let aborted = false;
    const hanging = ((_url: string, init: RequestInit) =>
      new Promise((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => {
          aborted = true;
          reject(new DOMException('aborted', 'AbortError'));
        });
      })) as unknown as typeof globalThis.fetch;
    const error = (await caught(
      client(hanging, { timeoutMs: 20 }).call(transfer),
    )) as AsterOutcomeUnknownError;
    expect(error).toBeInstanceOf(AsterOutcomeUnknownError);
    expect(error.reason).toBe('timeout');
    expect(aborted).toBe(true);
  });

  it('a lost connection on a write is unknown; on a read it is retried, then a network error', async () => {
    const write = fakeFetch(new TypeError('fetch failed'));
    await expect(client(write.fetch).call(transfer)).rejects.toMatchObject({ reason: 'network' });
    const reads = fakeFetch(new TypeError('x'), { status: 503 }, new TypeError('x'), new TypeError('x'));
    await expect(client(reads.fetch).call(read)).rejects.toBeInstanceOf(AsterNetworkError);
    expect(reads.calls).toHaveLength(4);
  });

  it('non-JSON: a read is a network error in words; any write is unknown (it may have been executed)', async () => {
    const page = (status: number) => ({ status, body: '<html><body>502 Bad Gateway</body></html>' });
    for (const status of [200, 502]) {
      const reads = fakeFetch(page(status));
      const error = (await caught(client(reads.fetch).call(read))) as AsterNetworkError;
      expect(error).toBeInstanceOf(AsterNetworkError);
      expect(error.message).toBe(
        `Aster answered HTTP ${status} with a web page instead of data${status >= 500 ? " (an error on Aster's side)" : ''}.`,
      );
      expect(reads.calls).toHaveLength(1);
      const writes = fakeFetch(page(status));
      await expect(client(writes.fetch).call(transfer)).rejects.toMatchObject({
        name: 'AsterOutcomeUnknownError',
        reason: 'unreadable-answer',
      });
      expect(writes.calls).toHaveLength(1);
    }
    // A body cut off half-way is no better.
    await expect(
      client(fakeFetch({ status: 200, body: '{"tranId":' }).fetch).call(transfer),
    ).rejects.toBeInstanceOf(AsterOutcomeUnknownError);
  });
});

describe('web login endpoints', () => {
  it('postJson unwraps data and maps failures', async () => {
    const { fetch, calls } = fakeFetch(
      { status: 200, body: { code: '000000', data: { nonce: '123' }, success: true } },
      { status: 200, body: { code: '100001', message: 'bad signature', success: false } },
    );
    const c = client(fetch);
    await expect(c.postJson(ENDPOINTS.loginNonce, { sourceAddr: '0xa', type: 'LOGIN' })).resolves.toEqual({
      nonce: '123',
    });
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ sourceAddr: '0xa', type: 'LOGIN' });
    await expect(c.postJson(ENDPOINTS.login, {}, { clientType: 'web' })).rejects.toMatchObject({
      code: '100001',
      serverMessage: 'bad signature',
    });
    expect((calls[1]!.init.headers as Record<string, string>).clientType).toBe('web');
  });
});
