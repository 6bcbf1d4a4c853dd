import { getWallets } from '@wallet-standard/app';
import type { WalletAccount } from '@wallet-standard/base';
import { createStore } from 'mipd';
import { createWalletClient, custom, type EIP1193Provider } from 'viem';

/**
 * A dapp built the way real front ends are: EVM wallets found through EIP-6963 (mipd) and driven through
 * viem's custom transport, Solana wallets through the Wallet Standard (`getWallets()`). Bundled by the spec
 * and evaluated in the exchange page; it records every event its libraries hear.
 */

interface ConnectFeature {
  connect(input?: { silent?: boolean }): Promise<{ accounts: readonly WalletAccount[] }>;
}
interface EventsFeature {
  on(event: 'change', listener: (properties: { accounts?: readonly WalletAccount[] }) => void): () => void;
}

const store = createStore();
const wallets = getWallets();

function companionProvider(): EIP1193Provider {
  const detail = store.getProviders().find((d) => d.info.rdns === 'app.astercompanion');
  if (!detail) throw new Error('Aster Companion was not announced.');
  return detail.provider as EIP1193Provider;
}

function companionWallet() {
  const wallet = wallets.get().find((w) => w.name === 'Aster Companion');
  if (!wallet) throw new Error('Aster Companion was not registered.');
  return wallet;
}

const heard = {
  accountsChanged: [] as unknown[],
  chainChanged: [] as unknown[],
  solanaChange: [] as string[][],
};

const dapp = {
  heard,
  /** viem over the provider mipd found, listening as wagmi's injected connector does. */
  async connectEvm(): Promise<string[]> {
    const provider = companionProvider();
    provider.on('accountsChanged', (accounts) => heard.accountsChanged.push(accounts));
    provider.on('chainChanged', (chainId) => heard.chainChanged.push(chainId));
    const client = createWalletClient({ transport: custom(provider) });
    return client.requestAddresses();
  },
  async evmAddresses(): Promise<string[]> {
    return createWalletClient({ transport: custom(companionProvider()) }).getAddresses();
  },
  async evmChainId(): Promise<number> {
    return createWalletClient({ transport: custom(companionProvider()) }).getChainId();
  },
  async connectSolana(): Promise<string[]> {
    const wallet = companionWallet();
    (wallet.features['standard:events'] as EventsFeature).on('change', ({ accounts }) => {
      if (accounts) heard.solanaChange.push(accounts.map((a) => a.address));
    });
    const { accounts } = await (wallet.features['standard:connect'] as ConnectFeature).connect();
    return accounts.map((a) => a.address);
  },
  solanaAccounts: (): string[] => companionWallet().accounts.map((a) => a.address),
};

(window as unknown as { dapp: typeof dapp }).dapp = dapp;
