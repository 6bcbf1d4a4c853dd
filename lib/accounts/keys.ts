import { ed25519 } from '@noble/curves/ed25519.js';
import bs58 from 'bs58';
import { getAddress, isAddress } from 'viem';
import { privateKeyToAddress } from 'viem/accounts';
import { fromHex, toHex } from '@/lib/crypto/bytes';
import type { AccountKind } from './model';

/**
 * Parsing the keys a trader pastes or uploads, with a precise reason for every refusal. What the vault keeps:
 * EVM — the 32-byte secp256k1 private key; Solana — the 32-byte Ed25519 seed (the public key is derived).
 * Refusal messages never quote the key.
 */

export interface ParsedKey {
  kind: AccountKind;
  secret: Uint8Array<ArrayBuffer>;
  address: string;
}

export type KeyParseResult = ({ ok: true } & ParsedKey) | { ok: false; reason: string };

const SECP256K1_ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

const refuse = (reason: string): KeyParseResult => ({ ok: false, reason });

export function evmAddressOf(secret: Uint8Array): string {
  return privateKeyToAddress(`0x${toHex(secret)}`);
}

export function solanaAddressOf(seed: Uint8Array): string {
  return bs58.encode(ed25519.getPublicKey(seed.subarray(0, 32)));
}

export function parseEvmPrivateKey(input: string): KeyParseResult {
  const text = input.trim().replace(/^0x/i, '');
  if (text.length === 0) return refuse('Paste an EVM private key: 64 hexadecimal characters.');
  const bad = text.search(/[^0-9a-fA-F]/);
  if (bad >= 0) {
    return refuse(
      `An EVM private key has only the characters 0–9 and a–f; character ${bad + 1} is not one of them.`,
    );
  }
  if (text.length !== 64) {
    return refuse(`An EVM private key is 64 hexadecimal characters (32 bytes); this one has ${text.length}.`);
  }
  const scalar = BigInt(`0x${text}`);
  if (scalar === 0n) return refuse('This key is zero, which is not a valid private key.');
  if (scalar >= SECP256K1_ORDER) {
    return refuse('This key is out of range: a secp256k1 private key must be below the curve order.');
  }
  const secret = fromHex(text);
  return { ok: true, kind: 'evm', secret, address: evmAddressOf(secret) };
}

/** A 64-byte Solana secret (seed ‖ public key) or a 32-byte seed, checked for consistency. */
function solanaFromBytes(bytes: Uint8Array, source: string): KeyParseResult {
  if (bytes.length !== 64 && bytes.length !== 32) {
    return refuse(
      `${source} holds ${bytes.length} bytes; a Solana secret key is 64 bytes (or a 32-byte seed).`,
    );
  }
  const seed = new Uint8Array(bytes.subarray(0, 32));
  const address = solanaAddressOf(seed);
  if (bytes.length === 64 && bs58.encode(bytes.subarray(32)) !== address) {
    seed.fill(0);
    return refuse('This Solana secret key is inconsistent: its public half does not match its private half.');
  }
  return { ok: true, kind: 'solana', secret: seed, address };
}

/** Base58 (Phantom's export), a JSON byte array (the Solana CLI's key file), 64 or 32 bytes. */
export function parseSolanaSecretKey(input: string): KeyParseResult {
  const text = input.trim();
  if (text.length === 0) return refuse('Paste a Solana secret key: Base58 text or a JSON array of numbers.');
  if (text.startsWith('[')) {
    let values: unknown;
    try {
      values = JSON.parse(text);
    } catch {
      return refuse('This looks like a JSON array but is not valid JSON (is it cut short?).');
    }
    if (!Array.isArray(values)) return refuse('A Solana key file is a JSON array of numbers.');
    if (!values.every((v) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 255)) {
      return refuse('Every number of a Solana key file must be a whole number from 0 to 255.');
    }
    return solanaFromBytes(Uint8Array.from(values as number[]), 'This JSON array');
  }
  const bad = text.search(/[^1-9A-HJ-NP-Za-km-z]/);
  if (bad >= 0) {
    return refuse(`A Base58 Solana key has no 0, O, I, l or symbols; character ${bad + 1} is not Base58.`);
  }
  return solanaFromBytes(bs58.decode(text), 'This Base58 text');
}

export function parsePrivateKey(input: string, kind: AccountKind): KeyParseResult {
  return kind === 'evm' ? parseEvmPrivateKey(input) : parseSolanaSecretKey(input);
}

/** Which kind a pasted key looks like, to catch a key of the other kind than the trader chose. */
export function guessKeyKind(input: string): AccountKind | null {
  const text = input.trim();
  if (/^0x[0-9a-fA-F]*$/i.test(text) || /^[0-9a-fA-F]{64}$/.test(text)) return 'evm';
  if (text.startsWith('[')) return 'solana';
  if (/^[1-9A-HJ-NP-Za-km-z]{43,88}$/.test(text)) return 'solana';
  return null;
}

export type AddressParseResult =
  { ok: true; kind: AccountKind; address: string } | { ok: false; reason: string };

/** A watch-only address: EVM (checksum checked when mixed case) or a Solana public key. */
export function parseAddress(input: string, kind: AccountKind): AddressParseResult {
  const text = input.trim();
  if (kind === 'evm') {
    if (!/^0x[0-9a-fA-F]{40}$/.test(text))
      return { ok: false, reason: 'An EVM address is 0x followed by 40 hexadecimal characters.' };
    if (!isAddress(text))
      return { ok: false, reason: 'This address has a wrong checksum (a mistyped character?).' };
    return { ok: true, kind, address: getAddress(text) };
  }
  if (!/^[1-9A-HJ-NP-Za-km-z]+$/.test(text)) return { ok: false, reason: 'A Solana address is Base58 text.' };
  if (bs58.decode(text).length !== 32)
    return { ok: false, reason: 'A Solana address is 32 bytes in Base58.' };
  return { ok: true, kind, address: text };
}

/** A fresh key made here, for a sub-account to be registered on Aster later. */
export function generateKey(kind: AccountKind): ParsedKey {
  if (kind === 'solana') {
    const seed = crypto.getRandomValues(new Uint8Array(32));
    return { kind, secret: seed, address: solanaAddressOf(seed) };
  }
  for (;;) {
    const secret = crypto.getRandomValues(new Uint8Array(32));
    const scalar = BigInt(`0x${toHex(secret)}`);
    if (scalar > 0n && scalar < SECP256K1_ORDER) return { kind, secret, address: evmAddressOf(secret) };
  }
}

/** The text a trader saves when revealing a key: 0x-hex for EVM, Base58 of the 64-byte secret for Solana. */
export function exportKeyText(kind: AccountKind, secret: Uint8Array): string {
  if (kind === 'evm') return `0x${toHex(secret)}`;
  const full = new Uint8Array(64);
  full.set(secret.subarray(0, 32));
  full.set(ed25519.getPublicKey(secret.subarray(0, 32)), 32);
  const text = bs58.encode(full);
  full.fill(0);
  return text;
}

/** Two addresses are the same account: EVM case-insensitively, Solana exactly. */
export function sameAccountAddress(kind: AccountKind, a: string, b: string): boolean {
  return kind === 'evm' ? a.toLowerCase() === b.toLowerCase() : a === b;
}
