import bs58 from 'bs58';
import { describe, expect, it, vi } from 'vitest';
import { fakeTransport } from './fake-transport';
import { createSolanaWallet } from './solana-wallet';

const SOL = bs58.encode(new Uint8Array(32).fill(7));
const OTHER = bs58.encode(new Uint8Array(32).fill(9));

/** The background's answers: connect exposes `exposed` (the active account when it is a Solana one). */
function world(exposed: () => string[]) {
  return fakeTransport((method) => (method === 'solana:connect' ? exposed() : null));
}

describe('the Solana wallet: frozen, internals private', () => {
  it('is frozen, and so are its features, chains and accounts', async () => {
    const { transport } = world(() => [SOL]);
    const wallet = createSolanaWallet(transport);
    expect(Object.isFrozen(wallet)).toBe(true);
    expect(Object.isFrozen(wallet.features)).toBe(true);
    for (const feature of Object.values(wallet.features)) expect(Object.isFrozen(feature)).toBe(true);
    expect(Object.isFrozen(wallet.chains)).toBe(true);
    const { accounts } = await wallet.features['standard:connect'].connect();
    expect(Object.isFrozen(accounts)).toBe(true);
    expect(Object.isFrozen(accounts[0])).toBe(true);
    // The public key is a fresh copy each time: writing into one changes nothing the next reader sees.
    (accounts[0]!.publicKey as Uint8Array).fill(0);
    expect(bs58.encode(accounts[0]!.publicKey as Uint8Array)).toBe(SOL);
    expect(Object.keys(wallet).sort()).toEqual(['accounts', 'chains', 'features', 'icon', 'name', 'version']);
  });

  it('a page script cannot replace a feature or reach the listeners', () => {
    const wallet = createSolanaWallet(world(() => [SOL]).transport) as unknown as {
      features: Record<string, Record<string, unknown>>;
    };
    expect(() => {
      wallet.features['solana:signMessage']!.signMessage = () => [];
    }).toThrow(TypeError);
    expect(() => {
      wallet.features['standard:events']!.emit = () => undefined;
    }).toThrow(TypeError);
    expect(() => {
      (wallet as unknown as Record<string, unknown>).features = {};
    }).toThrow(TypeError);
  });
});

describe('the Solana wallet follows the accounts the background exposes', () => {
  it('connected while an EVM account was active: change with the account once the trader switches to Solana', async () => {
    let active = 'evm';
    const { transport, push } = world(() => (active === 'sol' ? [SOL] : []));
    const wallet = createSolanaWallet(transport);
    const change = vi.fn();
    wallet.features['standard:events'].on('change', change);
    const { accounts } = await wallet.features['standard:connect'].connect();
    expect(accounts).toEqual([]);
    active = 'sol';
    push({ solanaAccounts: [SOL] });
    expect(wallet.accounts.map((a) => a.address)).toEqual([SOL]);
    expect(change).toHaveBeenCalledTimes(1);
    expect(change.mock.calls[0]![0].accounts.map((a: { address: string }) => a.address)).toEqual([SOL]);
  });

  it('switching away (or locking) is change with []; switching back is change with the account', () => {
    const { transport, push } = world(() => [SOL]);
    const wallet = createSolanaWallet(transport);
    const seen: string[][] = [];
    wallet.features['standard:events'].on('change', ({ accounts }) =>
      seen.push((accounts ?? []).map((a) => a.address)),
    );
    push({ solanaAccounts: [SOL] });
    push({ solanaAccounts: [SOL] }); // the same accounts: no event
    push({ solanaAccounts: [] });
    push({ solanaAccounts: [OTHER] });
    expect(seen).toEqual([[SOL], [], [OTHER]]);
  });

  it('after the dapp disconnects nothing is followed until it connects again', async () => {
    const { transport, push, calls } = world(() => [SOL]);
    const wallet = createSolanaWallet(transport);
    await wallet.features['standard:connect'].connect();
    await wallet.features['standard:disconnect'].disconnect();
    expect(wallet.accounts).toEqual([]);
    push({ solanaAccounts: [OTHER] });
    expect(wallet.accounts).toEqual([]);
    await wallet.features['standard:connect'].connect({ silent: true });
    expect(calls.at(-1)).toEqual({ method: 'solana:connect', params: { silent: true } });
    expect(wallet.accounts.map((a) => a.address)).toEqual([SOL]);
  });

  it.each(['constructor', '__proto__', 'toString', 'accountsChanged'])(
    'events other than change (%s) get no listener',
    (event) => {
      const { transport, push } = world(() => [SOL]);
      const wallet = createSolanaWallet(transport);
      const listener = vi.fn();
      const off = wallet.features['standard:events'].on(event as 'change', listener);
      push({ solanaAccounts: [SOL] });
      expect(listener).not.toHaveBeenCalled();
      expect(off).not.toThrow();
    },
  );

  it('unsubscribing stops the events; a throwing listener does not silence the others', () => {
    const { transport, push } = world(() => [SOL]);
    const wallet = createSolanaWallet(transport);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const heard = vi.fn();
    const gone = vi.fn();
    wallet.features['standard:events'].on('change', () => {
      throw new Error('page bug');
    });
    wallet.features['standard:events'].on('change', heard);
    wallet.features['standard:events'].on('change', gone)();
    push({ solanaAccounts: [SOL] });
    expect(heard).toHaveBeenCalledTimes(1);
    expect(gone).not.toHaveBeenCalled();
    error.mockRestore();
  });
});
