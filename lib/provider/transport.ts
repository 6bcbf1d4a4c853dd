import {
  CONTENT_TARGET,
  INPAGE_TARGET,
  type ContentToPage,
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
    const data = event.data as Partial<ContentToPage> | null;
    if (!data || data.target !== INPAGE_TARGET) return;
    if ('event' in data && data.event === 'state' && 'state' in data) {
      for (const listener of stateListeners) listener(data.state as ProviderState);
      return;
    }
    if (!('id' in data) || typeof data.id !== 'number') return;
    const waiter = pending.get(data.id);
    if (!waiter) return;
    pending.delete(data.id);
    if ('error' in data) {
      const error = data.error as ProviderErrorPayload;
      waiter.reject(new ProviderRpcError(error.code, error.message));
    } else waiter.resolve((data as { result: unknown }).result);
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
