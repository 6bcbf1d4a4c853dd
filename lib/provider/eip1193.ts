import type { ProviderState } from '@/lib/messaging/page-protocol';
import { ProviderRpcError, type PageTransport } from './transport';

type Listener = (...args: unknown[]) => void;

/**
 * The EIP-1193 provider the exchange page talks to. Every call goes to the background (which knows the
 * page's origin from the browser); events follow the state the background pushes: a switch of account in
 * the companion reaches the page as `accountsChanged` at once.
 */
export class CompanionEthereumProvider {
  readonly isAsterCompanion = true;
  private readonly listeners = new Map<string, Set<Listener>>();
  private state: ProviderState | null = null;

  constructor(private readonly transport: PageTransport) {
    transport.onState((state) => this.follow(state));
  }

  async request(args: { method: string; params?: unknown }): Promise<unknown> {
    if (typeof args !== 'object' || args === null || typeof args.method !== 'string') {
      throw new ProviderRpcError(-32602, 'request() takes { method, params }.');
    }
    const params = args.params === undefined ? undefined : JSON.parse(JSON.stringify(args.params));
    try {
      return await this.transport.request(args.method, params);
    } catch (error) {
      // The extension could not be reached (e.g. it was updated): tell listeners the provider is disconnected.
      if (error instanceof ProviderRpcError && error.code === 4900) this.emit('disconnect', error);
      throw error;
    }
  }

  on(event: string, listener: Listener): this {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)!.add(listener);
    return this;
  }

  addListener(event: string, listener: Listener): this {
    return this.on(event, listener);
  }

  removeListener(event: string, listener: Listener): this {
    this.listeners.get(event)?.delete(listener);
    return this;
  }

  off(event: string, listener: Listener): this {
    return this.removeListener(event, listener);
  }

  private emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        listener(...args);
      } catch (error) {
        console.error(error);
      }
    }
  }

  private follow(next: ProviderState): void {
    const previous = this.state;
    this.state = next;
    if (!previous) {
      this.emit('connect', { chainId: next.chainId });
      return;
    }
    if (previous.chainId !== next.chainId) this.emit('chainChanged', next.chainId);
    if (previous.evmAccounts.join() !== next.evmAccounts.join())
      this.emit('accountsChanged', next.evmAccounts);
  }
}
