import { describe, expect, it, vi } from 'vitest';
import { createEthereumProvider } from './eip1193';
import { fakeTransport, refuse } from './fake-transport';

const A = '0x1111111111111111111111111111111111111111';
const EVIL = '0x000000000000000000000000000000000000dead';
const POLLUTING = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];

describe('the EIP-1193 provider: frozen, internals private', () => {
  it('is frozen and exposes only its public methods: no emit, no listeners, no state, no transport', () => {
    const provider = createEthereumProvider(fakeTransport().transport);
    expect(Object.isFrozen(provider)).toBe(true);
    expect(Object.keys(provider).sort()).toEqual(
      [
        'addListener',
        'enable',
        'isAsterCompanion',
        'isConnected',
        'off',
        'on',
        'removeListener',
        'request',
        'send',
        'sendAsync',
      ].sort(),
    );
    expect(Object.getOwnPropertySymbols(provider)).toEqual([]);
    expect(Object.getPrototypeOf(provider)).toBe(Object.prototype);
    for (const name of ['emit', 'listeners', 'state', 'transport', '_events', 'follow'])
      expect((provider as unknown as Record<string, unknown>)[name]).toBeUndefined();
  });

  it('a page script can neither replace request nor add an emit', () => {
    const provider = createEthereumProvider(fakeTransport().transport) as unknown as Record<string, unknown>;
    const request = provider.request;
    expect(() => {
      provider.request = () => Promise.resolve([EVIL]);
    }).toThrow(TypeError);
    expect(() => {
      provider.emit = () => undefined;
    }).toThrow(TypeError);
    expect(() => Object.defineProperty(provider, 'request', { value: () => EVIL })).toThrow(TypeError);
    expect(provider.request).toBe(request);
    expect(provider.emit).toBeUndefined();
  });

  it('listeners hear only the states the transport delivers', () => {
    const { transport, push } = fakeTransport();
    const provider = createEthereumProvider(transport);
    const accounts = vi.fn();
    const chains = vi.fn();
    const connect = vi.fn();
    provider.on('accountsChanged', accounts).on('chainChanged', chains).on('connect', connect);
    push({});
    expect(connect).toHaveBeenCalledWith({ chainId: '0x38' });
    push({ evmAccounts: [A] });
    push({ evmAccounts: [A], chainId: '0x1' });
    expect(accounts.mock.calls).toEqual([[[A]]]);
    expect(chains.mock.calls).toEqual([['0x1']]);
    provider.removeListener('accountsChanged', accounts);
    push({ evmAccounts: [] });
    expect(accounts).toHaveBeenCalledTimes(1);
  });

  it.each(POLLUTING)(
    'an event named %s is just an unknown event: registered, never called, nothing breaks',
    (event) => {
      const { transport, push } = fakeTransport();
      const provider = createEthereumProvider(transport);
      const odd = vi.fn();
      const accounts = vi.fn();
      expect(() => provider.on(event, odd).on('accountsChanged', accounts).off(event, odd)).not.toThrow();
      provider.on(event, odd);
      push({});
      push({ evmAccounts: [A] });
      expect(odd).not.toHaveBeenCalled();
      expect(accounts).toHaveBeenCalledWith([A]);
      expect(({} as Record<string, unknown>).accountsChanged).toBeUndefined();
    },
  );

  it('one throwing listener does not keep the others from hearing', () => {
    const { transport, push } = fakeTransport();
    const provider = createEthereumProvider(transport);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const heard = vi.fn();
    provider.on('accountsChanged', () => {
      throw new Error('page bug');
    });
    provider.on('accountsChanged', heard);
    push({});
    push({ evmAccounts: [A] });
    expect(heard).toHaveBeenCalledWith([A]);
    error.mockRestore();
  });

  it('reads method and params once (a getter cannot show one method and send another)', async () => {
    const { transport, calls } = fakeTransport();
    const provider = createEthereumProvider(transport);
    let reads = 0;
    const args = {
      get method() {
        reads += 1;
        return reads === 1 ? 'eth_accounts' : 'personal_sign';
      },
    };
    await provider.request(args);
    expect(calls).toEqual([{ method: 'eth_accounts', params: undefined }]);
    await expect(provider.request(null as never)).rejects.toMatchObject({ code: -32602 });
  });
});

