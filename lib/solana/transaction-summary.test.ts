import {
  AuthorityType,
  createAmountToUiAmountInstruction,
  createApproveCheckedInstruction,
  createApproveInstruction,
  createAssociatedTokenAccountIdempotentInstruction,
  createAssociatedTokenAccountInstruction,
  createBurnCheckedInstruction,
  createBurnInstruction,
  createCloseAccountInstruction,
  createFreezeAccountInstruction,
  createInitializeAccount2Instruction,
  createInitializeAccount3Instruction,
  createInitializeAccountInstruction,
  createInitializeImmutableOwnerInstruction,
  createInitializeMint2Instruction,
  createInitializeMintCloseAuthorityInstruction,
  createInitializeMintInstruction,
  createInitializeMultisigInstruction,
  createMintToCheckedInstruction,
  createMintToInstruction,
  createRecoverNestedInstruction,
  createRevokeInstruction,
  createSetAuthorityInstruction,
  createSyncNativeInstruction,
  createThawAccountInstruction,
  createTransferCheckedInstruction,
  createTransferInstruction,
  createUiAmountToAmountInstruction,
  TOKEN_2022_PROGRAM_ID,
  TOKEN_PROGRAM_ID,
} from '@solana/spl-token';
import {
  ComputeBudgetProgram,
  PublicKey,
  SystemProgram,
  TransactionInstruction,
  type AccountMeta,
} from '@solana/web3.js';
import { describe, expect, it } from 'vitest';
import {
  legacyMessage,
  lookupTable,
  pubkey,
  stranger,
  trader,
  v0Message,
} from '@/tests/support/solana-transactions';
import { summarizeSolanaTransaction, type SolanaTransactionSummary } from './transaction-summary';

const TRADER = trader.publicKey.toBase58();
const subAccount = pubkey(3);
const names: Record<string, string> = { [TRADER]: 'SolDesk', [subAccount.toBase58()]: 'SolGrid' };
const context = { signer: TRADER, lookup: (a: string) => (names[a] ? { name: names[a] } : undefined) };
const USDC = new PublicKey('EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v');
const mint = pubkey(21);
const tokenAccount = pubkey(22);
const theirTokenAccount = pubkey(23);
const me = trader.publicKey;

const summarize = (...instructions: TransactionInstruction[]) =>
  summarizeSolanaTransaction(legacyMessage(instructions), context);

const raw = (programId: PublicKey, data: number[], keys: PublicKey[] = []) =>
  new TransactionInstruction({
    programId,
    data: Buffer.from(data),
    keys: keys.map((pubkey): AccountMeta => ({ pubkey, isSigner: false, isWritable: true })),
  });

const u32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24];
const u64 = (n: bigint) => Array.from({ length: 8 }, (_, i) => Number((n >> BigInt(8 * i)) & 0xffn));

function expectAllowed(summary: SolanaTransactionSummary) {
  expect(summary.verdict.level, summary.verdict.reasons.join(' | ')).toBe('warn');
  expect(summary.actions.every((a) => a.level !== 'block')).toBe(true);
}

function expectBlocked(summary: SolanaTransactionSummary, reason: RegExp) {
  expect(summary.verdict.level).toBe('block');
  expect(summary.verdict.reasons.join(' ')).toMatch(reason);
}

