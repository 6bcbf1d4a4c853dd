import {
  AuthorityType,
  createApproveCheckedInstruction,
  createApproveInstruction,
  createAssociatedTokenAccountIdempotentInstruction,
  createCloseAccountInstruction,
  createRevokeInstruction,
  createSetAuthorityInstruction,
  createSyncNativeInstruction,
  createTransferCheckedInstruction,
  createTransferInstruction,
  TOKEN_2022_PROGRAM_ID,
  TOKEN_PROGRAM_ID,
} from '@solana/spl-token';
import {
  ComputeBudgetProgram,
  PublicKey,
  SystemProgram,
  TransactionInstruction,
  VersionedMessage,
} from '@solana/web3.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { legacyMessage, lookupTable, trader, v0Message } from '@/tests/support/solana-transactions';
import { summarizeSolanaTransaction } from './transaction-summary';

/**
 * Generated transactions (fast-check): random mixes of read and blocked instructions over random accounts,
 * legacy and v0, then truncated, flipped and padded bytes. The summary never throws, is never `ok`, and is
 * `block` whenever any instruction is blocked, unread or reached through a lookup table. Garbled bytes that
 * still pass are checked against @solana/web3.js's own reading of the message (an independent oracle).
 */

const me = trader.publicKey;
const TRADER = me.toBase58();
const context = { signer: TRADER, lookup: (a: string) => (a === TRADER ? { name: 'SolDesk' } : undefined) };

const key = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => new PublicKey(bytes));
const amount = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });
const tokenProgram = fc.constantFrom(TOKEN_PROGRAM_ID, TOKEN_2022_PROGRAM_ID);
const KNOWN = new Set(
  [SystemProgram.programId, TOKEN_PROGRAM_ID, TOKEN_2022_PROGRAM_ID, ComputeBudgetProgram.programId].map(
    String,
  ),
);
KNOWN.add('ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL');

type Generated = { instruction: TransactionInstruction; blocked: boolean; viaTable?: PublicKey };

const allowed: fc.Arbitrary<Generated>[] = [
  fc
    .record({ to: key, lamports: amount })
    .map(({ to, lamports }) => SystemProgram.transfer({ fromPubkey: me, toPubkey: to, lamports })),
  fc
    .record({ from: key, to: key, mint: key, value: amount, decimals: fc.nat(18), program: tokenProgram })
    .map(({ from, to, mint, value, decimals, program }) =>
      createTransferCheckedInstruction(from, mint, to, me, value, decimals, [], program),
    ),
  fc
    .record({ from: key, to: key, value: amount, program: tokenProgram })
    .map(({ from, to, value, program }) => createTransferInstruction(from, to, me, value, [], program)),
  fc.nat(1_400_000).map((units) => ComputeBudgetProgram.setComputeUnitLimit({ units })),
  fc.nat(50_000).map((microLamports) => ComputeBudgetProgram.setComputeUnitPrice({ microLamports })),
  fc
    .record({ ata: key, owner: key, mint: key })
    .map(({ ata, owner, mint }) => createAssociatedTokenAccountIdempotentInstruction(me, ata, owner, mint)),
  fc
    .record({ account: key, program: tokenProgram })
    .map(({ account, program }) => createRevokeInstruction(account, me, [], program)),
  fc
    .record({ account: key, program: tokenProgram })
    .map(({ account, program }) => createSyncNativeInstruction(account, program)),
  fc
    .record({ account: key, program: tokenProgram })
    .map(({ account, program }) => createCloseAccountInstruction(account, me, me, [], program)),
].map((arbitrary) => arbitrary.map((instruction) => ({ instruction, blocked: false })));

const unknownProgram = key.filter((k) => !KNOWN.has(k.toBase58()));

const blockedInstructions: fc.Arbitrary<Generated>[] = [
  key.map((program) => SystemProgram.assign({ accountPubkey: me, programId: program })),
  fc
    .record({ account: key, delegate: key, value: amount, program: tokenProgram })
    .map(({ account, delegate, value, program }) =>
      createApproveInstruction(account, delegate, me, value, [], program),
    ),
  fc
    .record({ account: key, mint: key, delegate: key, value: amount, program: tokenProgram })
    .map(({ account, mint, delegate, value, program }) =>
      createApproveCheckedInstruction(account, mint, delegate, me, value, 6, [], program),
    ),
  fc
    .record({
      account: key,
      next: fc.option(key, { nil: null }),
      type: fc.constantFrom(...[0, 1, 2, 3].map((t) => t as AuthorityType)),
      program: tokenProgram,
    })
    .map(({ account, next, type, program }) =>
      createSetAuthorityInstruction(account, me, type, next, [], program),
    ),
  fc
    .record({ account: key, to: key, program: tokenProgram })
    .map(({ account, to, program }) => createCloseAccountInstruction(account, to, me, [], program)),
  fc
    .record({ nonce: key, next: key })
    .map(({ nonce, next }) =>
      SystemProgram.nonceAuthorize({ noncePubkey: nonce, authorizedPubkey: me, newAuthorizedPubkey: next }),
    ),
  fc
    .record({
      program: unknownProgram,
      data: fc.uint8Array({ maxLength: 40 }),
      accounts: fc.array(key, { maxLength: 4 }),
    })
    .map(
      ({ program, data, accounts }) =>
        new TransactionInstruction({
          programId: program,
          data: Buffer.from(data),
          keys: [me, ...accounts].map((pubkey) => ({
            pubkey,
            isSigner: pubkey.equals(me),
            isWritable: true,
          })),
        }),
    ),
  // Token and System data this wallet does not read (random discriminators and lengths).
  fc
    .record({
      program: fc.constantFrom(TOKEN_PROGRAM_ID, TOKEN_2022_PROGRAM_ID),
      data: fc.uint8Array({ maxLength: 12 }).filter((d) => d.length === 0 || d[0]! > 24),
      account: key,
    })
    .map(
      ({ program, data, account }) =>
        new TransactionInstruction({
          programId: program,
          data: Buffer.from(data),
          keys: [{ pubkey: account, isSigner: false, isWritable: true }],
        }),
    ),
].map((arbitrary) => arbitrary.map((instruction) => ({ instruction, blocked: true })));

