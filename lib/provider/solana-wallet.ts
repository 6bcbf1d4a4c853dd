import type {
  SolanaSignMessageFeature,
  SolanaSignMessageInput,
  SolanaSignMessageOutput,
  SolanaSignTransactionFeature,
  SolanaSignTransactionInput,
  SolanaSignTransactionOutput,
} from '@solana/wallet-standard-features';
import type { Wallet, WalletAccount } from '@wallet-standard/base';
import type {
  StandardConnectFeature,
  StandardDisconnectFeature,
  StandardEventsFeature,
  StandardEventsListeners,
} from '@wallet-standard/features';
import bs58 from 'bs58';
import { COMPANION_ICON, COMPANION_NAME } from './icon';
import type { PageTransport } from './transport';

const SOLANA_CHAINS = Object.freeze(['solana:mainnet', 'solana:devnet', 'solana:testnet'] as const);
const ACCOUNT_FEATURES = Object.freeze(['solana:signMessage', 'solana:signTransaction'] as const);

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

function walletAccount(address: string): WalletAccount {
  const publicKey = bs58.decode(address);
  // A typed array cannot be frozen: each read gets a copy, as @wallet-standard/wallet's ReadonlyWalletAccount does.
  return Object.freeze({
    address,
    get publicKey() {
      return publicKey.slice();
    },
    chains: SOLANA_CHAINS,
    features: ACCOUNT_FEATURES,
  });
}

type CompanionFeatures = StandardConnectFeature &
  StandardDisconnectFeature &
  StandardEventsFeature &
  SolanaSignMessageFeature &
  SolanaSignTransactionFeature;

/**
 * The companion's Solana wallet for the Wallet Standard: connect, disconnect, events, signMessage and
 * offline signTransaction, each through the background. A frozen object of closures (so are its features):
 * no page script can replace a feature, emit `change` or read the transport.
 *
 * `accounts` follows the accounts the background exposes to this origin (it exposes none to an origin that
 * never connected): a dapp that connected while an EVM account was active gets `change` with the Solana
 * account once the trader switches to one, and `change` with [] when the trader switches away or locks —
 * what Phantom's, Backpack's and the Wallet Standard's reference wallets emit when their account goes away.
 * After the dapp calls `disconnect`, nothing is followed until it connects again.
 */
export function createSolanaWallet(
  transport: PageTransport,
): Wallet & { readonly features: CompanionFeatures } {
  let current: readonly WalletAccount[] = Object.freeze([]);
  let disconnected = false;
  const changeListeners = new Set<StandardEventsListeners['change']>();

  const setAccounts = (addresses: readonly string[]): void => {
    if (addresses.join() === current.map((a) => a.address).join()) return;
    current = Object.freeze(addresses.map(walletAccount));
    for (const listener of [...changeListeners]) {
      try {
        listener({ accounts: current });
      } catch (error) {
        console.error(error);
      }
    }
  };

  transport.onState((state) => {
    if (!disconnected) setAccounts(state.solanaAccounts);
  });

  const connect = async (silent: boolean): Promise<{ accounts: readonly WalletAccount[] }> => {
    const addresses = (await transport.request('solana:connect', { silent })) as string[];
    disconnected = false;
    setAccounts(addresses);
    return { accounts: current };
  };

  const disconnect = async (): Promise<void> => {
    disconnected = true;
    await transport.request('solana:disconnect', {});
    setAccounts([]);
  };

  const on = (event: string, listener: StandardEventsListeners['change']): (() => void) => {
    if (event !== 'change' || typeof listener !== 'function') return () => undefined;
    changeListeners.add(listener);
    return () => void changeListeners.delete(listener);
  };

  const signMessage = async (
    inputs: readonly SolanaSignMessageInput[],
  ): Promise<SolanaSignMessageOutput[]> => {
    const outputs: SolanaSignMessageOutput[] = [];
    for (const { account, message } of inputs) {
      const { signature } = (await transport.request('solana:signMessage', {
        address: account.address,
        message: toBase64(message),
      })) as { signature: string };
      outputs.push({ signedMessage: message, signature: fromBase64(signature), signatureType: 'ed25519' });
    }
    return outputs;
  };

  const signTransaction = async (
    inputs: readonly SolanaSignTransactionInput[],
  ): Promise<SolanaSignTransactionOutput[]> => {
    const outputs: SolanaSignTransactionOutput[] = [];
    for (const { account, transaction } of inputs) {
      const result = (await transport.request('solana:signTransaction', {
        address: account.address,
        transaction: toBase64(transaction),
      })) as { transaction: string };
      outputs.push({ signedTransaction: fromBase64(result.transaction) });
    }
    return outputs;
  };

  const features: CompanionFeatures = Object.freeze({
    'standard:connect': Object.freeze({
      version: '1.0.0' as const,
      connect: (input?: { silent?: boolean }) => connect(input?.silent === true),
    }),
    'standard:disconnect': Object.freeze({ version: '1.0.0' as const, disconnect }),
    'standard:events': Object.freeze({ version: '1.0.0' as const, on }),
    'solana:signMessage': Object.freeze({
      version: '1.0.0' as const,
      signMessage: (...inputs: readonly SolanaSignMessageInput[]) => signMessage(inputs),
    }),
    'solana:signTransaction': Object.freeze({
      version: '1.0.0' as const,
      supportedTransactionVersions: Object.freeze(['legacy', 0] as const),
      signTransaction: (...inputs: readonly SolanaSignTransactionInput[]) => signTransaction(inputs),
    }),
  });

  return Object.freeze({
    version: '1.0.0' as const,
    name: COMPANION_NAME,
    icon: COMPANION_ICON as Wallet['icon'],
    chains: SOLANA_CHAINS,
    get accounts() {
      return current;
    },
    features,
  });
}