describe('System program, in words', () => {
  it('a SOL transfer: amount in SOL, from the vault name, to the shortened destination', () => {
    const s = summarize(
      SystemProgram.transfer({ fromPubkey: me, toPubkey: stranger, lamports: 1_500_000_000n }),
    );
    expectAllowed(s);
    expect(s.title).toBe('Send 1.5 SOL from "SolDesk" (FVen3X…S96Z) to LbUiWL…jfcY');
    expect(s).toMatchObject({ kind: 'transfer', amount: '1.5', asset: 'SOL' });
    expect(s.parties).toContainEqual({ role: 'from', address: TRADER, name: 'SolDesk' });
    expect(s.parties).toContainEqual({ role: 'to', address: stranger.toBase58() });
    expect(s.fields).toContainEqual(['#1 transfer lamports', '1500000000']);
    expect(s.verdict.reasons[0]).toMatch(/on-chain Solana transaction/);
  });

  it('a transfer to one of the trader’s own accounts names it; tiny and huge amounts are exact', () => {
    expect(
      summarize(SystemProgram.transfer({ fromPubkey: me, toPubkey: subAccount, lamports: 1 })).title,
    ).toBe('Send 0.000000001 SOL from "SolDesk" (FVen3X…S96Z) to "SolGrid" (CktRuQ…Ezy8)');
    expect(
      summarize(SystemProgram.transfer({ fromPubkey: me, toPubkey: stranger, lamports: 2n ** 64n - 1n }))
        .amount,
    ).toBe('18446744073.709551615');
  });

  it('transferWithSeed shows the derived source, the destination and the amount', () => {
    const s = summarize(
      SystemProgram.transfer({
        fromPubkey: pubkey(30),
        basePubkey: me,
        toPubkey: stranger,
        lamports: 2_000_000_000,
        seed: 'vault',
        programId: SystemProgram.programId,
      }),
    );
    expectAllowed(s);
    expect(s.title).toMatch(/^Send 2 SOL from .* \(derived from "SolDesk" .*\) to LbUiWL…jfcY$/);
    expect(s.amount).toBe('2');
  });

  it('createAccount says who pays, how much, and which program owns it; an unknown owner is blocked', () => {
    const create = (owner: PublicKey) =>
      SystemProgram.createAccount({
        fromPubkey: me,
        newAccountPubkey: pubkey(31),
        lamports: 2_039_280,
        space: 165,
        programId: owner,
      });
    const ok = summarize(create(TOKEN_PROGRAM_ID));
    expectAllowed(ok);
    expect(ok.title).toMatch(
      /^Create account .* with 0\.00203928 SOL from "SolDesk" .*, 165 bytes, owned by the Token program$/,
    );
    expectBlocked(summarize(create(pubkey(99))), /owned by program .* cannot read/);
  });

  it('createAccountWithSeed and allocateWithSeed are read; allocate on the trader’s own account is blocked', () => {
    expectAllowed(
      summarize(
        SystemProgram.createAccountWithSeed({
          fromPubkey: me,
          newAccountPubkey: pubkey(32),
          basePubkey: me,
          seed: 's',
          lamports: 1_000_000,
          space: 0,
          programId: SystemProgram.programId,
        }),
      ),
    );
    expectAllowed(
      summarize(
        SystemProgram.allocate({
          accountPubkey: pubkey(33),
          basePubkey: me,
          seed: 's',
          space: 10,
          programId: SystemProgram.programId,
        }),
      ),
    );
    expectAllowed(summarize(SystemProgram.allocate({ accountPubkey: pubkey(34), space: 10 })));
    expectBlocked(
      summarize(SystemProgram.allocate({ accountPubkey: me, space: 10 })),
      /SOL can no longer be sent/,
    );
  });

  it('Assign (plain and with seed) is blocked: it hands an account to another program', () => {
    expectBlocked(
      summarize(SystemProgram.assign({ accountPubkey: me, programId: pubkey(99) })),
      /Assign gives account "SolDesk"/,
    );
    expectBlocked(
      summarize(
        SystemProgram.assign({ accountPubkey: pubkey(35), basePubkey: me, seed: 's', programId: pubkey(99) }),
      ),
      /Assign gives account/,
    );
    expectBlocked(
      summarize(
        raw(SystemProgram.programId, [...u32(13), ...u64(0n), ...u64(0n), ...Array(32).fill(7)], [me]),
      ),
      /already holds SOL/,
    );
  });

  it('nonce accounts: advance warns it never expires, withdraw is a transfer, authority changes are blocked', () => {
    const advance = SystemProgram.nonceAdvance({ noncePubkey: pubkey(40), authorizedPubkey: me });
    const s = summarize(advance, SystemProgram.transfer({ fromPubkey: me, toPubkey: stranger, lamports: 1 }));
    expect(s.verdict.level).toBe('warn');
    expect(s.verdict.reasons.join(' ')).toMatch(/durable nonce: it does not expire/);
    const withdraw = summarize(
      SystemProgram.nonceWithdraw({
        noncePubkey: pubkey(40),
        authorizedPubkey: me,
        toPubkey: stranger,
        lamports: 3_000_000_000,
      }),
    );
    expectAllowed(withdraw);
    expect(withdraw).toMatchObject({ amount: '3', asset: 'SOL', kind: 'transfer' });
    expectAllowed(
      summarize(SystemProgram.nonceInitialize({ noncePubkey: pubkey(40), authorizedPubkey: me })),
    );
    expectBlocked(
      summarize(SystemProgram.nonceInitialize({ noncePubkey: pubkey(40), authorizedPubkey: stranger })),
      /gives control of nonce account .* not one of your accounts/,
    );
    expectBlocked(
      summarize(
        SystemProgram.nonceAuthorize({
          noncePubkey: pubkey(40),
          authorizedPubkey: me,
          newAuthorizedPubkey: stranger,
        }),
      ),
      /changes who controls nonce account/,
    );
    expectAllowed(summarize(raw(SystemProgram.programId, u32(12), [pubkey(40)])));
  });
});

