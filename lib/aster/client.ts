import { t } from '@/lib/i18n';

import type { AsterEndpoint } from './endpoints';
import {
  AsterApiError,
  AsterBannedError,
  AsterNetworkError,
  AsterOutcomeUnknownError,
  AsterRateLimitError,
} from './errors';
import type { SignedAsterRequest } from './sign';

/** Futures and spot hosts (§9). A local simulator serves both from one URL. */
export interface AsterHosts {
  futures: string;
  spot: string;
}

export const ASTER_HOSTS: Readonly<Record<'mainnet' | 'testnet', AsterHosts>> = {
  mainnet: { futures: 'https://fapi.asterdex.com', spot: 'https://sapi.asterdex.com' },
  testnet: { futures: 'https://fapi.asterdex-testnet.com', spot: 'https://sapi.asterdex-testnet.com' },
};

export function simulatorHosts(url: string): AsterHosts {
  const base = url.replace(/\/+$/, '');
  return { futures: base, spot: base };
}

/**
 * `read`: idempotent (GET): retried with backoff on 429/503/timeouts, within bounds.
 * `write`: never retried; an unconfirmed outcome is reported as AsterOutcomeUnknownError.
 * `transfer`: a write that moves funds (the same handling, named so callers and logs can tell).
 */
export type RequestKind = 'read' | 'write' | 'transfer';

export interface AsterClientOptions {
  hosts: AsterHosts | 'mainnet' | 'testnet';
  fetch?: typeof fetch;
  /** Per attempt. Default 10 s. */
  timeoutMs?: number;
  /** Extra attempts for reads. Default 3. */
  maxReadRetries?: number;
  /** First backoff; doubled per retry, capped at 30 s, or the server's Retry-After. Default 500 ms. */
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface AsterCall {
  endpoint: AsterEndpoint;
  /** Form-encoded body (POST) or query string (GET). */
  body?: string;
  kind?: RequestKind;
}

const MAX_BACKOFF_MS = 30_000;

export class AsterClient {
  readonly hosts: AsterHosts;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  private readonly maxReadRetries: number;
  private readonly backoffMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Set by a 418: no request leaves until this time (epoch ms). */
  private bannedUntil = 0;

  constructor(options: AsterClientOptions) {
    this.hosts = typeof options.hosts === 'string' ? ASTER_HOSTS[options.hosts] : options.hosts;
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxReadRetries = options.maxReadRetries ?? 3;
    this.backoffMs = options.backoffMs ?? 500;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  urlFor(endpoint: AsterEndpoint, query?: string): string {
    const host = endpoint.path.startsWith('/api/') ? this.hosts.spot : this.hosts.futures;
    return `${host.replace(/\/+$/, '')}${endpoint.path}${query ? `?${query}` : ''}`;
  }

  /** Sends a signed request; GETs are reads, POSTs writes, unless `kind` says otherwise. */
  sendSigned<T = unknown>(
    request: Pick<SignedAsterRequest, 'endpoint' | 'body'>,
    kind?: RequestKind,
  ): Promise<T> {
    return this.call<T>({ endpoint: request.endpoint, body: request.body, ...(kind ? { kind } : {}) });
  }

  async call<T = unknown>(call: AsterCall): Promise<T> {
    const kind = call.kind ?? (call.endpoint.method === 'GET' ? 'read' : 'write');
    const isGet = call.endpoint.method === 'GET';
    const url = this.urlFor(call.endpoint, isGet ? call.body : undefined);
    const init: RequestInit = isGet
      ? { method: 'GET' }
      : {
          method: call.endpoint.method,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: call.body ?? '',
        };
    return this.exchange<T>(url, init, kind, call.endpoint.path, parseAsterPayload);
  }

  /** The web login endpoints (§7) take JSON and answer `{code:"000000", data}`. */
  async postJson<T = unknown>(
    endpoint: AsterEndpoint,
    json: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const init: RequestInit = {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(json),
    };
    return this.exchange<T>(this.urlFor(endpoint), init, 'write', endpoint.path, parseWebPayload);
  }

  private async exchange<T>(
    url: string,
    init: RequestInit,
    kind: RequestKind,
    path: string,
    parse: (status: number, payload: unknown) => T,
  ): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const wait = this.bannedUntil - Date.now();
      if (wait > 0) throw new AsterBannedError(wait);
      const retriesLeft = kind === 'read' && attempt < this.maxReadRetries;
      let response: Response;
      try {
        response = await this.fetchWithTimeout(url, init);
      } catch (error) {
        const timedOut = error instanceof Error && error.name === 'AbortError';
        if (kind !== 'read') throw new AsterOutcomeUnknownError(path, timedOut ? 'timeout' : 'network');
        if (retriesLeft) {
          await this.sleep(this.backoff(attempt));
          continue;
        }
        throw new AsterNetworkError(timedOut ? t('errors.client.timeout') : t('errors.client.unreachable'));
      }
      const retryAfterMs = retryAfter(response.headers.get('retry-after'));
      if (response.status === 418) {
        this.bannedUntil = Date.now() + (retryAfterMs ?? 120_000);
        throw new AsterBannedError(retryAfterMs);
      }
      if (response.status === 429) {
        if (retriesLeft) {
          await this.sleep(retryAfterMs ?? this.backoff(attempt));
          continue;
        }
        throw new AsterRateLimitError(retryAfterMs ?? this.backoff(attempt));
      }
      if (response.status === 503 || response.status === 504) {
        if (kind !== 'read') throw new AsterOutcomeUnknownError(path, 'http-503');
        if (retriesLeft) {
          await this.sleep(retryAfterMs ?? this.backoff(attempt));
          continue;
        }
        throw new AsterNetworkError(t('errors.client.unavailable'));
      }
      let payload: unknown;
      let text = '';
      try {
        text = await response.text();
        payload = text === '' ? null : JSON.parse(text);
      } catch {
        // A write answered with something unreadable (a proxy's error page, an HTML 500 — seen on spot V3
        // signed GETs —, a cut-off body…) may have been executed all the same: only the history can tell.
        if (kind !== 'read') throw new AsterOutcomeUnknownError(path, 'unreadable-answer');
        throw new AsterNetworkError(unreadableAnswerMessage(response.status, text), response.status);
      }
      return parse(response.status, payload);
    }
  }

