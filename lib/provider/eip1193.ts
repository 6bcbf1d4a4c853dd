import type { ProviderErrorPayload, ProviderState } from '@/lib/messaging/page-protocol';
import { ProviderRpcError, type PageTransport } from './transport';

type Listener = (...args: unknown[]) => void;

interface JsonRpcPayload {
  id?: unknown;
  method: string;
  params?: unknown;
}

interface JsonRpcResponse {
  id: unknown;
  jsonrpc: '2.0';
  result?: unknown;
  error?: ProviderErrorPayload;
}

type JsonRpcCallback = (error: unknown, response?: JsonRpcResponse | JsonRpcResponse[]) => void;

export interface CompanionEthereumProvider {
  readonly isAsterCompanion: true;
  request(args: { method: string; params?: unknown }): Promise<unknown>;
  on(event: string, listener: Listener): CompanionEthereumProvider;
  addListener(event: string, listener: Listener): CompanionEthereumProvider;
  removeListener(event: string, listener: Listener): CompanionEthereumProvider;
  off(event: string, listener: Listener): CompanionEthereumProvider;
  /** Legacy (MetaMask): eth_requestAccounts. */
  enable(): Promise<unknown>;
  /** Legacy (MetaMask): true once the background answered, false after it could not be reached. */
  isConnected(): boolean;
  /** Legacy (MetaMask): `send(method, params)` → Promise of the response; `send(payload, callback)`. */
  send(methodOrPayload: unknown, paramsOrCallback?: unknown): unknown;
  /** Legacy (MetaMask): one JSON-RPC payload or a batch, answered through a Node-style callback. */
  sendAsync(payload: unknown, callback: JsonRpcCallback): void;
}

function errorPayload(error: unknown): ProviderErrorPayload {
  return error instanceof ProviderRpcError
    ? { code: error.code, message: error.message }
    : { code: -32603, message: error instanceof Error ? error.message : 'Internal error.' };
}

/**
 * The EIP-1193 provider the exchange page talks to. Every call goes to the background (which knows the
 * page's origin from the browser); events follow the state the background pushes: a switch of account in
 * the companion reaches the page as `accountsChanged` at once.
 *
 * A frozen object of closures: the listeners, the state and the transport live only in this function's
 * scope, so no page script can emit an event, replace `request` or read what the provider holds.
 */
export function createEthereumProvider(transport: PageTransport): CompanionEthereumProvider {
  // A Map: event names come from the page ("__proto__" or "constructor" are just unknown names here).
  const listeners = new Map<string, Set<Listener>>();
  let state: ProviderState | null = null;
  let connected = false;

  const emit = (event: string, ...args: unknown[]): void => {
    for (const listener of [...(listeners.get(event) ?? [])]) {
      try {
        listener(...args);
      } catch (error) {
        console.error(error);
      }
    }
  };

  transport.onState((next) => {
    const previous = state;
    state = next;
    connected = true;
    if (!previous) {
      emit('connect', { chainId: next.chainId });
      return;
    }
    if (previous.chainId !== next.chainId) emit('chainChanged', next.chainId);
    if (previous.evmAccounts.join() !== next.evmAccounts.join()) emit('accountsChanged', next.evmAccounts);
  });

  const request = async (args: { method: string; params?: unknown }): Promise<unknown> => {
    // Each field read once: a getter on the page's object cannot show one value here and send another.
    const method: unknown = typeof args === 'object' && args !== null ? args.method : undefined;
    if (typeof method !== 'string') throw new ProviderRpcError(-32602, 'request() takes { method, params }.');
    const raw = args.params;
    const params: unknown = raw === undefined ? undefined : JSON.parse(JSON.stringify(raw));
    try {
      return await transport.request(method, params);
    } catch (error) {
      // The extension could not be reached (e.g. it was updated): tell listeners the provider is disconnected.
      if (error instanceof ProviderRpcError && error.code === 4900) {
        connected = false;
        emit('disconnect', error);
      }
      throw error;
    }
  };

  /** A JSON-RPC envelope around `request`, as MetaMask's legacy methods answer. */
  const respond = async (payload: unknown): Promise<JsonRpcResponse> => {
    const id = typeof payload === 'object' && payload !== null ? (payload as JsonRpcPayload).id : undefined;
    try {
      return { id, jsonrpc: '2.0', result: await request(payload as JsonRpcPayload) };
    } catch (error) {
      return { id, jsonrpc: '2.0', error: errorPayload(error) };
    }
  };

  const sendAsync = (payload: unknown, callback: JsonRpcCallback): void => {
    if (Array.isArray(payload)) {
      void Promise.all(payload.map(respond)).then((responses) => callback(null, responses));
      return;
    }
    void respond(payload).then((response) =>
      callback(
        response.error ? new ProviderRpcError(response.error.code, response.error.message) : null,
        response,
      ),
    );
  };

  /** `send(payload)` without a callback: MetaMask answers the few methods it can from memory, synchronously. */
  const sendSync = (payload: unknown): JsonRpcResponse => {
    const { id, method } = (typeof payload === 'object' && payload !== null ? payload : {}) as JsonRpcPayload;
    const accounts = state?.evmAccounts ?? [];
    const result =
      method === 'eth_accounts'
        ? accounts
        : method === 'eth_coinbase'
          ? (accounts[0] ?? null)
          : method === 'net_version' && state
            ? String(parseInt(state.chainId, 16))
            : undefined;
    if (result === undefined) {
      throw new ProviderRpcError(
        4200,
        `send() without a callback cannot answer ${String(method)}: use request().`,
      );
    }
    return { id, jsonrpc: '2.0', result };
  };

  const provider: CompanionEthereumProvider = {
    isAsterCompanion: true,
    request,
    on(event, listener) {
      if (typeof listener === 'function') {
        const set = listeners.get(event) ?? new Set();
        listeners.set(event, set.add(listener));
      }
      return provider;
    },
    addListener: (event, listener) => provider.on(event, listener),
    removeListener(event, listener) {
      listeners.get(event)?.delete(listener);
      return provider;
    },
    off: (event, listener) => provider.removeListener(event, listener),
    enable: () => request({ method: 'eth_requestAccounts' }),
    isConnected: () => connected,
    send(methodOrPayload, paramsOrCallback) {
      if (
        typeof methodOrPayload === 'string' &&
        (paramsOrCallback === undefined || Array.isArray(paramsOrCallback))
      ) {
        return respond({ method: methodOrPayload, params: paramsOrCallback }).then((response) => {
          if (response.error) throw new ProviderRpcError(response.error.code, response.error.message);
          return response;
        });
      }
      if (typeof paramsOrCallback === 'function')
        return sendAsync(methodOrPayload, paramsOrCallback as JsonRpcCallback);
      return sendSync(methodOrPayload);
    },
    sendAsync,
  };
  return Object.freeze(provider);
}
