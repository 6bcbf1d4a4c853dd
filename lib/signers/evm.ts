import { bytesToHex, type TypedDataDefinition } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { SignerKeyError, type EvmSigner, type HexString, type TypedData } from './types';

/**
 * An EVM signer over a 32-byte secp256k1 private key (viem). The caller keeps ownership of `privateKey` and
 * may wipe it after this returns; viem keeps its own copy for the signer's lifetime.
 */
export function createEvmSigner(privateKey: Uint8Array): EvmSigner {
  if (privateKey.length !== 32) throw new SignerKeyError('An EVM private key is 32 bytes.');
  let account: ReturnType<typeof privateKeyToAccount>;
  try {
    account = privateKeyToAccount(bytesToHex(privateKey));
  } catch {
    // viem's error text may quote the key: replace it.
    throw new SignerKeyError('That is not a valid EVM private key.');
  }
  return {
    kind: 'evm',
    address: account.address,
    signTypedData: (typedData: TypedData) =>
      account.signTypedData(typedData as unknown as TypedDataDefinition) as Promise<HexString>,
    signMessage: (message: string | Uint8Array) =>
      account.signMessage({ message: typeof message === 'string' ? message : { raw: message } }),
  };
}