describe('the legacy surface, as MetaMask answers it', () => {
  const answer = (method: string) =>
    method === 'eth_requestAccounts' || method === 'eth_accounts'
      ? [A]
      : method === 'eth_chainId'
        ? '0x38'
        : refuse(4200, `Aster Companion does not support "${method}".`);

  it('enable() asks for the accounts', async () => {
    const { transport, calls } = fakeTransport(answer);
    const provider = createEthereumProvider(transport);
    await expect(provider.enable()).resolves.toEqual([A]);
    expect(calls).toEqual([{ method: 'eth_requestAccounts', params: undefined }]);
  });

  it('send(method, params) resolves with the JSON-RPC response, rejects with the EIP-1193 error', async () => {
    const provider = createEthereumProvider(fakeTransport(answer).transport);
    await expect(provider.send('eth_chainId', [])).resolves.toEqual({
      id: undefined,
      jsonrpc: '2.0',
      result: '0x38',
    });
    await expect(provider.send('eth_getBalance', [A])).rejects.toMatchObject({ code: 4200 });
  });

  it('send(payload, callback) and sendAsync(payload, callback) answer envelopes with the payload id', async () => {
    const provider = createEthereumProvider(fakeTransport(answer).transport);
    const viaSend = await new Promise((resolve) =>
      provider.send(
        { id: 7, jsonrpc: '2.0', method: 'eth_accounts', params: [] },
        (error: unknown, r: unknown) => resolve([error, r]),
      ),
    );
    expect(viaSend).toEqual([null, { id: 7, jsonrpc: '2.0', result: [A] }]);
    const failed = await new Promise<unknown[]>((resolve) =>
      provider.sendAsync({ id: 'x', jsonrpc: '2.0', method: 'eth_sign' }, (error, r) => resolve([error, r])),
    );
    expect(failed[0]).toMatchObject({ code: 4200 });
    expect(failed[1]).toEqual({
      id: 'x',
      jsonrpc: '2.0',
      error: { code: 4200, message: 'Aster Companion does not support "eth_sign".' },
    });
  });

  it('sendAsync answers a batch in order', async () => {
    const provider = createEthereumProvider(fakeTransport(answer).transport);
    const batch = await new Promise<unknown[]>((resolve) =>
      provider.sendAsync(
        [
          { id: 1, jsonrpc: '2.0', method: 'eth_chainId' },
          { id: 2, jsonrpc: '2.0', method: 'constructor' },
        ],
        (error, r) => resolve([error, r]),
      ),
    );
    expect(batch).toEqual([
      null,
      [
        { id: 1, jsonrpc: '2.0', result: '0x38' },
        {
          id: 2,
          jsonrpc: '2.0',
          error: { code: 4200, message: 'Aster Companion does not support "constructor".' },
        },
      ],
    ]);
  });

  it('send(payload) without a callback answers eth_accounts, eth_coinbase and net_version from state only', () => {
    const { transport, push, calls } = fakeTransport(answer);
    const provider = createEthereumProvider(transport);
    push({ evmAccounts: [A], chainId: '0x38' });
    expect(provider.send({ id: 1, method: 'eth_accounts' })).toEqual({ id: 1, jsonrpc: '2.0', result: [A] });
    expect(provider.send({ id: 2, method: 'eth_coinbase' })).toEqual({ id: 2, jsonrpc: '2.0', result: A });
    expect(provider.send({ id: 3, method: 'net_version' })).toEqual({ id: 3, jsonrpc: '2.0', result: '56' });
    for (const method of ['personal_sign', ...POLLUTING])
      expect(() => provider.send({ id: 4, method })).toThrow(expect.objectContaining({ code: 4200 }));
    expect(calls).toEqual([]);
  });

  it('isConnected(): false before the first state, true after it, false once the extension is unreachable', async () => {
    let reachable = true;
    const { transport, push } = fakeTransport(() => (reachable ? [A] : refuse(4900, 'restarted')));
    const provider = createEthereumProvider(transport);
    const disconnect = vi.fn();
    provider.on('disconnect', disconnect);
    expect(provider.isConnected()).toBe(false);
    push({});
    expect(provider.isConnected()).toBe(true);
    reachable = false;
    await expect(provider.request({ method: 'eth_accounts' })).rejects.toMatchObject({ code: 4900 });
    expect(provider.isConnected()).toBe(false);
    expect(disconnect).toHaveBeenCalledTimes(1);
    push({});
    expect(provider.isConnected()).toBe(true);
  });
});
