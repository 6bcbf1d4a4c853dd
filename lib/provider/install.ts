import { registerWallet } from '@wallet-standard/wallet';
import { announceProvider } from 'mipd';
import { createEthereumProvider } from './eip1193';
import { COMPANION_ICON, COMPANION_NAME, COMPANION_RDNS } from './icon';
import { createSolanaWallet } from './solana-wallet';
import { createPageTransport } from './transport';

/**
 * Installs the companion on the exchange page: an EIP-1193 provider announced through EIP-6963 (and set as
 * `window.ethereum` only when no other wallet put one there), and a Solana wallet registered with the
 * Wallet Standard. Everything handed to the page is frozen.
 */
export function installProviders(): void {
  const transport = createPageTransport();
  const ethereum = createEthereumProvider(transport);
  // mipd freezes the detail it announces; the info is frozen here too, so no listener can rename the wallet.
  announceProvider({
    info: Object.freeze({
      uuid: crypto.randomUUID(),
      name: COMPANION_NAME,
      icon: COMPANION_ICON as `data:image/${string}`,
      rdns: COMPANION_RDNS,
    }),
    provider: ethereum as never,
  });
  if (!('ethereum' in window)) {
    Object.defineProperty(window, 'ethereum', {
      value: ethereum,
      configurable: true,
      enumerable: false,
      writable: false,
    });
  }
  registerWallet(createSolanaWallet(transport));
}
