import { ed25519 } from '@noble/curves/ed25519.js';
import bs58 from 'bs58';
import { SignerKeyError, type SolanaSigner } from './types';

/**
 * A Solana signer (Ed25519, @noble/curves). Accepts the 32-byte seed or the 64-byte secret key Solana tools
 * export (seed ‖ public key); for the latter the embedded public key must match the seed, so a corrupted
 * key is refused instead of signing under an unexpected address.
 */
export function createSolanaSigner(secretKey: Uint8Array): SolanaSigner {
  if (secretKey.length !== 32 && secretKey.length !== 64) {
    throw new SignerKeyError('A Solana secret key is 32 bytes (seed) or 64 bytes (seed and public key).');
  }
  const seed = secretKey.slice(0, 32);
  const publicKey = ed25519.getPublicKey(seed);
  if (secretKey.length === 64 && !sameBytes(publicKey, secretKey.subarray(32))) {
    seed.fill(0);
    throw new SignerKeyError('This Solana secret key is inconsistent: its public half does not match.');
  }
  const signBytes = async (bytes: Uint8Array) => ed25519.sign(bytes, seed);
  return {
    kind: 'solana',
    address: bs58.encode(publicKey),
    signBytes,
    signMessage: async (message: string | Uint8Array) =>
      bs58.encode(await signBytes(typeof message === 'string' ? new TextEncoder().encode(message) : message)),
  };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
