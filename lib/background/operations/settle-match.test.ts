import { describe, expect, it } from 'vitest';
import type { WithdrawalHistoryEntry } from '@/lib/aster/ledgers';
import { transferSides } from './transfer-ledger';
import { historyEntry as entry, SENT, sought } from '@/tests/support/withdrawal-history';
import { withdrawalFromEntries } from './withdrawal-history';

const MAIN = '0x1111111111111111111111111111111111111111';
const SUB = '0x2222222222222222222222222222222222222222';
const SUB2 = '0x3333333333333333333333333333333333333333';

describe('which ledger shows which side of a transfer', () => {
  it('sub-account transfer: the source ledger shows it leaving, the destination arriving; futures as TRANSFER', () => {
    const { source, destination } = transferSides({
      identity: { user: MAIN, nonce: '1', asset: 'USDT', amount: '5', toAccountAddress: SUB },
      fromWallet: 'futures',
      toWallet: 'spot',
    });
    expect(source).toEqual({ address: MAIN, wallet: 'futures', amount: '-5', types: ['TRANSFER'] });
    expect(destination).toEqual({
      address: SUB,
      wallet: 'spot',
      amount: '5',
      types: ['INTERNAL_TRANSFER', 'TRANSFER', 'TRANSFER_SPOT_TO_SPOT', 'TRANSFER_FUTURE_TO_SPOT'],
    });
  });

  it('signed by the master from a sub to another sub: the parties are the two subs, not the signer', () => {
    const { source, destination } = transferSides({
      identity: {
        user: MAIN,
        nonce: '1',
        asset: 'USDT',
        amount: '5',
        toAccountAddress: SUB2,
        fromAccountAddress: SUB,
      },
      fromWallet: 'spot',
      toWallet: 'futures',
    });
    expect(source).toMatchObject({ address: SUB, wallet: 'spot', amount: '-5' });
    expect(source.types).toContain('TRANSFER_SPOT_TO_FUTURE');
    expect(destination).toMatchObject({ address: SUB2, wallet: 'futures', amount: '5', types: ['TRANSFER'] });
  });

  it('perp ↔ spot in one account: only the spot type of that direction', () => {
    const toFutures = transferSides({
      identity: { user: MAIN, nonce: '0', asset: 'USDT', amount: '2.5', clientTranId: 'c1' },
      fromWallet: 'spot',
      toWallet: 'futures',
    });
    expect(toFutures.source).toEqual({
      address: MAIN,
      wallet: 'spot',
      amount: '-2.5',
      types: ['TRANSFER_SPOT_TO_FUTURE'],
    });
    const toSpot = transferSides({
      identity: { user: MAIN, nonce: '0', asset: 'USDT', amount: '2.5', clientTranId: 'c1' },
      fromWallet: 'futures',
      toWallet: 'spot',
    });
    expect(toSpot.destination.types).toEqual(['TRANSFER_FUTURE_TO_SPOT']);
  });
});

describe('settling a withdrawal from the deposit and withdrawal history', () => {
  const read = (...entries: WithdrawalHistoryEntry[]) => ({ entries, unreadable: 0, total: entries.length });
  const none = new Set<string>();

  it('one exact match: made (SUCCESS or PROCESSING) or not made (FAILED)', () => {
    expect(withdrawalFromEntries(read(entry()), sought, none)).toEqual({ status: 'made', entry: entry() });
    expect(withdrawalFromEntries(read(entry({ state: 'PROCESSING' })), sought, none).status).toBe('made');
    expect(withdrawalFromEntries(read(entry({ state: 'FAILED' })), sought, none).status).toBe('not-made');
  });

  it('amount, asset, chain, wallet, type, time, receiver and nonce (when given) must all fit', () => {
    for (const wrong of [
      entry({ amount: '9.5' }),
      entry({ asset: 'USDC' }),
      entry({ chainId: 1 }),
      entry({ chainId: null }),
      entry({ accountType: 'spot' }),
      entry({ type: 'DEPOSIT' }),
      entry({ time: SENT - 61_000 }),
      entry({ time: SENT + 71_000 }),
      entry({ receiver: '0xAbC0000000000000000000000000000000000002' }),
      entry({ userNonce: '1' }),
    ])
      expect(withdrawalFromEntries(read(wrong), sought, none).status).toBe('unknown');
    expect(
      withdrawalFromEntries(
        read(
          entry({ receiver: sought.receiver.toLowerCase(), userNonce: sought.userNonce!, accountType: null }),
        ),
        sought,
        none,
      ).status,
    ).toBe('made');
  });

  it('none: still unknown (the history cannot prove an absence), with why', () => {
    const result = withdrawalFromEntries(read(entry({ amount: '11' })), sought, none);
    expect(result).toEqual({
      status: 'unknown',
      reason:
        "Aster's withdrawal history shows no withdrawal of 10 USDT on BSC around 12:01:00 UTC, but that history cannot prove a withdrawal absent (it takes no time range and does not say whether its amount includes the fee)",
    });
  });

  it('claimed by another journal entry: not this one; two open candidates: unknown in words', () => {
    const claimed = withdrawalFromEntries(read(entry()), sought, new Set(['77']));
    expect(claimed.status === 'unknown' && claimed.reason).toMatch(
      /other than 77, already another operation's/,
    );
    expect(withdrawalFromEntries(read(entry(), entry({ id: '78' })), sought, new Set(['77']))).toMatchObject({
      status: 'made',
      entry: { id: '78' },
    });
    const two = withdrawalFromEntries(read(entry(), entry({ id: '78', time: SENT + 2_000 })), sought, none);
    expect(two).toEqual({
      status: 'unknown',
      reason:
        "Two withdrawals of 10 USDT on BSC match in Aster's history (77 at 12:01:00 UTC, 78 at 12:01:02 UTC): which one is this one cannot be told",
    });
  });
});
