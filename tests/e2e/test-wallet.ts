import type { Page } from '@playwright/test';
import bs58 from 'bs58';
import nacl from 'tweetnacl';
import { hexToBytes, hexToString, isHex, type Hex, type TypedDataDefinition } from 'viem';
import { privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';

/**
 * Test wallets for a plain Chromium page (no extension): an EIP-1193 provider announced through EIP-6963 and a
 * Wallet Standard Solana wallet registered through the `wallet-standard:register-wallet` event protocol, both
 * written by hand in an init script. Every request crosses to Node (`page.exposeFunction`), where viem and
 * tweetnacl sign with TEST-ONLY keys, and is recorded in `calls`.
 */

export interface WalletCall {
  wallet: 'evm' | 'solana';
  method: string;
  params: unknown;
}

export const EVM_WALLET_INFO = {
  uuid: '4f7c2a52-0d61-4a8e-9d8a-6f0e5b1c2d3e',
  name: 'Test EVM Wallet',
  rdns: 'dev.aster-companion.test-evm',
  icon: `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8" fill="#f6851b"/></svg>')}`,
} as const;

export const SOLANA_WALLET_INFO = {
  name: 'Test Solana Wallet',
  icon: `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8" fill="#9945ff"/></svg>')}`,
} as const;

type RpcAnswer = { result: unknown } | { error: { code: number; message: string } };

const rpcError = (code: number, message: string): RpcAnswer => ({ error: { code, message } });

/** `eth_signTypedData_v4` JSON back into viem's shape: uint/int values as bigint, no EIP712Domain type. */
function typedDataFromJson(json: string): TypedDataDefinition {
  const parsed = JSON.parse(json) as {
    domain: Record<string, unknown>;
    types: Record<string, Array<{ name: string; type: string }>>;
    primaryType: string;
    message: Record<string, unknown>;
  };
  const types = { ...parsed.types };
  delete types.EIP712Domain; // viem derives the domain type itself
  const message = { ...parsed.message };
  for (const field of types[parsed.primaryType] ?? [])
    if (/^u?int\d*$/.test(field.type) && message[field.name] !== undefined)
      message[field.name] = BigInt(message[field.name] as string | number);
  return {
    domain: parsed.domain,
    types,
    primaryType: parsed.primaryType,
    message,
  } as unknown as TypedDataDefinition;
}

export class TestWallets {
  readonly calls: WalletCall[] = [];
  private evm: PrivateKeyAccount;
  private evmConnected = false;
  private solana: nacl.SignKeyPair;
  private solanaConnected = false;

  constructor(
    private readonly page: Page,
    keys: { evmPrivateKey: Hex; solanaSeed: string },
  ) {
    this.evm = privateKeyToAccount(keys.evmPrivateKey);
    this.solana = nacl.sign.keyPair.fromSeed(hexToBytes(`0x${keys.solanaSeed}`));
  }

  get evmAddress(): Hex {
    return this.evm.address;
  }

  get solanaAddress(): string {
    return bs58.encode(this.solana.publicKey);
  }

  callsOf(method: string): WalletCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Installs both wallets in `page`; call before the first navigation. */
  async install(): Promise<void> {
    await this.page.exposeFunction('__testWalletEvm', (method: string, params: unknown) =>
      this.handleEvm(method, params),
    );
    await this.page.exposeFunction('__testWalletSolana', (method: string, params: unknown) =>
      this.handleSolana(method, params),
    );
    await this.page.addInitScript(injectWallets, { evm: EVM_WALLET_INFO, solana: SOLANA_WALLET_INFO });
  }

  /** The EVM wallet switches account and tells the page (`accountsChanged`), as a wallet's UI would. */
  async switchEvmAccount(privateKey: Hex): Promise<void> {
    this.evm = privateKeyToAccount(privateKey);
    await this.page.evaluate(
      (accounts) => (window as unknown as TestWindow).__testWalletEmitEvm('accountsChanged', accounts),
      this.evmConnected ? [this.evm.address] : [],
    );
  }

  /** The EVM wallet stops sharing accounts with the page: `accountsChanged` with []. */
  async disconnectEvm(): Promise<void> {
    this.evmConnected = false;
    await this.page.evaluate(() =>
      (window as unknown as TestWindow).__testWalletEmitEvm('accountsChanged', []),
    );
  }

  /** The Solana wallet switches account: Wallet Standard `change` with the new `accounts`. */
  async switchSolanaAccount(seedHex: string): Promise<void> {
    this.solana = nacl.sign.keyPair.fromSeed(hexToBytes(`0x${seedHex}`));
    await this.page.evaluate(
      (accounts) => (window as unknown as TestWindow).__testWalletEmitSolana(accounts),
      this.solanaConnected ? [this.solanaAccount()] : [],
    );
  }

  private solanaAccount(): SolanaAccountJson {
    return { address: this.solanaAddress, publicKey: Array.from(this.solana.publicKey) };
  }

  private async handleEvm(method: string, params: unknown): Promise<RpcAnswer> {
    this.calls.push({ wallet: 'evm', method, params });
    const list = Array.isArray(params) ? (params as unknown[]) : [];
    const isMe = (address: unknown) =>
      typeof address === 'string' && address.toLowerCase() === this.evm.address.toLowerCase();
    switch (method) {
      case 'eth_requestAccounts':
        this.evmConnected = true;
        return { result: [this.evm.address] };
      case 'eth_accounts':
        return { result: this.evmConnected ? [this.evm.address] : [] };
      case 'eth_chainId':
        return { result: '0x38' };
      case 'personal_sign': {
        // MetaMask's order: [message as 0x-hex of the UTF-8 bytes, address].
        const [message, address] = list;
        if (!this.evmConnected || !isMe(address)) return rpcError(4100, 'Not connected with this account.');
        if (typeof message !== 'string' || !isHex(message))
          return rpcError(-32602, 'Expected a 0x-hex message.');
        return { result: await this.evm.signMessage({ message: { raw: message } }) };
      }
      case 'eth_signTypedData_v4': {
        const [address, json] = list;
        if (!this.evmConnected || !isMe(address)) return rpcError(4100, 'Not connected with this account.');
        if (typeof json !== 'string') return rpcError(-32602, 'Expected the typed data as JSON.');
        return { result: await this.evm.signTypedData(typedDataFromJson(json)) };
      }
      default:
        return rpcError(4200, `Unsupported method ${method}.`);
    }
  }

  private async handleSolana(method: string, params: unknown): Promise<unknown> {
    this.calls.push({ wallet: 'solana', method, params });
    if (method === 'connect') {
      this.solanaConnected = true;
      return [this.solanaAccount()];
    }
    if (method === 'signMessage') {
      const { address, message } = params as { address: string; message: number[] };
      if (!this.solanaConnected || address !== this.solanaAddress)
        throw new Error('Not connected with this account.');
      return Array.from(nacl.sign.detached(Uint8Array.from(message), this.solana.secretKey));
    }
    throw new Error(`Unsupported method ${method}.`);
  }
}

/** The login text a personal_sign call carried (its first parameter is 0x-hex of UTF-8). */
export function personalSignText(call: WalletCall): string {
  return hexToString((call.params as [Hex, string])[0]);
}

interface SolanaAccountJson {
  address: string;
  publicKey: number[];
}

interface TestWindow {
  __testWalletEvm(method: string, params: unknown): Promise<RpcAnswer>;
  __testWalletSolana(method: string, params: unknown): Promise<unknown>;
  __testWalletEmitEvm(event: string, payload: unknown): void;
  __testWalletEmitSolana(accounts: SolanaAccountJson[]): void;
}

/** Runs in the page before its scripts (serialised by Playwright: it may use nothing from this module). */
function injectWallets(config: {
  evm: { uuid: string; name: string; rdns: string; icon: string };
  solana: { name: string; icon: string };
}): void {
  const w = window as unknown as TestWindow & Window;

  // EIP-1193 provider, announced through EIP-6963.
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const provider = {
    async request({ method, params }: { method: string; params?: unknown }) {
      const answer = await w.__testWalletEvm(method, params ?? []);
      if ('error' in answer)
        throw Object.assign(new Error(answer.error.message), { code: answer.error.code });
      return answer.result;
    },
    on(event: string, listener: (payload: unknown) => void) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
      return provider;
    },
    removeListener(event: string, listener: (payload: unknown) => void) {
      listeners.get(event)?.delete(listener);
      return provider;
    },
  };
  w.__testWalletEmitEvm = (event, payload) => listeners.get(event)?.forEach((l) => l(payload));
  const detail = Object.freeze({ info: Object.freeze({ ...config.evm }), provider });
  const announce = () => window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail }));
  window.addEventListener('eip6963:requestProvider', announce);
  announce();

  // Wallet Standard wallet with solana:signMessage.
  type Account = { address: string; publicKey: Uint8Array; chains: string[]; features: string[] };
  const toAccount = (a: SolanaAccountJson): Account =>
    Object.freeze({
      address: a.address,
      publicKey: Uint8Array.from(a.publicKey),
      chains: ['solana:mainnet'],
      features: ['solana:signMessage'],
    });
  let accounts: Account[] = [];
  const changeListeners = new Set<(properties: { accounts: Account[] }) => void>();
  const wallet = {
    version: '1.0.0',
    name: config.solana.name,
    icon: config.solana.icon,
    chains: ['solana:mainnet'],
    get accounts() {
      return accounts;
    },
    features: {
      'standard:connect': {
        version: '1.0.0',
        async connect() {
          accounts = ((await w.__testWalletSolana('connect', null)) as SolanaAccountJson[]).map(toAccount);
          return { accounts };
        },
      },
      'standard:events': {
        version: '1.0.0',
        on(event: string, listener: (properties: { accounts: Account[] }) => void) {
          if (event !== 'change') return () => {};
          changeListeners.add(listener);
          return () => changeListeners.delete(listener);
        },
      },
      'solana:signMessage': {
        version: '1.0.0',
        signMessage(...inputs: Array<{ account: Account; message: Uint8Array }>) {
          return Promise.all(
            inputs.map(async ({ account, message }) => {
              const signature = (await w.__testWalletSolana('signMessage', {
                address: account.address,
                message: Array.from(message),
              })) as number[];
              return {
                signedMessage: message,
                signature: Uint8Array.from(signature),
                signatureType: 'ed25519',
              };
            }),
          );
        },
      },
    },
  };
  w.__testWalletEmitSolana = (next) => {
    accounts = next.map(toAccount);
    changeListeners.forEach((l) => l({ accounts }));
  };
  const register = (api: { register(wallet: unknown): unknown }) => api.register(wallet);
  window.addEventListener('wallet-standard:app-ready', (event) =>
    register((event as CustomEvent<{ register(wallet: unknown): unknown }>).detail),
  );
  window.dispatchEvent(new CustomEvent('wallet-standard:register-wallet', { detail: register }));
}
