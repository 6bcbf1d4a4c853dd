import type { Account } from '@/lib/accounts/model';
import type { AsterOutcomeUnknownError } from '@/lib/aster/errors';
import { t } from '@/lib/i18n';
import type { OperationRecord, TransferResult } from '@/lib/messaging/operations-api';
import { RpcError } from '@/lib/messaging/rpc';
import type { Context, OperationsCore } from './core';
import { publicRecord, type JournalOutcome } from './journal';
import type { JournalEntry, WithdrawalJournalEntry } from './registry';
import { ledgerProof, transferFromLedger, type TransferMove } from './transfer-ledger';
import { settleWithdrawal } from './withdrawal-history';
import { withdrawalUnknownMessage } from './withdrawal-outcome';

/**
 * A 503, timeout or unreadable answer: Aster's ledger decides. Made → its id and time; proved absent → not made,
 * nothing resent; anything else (not in the ledger yet, two candidates, unreadable ledger) → unknown, why in words.
 */
export async function settle(
  core: OperationsCore,
  ctx: Context,
  reader: Account,
  operationId: string,
  move: TransferMove,
  cause: AsterOutcomeUnknownError,
): Promise<TransferResult> {
  let outcome: Awaited<ReturnType<typeof transferFromLedger>>;
  try {
    outcome = await transferFromLedger(core, ctx, operationId, reader, move, 2);
  } catch (error) {
    throw new RpcError(
      'outcome-unknown',
      error instanceof Error
        ? t('background.settlement.ledgerAlsoUnreadableBecause', { cause: cause.message, why: error.message })
        : t('background.settlement.ledgerAlsoUnreadable', { cause: cause.message }),
    );
  }
  if (outcome.status === 'made')
    return {
      tranId: outcome.entry.id,
      asset: move.identity.asset,
      amount: move.identity.amount,
      confirmedFromHistory: true,
      confirmedAt: outcome.entry.time,
      proof: ledgerProof(outcome),
      clientTranId: move.identity.clientTranId ?? null,
    };
  if (outcome.status === 'not-made')
    throw new RpcError('not-executed', t('background.settlement.notExecuted', { ledger: outcome.ledger }));
  throw new RpcError(
    'outcome-unknown',
    t('background.settlement.unknown', { cause: cause.message, reason: outcome.reason }),
  );
}

// --- The journal: interrupted or unknown operations settled from Aster's ledgers ---

/** Settles an entry nobody is sending any more (or still unknown); one read at a time. */
export function settleEntry(core: OperationsCore, ctx: Context, entry: JournalEntry): Promise<JournalEntry> {
  const running = core.settling.get(entry.id);
  if (running) return running;
  const settled = settleEntryNow(core, ctx, entry).finally(() => core.settling.delete(entry.id));
  core.settling.set(entry.id, settled);
  return settled;
}

async function withdrawalOutcome(
  core: OperationsCore,
  ctx: Context,
  entry: WithdrawalJournalEntry,
  interrupted: boolean,
): Promise<JournalOutcome> {
  const lead = interrupted
    ? t('background.settlement.leadStopped')
    : t('background.settlement.leadWithdrawalLost');
  return settleWithdrawal(core, ctx, entry, lead, (reason) => withdrawalUnknownMessage(lead, entry, reason));
}

export async function settleEntryNow(
  core: OperationsCore,
  ctx: Context,
  entry: JournalEntry,
): Promise<JournalEntry> {
  const interrupted = entry.interrupted || entry.status === 'sending';
  if (entry.kind === 'withdrawal') {
    const outcome = { ...(await withdrawalOutcome(core, ctx, entry, interrupted)), interrupted };
    return (await core.journal.finish(ctx.id, entry.id, outcome)) ?? { ...entry, ...outcome };
  }
  const lead = interrupted ? t('background.settlement.leadStopped') : t('background.settlement.leadTransfer');
  let outcome: JournalOutcome;
  const reader = await core.accounts.get(entry.readerId).catch(() => null);
  if (!reader)
    outcome = {
      status: 'unknown',
      tranId: null,
      message: t('background.settlement.readerGone', { lead }),
    };
  else {
    try {
      const found = await transferFromLedger(core, ctx, entry.id, reader, entry);
      outcome =
        found.status === 'made'
          ? {
              status: 'made',
              tranId: found.entry.id,
              message: t('background.settlement.made', { lead, proof: ledgerProof(found) }),
            }
          : found.status === 'not-made'
            ? {
                status: 'not-made',
                tranId: null,
                message: t('background.settlement.notMade', { lead, ledger: found.ledger }),
              }
            : {
                status: 'unknown',
                tranId: null,
                message: t('background.settlement.unknownEntry', { lead, reason: found.reason }),
              };
    } catch (error) {
      outcome = {
        status: 'unknown',
        tranId: null,
        message:
          error instanceof Error
            ? t('background.settlement.ledgerUnreadableBecause', { lead, why: error.message })
            : t('background.settlement.ledgerUnreadable', { lead }),
      };
    }
  }
  const finished = await core.journal.finish(ctx.id, entry.id, { ...outcome, interrupted });
  return finished ?? { ...entry, ...outcome, interrupted };
}

/** Interrupted (nobody sends it any more), or still unknown: read Aster's ledger (again). */
export function needsSettling(core: OperationsCore, entry: JournalEntry): boolean {
  return core.journal.interrupted(entry) || (entry.status === 'unknown' && !entry.dismissed);
}

/** A journalled operation (null: this id was never signed); settled first if interrupted or unknown. */
export function operation(core: OperationsCore, id: string): Promise<OperationRecord | null> {
  return core.run(async (ctx) => {
    const entry = await core.journal.get(ctx.id, id);
    if (!entry) return null;
    return publicRecord(needsSettling(core, entry) ? await settleEntry(core, ctx, entry) : entry);
  });
}

/** Operations interrupted by a worker stop, or still unknown: each settled from Aster's ledgers first. */
export function interruptedOperations(core: OperationsCore): Promise<OperationRecord[]> {
  return core.run(async (ctx) => {
    const records: OperationRecord[] = [];
    for (const entry of await core.journal.needingAttention(ctx.id))
      records.push(publicRecord(needsSettling(core, entry) ? await settleEntry(core, ctx, entry) : entry));
    return records;
  });
}

export function dismissOperation(core: OperationsCore, id: string): Promise<OperationRecord[]> {
  return core.run(async (ctx) => {
    await core.journal.dismiss(ctx.id, id);
    return (await core.journal.needingAttention(ctx.id)).map(publicRecord);
  });
}
