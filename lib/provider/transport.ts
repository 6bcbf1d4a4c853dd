import {
  CONTENT_TARGET,
  INPAGE_TARGET,
  type PageToContent,
  type ProviderErrorPayload,
  type ProviderState,
} from '@/lib/messaging/page-protocol';

/** An EIP-1193 error: `code` and `message`, as dapps expect them. */
export class ProviderRpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'ProviderRpcError';
  }
}

export interface PageTransport {
  request(method: string, params?: unknown): Promise<unknown>;
  onState(listener: (state: ProviderState) => void): void;
}

/**
 * Page script → content script over window.postMessage. Anything on the page can post the same messages,
 * which is why the content script trusts none of them beyond asking the background, which knows the origin.
 */
export function createPageTransport(target: Window = window): PageTransport {
  let nextId = 1;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  const stateListeners: ((state: ProviderState) => void)[] = [];

  target.addEventListener('message', (event: MessageEvent) => {
    if (event.source !== target) return;
    const data: unknown = event.data;
    // Own properties only: anything on the page can post here, and can add properties to Object.prototype.
    const own = (key: string): unknown =>
      typeof data === 'object' && data !== null && Object.hasOwn(data, key)
        ? (data as Record<string, unknown>)[key]
        : undefined;
    if (own('target') !== INPAGE_TARGET) return;
    if (own('event') === 'state') {
      const state = own('state') as Partial<ProviderState> | null | undefined;
      if (
        typeof state?.chainId === 'string' &&
        Array.isArray(state.evmAccounts) &&
        Array.isArray(state.solanaAccounts)
      )
        for (const listener of stateListeners) listener(state as ProviderState);
      return;
    }
    const id = own('id');
    const waiter = typeof id === 'number' ? pending.get(id) : undefined;
    if (!waiter) return;
    pending.delete(id as number);
    const error = own('error') as Partial<ProviderErrorPayload> | null | undefined;
    if (error !== undefined)
      waiter.reject(new ProviderRpcError(Number(error?.code ?? -32603), String(error?.message ?? 'Error.')));
    else waiter.resolve(own('result'));
  });

  return {
    request(method, params) {
      const id = nextId++;
      const message: PageToContent = { target: CONTENT_TARGET, id, request: { method, params } };
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        target.postMessage(message, target.location.origin);
      });
    },
    onState(listener) {
      stateListeners.push(listener);
    },
  };
}