describe.each([
  ['Token', TOKEN_PROGRAM_ID],
  ['Token-2022', TOKEN_2022_PROGRAM_ID],
])('%s program, in words', (name, programId) => {
  it('transferChecked: amount with its decimals, mint, source, destination and owner', () => {
    const s = summarize(
      createTransferCheckedInstruction(
        tokenAccount,
        mint,
        theirTokenAccount,
        me,
        1_500_000n,
        6,
        [],
        programId,
      ),
    );
    const to = theirTokenAccount.toBase58();
    expect(s.title).toBe(
      `Send 1.5 tokens of mint 2RJD1K…gzmr from token account 2VDW9d…SL6Z to token account ${to.slice(0, 6)}…${to.slice(-4)}, authorised by "SolDesk" (FVen3X…S96Z)`,
    );
    expect(s.amount).toBe('1.5');
    expect(s.asset).toBe(`token ${mint.toBase58()}`);
    expect(s.fields).toEqual(
      expect.arrayContaining([
        ['#1 transferChecked mint', mint.toBase58()],
        ['#1 transferChecked amount (base units)', '1500000'],
        ['#1 transferChecked decimals', '6'],
        ['#1 transferChecked authority', TRADER],
      ]),
    );
    expectAllowed(s);
    if (name === 'Token-2022')
      expect(s.verdict.reasons.join(' ')).toMatch(/transfer fee or run a transfer hook/);
  });

  it('transfer (unchecked): raw base units, and says the mint is not named', () => {
    const s = summarize(createTransferInstruction(tokenAccount, theirTokenAccount, me, 42n, [], programId));
    expectAllowed(s);
    expect(s.title).toMatch(
      /^Send 42 base units of tokens \(the instruction does not name the mint\) from token account 2VDW9d…SL6Z/,
    );
  });

  it('Approve and ApproveChecked (delegations) are blocked', () => {
    expectBlocked(
      summarize(createApproveInstruction(tokenAccount, stranger, me, 1n, [], programId)),
      /delegation lets LbUiWL…jfcY move tokens/,
    );
    expectBlocked(
      summarize(createApproveCheckedInstruction(tokenAccount, mint, stranger, me, 1n, 6, [], programId)),
      /delegation lets LbUiWL…jfcY move tokens/,
    );
  });

  it('SetAuthority (every authority type, with or without a new one) is blocked', () => {
    for (const type of [AuthorityType.AccountOwner, AuthorityType.CloseAccount, AuthorityType.MintTokens]) {
      expectBlocked(
        summarize(createSetAuthorityInstruction(tokenAccount, me, type, stranger, [], programId)),
        /authority change/,
      );
      expectBlocked(
        summarize(createSetAuthorityInstruction(tokenAccount, me, type, null, [], programId)),
        /authority change/,
      );
    }
  });

  it('a funded new token account handed to someone else is blocked (a transfer in disguise)', () => {
    const create = SystemProgram.createAccount({
      fromPubkey: me,
      newAccountPubkey: tokenAccount,
      lamports: 100_000_000_000,
      space: 165,
      programId,
    });
    for (const init of [
      createInitializeAccountInstruction(tokenAccount, mint, stranger, programId),
      createInitializeAccount2Instruction(tokenAccount, mint, stranger, programId),
      createInitializeAccount3Instruction(tokenAccount, mint, stranger, programId),
    ])
      expectBlocked(
        summarize(create, init),
        /gives token account .* to LbUiWL…jfcY, which is not one of your accounts/,
      );
    expectAllowed(summarize(create, createInitializeAccount3Instruction(tokenAccount, mint, me, programId)));
  });

  it('CloseAccount: to one of the trader’s accounts is read; to anyone else it is blocked', () => {
    expectAllowed(summarize(createCloseAccountInstruction(tokenAccount, me, me, [], programId)));
    expectAllowed(summarize(createCloseAccountInstruction(tokenAccount, subAccount, me, [], programId)));
    expectBlocked(
      summarize(createCloseAccountInstruction(tokenAccount, stranger, me, [], programId)),
      /not one of your accounts/,
    );
  });

  it('mint, burn, freeze, revoke, initialise and the read-only helpers are read', () => {
    const allowed = [
      createMintToInstruction(mint, tokenAccount, me, 5n, [], programId),
      createMintToCheckedInstruction(mint, tokenAccount, me, 5n, 2, [], programId),
      createRevokeInstruction(tokenAccount, me, [], programId),
      createFreezeAccountInstruction(tokenAccount, mint, me, [], programId),
      createThawAccountInstruction(tokenAccount, mint, me, [], programId),
      createInitializeMintInstruction(mint, 6, me, null, programId),
      createInitializeMint2Instruction(mint, 6, me, stranger, programId),
      createInitializeAccountInstruction(tokenAccount, mint, me, programId),
      createInitializeAccount2Instruction(tokenAccount, mint, me, programId),
      createInitializeAccount3Instruction(tokenAccount, mint, me, programId),
      createInitializeMultisigInstruction(pubkey(50), [me, subAccount], 2, programId),
      createSyncNativeInstruction(tokenAccount, programId),
      createInitializeImmutableOwnerInstruction(tokenAccount, programId),
      createAmountToUiAmountInstruction(mint, 5n, programId),
      createUiAmountToAmountInstruction(mint, '1.5', programId),
      raw(programId, [21], [mint]),
    ];
    for (const instruction of allowed) expectAllowed(summarize(instruction));
    const burn = summarize(createBurnCheckedInstruction(tokenAccount, mint, me, 250n, 2, [], programId));
    expect(burn.title).toMatch(/^Destroy 2\.5 tokens of mint/);
    expect(burn.verdict.reasons.join(' ')).toMatch(/destroys tokens for good/);
    expect(summarize(createBurnInstruction(tokenAccount, mint, me, 7n, [], programId)).title).toMatch(
      /^Destroy 7 base units of/,
    );
  });

  it('anything it does not read is blocked: trailing bytes, missing accounts, other instructions', () => {
    const transfer = createTransferCheckedInstruction(
      tokenAccount,
      mint,
      theirTokenAccount,
      me,
      1n,
      6,
      [],
      programId,
    );
    expectBlocked(
      summarize(
        new TransactionInstruction({ ...transfer, data: Buffer.concat([transfer.data, Buffer.from([0])]) }),
      ),
      /bytes after its fields/,
    );
    expectBlocked(
      summarize(new TransactionInstruction({ ...transfer, data: transfer.data.subarray(0, 5) })),
      /cannot be read/,
    );
    expectBlocked(
      summarize(new TransactionInstruction({ ...transfer, keys: transfer.keys.slice(0, 3) })),
      /cannot be read/,
    );
    for (const discriminator of [38, 45, 255, 99])
      expectBlocked(
        summarize(raw(programId, [discriminator, 0, 0], [tokenAccount, stranger, me])),
        /cannot be read/,
      );
    expectBlocked(summarize(raw(programId, [], [tokenAccount])), /cannot be read/);
  });
});