/** A read instruction whose destination comes from a lookup table: it cannot be read offline. */
const viaTable: fc.Arbitrary<Generated> = fc
  .record({ to: key, lamports: amount })
  .map(({ to, lamports }) => ({
    instruction: SystemProgram.transfer({ fromPubkey: me, toPubkey: to, lamports }),
    blocked: true,
    viaTable: to,
  }));

const transaction = fc.record({
  instructions: fc.array(fc.oneof(...allowed, ...blockedInstructions), { minLength: 0, maxLength: 6 }),
  tableInstruction: fc.option(viaTable, { nil: undefined }),
  v0: fc.boolean(),
});

function build({
  instructions,
  tableInstruction,
  v0,
}: {
  instructions: Generated[];
  tableInstruction?: Generated;
  v0: boolean;
}) {
  const all = tableInstruction ? [...instructions, tableInstruction] : instructions;
  const bytes =
    v0 || tableInstruction
      ? v0Message(
          all.map((g) => g.instruction),
          me,
          tableInstruction ? [lookupTable([tableInstruction.viaTable!])] : [],
        )
      : legacyMessage(all.map((g) => g.instruction));
  return { bytes, all };
}

const RUNS = 3000;

describe('generated Solana transactions', () => {
  it(`mixes of read and blocked instructions: blocked iff any is blocked, never ok, never throws (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(transaction, (tx) => {
        const { bytes, all } = build(tx);
        const summary = summarizeSolanaTransaction(bytes, context);
        expect(summary.verdict.level).not.toBe('ok');
        const anyBlocked = all.some((g) => g.blocked);
        expect(summary.verdict.level).toBe(anyBlocked ? 'block' : 'warn');
        expect(summary.actions).toHaveLength(all.length + 1);
        expect(summary.verdict.reasons.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS },
    );
  });

  it(`garbled bytes (truncated, flipped, inserted, appended): never throws; what passes, web3.js reads as harmless (${RUNS} runs)`, () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(), value: fc.nat(255) }),
      fc.record({
        kind: fc.constant('flip' as const),
        at: fc.nat(),
        value: fc.integer({ min: 1, max: 255 }),
      }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), value: fc.nat(255) }),
      fc.record({ kind: fc.constant('append' as const), at: fc.nat(), value: fc.nat(255) }),
    );
    let passed = 0;
    fc.assert(
      fc.property(transaction, fc.array(mutation, { minLength: 1, maxLength: 3 }), (tx, mutations) => {
        let bytes = build(tx).bytes;
        for (const { kind, at, value } of mutations) {
          const i = bytes.length === 0 ? 0 : at % bytes.length;
          if (kind === 'truncate') bytes = bytes.slice(0, i);
          else if (kind === 'flip') bytes = Uint8Array.from(bytes, (b, j) => (j === i ? b ^ value : b));
          else if (kind === 'insert')
            bytes = new Uint8Array([...bytes.slice(0, i), value, ...bytes.slice(i)]);
          else bytes = new Uint8Array([...bytes, value]);
        }
        const summary = summarizeSolanaTransaction(bytes, context);
        expect(['warn', 'block']).toContain(summary.verdict.level);
        if (summary.verdict.level !== 'block') {
          passed += 1;
          expectHarmlessByWeb3(bytes);
        }
      }),
      { numRuns: RUNS },
    );
    // The oracle was exercised: some garbled transactions (a changed amount or address) still read.
    expect(passed).toBeGreaterThan(0);
  });

  it('random bytes never throw and are never ok (4000 runs)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        expect(['warn', 'block']).toContain(summarizeSolanaTransaction(bytes, context).verdict.level);
      }),
      { numRuns: 4000 },
    );
  });
});

/** @solana/web3.js's reading of a message that passed: only known programs, no blocked kind, no table account. */
function expectHarmlessByWeb3(bytes: Uint8Array) {
  const message = VersionedMessage.deserialize(bytes);
  const keys = message.staticAccountKeys.map(String);
  for (const ix of message.compiledInstructions) {
    const program = keys[ix.programIdIndex]!;
    expect(KNOWN.has(program)).toBe(true);
    expect(ix.accountKeyIndexes.every((i) => i < keys.length)).toBe(true);
    const data = ix.data;
    if (program === String(SystemProgram.programId)) {
      const type = data.length >= 4 ? new DataView(data.buffer, data.byteOffset).getUint32(0, true) : -1;
      expect([1, 7, 10, 13]).not.toContain(type); // Assign, AuthorizeNonce, AssignWithSeed, AllowPrefund
    }
    if (program === String(TOKEN_PROGRAM_ID) || program === String(TOKEN_2022_PROGRAM_ID)) {
      expect([4, 6, 13]).not.toContain(data[0]); // Approve, SetAuthority, ApproveChecked
      if (data[0] === 9) expect(keys[ix.accountKeyIndexes[1]!]).toBe(TRADER); // CloseAccount's destination
      expect(data[0]! <= 24).toBe(true);
    }
  }
}
