/**
 * Offline signing of a serialized Solana transaction (legacy or v0) without @solana/web3.js in the worker:
 * the wire format is `compact-u16 signature count ‖ 64-byte signatures ‖ message`, and the message starts
 * with an optional version byte (0x80 | v), a 3-byte header and the account keys, signers first.
 */

function readCompactU16(bytes: Uint8Array, offset: number): { value: number; size: number } {
  let value = 0;
  for (let size = 0; size < 3; size++) {
    const byte = bytes[offset + size];
    if (byte === undefined) throw new Error('truncated');
    value |= (byte & 0x7f) << (7 * size);
    if ((byte & 0x80) === 0) return { value, size: size + 1 };
  }
  throw new Error('bad compact-u16');
}

export interface ParsedSolanaTransaction {
  signatureCount: number;
  /** Offset of the message in the serialized transaction. */
  messageOffset: number;
  /** The public keys that must sign, in signature order. */
  signers: Uint8Array[];
  version: 'legacy' | number;
  /** The program each instruction calls, in order (what the prompt shows). */
  programIds: Uint8Array[];
}

export function parseSolanaTransaction(bytes: Uint8Array): ParsedSolanaTransaction {
  const count = readCompactU16(bytes, 0);
  const messageOffset = count.size + count.value * 64;
  let cursor = messageOffset;
  if (bytes.length < cursor + 4) throw new Error('truncated');
  let version: 'legacy' | number = 'legacy';
  if ((bytes[cursor]! & 0x80) !== 0) {
    version = bytes[cursor]! & 0x7f;
    cursor += 1;
  }
  const requiredSignatures = bytes[cursor]!;
  cursor += 3;
  const keys = readCompactU16(bytes, cursor);
  cursor += keys.size;
  if (requiredSignatures !== count.value || requiredSignatures > keys.value)
    throw new Error('inconsistent header');
  if (bytes.length < cursor + keys.value * 32) throw new Error('truncated');
  const keysAt = cursor;
  const accountKey = (index: number) => bytes.slice(keysAt + index * 32, keysAt + (index + 1) * 32);
  const signers = Array.from({ length: requiredSignatures }, (_, i) => accountKey(i));
  cursor += keys.value * 32 + 32; // the account keys, then the recent blockhash
  const instructions = readCompactU16(bytes, cursor);
  cursor += instructions.size;
  const programIds: Uint8Array[] = [];
  for (let i = 0; i < instructions.value; i++) {
    const programIndex = bytes[cursor];
    if (programIndex === undefined || programIndex >= keys.value) throw new Error('bad instruction');
    programIds.push(accountKey(programIndex));
    cursor += 1;
    for (let part = 0; part < 2; part++) {
      // the instruction's account indexes, then its data
      const length = readCompactU16(bytes, cursor);
      cursor += length.size + length.value;
    }
    if (cursor > bytes.length) throw new Error('truncated');
  }
  return { signatureCount: count.value, messageOffset, signers, version, programIds };
}

/**
 * The message `publicKey` must sign, and a function that puts its signature in that key's slot. Throws when
 * the transaction does not ask that key to sign.
 */
export function prepareSolanaSigning(
  bytes: Uint8Array,
  publicKey: Uint8Array,
): { message: Uint8Array; programIds: Uint8Array[]; place(signature: Uint8Array): Uint8Array } {
  const parsed = parseSolanaTransaction(bytes);
  const slot = parsed.signers.findIndex((key) => key.every((b, i) => b === publicKey[i]));
  if (slot < 0) throw new Error('This transaction does not ask this account to sign.');
  const prefix = readCompactU16(bytes, 0).size;
  return {
    message: bytes.slice(parsed.messageOffset),
    programIds: parsed.programIds,
    place(signature) {
      if (signature.length !== 64) throw new Error('An Ed25519 signature is 64 bytes.');
      const signed = bytes.slice();
      signed.set(signature, prefix + slot * 64);
      return signed;
    },
  };
}
