import bs58 from 'bs58';
import nacl from 'tweetnacl';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { asterMessageTypedData } from './messages';

/**
 * A new sub-account key, generated IN THE PAGE as Aster's web app does: the exchange never sees it, only its
 * address and its signature over the child body. `secret` is shown to the user once and then dropped.
 */
export interface NewSubKey {
  kind: 'evm' | 'solana';
  address: string;
  /** EVM: 0x-hex private key. Solana: Base58 of the 64-byte secret key (the format Solana wallets import). */
  secret: string;
  /** The child signature over `msg` (EIP-712 Message for EVM, Ed25519/Base58 for Solana). */
  sign(msg: string, chainId: number): Promise<string>;
}

export function generateSubKey(kind: 'evm' | 'solana'): NewSubKey {
  if (kind === 'evm') {
    const privateKey = generatePrivateKey();
    const account = privateKeyToAccount(privateKey);
    return {
      kind,
      address: account.address,
      secret: privateKey,
      sign: (msg, chainId) => account.signTypedData(asterMessageTypedData(msg, chainId)),
    };
  }
  const pair = nacl.sign.keyPair();
  return {
    kind,
    address: bs58.encode(pair.publicKey),
    secret: bs58.encode(pair.secretKey),
    sign: async (msg) => bs58.encode(nacl.sign.detached(new TextEncoder().encode(msg), pair.secretKey)),
  };
}
