import { getWallets } from '@wallet-standard/app';
import type { Wallet, WalletAccount } from '@wallet-standard/base';
import bs58 from 'bs58';
import { createStore, type EIP6963ProviderDetail } from 'mipd';
import { createWalletClient, custom, getAddress, type EIP1193Provider } from 'viem';
import {
  asterMessageTypedData,
  solanaWithdrawalText,
  withdrawActionTypedData,
  type Withdrawal,
} from './messages';

/**
 * Wallet discovery and one small interface over both wallet kinds: EVM wallets found through EIP-6963
 * (mipd) and driven through viem's wallet client (EIP-1193), Solana wallets found through the Wallet
 * Standard (`getWallets()`) with `solana:signMessage`.
 */

export interface ConnectedWallet {
  readonly kind: 'evm' | 'solana';
  readonly name: string;
  /** The account the wallet currently exposes to this page. */
  readonly address: string;
  /** The login text: EVM `personal_sign` (0x-hex of the UTF-8 text, then the address), Solana signMessage. */
  signLogin(text: string): Promise<string>;
  /** An Aster `msg` body: EVM `eth_signTypedData_v4` Message{msg}; Solana Ed25519 over the text, Base58. */
  signAsterMessage(msg: string, chainId: number): Promise<string>;
  /** The withdrawal: EVM `Action` typed data; Solana withdrawal text. */
  signWithdrawal(withdrawal: Withdrawal): Promise<string>;
  /** Called with the new account, or null when the wallet exposes none ("disconnected"). */
  onAccountChange(listener: (address: string | null) => void): () => void;
}

export interface WalletChoice {
  id: string;
  kind: 'evm' | 'solana';
  name: string;
  icon: string;
  connect(): Promise<ConnectedWallet>;
}

// --- EVM (EIP-6963 + EIP-1193) ---

function evmChoice(detail: EIP6963ProviderDetail): WalletChoice {
  const provider = detail.provider as EIP1193Provider;
  return {
    id: `eip6963:${detail.info.uuid}`,
    kind: 'evm',
    name: detail.info.name,
    icon: detail.info.icon,
    connect: async () => {
      const client = createWalletClient({ transport: custom(provider) });
      const [first] = await client.requestAddresses(); // eth_requestAccounts
      if (!first) throw new Error('The wallet shared no account.');
      /** null once the wallet shares no account with the page any more. */
      let address: `0x${string}` | null = getAddress(first);
      const account = () => {
        if (!address) throw new Error('The wallet is disconnected.');
        return address;
      };
      return {
        kind: 'evm',
        name: detail.info.name,
        get address() {
          return address ?? '';
        },
        signLogin: (text) => client.signMessage({ account: account(), message: text }),
        signAsterMessage: (msg, chainId) =>
          client.signTypedData({ account: account(), ...asterMessageTypedData(msg, chainId) }),
        signWithdrawal: (withdrawal) =>
          client.signTypedData({ account: account(), ...withdrawActionTypedData(withdrawal) }),
        onAccountChange: (listener) => {
          const handle = (accounts: readonly string[]) => {
            address = accounts[0] ? getAddress(accounts[0]) : null;
            listener(address);
          };
          provider.on('accountsChanged', handle);
          return () => provider.removeListener('accountsChanged', handle);
        },
      };
    },
  };
}

// --- Solana (Wallet Standard) ---

interface ConnectFeature {
  connect(input?: { silent?: boolean }): Promise<{ accounts: readonly WalletAccount[] }>;
}
interface EventsFeature {
  on(event: 'change', listener: (properties: { accounts?: readonly WalletAccount[] }) => void): () => void;
}
interface SignMessageFeature {
  signMessage(
    ...inputs: ReadonlyArray<{ account: WalletAccount; message: Uint8Array }>
  ): Promise<ReadonlyArray<{ signedMessage: Uint8Array; signature: Uint8Array }>>;
}

const isSolanaSigner = (wallet: Wallet): boolean =>
  'solana:signMessage' in wallet.features && 'standard:connect' in wallet.features;

function solanaChoice(wallet: Wallet): WalletChoice {
  return {
    id: `wallet-standard:${wallet.name}`,
    kind: 'solana',
    name: wallet.name,
    icon: wallet.icon,
    connect: async () => {
      const { accounts } = await (wallet.features['standard:connect'] as ConnectFeature).connect();
      let account = accounts[0];
      if (!account) throw new Error('The wallet shared no account.');
      const signer = wallet.features['solana:signMessage'] as SignMessageFeature;
      const sign = async (text: string) => {
        if (!account) throw new Error('The wallet is disconnected.');
        const [output] = await signer.signMessage({ account, message: new TextEncoder().encode(text) });
        if (!output) throw new Error('The wallet returned no signature.');
        return bs58.encode(output.signature);
      };
      return {
        kind: 'solana',
        name: wallet.name,
        get address() {
          return account?.address ?? '';
        },
        signLogin: sign,
        signAsterMessage: (msg) => sign(msg),
        signWithdrawal: (withdrawal) => sign(solanaWithdrawalText(withdrawal)),
        onAccountChange: (listener) => {
          const events = wallet.features['standard:events'] as EventsFeature | undefined;
          if (!events) return () => {};
          return events.on('change', ({ accounts: changed }) => {
            if (!changed) return; // a change of chains or features only
            account = changed[0];
            listener(account?.address ?? null);
          });
        },
      };
    },
  };
}

/** Every wallet found so far, kept current: `listener` runs now and on each discovery. */
export function watchWallets(listener: (choices: WalletChoice[]) => void): () => void {
  const store = createStore(); // dispatches eip6963:requestProvider and collects the announcements
  const standard = getWallets(); // dispatches wallet-standard:app-ready
  const emit = () =>
    listener([
      ...store.getProviders().map(evmChoice),
      ...standard.get().filter(isSolanaSigner).map(solanaChoice),
    ]);
  const offEvm = store.subscribe(emit);
  const offRegister = standard.on('register', emit);
  const offUnregister = standard.on('unregister', emit);
  emit();
  return () => {
    offEvm();
    offRegister();
    offUnregister();
    store.destroy();
  };
}