describe('Token: known mints and Token-2022 extensions', () => {
  it('names USDC only for its exact mint on the Token program', () => {
    const s = summarize(
      createTransferCheckedInstruction(tokenAccount, USDC, theirTokenAccount, me, 2_500_000n, 6),
    );
    expect(s.title).toMatch(/^Send 2\.5 USDC \(mint EPjFWd…Dt1v\)/);
    expect(s.asset).toBe('USDC');
    const on2022 = summarize(
      createTransferCheckedInstruction(
        tokenAccount,
        USDC,
        theirTokenAccount,
        me,
        1n,
        6,
        [],
        TOKEN_2022_PROGRAM_ID,
      ),
    );
    expect(on2022.title).not.toMatch(/USDC/);
  });

  it('Token-2022 extension instructions are blocked as unread', () => {
    expectBlocked(
      summarize(createInitializeMintCloseAuthorityInstruction(mint, stranger, TOKEN_2022_PROGRAM_ID)),
      /Token-2022 instruction cannot be read/,
    );
    expectBlocked(summarize(raw(TOKEN_2022_PROGRAM_ID, [21, 1, 0], [mint])), /cannot be read/);
  });
});

describe('Associated Token Account program', () => {
  it('create and createIdempotent are read, and the created account is named after its owner', () => {
    const ata = pubkey(60);
    const s = summarize(
      createAssociatedTokenAccountIdempotentInstruction(me, ata, stranger, USDC),
      createTransferCheckedInstruction(tokenAccount, USDC, ata, me, 1_000_000n, 6),
    );
    expectAllowed(s);
    expect(s.actions[1]!.text).toMatch(/to token account .* \(the token account of LbUiWL…jfcY\)/);
    expectAllowed(
      summarize(createAssociatedTokenAccountInstruction(me, ata, me, mint, TOKEN_2022_PROGRAM_ID)),
    );
  });

  it('recover-nested and a foreign token program are blocked', () => {
    expectBlocked(
      summarize(createRecoverNestedInstruction(pubkey(61), mint, pubkey(62), pubkey(63), mint, me)),
      /cannot be read/,
    );
    const create = createAssociatedTokenAccountInstruction(me, pubkey(60), me, mint, pubkey(99));
    expectBlocked(summarize(create), /neither Token nor Token-2022/);
  });
});

