/**
 * The simulator's HTTP API as the page calls it: the web login and session endpoints (JSON, header
 * `token`) and the V3 endpoints (form bodies signed by the wallet). Errors keep Aster's `{code, msg}` so the
 * page can show the simulator's own words.
 */

export class ExchangeError extends Error {
  constructor(
    readonly code: number | string,
    message: string,
  ) {
    super(message);
    this.name = 'ExchangeError';
  }
}

export interface Balance {
  asset: string;
  walletBalance: string;
  maxWithdrawAmount: string;
}

export interface AccountSummary {
  address: string;
  name: string;
  role: 'master' | 'sub';
  status: 'NORMAL' | 'FROZEN';
  futures: Balance[];
  spot: Balance[];
  subAccounts: Array<{ name: string; address: string; status: 'NORMAL' | 'FROZEN' }>;
  /** A sub-account's master (null for a master). */
  master: { name: string; address: string } | null;
}

/** One `name=value` pair of a signed body, in the order it is signed and sent. */
export type Field = readonly [name: string, value: string];

async function answer<T>(response: Response): Promise<T> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ExchangeError(response.status, `The exchange answered HTTP ${response.status}.`);
  }
  const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (!response.ok || (typeof record.code === 'number' && record.code < 0)) {
    const code = typeof record.code === 'number' ? record.code : response.status;
    const msg = typeof record.msg === 'string' ? record.msg : `HTTP ${response.status}`;
    throw new ExchangeError(code, msg);
  }
  return body as T;
}

async function web<T>(path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    cache: 'no-store',
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const envelope = await answer<{ success?: boolean; data: T; message?: string }>(response);
  if (envelope.success !== true) throw new ExchangeError(-1, envelope.message ?? 'The request failed.');
  return envelope.data;
}

/** Aster signs the body raw (`name=value&…`); every value the page sends is plain ASCII without `&`/`=`. */
export function signedText(fields: readonly Field[]): string {
  return fields.map(([name, value]) => `${name}=${value}`).join('&');
}

/** POSTs a wallet-signed V3 body: the fields in their signed order, `signature` last. */
export async function postSigned<T>(path: string, fields: readonly Field[], signature: string): Promise<T> {
  const body = new URLSearchParams([
    ...fields.map(([n, v]): [string, string] => [n, v]),
    ['signature', signature],
  ]);
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: body.toString(),
    cache: 'no-store',
  });
  return answer<T>(response);
}

export const api = {
  loginNonce: (sourceAddr: string, solana: boolean) =>
    web<{ nonce: string }>('/bapi/futures/v1/public/future/web3/get-nonce', {
      sourceAddr,
      type: 'LOGIN',
      ...(solana ? { network: 'SOL' } : {}),
    }),
  login: (sourceAddr: string, signature: string, solana: boolean) =>
    web<{ token: string; uid: number }>(
      '/bapi/futures/v1/public/future/web3/ae/login',
      { signature, sourceAddr, chainId: solana ? 101 : 56 },
      { clientType: 'web' },
    ),
  account: (token: string) =>
    web<AccountSummary>('/bapi/futures/v1/private/future/account/balances', undefined, { token }),
  withdraw: (token: string, request: Record<string, string>) =>
    web<{ withdrawId: string; hash: string }>('/bapi/futures/v1/private/future/user-withdraw', request, {
      token,
    }),
  estimateFee: async (chainId: number, asset: string) => {
    const query = new URLSearchParams({ chainId: String(chainId), asset });
    const response = await fetch(`/api/v3/aster/withdraw/estimateFee?${query}`, { cache: 'no-store' });
    return (await answer<{ fee: string }>(response)).fee;
  },
};

/** Microsecond nonces, strictly increasing within this page (aster-protocol.md §3). */
let lastNonce = 0;
export function nextNonce(): string {
  lastNonce = Math.max(Date.now() * 1000, lastNonce + 1);
  return String(lastNonce);
}
