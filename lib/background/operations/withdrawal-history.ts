import { ENDPOINTS } from '@/lib/aster/endpoints';
import {
  candidates,
  clockTime,
  nonceMs,
  settleWindow,
  type LedgerExpectation,
} from '@/lib/aster/ledger-match';
import { parseDepositWithdrawHistory, type WithdrawalHistoryEntry } from '@/lib/aster/ledgers';
import { t } from '@/lib/i18n';
import { WITHDRAW_CHAIN_NAMES, type WithdrawChainId } from '@/lib/messaging/operations-api';
import type { Context, OperationsCore } from './core';
import type { JournalOutcome } from './journal';
import type { WithdrawalJournalEntry } from './registry';
import { claimedIds } from './transfer-ledger';

export type WithdrawalSought = Pick<
  WithdrawalJournalEntry,
  'id' | 'accountId' | 'asset' | 'amount' | 'chainId' | 'receiver' | 'startedAt' | 'fromName' | 'userNonce'
>;

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * The exact checks beyond asset, amount and time: the chain (required: the public shape has it), the futures
 * wallet (`accountType` perp, when given), and the receiver and user nonce when an answer carries them (the
 * public shape does not).
 */
export function withdrawalDiffers(w: WithdrawalSought) {
  return (e: WithdrawalHistoryEntry): string | null => {
    if (e.chainId !== w.chainId) return 'another chain';
    if (e.accountType !== null && e.accountType !== 'perp') return 'another wallet';
    if (e.receiver !== null && !same(e.receiver, w.receiver)) return 'another receiver';
    if (e.userNonce !== null && w.userNonce !== undefined && e.userNonce !== w.userNonce)
      return 'another nonce';
    return null;
  };
}

const chainName = (chainId: number) =>
  WITHDRAW_CHAIN_NAMES[chainId as WithdrawChainId] ??
  t('background.withdrawalOutcome.chain', { chainId: String(chainId) });

/**
 * What Aster's deposit and withdrawal history says about a withdrawal whose answer was lost. One exact match:
 * made (SUCCESS or PROCESSING, with Aster's id and time) or not made (FAILED). Two or more: unknown, with the
 * candidates. None: still unknown — the history takes no time range or limit (so a whole answer cannot be told
 * from a cut one), has no receiver, and does not say whether `amount` includes the fee, so an absence proves
 * nothing; the trader checks on Aster's site and dismisses by hand.
 */
export function withdrawalFromEntries(
  entries: { entries: WithdrawalHistoryEntry[]; unreadable: number; total: number },
  w: WithdrawalSought,
  claimed: ReadonlySet<string>,
): { status: 'made' | 'not-made'; entry: WithdrawalHistoryEntry } | { status: 'unknown'; reason: string } {
  const expectation: LedgerExpectation<WithdrawalHistoryEntry> = {
    asset: w.asset,
    amount: w.amount,
    types: ['WITHDRAW', 'WITHDRAWAL'],
    window: settleWindow(w.startedAt, nonceMs(w.userNonce) ?? w.startedAt),
    claimed,
    differs: withdrawalDiffers(w),
  };
  const { open, claimed: taken } = candidates(entries, expectation);
  if (open.length === 1) {
    const entry = open[0]!;
    return { status: entry.state === 'FAILED' ? 'not-made' : 'made', entry };
  }
  const sought = { amount: w.amount, asset: w.asset, chain: chainName(w.chainId) };
  if (open.length > 1) {
    const list = open
      .map((e) => t('errors.ledger.entryAt', { id: e.id, time: clockTime(e.time) }))
      .join(', ');
    return {
      status: 'unknown',
      reason:
        open.length === 2
          ? t('background.withdrawalHistory.ambiguousTwo', { ...sought, list })
          : t('background.withdrawalHistory.ambiguousMany', { ...sought, count: String(open.length), list }),
    };
  }
  // The optional parts are clauses of their own in each language, so they are filled in, never appended.
  const other =
    taken.length > 0
      ? t('background.withdrawalHistory.otherThan', { ids: taken.map((e) => e.id).join(', ') })
      : '';
  const unreadable =
    entries.unreadable > 0
      ? t('background.withdrawalHistory.unreadableEntries', { count: String(entries.unreadable) })
      : '';
  return {
    status: 'unknown',
    reason: t('background.withdrawalHistory.none', {
      ...sought,
      time: clockTime(w.startedAt),
      other,
      unreadable,
    }),
  };
}

/** Reads the history with the account's API wallet (or its EVM key) and settles the withdrawal from it. */
export async function withdrawalFromHistory(core: OperationsCore, ctx: Context, w: WithdrawalSought) {
  const account = await core.accounts.get(w.accountId);
  const request = await core.signForAccount(ctx, account, ENDPOINTS.depositWithdrawHistory, {});
  const read = parseDepositWithdrawHistory(await ctx.client.sendSigned<unknown>(request, 'read'));
  return withdrawalFromEntries(read, w, await claimedIds(core, ctx, w.id, 'withdrawal'));
}

/** The journal outcome of a withdrawal whose answer was lost (`lead`: why it was lost, in words). */
export async function settleWithdrawal(
  core: OperationsCore,
  ctx: Context,
  w: WithdrawalSought,
  lead: string,
  unknownMessage: (reason: string) => string,
): Promise<JournalOutcome> {
  let found: Awaited<ReturnType<typeof withdrawalFromHistory>>;
  try {
    found = await withdrawalFromHistory(core, ctx, w);
  } catch (error) {
    const reason =
      error instanceof Error
        ? t('background.withdrawalHistory.unreadableBecause', { why: error.message })
        : t('background.withdrawalHistory.unreadable');
    return { status: 'unknown', withdrawId: null, message: unknownMessage(reason) };
  }
  if (found.status === 'unknown')
    return { status: 'unknown', withdrawId: null, message: unknownMessage(found.reason) };
  const { entry } = found;
  const facts = {
    id: entry.id,
    time: clockTime(entry.time),
    state: entry.state ?? t('background.withdrawalHistory.stateNotGiven'),
  };
  const proof = entry.txHash
    ? t('background.withdrawalHistory.proofWithTransaction', { ...facts, transaction: entry.txHash })
    : t('background.withdrawalHistory.proof', facts);
  return found.status === 'made'
    ? {
        status: 'made',
        withdrawId: entry.id,
        message: t('background.withdrawalHistory.made', { lead, proof }),
      }
    : {
        status: 'not-made',
        withdrawId: entry.id,
        message: t('background.withdrawalHistory.failed', { lead, proof }),
      };
}