describe('Compute Budget and fees', () => {
  it('limits and prices are shown briefly with the most the fee payer can be charged', () => {
    const s = summarize(
      ComputeBudgetProgram.setComputeUnitLimit({ units: 300_000 }),
      ComputeBudgetProgram.setComputeUnitPrice({ microLamports: 10_000 }),
      ComputeBudgetProgram.requestHeapFrame({ bytes: 64 * 1024 }),
      raw(ComputeBudgetProgram.programId, [4, ...u32(65536)]),
      SystemProgram.transfer({ fromPubkey: me, toPubkey: stranger, lamports: 1 }),
    );
    expectAllowed(s);
    // The compute budget does not count as an instruction of its own in the title.
    expect(s.title).toMatch(/^Send 0\.000000001 SOL/);
    expect(s.actions.map((a) => a.text)).toEqual(
      expect.arrayContaining([
        'Compute limit: 300000 units',
        'Priority fee: 10000 micro-lamports per compute unit',
        'Network fee: up to 0.000008 SOL, paid by "SolDesk" (FVen3X…S96Z)',
      ]),
    );
  });

  it('a priority fee that would burn the payer’s SOL is blocked; the retired RequestUnits too', () => {
    expectBlocked(
      summarize(
        ComputeBudgetProgram.setComputeUnitPrice({ microLamports: 10n ** 12n }),
        SystemProgram.transfer({ fromPubkey: me, toPubkey: stranger, lamports: 1 }),
      ),
      /priority fee \(up to 200\.000000001 SOL\)|priority fee \(up to 200 SOL\)/,
    );
    expectBlocked(
      summarize(raw(ComputeBudgetProgram.programId, [0, ...u32(1), ...u32(1)])),
      /cannot be read/,
    );
  });
});

