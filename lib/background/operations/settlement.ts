import type { Account } from '@/lib/accounts/model';
import { confirmTransferOutcome, type TransferIdentity } from '@/lib/aster/client';
import { ENDPOINTS } from '@/lib/aster/endpoints';
import type { AsterOutcomeUnknownError } from '@/lib/aster/errors';
import type { OperationRecord, TransferResult } from '@/lib/messaging/operations-api';
import { RpcError } from '@/lib/messaging/rpc';
import type { Context, OperationsCore } from './core';
import { publicRecord, type JournalOutcome } from './journal';
import type { JournalEntry } from './registry';
import { withdrawalUnknownMessage } from './withdrawal-outcome';

/** Aster's transfer history around the time a transfer was sent: whether it was made. */
export function historyLookup(
  core: OperationsCore,
  ctx: Context,
  reader: Account,
  identity: TransferIdentity,
) {
  const startTime = Math.max(0, (identity.sentAt ?? core.now()) - 120_000);
  return confirmTransferOutcome(
    ctx.client,
    identity,
    () => core.signForAccount(ctx, reader, ENDPOINTS.transferHistory, { startTime, limit: 200 }),
    { attempts: 2, delayMs: core.options.settleDelayMs ?? 800 },
  );
}

/** A 503 or timeout: the history decides. Executed → its id; absent → not made, nothing resent. */
export async function settle(
  core: OperationsCore,
  ctx: Context,
  reader: Account,
  identity: TransferIdentity,
  cause: AsterOutcomeUnknownError,
): Promise<TransferResult> {
  let outcome: Awaited<ReturnType<typeof historyLookup>>;
  try {
    outcome = await historyLookup(core, ctx, reader, identity);
  } catch {
    throw new RpcError(
      'outcome-unknown',
      `${cause.message} The transfer history could not be read either: check it on Aster before sending again.`,
    );
  }
  if (outcome.status === 'executed')
    return {
      tranId: outcome.record.tranId,
      asset: identity.asset,
      amount: identity.amount,
      confirmedFromHistory: true,
      clientTranId: identity.clientTranId ?? null,
    };
  throw new RpcError(
    'not-executed',
    'Aster did not confirm the transfer and its history does not show it: nothing moved. You can send it again (a new request will be signed).',
  );
}

// --- The journal: interrupted transfers settled from the history, withdrawals explained ---

/** Settles an entry nobody is sending any more (or still unknown) from the history; one read at a time. */
export function settleEntry(core: OperationsCore, ctx: Context, entry: JournalEntry): Promise<JournalEntry> {
  const running = core.settling.get(entry.id);
  if (running) return running;
  const settled = settleEntryNow(core, ctx, entry).finally(() => core.settling.delete(entry.id));
  core.settling.set(entry.id, settled);
  return settled;
}

export async function settleEntryNow(
  core: OperationsCore,
  ctx: Context,
  entry: JournalEntry,
): Promise<JournalEntry> {
  const interrupted = entry.interrupted || entry.status === 'sending';
  if (entry.kind === 'withdrawal') {
    // No withdrawal history to read: the trader is told to check on Aster's site.
    const outcome: JournalOutcome = {
      status: 'unknown',
      message: withdrawalUnknownMessage("Aster Companion stopped before Aster's answer came back", entry),
      interrupted: true,
    };
    return (await core.journal.finish(ctx.id, entry.id, outcome)) ?? { ...entry, ...outcome, interrupted };
  }
  const lead = interrupted
    ? "Aster Companion stopped before Aster's answer came back"
    : 'Aster did not confirm the transfer';
  let outcome: JournalOutcome;
  const reader = await core.accounts.get(entry.readerId).catch(() => null);
  if (!reader)
    outcome = {
      status: 'unknown',
      tranId: null,
      message: `${lead}, and the account that signed it is no longer in the vault: check its transfer history on Aster before sending it again.`,
    };
  else {
    try {
      const found = await historyLookup(core, ctx, reader, entry.identity);
      outcome =
        found.status === 'executed'
          ? {
              status: 'made',
              tranId: found.record.tranId,
              message: `${lead}; Aster's history shows the transfer made (transfer ${found.record.tranId}).`,
            }
          : {
              status: 'not-made',
              tranId: null,
              message: `${lead}, and Aster's history does not show the transfer: nothing moved. You can send it again (a new request will be signed).`,
            };
    } catch {
      outcome = {
        status: 'unknown',
        tranId: null,
        message: `${lead}, and Aster's transfer history could not be read: check again before sending it again.`,
      };
    }
  }
  const finished = await core.journal.finish(ctx.id, entry.id, { ...outcome, interrupted });
  return finished ?? { ...entry, ...outcome, interrupted };
}

/** Interrupted (nobody sends it any more), or a transfer whose history could not be read yet. */
export function needsSettling(core: OperationsCore, entry: JournalEntry): boolean {
  return core.journal.interrupted(entry) || (entry.kind === 'transfer' && entry.status === 'unknown');
}

/** A journalled operation (null: this id was never signed); settled first if interrupted or unknown. */
export function operation(core: OperationsCore, id: string): Promise<OperationRecord | null> {
  return core.run(async (ctx) => {
    const entry = await core.journal.get(ctx.id, id);
    if (!entry) return null;
    return publicRecord(needsSettling(core, entry) ? await settleEntry(core, ctx, entry) : entry);
  });
}

/**
 * Operations interrupted by a worker stop, or still unknown: transfers settled from the history first,
 * withdrawals (no history to read) marked unknown.
 */
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
