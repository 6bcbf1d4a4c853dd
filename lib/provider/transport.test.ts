import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPageTransport } from './transport';

/** A window double: the test delivers message events as the browser would (source = the window). */
function fakeWindow() {
  const listeners: ((event: MessageEvent) => void)[] = [];
  const posted: unknown[] = [];
  const target = {
    location: { origin: 'https://www.asterdex.com' },
    addEventListener: (_type: string, listener: (event: MessageEvent) => void) =>
      void listeners.push(listener),
    postMessage: (message: unknown) => void posted.push(message),
  };
  const deliver = (data: unknown, source: unknown = target) => {
    for (const listener of listeners) listener({ data, source } as MessageEvent);
  };
  return { target: target as unknown as Window, posted, deliver };
}

const STATE = { chainId: '0x38', evmAccounts: [], solanaAccounts: [] };

afterEach(() => {
  for (const key of ['target', 'event', 'state', 'id', 'result', 'error'])
    delete (Object.prototype as Record<string, unknown>)[key];
});

describe('page transport: only own fields of well-formed messages', () => {
  it('answers a request with the response of the same id', async () => {
    const { target, posted, deliver } = fakeWindow();
    const transport = createPageTransport(target);
    const pending = transport.request('eth_chainId');
    const { id } = posted[0] as { id: number };
    deliver({ target: 'aster-companion-inpage', id, result: '0x38' });
    await expect(pending).resolves.toBe('0x38');
  });

  it('ignores messages whose fields come from a polluted Object.prototype', async () => {
    const { target, deliver } = fakeWindow();
    const transport = createPageTransport(target);
    const state = vi.fn();
    transport.onState(state);
    const polluted = Object.prototype as Record<string, unknown>;
    polluted.target = 'aster-companion-inpage';
    polluted.event = 'state';
    polluted.state = { ...STATE, evmAccounts: ['0xdead'] };
    deliver({});
    deliver({ target: 'aster-companion-inpage' });
    expect(state).not.toHaveBeenCalled();
    const pending = transport.request('eth_accounts');
    polluted.id = 1;
    polluted.result = ['0xdead'];
    delete polluted.event;
    deliver({ target: 'aster-companion-inpage' });
    deliver({ event: 'x' });
    let settled = false;
    void pending.finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(settled).toBe(false);
  });

  it('ignores malformed states and messages from other windows', () => {
    const { target, deliver } = fakeWindow();
    const transport = createPageTransport(target);
    const state = vi.fn();
    transport.onState(state);
    for (const bad of [
      null,
      'x',
      { chainId: 1 },
      { ...STATE, evmAccounts: '0xdead' },
      { ...STATE, solanaAccounts: {} },
    ])
      deliver({ target: 'aster-companion-inpage', event: 'state', state: bad });
    deliver({ target: 'aster-companion-inpage', event: 'state', state: STATE }, {});
    expect(state).not.toHaveBeenCalled();
    deliver({ target: 'aster-companion-inpage', event: 'state', state: STATE });
    expect(state).toHaveBeenCalledWith(STATE);
  });

  it('turns an error answer into a ProviderRpcError with its code', async () => {
    const { target, posted, deliver } = fakeWindow();
    const transport = createPageTransport(target);
    const pending = transport.request('wallet_switchEthereumChain', [{ chainId: 'constructor' }]);
    const { id } = posted[0] as { id: number };
    deliver({ target: 'aster-companion-inpage', id, error: { code: 4902, message: 'no' } });
    await expect(pending).rejects.toMatchObject({ name: 'ProviderRpcError', code: 4902 });
  });
});