  private backoff(attempt: number): number {
    return Math.min(MAX_BACKOFF_MS, this.backoffMs * 2 ** attempt);
  }

  private async fetchWithTimeout(url: string, init: RequestInit): Promise<Response> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      return await this.fetchImpl(url, { ...init, signal: controller.signal });
    } finally {
      clearTimeout(timer);
    }
  }
}

/** A read's answer that is not JSON, in words (the status itself travels as `AsterNetworkError.httpStatus`). */
export function unreadableAnswerMessage(status: number, text: string): string {
  const page = /^\s*</.test(text);
  const words = { status: String(status) };
  if (status >= 500)
    return page ? t('errors.client.serverPage', words) : t('errors.client.serverNotJson', words);
  return page ? t('errors.client.page', words) : t('errors.client.notJson', words);
}

function retryAfter(header: string | null): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds * 1000, 600_000) : undefined;
}

/**
 * A read whose JSON answer is not of the expected form (e.g. an object where a list was due): never taken as
 * "empty", which would show zero balances or an empty history as if they were Aster's word.
 */
export function unexpectedAnswer(what: string): AsterNetworkError {
  return new AsterNetworkError(t('errors.client.unexpected', { what }));
}

/** Aster API payloads: anything with a negative numeric `code` is an error, as is any HTTP error status. */
function parseAsterPayload<T>(status: number, payload: unknown): T {
  if (typeof payload === 'object' && payload !== null && !Array.isArray(payload)) {
    const { code, msg } = payload as { code?: unknown; msg?: unknown };
    if (typeof code === 'number' && code < 0)
      throw new AsterApiError(code, status, typeof msg === 'string' ? msg : '');
  }
  if (status >= 400) throw new AsterApiError(status, status, '');
  return payload as T;
}

/** The web (bapi) payloads: `{code:"000000", success:true, data}`. */
function parseWebPayload<T>(status: number, payload: unknown): T {
  if (typeof payload !== 'object' || payload === null)
    throw new AsterNetworkError(t('errors.client.unexpectedWeb'));
  const { code, success, data, message, msg } = payload as Record<string, unknown>;
  if (status >= 400 || success === false || (code !== undefined && code !== '000000' && code !== 0)) {
    const text = typeof message === 'string' ? message : typeof msg === 'string' ? msg : '';
    throw new AsterApiError(
      typeof code === 'number' || typeof code === 'string' ? code : status,
      status,
      text,
    );
  }
  return data as T;
}

// --- What identifies a transfer whose outcome may have to be settled from Aster's ledgers ---

/** What identifies the transfer that was sent: take these from the signed request. */
export interface TransferIdentity {
  user: string;
  nonce: string | number;
  asset: string;
  amount: string;
  toAccountAddress?: string;
  fromAccountAddress?: string;
  clientTranId?: string;
  /** When it was signed and sent (epoch ms, our clock): the ledger match's time window starts from it. */
  sentAt?: number;
}
