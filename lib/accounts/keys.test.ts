import { ed25519 } from '@noble/curves/ed25519.js';
import bs58 from 'bs58';
import { privateKeyToAddress } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { toHex } from '@/lib/crypto/bytes';
import {
  exportKeyText,
  generateKey,
  guessKeyKind,
  parseAddress,
  parseEvmPrivateKey,
  parseSolanaSecretKey,
} from './keys';

const EVM_KEY = '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';
const EVM_ADDRESS = privateKeyToAddress(`0x${EVM_KEY}`);
// RFC 8032 test 1: a fixed seed and its public key.
const SEED_HEX = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const SEED = Uint8Array.from(Buffer.from(SEED_HEX, 'hex'));
const PUBLIC = ed25519.getPublicKey(SEED);
const SECRET64 = new Uint8Array([...SEED, ...PUBLIC]);
const SOLANA_ADDRESS = bs58.encode(PUBLIC);

describe('EVM private keys', () => {
  it.each([
    ['64 hex', EVM_KEY],
    ['0x prefix', `0x${EVM_KEY}`],
    ['0X prefix and upper case', `0X${EVM_KEY.toUpperCase()}`],
    ['surrounding white space', `  ${EVM_KEY}\n`],
  ])('accepts %s', (_, input) => {
    const parsed = parseEvmPrivateKey(input);
    expect(parsed).toMatchObject({ ok: true, kind: 'evm', address: EVM_ADDRESS });
    if (parsed.ok) expect(toHex(parsed.secret)).toBe(EVM_KEY);
  });

  it.each([
    ['empty', '', /Paste an EVM private key/],
    ['too short', EVM_KEY.slice(0, 62), /64 hexadecimal characters .* this one has 62/],
    ['too long', `${EVM_KEY}00`, /this one has 66/],
    ['a bad character', `${EVM_KEY.slice(0, 10)}g${EVM_KEY.slice(11)}`, /character 11 is not/],
    ['a space inside', `${EVM_KEY.slice(0, 10)} ${EVM_KEY.slice(10)}`, /character 11/],
    ['zero', '0'.repeat(64), /zero/],
    ['the curve order', 'fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141', /out of range/],
    ['above the order', 'f'.repeat(64), /out of range/],
    ['an address', EVM_ADDRESS, /64 hexadecimal characters/],
  ])('refuses %s', (_, input, reason) => {
    const parsed = parseEvmPrivateKey(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.reason).toMatch(reason);
      expect(parsed.reason).not.toContain(EVM_KEY.slice(0, 16));
    }
  });

  it('accepts the largest valid scalar (order − 1)', () => {
    expect(parseEvmPrivateKey('fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140').ok).toBe(
      true,
    );
  });
});