describe('whole transactions', () => {
  it('an instruction of an unknown program is blocked with its address', () => {
    const memo = new PublicKey('MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr');
    expectBlocked(
      summarize(
        SystemProgram.transfer({ fromPubkey: me, toPubkey: stranger, lamports: 1 }),
        raw(memo, [104, 105]),
      ),
      /Program MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr is not one Aster Companion can read/,
    );
  });

  it('v0 without lookup tables is read like legacy; an instruction using a lookup table is blocked', () => {
    const transfer = SystemProgram.transfer({ fromPubkey: me, toPubkey: stranger, lamports: 5_000_000_000 });
    const v0 = summarizeSolanaTransaction(v0Message([transfer]), context);
    expectAllowed(v0);
    expect(v0.title).toBe('Send 5 SOL from "SolDesk" (FVen3X…S96Z) to LbUiWL…jfcY');
    const viaTable = summarizeSolanaTransaction(
      v0Message([transfer], me, [lookupTable([stranger])]),
      context,
    );
    expectBlocked(viaTable, /address lookup table, which cannot be read offline/);
  });

  it('several instructions: each is listed in order, the title counts them, one blocked blocks all', () => {
    const s = summarize(
      SystemProgram.transfer({ fromPubkey: me, toPubkey: stranger, lamports: 1 }),
      createApproveInstruction(tokenAccount, stranger, me, 1n),
    );
    expect(s.title).toBe('Sign a Solana transaction of 2 instructions, 1 of them moving funds');
    expect(s.actions.map((a) => a.level)).toEqual(['ok', 'block', 'ok']);
    expect(s.amount).toBeUndefined();
    expectBlocked(s, /delegation/);
  });

  it('bytes that are not exactly one message are blocked, never thrown', () => {
    const good = legacyMessage([SystemProgram.transfer({ fromPubkey: me, toPubkey: stranger, lamports: 1 })]);
    const cases: Array<[Uint8Array, RegExp]> = [
      [new Uint8Array([...good, 0]), /bytes after its end/],
      [good.subarray(0, good.length - 1), /ends too early/],
      [new Uint8Array([0x81, ...good]), /version 1 is not supported/],
      [new Uint8Array(0), /ends too early/],
      // A key count written as 0x82 0x00 (non-canonical 2) instead of 0x02.
      [new Uint8Array([...good.subarray(0, 3), 0x83, 0x00, ...good.subarray(4)]), /shortest encoding/],
    ];
    for (const [bytes, reason] of cases) expectBlocked(summarizeSolanaTransaction(bytes, context), reason);
  });

  it('a vault lookup that throws does not throw out of the summary', () => {
    const s = summarizeSolanaTransaction(
      legacyMessage([SystemProgram.transfer({ fromPubkey: me, toPubkey: stranger, lamports: 1 })]),
      {
        signer: TRADER,
        lookup: () => {
          throw new Error('boom');
        },
      },
    );
    expect(s.verdict.level).toBe('warn');
  });
});
