import { PublicKey, SystemProgram, TransactionInstruction, VersionedMessage } from '@solana/web3.js';
import bs58 from 'bs58';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { legacyMessage, lookupTable, trader, v0Message } from '@/tests/support/solana-transactions';
import { formatSol, formatUnits } from './format';
import { readSolanaMessage } from './wire';

const key = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => new PublicKey(bytes));
const instruction = fc
  .record({
    program: key,
    accounts: fc.array(fc.record({ pubkey: key, isSigner: fc.constant(false), isWritable: fc.boolean() }), {
      maxLength: 5,
    }),
    data: fc.uint8Array({ maxLength: 300 }),
  })
  .map(
    ({ program, accounts, data }) =>
      new TransactionInstruction({ programId: program, keys: accounts, data: Buffer.from(data) }),
  );

describe('readSolanaMessage', () => {
  it('reads what @solana/web3.js writes, legacy and v0 with lookup tables, exactly as web3.js reads it (1000 runs)', () => {
    fc.assert(
      fc.property(
        fc.array(instruction, { maxLength: 5 }),
        fc.boolean(),
        fc.boolean(),
        (instructions, v0, withTable) => {
          const tableKeys = instructions.flatMap((ix) => ix.keys.map((k) => k.pubkey)).slice(0, 3);
          const bytes = v0
            ? v0Message(
                instructions,
                trader.publicKey,
                withTable && tableKeys.length > 0 ? [lookupTable(tableKeys)] : [],
              )
            : legacyMessage(instructions);
          const ours = readSolanaMessage(bytes);
          const theirs = VersionedMessage.deserialize(bytes);
          expect(ours.version).toBe(theirs.version);
          expect(ours.staticKeys.map((k) => bs58.encode(k))).toEqual(theirs.staticAccountKeys.map(String));
          expect(ours.header).toEqual({
            requiredSignatures: theirs.header.numRequiredSignatures,
            readonlySigned: theirs.header.numReadonlySignedAccounts,
            readonlyUnsigned: theirs.header.numReadonlyUnsignedAccounts,
          });
          expect(
            ours.instructions.map((ix) => [ix.programIndex, ix.accountIndexes, Array.from(ix.data)]),
          ).toEqual(
            theirs.compiledInstructions.map((ix) => [
              ix.programIdIndex,
              ix.accountKeyIndexes,
              Array.from(ix.data),
            ]),
          );
          expect(
            ours.lookups.map((l) => [bs58.encode(l.table), l.writableIndexes, l.readonlyIndexes]),
          ).toEqual(
            theirs.addressTableLookups.map((l) => [
              String(l.accountKey),
              l.writableIndexes,
              l.readonlyIndexes,
            ]),
          );
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('refuses what the runtime refuses, with words', () => {
    const transfer = SystemProgram.transfer({
      fromPubkey: trader.publicKey,
      toPubkey: new PublicKey(new Uint8Array(32).fill(5)),
      lamports: 1,
    });
    const good = legacyMessage([transfer]);
    // Layout: header (3) | key count (1) | 3 keys | blockhash | instruction count | program index | …
    const programIndexAt = 3 + 1 + 3 * 32 + 32 + 1;
    const withByte = (at: number, value: number) => Uint8Array.from(good, (b, i) => (i === at ? value : b));
    expect(() => readSolanaMessage(withByte(programIndexAt, 0))).toThrow(/names a program that is not among/);
    expect(() => readSolanaMessage(withByte(programIndexAt, 3))).toThrow(/names a program that is not among/);
    expect(() => readSolanaMessage(withByte(programIndexAt + 2, 9))).toThrow(/account that does not exist/);
    expect(() => readSolanaMessage(withByte(0, 0))).toThrow(/header does not fit/);
    expect(() => readSolanaMessage(withByte(1, 1))).toThrow(/header does not fit/);
    expect(() => readSolanaMessage(new Uint8Array([0x80, ...good]))).toThrow(/ends too early|bytes after/);
    expect(() => readSolanaMessage(new Uint8Array([0xff, ...good]))).toThrow(/version 127 is not supported/);
    // A length of 0xffff+ and a length in more than 3 bytes.
    expect(() => readSolanaMessage(new Uint8Array([1, 0, 0, 0xff, 0xff, 0x04]))).toThrow(/larger than 65535/);
    expect(() => readSolanaMessage(new Uint8Array([1, 0, 0, 0x80, 0x80, 0x80, 0x01]))).toThrow(
      /longer than 3 bytes|shortest/,
    );
  });
});

describe('amounts', () => {
  it('formats base units exactly, with trailing zeros dropped', () => {
    expect(formatUnits(0n, 6)).toBe('0');
    expect(formatUnits(1n, 9)).toBe('0.000000001');
    expect(formatUnits(1_500_000n, 6)).toBe('1.5');
    expect(formatUnits(123n, 0)).toBe('123');
    expect(formatUnits(2n ** 64n - 1n, 255)).toBe(`0.${'0'.repeat(235)}18446744073709551615`);
    expect(formatSol(1_000_000_000n)).toBe('1 SOL');
  });
});
