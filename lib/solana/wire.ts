import { t } from '@/lib/i18n';
/**
 * A strict reader of a Solana transaction message (legacy or v0), the exact bytes a signature covers.
 * Strict where the runtime is: canonical compact-u16 lengths, indexes in range, a program that is a static
 * account, and no byte left over. Anything else throws `SolanaWireError` with words for the prompt.
 */

export class SolanaWireError extends Error {
  override name = 'SolanaWireError';
}

export interface CompiledInstruction {
  /** Index of the program in the static account keys. */
  programIndex: number;
  /** Indexes into the static keys, then the lookup tables' writable, then readonly addresses. */
  accountIndexes: number[];
  data: Uint8Array;
}

export interface AddressTableLookup {
  table: Uint8Array;
  writableIndexes: number[];
  readonlyIndexes: number[];
}

export interface SolanaMessage {
  version: 'legacy' | 0;
  header: { requiredSignatures: number; readonlySigned: number; readonlyUnsigned: number };
  /** The account keys written in the message, signers first; the fee payer is the first. */
  staticKeys: Uint8Array[];
  /** A recent blockhash, or the nonce of a durable-nonce transaction. */
  lifetime: Uint8Array;
  instructions: CompiledInstruction[];
  /** v0 only: accounts that come from on-chain lookup tables, which cannot be read offline. */
  lookups: AddressTableLookup[];
}

class Reader {
  offset = 0;
  constructor(private readonly bytes: Uint8Array) {}

  u8(): number {
    const byte = this.bytes[this.offset];
    if (byte === undefined) throw new SolanaWireError(t('decode.solana.wire.endsEarly'));
    this.offset += 1;
    return byte;
  }

  /** Solana's short_vec: 1–3 bytes, 7 bits each, no redundant trailing zero byte, at most 0xffff. */
  compactU16(): number {
    let value = 0;
    for (let size = 0; size < 3; size++) {
      const byte = this.u8();
      if (size > 0 && byte === 0) throw new SolanaWireError('A length is not in its shortest encoding.');
      value |= (byte & 0x7f) << (7 * size);
      if ((byte & 0x80) === 0) {
        if (value > 0xffff) throw new SolanaWireError('A length is larger than 65535.');
        return value;
      }
    }
    throw new SolanaWireError('A length is longer than 3 bytes.');
  }

  take(length: number): Uint8Array {
    if (this.offset + length > this.bytes.length)
      throw new SolanaWireError(t('decode.solana.wire.endsEarly'));
    const slice = this.bytes.slice(this.offset, this.offset + length);
    this.offset += length;
    return slice;
  }

  indexes(): number[] {
    return Array.from(this.take(this.compactU16()));
  }

  get done(): boolean {
    return this.offset === this.bytes.length;
  }
}

export function readSolanaMessage(bytes: Uint8Array): SolanaMessage {
  const reader = new Reader(bytes);
  let version: 'legacy' | 0 = 'legacy';
  const first = bytes[0];
  if (first !== undefined && (first & 0x80) !== 0) {
    if (first !== 0x80)
      throw new SolanaWireError(t('decode.solana.wire.version', { version: String(first & 0x7f) }));
    version = 0;
    reader.u8();
  }
  const header = {
    requiredSignatures: reader.u8(),
    readonlySigned: reader.u8(),
    readonlyUnsigned: reader.u8(),
  };
  const keyCount = reader.compactU16();
  const staticKeys = Array.from({ length: keyCount }, () => reader.take(32));
  if (
    header.requiredSignatures === 0 ||
    header.readonlySigned >= header.requiredSignatures ||
    header.requiredSignatures + header.readonlyUnsigned > keyCount
  )
    throw new SolanaWireError(t('decode.solana.wire.header'));
  const lifetime = reader.take(32);
  const instructionCount = reader.compactU16();
  const instructions: CompiledInstruction[] = [];
  for (let i = 0; i < instructionCount; i++) {
    const programIndex = reader.u8();
    instructions.push({
      programIndex,
      accountIndexes: reader.indexes(),
      data: reader.take(reader.compactU16()),
    });
  }
  const lookups: AddressTableLookup[] = [];
  if (version === 0) {
    const lookupCount = reader.compactU16();
    for (let i = 0; i < lookupCount; i++) {
      lookups.push({
        table: reader.take(32),
        writableIndexes: reader.indexes(),
        readonlyIndexes: reader.indexes(),
      });
    }
  }
  if (!reader.done) throw new SolanaWireError(t('decode.solana.wire.trailingBytes'));
  const loaded = lookups.reduce((sum, l) => sum + l.writableIndexes.length + l.readonlyIndexes.length, 0);
  for (const instruction of instructions) {
    // The runtime loads programs from the static keys only; the fee payer is never a program.
    if (instruction.programIndex === 0 || instruction.programIndex >= keyCount)
      throw new SolanaWireError(t('decode.solana.wire.programMissing'));
    if (instruction.accountIndexes.some((index) => index >= keyCount + loaded))
      throw new SolanaWireError(t('decode.solana.wire.accountMissing'));
  }
  return { version, header, staticKeys, lifetime, instructions, lookups };
}
