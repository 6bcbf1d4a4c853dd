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
import type { ProviderState } from '@/lib/messaging/page-protocol';
import { COMPANION_ICON, COMPANION_NAME } from './icon';
import type { PageTransport } from './transport';

const SOLANA_CHAINS = ['solana:mainnet', 'solana:devnet', 'solana:testnet'] as const;
const ACCOUNT_FEATURES = ['solana:signMessage', 'solana:signTransaction'] as const;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

function walletAccount(address: string): WalletAccount {
  return Object.freeze({
    address,
    publicKey: bs58.decode(address),
    chains: SOLANA_CHAINS,
    features: ACCOUNT_FEATURES,
  });
}

/**
 * The companion's Solana wallet for the Wallet Standard: connect, disconnect, events (`change` when the
 * trader switches account), signMessage and offline signTransaction, each through the background.
 */
export class CompanionSolanaWallet implements Wallet {
  readonly version = '1.0.0' as const;
  readonly name = COMPANION_NAME;
  readonly icon = COMPANION_ICON as Wallet['icon'];
  readonly chains = SOLANA_CHAINS;
  private current: readonly WalletAccount[] = [];
  private connected = false;
  private readonly changeListeners = new Set<StandardEventsListeners['change']>();

  constructor(private readonly transport: PageTransport) {
    transport.onState((state) => this.follow(state));
  }

  get accounts(): readonly WalletAccount[] {
    return this.current;
  }

  get features(): StandardConnectFeature &
    StandardDisconnectFeature &
    StandardEventsFeature &
    SolanaSignMessageFeature &
    SolanaSignTransactionFeature {
    return {
      'standard:connect': { version: '1.0.0', connect: (input) => this.connect(input?.silent === true) },
      'standard:disconnect': { version: '1.0.0', disconnect: () => this.disconnect() },
      'standard:events': { version: '1.0.0', on: (event, listener) => this.on(event, listener) },
      'solana:signMessage': { version: '1.0.0', signMessage: (...inputs) => this.signMessage(inputs) },
      'solana:signTransaction': {
        version: '1.0.0',
        supportedTransactionVersions: ['legacy', 0],
        signTransaction: (...inputs) => this.signTransaction(inputs),
      },
    };
  }

  private async connect(silent: boolean): Promise<{ accounts: readonly WalletAccount[] }> {
    const addresses = (await this.transport.request('solana:connect', { silent })) as string[];
    this.connected = addresses.length > 0;
    this.setAccounts(addresses);
    return { accounts: this.current };
  }

  private async disconnect(): Promise<void> {
    this.connected = false;
    await this.transport.request('solana:disconnect', {});
    this.setAccounts([]);
  }

  private on(event: 'change', listener: StandardEventsListeners['change']): () => void {
    if (event !== 'change') return () => undefined;
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private async signMessage(inputs: readonly SolanaSignMessageInput[]): Promise<SolanaSignMessageOutput[]> {
    const outputs: SolanaSignMessageOutput[] = [];
    for (const { account, message } of inputs) {
      const { signature } = (await this.transport.request('solana:signMessage', {
        address: account.address,
        message: toBase64(message),
      })) as { signature: string };
      outputs.push({ signedMessage: message, signature: fromBase64(signature), signatureType: 'ed25519' });
    }
    return outputs;
  }

  private async signTransaction(
    inputs: readonly SolanaSignTransactionInput[],
  ): Promise<SolanaSignTransactionOutput[]> {
    const outputs: SolanaSignTransactionOutput[] = [];
    for (const { account, transaction } of inputs) {
      const result = (await this.transport.request('solana:signTransaction', {
        address: account.address,
        transaction: toBase64(transaction),
      })) as { transaction: string };
      outputs.push({ signedTransaction: fromBase64(result.transaction) });
    }
    return outputs;
  }

  private follow(state: ProviderState): void {
    // Before the page connected, switching changes nothing it can see.
    if (this.connected || this.current.length > 0) this.setAccounts(state.solanaAccounts);
  }

  private setAccounts(addresses: string[]): void {
    if (addresses.join() === this.current.map((a) => a.address).join()) return;
    this.current = addresses.map(walletAccount);
    for (const listener of this.changeListeners) listener({ accounts: this.current });
  }
}
