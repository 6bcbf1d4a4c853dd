import { ed25519 } from '@noble/curves/ed25519.js';
import bs58 from 'bs58';
import { DEMO_KEYS } from '../../simulator/keys';

/**
 * Every encoding a test key could leak in (hex, Base64, Base58, JSON byte arrays of the seed and the full
 * Solana secret): the storage scans of the Chromium and Firefox suites look for these.
 */
export function leakNeedles(): string[] {
  const keys: Buffer[] = [];
  for (const entry of Object.values(DEMO_KEYS) as Array<{ privateKey?: string; seed?: string }>) {
    const hex = entry.privateKey ?? entry.seed;
    if (!hex) continue;
    const bytes = Buffer.from(hex.replace(/^0x/, ''), 'hex');
    keys.push(bytes);
    if (entry.seed) keys.push(Buffer.concat([bytes, Buffer.from(ed25519.getPublicKey(bytes))]));
  }
  keys.push(Buffer.from('4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318', 'hex'));
  return keys.flatMap((key) => [
    key.toString('hex'),
    key.toString('hex').toUpperCase(),
    key.toString('base64'),
    bs58.encode(key),
    JSON.stringify(Array.from(key)),
  ]);
}

/** The needles (the test keys in every encoding, then `extra`) that stand anywhere in a storage dump. */
export function leaksIn(dump: unknown, extra: readonly string[] = []): string[] {
  const haystack = JSON.stringify(dump);
  return [...leakNeedles(), ...extra].filter((needle) => haystack.includes(needle));
}