describe('Solana secret keys', () => {
  it.each([
    ['Base58 of 64 bytes (Phantom)', bs58.encode(SECRET64)],
    ['JSON array of 64 numbers (Solana CLI file)', JSON.stringify(Array.from(SECRET64))],
    ['JSON array with white space', ` [ ${Array.from(SECRET64).join(', ')} ]\n`],
    ['Base58 of the 32-byte seed', bs58.encode(SEED)],
    ['JSON array of the 32-byte seed', JSON.stringify(Array.from(SEED))],
  ])('accepts %s', (_, input) => {
    const parsed = parseSolanaSecretKey(input);
    expect(parsed).toMatchObject({ ok: true, kind: 'solana', address: SOLANA_ADDRESS });
    if (parsed.ok) expect(toHex(parsed.secret)).toBe(SEED_HEX);
  });

  const mismatched = new Uint8Array([...SEED, ...ed25519.getPublicKey(new Uint8Array(32).fill(7))]);
  it.each([
    ['empty', '', /Paste a Solana secret key/],
    ['a public half that does not match', bs58.encode(mismatched), /public half does not match/],
    [
      'a JSON file whose public half does not match',
      JSON.stringify(Array.from(mismatched)),
      /does not match/,
    ],
    ['63 bytes', bs58.encode(SECRET64.slice(0, 63)), /holds 63 bytes/],
    ['JSON of 65 numbers', JSON.stringify([...SECRET64, 1]), /holds 65 bytes/],
    ['a number above 255', JSON.stringify([...SECRET64.slice(0, 63), 256]), /0 to 255/],
    ['a negative number', JSON.stringify([...SECRET64.slice(0, 63), -1]), /0 to 255/],
    ['a fraction', JSON.stringify([...SECRET64.slice(0, 63), 1.5]), /0 to 255/],
    ['strings in the array', JSON.stringify(Array.from(SECRET64, String)), /0 to 255/],
    ['a JSON object', '{"secretKey": 1}', /Base58|JSON array/],
    ['truncated JSON', JSON.stringify(Array.from(SECRET64)).slice(0, 50), /not valid JSON/],
    ['non-Base58 characters', `${bs58.encode(SECRET64).slice(0, 20)}0OIl`, /character 21 is not Base58/],
    ['an EVM key', EVM_KEY, /character|bytes/],
  ])('refuses %s', (_, input, reason) => {
    const parsed = parseSolanaSecretKey(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });
});

describe('key kinds, addresses, generation and export', () => {
  it('guesses the kind of a pasted key', () => {
    expect(guessKeyKind(EVM_KEY)).toBe('evm');
    expect(guessKeyKind(`0x${EVM_KEY}`)).toBe('evm');
    expect(guessKeyKind(bs58.encode(SECRET64))).toBe('solana');
    expect(guessKeyKind(JSON.stringify(Array.from(SECRET64)))).toBe('solana');
    expect(guessKeyKind('hello')).toBeNull();
  });

  it('parses watch-only addresses', () => {
    expect(parseAddress(EVM_ADDRESS.toLowerCase(), 'evm')).toEqual({
      ok: true,
      kind: 'evm',
      address: EVM_ADDRESS,
    });
    const wrongChecksum = EVM_ADDRESS.slice(0, -1) + (EVM_ADDRESS.endsWith('a') ? 'A' : 'a');
    if (wrongChecksum !== EVM_ADDRESS && /[a-f]$/i.test(EVM_ADDRESS)) {
      expect(parseAddress(wrongChecksum, 'evm').ok).toBe(false);
    }
    expect(parseAddress('0x1234', 'evm')).toMatchObject({ ok: false, reason: /40 hexadecimal/ });
    expect(parseAddress(SOLANA_ADDRESS, 'solana')).toEqual({
      ok: true,
      kind: 'solana',
      address: SOLANA_ADDRESS,
    });
    expect(parseAddress(bs58.encode(SECRET64), 'solana')).toMatchObject({ ok: false, reason: /32 bytes/ });
    expect(parseAddress('0OIl', 'solana').ok).toBe(false);
  });

  it('generates fresh valid keys of each kind', () => {
    const a = generateKey('evm');
    const b = generateKey('evm');
    expect(a.address).not.toBe(b.address);
    expect(parseEvmPrivateKey(toHex(a.secret))).toMatchObject({ ok: true, address: a.address });
    const s = generateKey('solana');
    expect(parseSolanaSecretKey(bs58.encode(s.secret))).toMatchObject({ ok: true, address: s.address });
  });

  it('exports keys in the formats wallets import, which parse back to the same account', () => {
    const evmText = exportKeyText('evm', Uint8Array.from(Buffer.from(EVM_KEY, 'hex')));
    expect(evmText).toBe(`0x${EVM_KEY}`);
    const solanaText = exportKeyText('solana', SEED);
    expect(bs58.decode(solanaText)).toEqual(SECRET64);
    expect(parseSolanaSecretKey(solanaText)).toMatchObject({ ok: true, address: SOLANA_ADDRESS });
  });
});
