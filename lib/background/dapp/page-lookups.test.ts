import { recoverMessageAddress } from 'viem';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PAGE_CHANNEL } from '@/lib/messaging/page-api';
import type { RpcResponse, RpcServer } from '@/lib/messaging/rpc';
import { DEMO_KEYS } from '@/simulator/keys';
import { connectSite, dappBackground, pageSender } from '@/tests/support/dapp-background';

/**
 * Page data is never looked up through a prototype: chain ids, method names and param keys such as
 * "constructor" or "__proto__" are refused with the EIP-1193 error for what they are (issue 11 §4), and
 * `personal_sign` accepts MetaMask's reversed order only for the connected account (issue 11 §5).
 */

const k = DEMO_KEYS;
const EXCHANGE = 'http://localhost:5173';
const POLLUTING = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
const page = pageSender(EXCHANGE);

let server: RpcServer;
let approvals: ReturnType<typeof dappBackground>['approvals'];

beforeEach(async () => {
  fakeBrowser.tabs.sendMessage = vi.fn(async () => undefined) as never;
  const background = dappBackground('lookups', async () => ({ approve: true }));
  ({ approvals, pageServer: server } = background);
  await background.popup('vault.create', { password: 'Lookups-password-42' });
  const main = await background.popup('accounts.add', {
    role: 'master',
    kind: 'evm',
    name: 'MainDesk',
    key: k.evmMaster.privateKey,
  });
  await background.popup('accounts.setActive', { id: main.id });
  await connectSite(background.vault, EXCHANGE, [main.id]);
});

async function call(method: string, params?: unknown): Promise<RpcResponse> {
  return (await server.handle(
    { channel: PAGE_CHANNEL, method: 'request', params: { method, params } },
    page,
  ))!;
}

const codeOf = (response: RpcResponse) => (response.ok ? 'ok' : response.error.code);

describe('own-property lookups on page data', () => {
  it.each(POLLUTING)('chain id %s: 4902, not echoed, eth_chainId unchanged', async (chainId) => {
    for (const id of [chainId, chainId.toUpperCase()]) {
      const response = await call('wallet_switchEthereumChain', [{ chainId: id }]);
      expect(codeOf(response)).toBe('4902');
      expect(response.ok ? '' : response.error.message).not.toContain(id);
    }
    expect(await call('eth_chainId')).toEqual({ ok: true, result: '0x38' });
  });

  it('a supported chain still switches; others are 4902', async () => {
    expect(codeOf(await call('wallet_switchEthereumChain', [{ chainId: '0x89' }]))).toBe('4902');
    expect(codeOf(await call('wallet_switchEthereumChain', [{ chainId: 56 }]))).toBe('4902');
    expect(codeOf(await call('wallet_switchEthereumChain', [{}]))).toBe('4902');
    expect(await call('wallet_switchEthereumChain', [{ chainId: '0xA4B1' }])).toEqual({
      ok: true,
      result: null,
    });
    expect(await call('eth_chainId')).toEqual({ ok: true, result: '0xa4b1' });
  });

  it('a chain id inherited from the params object is not read', async () => {
    const inherited = Object.create({ chainId: '0x1' }) as object;
    expect(codeOf(await call('wallet_switchEthereumChain', [inherited]))).toBe('4902');
    expect(await call('eth_chainId')).toEqual({ ok: true, result: '0x38' });
  });

  it.each(POLLUTING)('method %s: 4200 (unsupported)', async (method) => {
    expect(codeOf(await call(method, []))).toBe('4200');
  });

  it.each(POLLUTING)('Solana params keyed %s read nothing: refused, no prompt', async (key) => {
    const params = JSON.parse(
      `{"${key}": {"address": "x", "message": "aGk=", "transaction": "aGk="}}`,
    ) as object;
    for (const method of ['solana:signMessage', 'solana:signTransaction'])
      expect(codeOf(await call(method, params))).toBe('-32602');
    const inherited = Object.create({ address: k.evmMaster.address, message: 'aGk=' }) as object;
    expect(codeOf(await call('solana:signMessage', inherited))).toBe('-32602');
    expect(approvals).not.toHaveBeenCalled();
  });
});

describe('personal_sign in either order (MetaMask compatible)', () => {
  const HELLO = '0x68656c6c6f';

  it('[address, message] signs the message for the connected account', async () => {
    const response = await call('personal_sign', [k.evmMaster.address, HELLO]);
    expect(response.ok).toBe(true);
    const signature = (response as { result: `0x${string}` }).result;
    expect(await recoverMessageAddress({ message: 'hello', signature })).toBe(k.evmMaster.address);
    expect(approvals).toHaveBeenCalledTimes(1);
  });

  it('[message, address] still signs as before', async () => {
    const response = await call('personal_sign', [HELLO, k.evmMaster.address]);
    const signature = (response as { result: `0x${string}` }).result;
    expect(await recoverMessageAddress({ message: 'hello', signature })).toBe(k.evmMaster.address);
  });

  it('reversed with another account: refused (4100), no prompt', async () => {
    expect(codeOf(await call('personal_sign', [k.evmSubGrid.address, HELLO]))).toBe('4100');
    expect(approvals).not.toHaveBeenCalled();
  });

  it('two address-like params: read as sent, so [connected, other] names the other as from and is refused', async () => {
    expect(codeOf(await call('personal_sign', [k.evmMaster.address, k.evmSubGrid.address]))).toBe('4100');
    expect(approvals).not.toHaveBeenCalled();
  });
});
