// @vitest-environment happy-dom
import { getWallets } from '@wallet-standard/app';
import type { EIP6963ProviderDetail } from 'mipd';
import { afterEach, describe, expect, it } from 'vitest';
import { installProviders } from './install';

function announced(): EIP6963ProviderDetail[] {
  const details: EIP6963ProviderDetail[] = [];
  window.addEventListener('eip6963:announceProvider', (event) =>
    details.push((event as CustomEvent<EIP6963ProviderDetail>).detail),
  );
  window.dispatchEvent(new Event('eip6963:requestProvider'));
  return details;
}

afterEach(() => {
  delete (window as unknown as { ethereum?: unknown }).ethereum;
});

describe('installProviders', () => {
  it('announces a frozen EIP-6963 detail whose provider is the frozen window.ethereum', () => {
    installProviders();
    const [detail] = announced().filter((d) => d.info.rdns === 'app.astercompanion');
    expect(detail).toBeDefined();
    expect(Object.isFrozen(detail)).toBe(true);
    expect(Object.isFrozen(detail!.info)).toBe(true);
    expect(Object.isFrozen(detail!.provider)).toBe(true);
    expect((window as unknown as { ethereum: unknown }).ethereum).toBe(detail!.provider);
    expect(() => {
      (detail!.info as { name: string }).name = 'MetaMask';
    }).toThrow(TypeError);
  });

  it('leaves a window.ethereum another wallet set (wallets coexist through EIP-6963)', () => {
    const other = { isMetaMask: true };
    Object.defineProperty(window, 'ethereum', { value: other, configurable: true, writable: true });
    installProviders();
    expect((window as unknown as { ethereum: unknown }).ethereum).toBe(other);
  });

  it('registers a frozen Solana wallet with the Wallet Standard', () => {
    installProviders();
    const wallet = getWallets()
      .get()
      .find((w) => w.name === 'Aster Companion');
    expect(wallet).toBeDefined();
    expect(Object.isFrozen(wallet)).toBe(true);
    expect(Object.isFrozen(wallet!.features)).toBe(true);
  });
});
