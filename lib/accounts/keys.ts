import { ed25519 } from '@noble/curves/ed25519.js';
import bs58 from 'bs58';
import { getAddress, isAddress } from 'viem';
import { privateKeyToAddress } from 'viem/accounts';
import { fromHex, toHex } from '@/lib/crypto/bytes';
import type { AccountKind } from './model';
import { t } from '@/lib/i18n';

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
  if (text.length === 0) return refuse(t('background.keys.evmEmpty'));
  const bad = text.search(/[^0-9a-fA-F]/);
  if (bad >= 0) {
    return refuse(t('background.keys.evmBadChar', { position: bad + 1 }));
  }
  if (text.length !== 64) {
    return refuse(t('background.keys.evmLength', { length: text.length }));
  }
  const scalar = BigInt(`0x${text}`);
  if (scalar === 0n) return refuse(t('background.keys.zero'));
  if (scalar >= SECP256K1_ORDER) {
    return refuse(t('background.keys.outOfRange'));
  }
  const secret = fromHex(text);
  return { ok: true, kind: 'evm', secret, address: evmAddressOf(secret) };
}

/** A 64-byte Solana secret (seed ‖ public key) or a 32-byte seed, checked for consistency. */
function solanaFromBytes(bytes: Uint8Array, source: 'json' | 'base58'): KeyParseResult {
  if (bytes.length !== 64 && bytes.length !== 32) {
    return refuse(
      t(source === 'json' ? 'background.keys.jsonArrayLength' : 'background.keys.base58Length', {
        count: bytes.length,
      }),
    );
  }
  const seed = new Uint8Array(bytes.subarray(0, 32));
  const address = solanaAddressOf(seed);
  if (bytes.length === 64 && bs58.encode(bytes.subarray(32)) !== address) {
    seed.fill(0);
    return refuse(t('background.keys.inconsistent'));
  }
  return { ok: true, kind: 'solana', secret: seed, address };
}

/** Base58 (Phantom's export), a JSON byte array (the Solana CLI's key file), 64 or 32 bytes. */
export function parseSolanaSecretKey(input: string): KeyParseResult {
  const text = input.trim();
  if (text.length === 0) return refuse(t('background.keys.solanaEmpty'));
  if (text.startsWith('[')) {
    let values: unknown;
    try {
      values = JSON.parse(text);
    } catch {
      return refuse(t('background.keys.badJson'));
    }
    if (!Array.isArray(values)) return refuse(t('background.keys.notArray'));
    if (!values.every((v) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 255)) {
      return refuse(t('background.keys.badByte'));
    }
    return solanaFromBytes(Uint8Array.from(values as number[]), 'json');
  }
  const bad = text.search(/[^1-9A-HJ-NP-Za-km-z]/);
  if (bad >= 0) {
    return refuse(t('background.keys.badBase58', { position: bad + 1 }));
  }
  return solanaFromBytes(bs58.decode(text), 'base58');
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
    if (!/^0x[0-9a-fA-F]{40}$/.test(text)) return { ok: false, reason: t('background.keys.evmAddress') };
    if (!isAddress(text)) return { ok: false, reason: t('background.keys.checksum') };
    return { ok: true, kind, address: getAddress(text) };
  }
  if (!/^[1-9A-HJ-NP-Za-km-z]+$/.test(text))
    return { ok: false, reason: t('background.keys.solanaAddressText') };
  if (bs58.decode(text).length !== 32) return { ok: false, reason: t('background.keys.solanaAddressLength') };
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
