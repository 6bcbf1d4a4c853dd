import { createEvmSigner } from './evm';
import { createSolanaSigner } from './solana';
import type { Signer, SignerKind } from './types';

export * from './types';
export { createEvmSigner } from './evm';
export { createSolanaSigner } from './solana';

/** The signer for an account of `kind` from its raw key bytes. */
export function createSigner(kind: SignerKind, secretKey: Uint8Array): Signer {
  return kind === 'evm' ? createEvmSigner(secretKey) : createSolanaSigner(secretKey);
}
