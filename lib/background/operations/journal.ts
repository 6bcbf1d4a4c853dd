import type { OperationRecord } from '@/lib/messaging/operations-api';
import { RpcError } from '@/lib/messaging/rpc';
import { t } from '@/lib/i18n';
import type { JournalEntry, Registry, WithdrawalJournalEntry } from './registry';

/** Finished entries are kept a day (a lost answer can still be looked up), at most this many per network. */
const KEEP_FINISHED_MS = 24 * 60 * 60_000;
const MAX_ENTRIES = 100;

export interface JournalOutcome {
  status: JournalEntry['status'];
  message: string | null;
  /** A transfer's id on Aster. */
  tranId?: string | null;
  /** A withdrawal's id on Aster. */
  withdrawId?: string | null;
  interrupted?: boolean;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An entry as it is begun: the outcome fields are filled in by the journal. */
export type NewJournalEntry = DistributiveOmit<
  JournalEntry,
  'status' | 'interrupted' | 'finishedAt' | 'tranId' | 'withdrawId' | 'message' | 'dismissed'
>;

/** What the pages see: the entry without what finds it in the ledgers or which vault record it names. */
export function publicRecord(entry: JournalEntry): OperationRecord {
  if (entry.kind === 'withdrawal') {
    const { accountId: _accountId, dismissed: _dismissed, userNonce: _userNonce, ...record } = entry;
    return record;
  }
  const { identity: _identity, readerId: _readerId, dismissed: _dismissed, ...record } = entry;
  return record;
}

/**
 * The operations journal: transfers and withdrawals (in the registry, so in `storage.local`, per network). An
 * entry is written, and the write awaited, before the signed request leaves, and finished with the outcome.
 * The set of entries this worker is sending lives in memory only: after a worker stop, an entry still
 * `sending` is one whose worker is gone — interrupted — and the operations service settles it from Aster's
 * ledgers (a transfer) or its deposit and withdrawal history (a withdrawal), or leaves it unknown with why.
 */
export class TransferJournal {
  private readonly live = new Set<string>();

  constructor(
    private readonly registry: Registry,
    private readonly now: () => number,
  ) {}

  /** Sent by this worker right now: its outcome is coming, nothing may settle it. */
  isLive(id: string): boolean {
    return this.live.has(id);
  }

  async get(network: string, id: string): Promise<JournalEntry | undefined> {
    return (await this.registry.read(network)).operations[id];
  }

  /** Interrupted or still unknown, and not dismissed: what the trader must be told about, newest first. */
  async needingAttention(network: string): Promise<JournalEntry[]> {
    const { operations } = await this.registry.read(network);
    return Object.values(operations)
      .filter((e) => !e.dismissed && (e.interrupted || e.status === 'unknown' || this.interrupted(e)))
      .sort((a, b) => b.startedAt - a.startedAt);
  }

  /** Still `sending`, but no worker is sending it any more. */
  interrupted(entry: JournalEntry): boolean {
    return entry.status === 'sending' && !this.live.has(entry.id);
  }

  /**
   * A withdrawal of this account and asset that stands in the way of another: one being sent, interrupted,
   * or with an unknown outcome the trader has not dismissed yet.
   */
  unsettledWithdrawal(
    operations: Record<string, JournalEntry>,
    accountId: string,
    asset: string,
  ): WithdrawalJournalEntry | undefined {
    return Object.values(operations).find(
      (e): e is WithdrawalJournalEntry =>
        e.kind === 'withdrawal' &&
        e.accountId === accountId &&
        e.asset === asset &&
        !e.dismissed &&
        (e.status === 'sending' || e.status === 'unknown'),
    );
  }

  /**
   * Records the operation before it is sent; an id already in the journal is refused (no second send), and so
   * is a withdrawal while another of the same account and asset is unsettled (checked in the same write).
   */
  async begin(network: string, entry: NewJournalEntry): Promise<void> {
    if (this.live.has(entry.id)) throw alreadySent(entry.kind);
    // Live before it is stored: a concurrent look at the journal must never take it for interrupted.
    this.live.add(entry.id);
    try {
      await this.registry.change(network, (records) => {
        if (records.operations[entry.id]) throw alreadySent(entry.kind);
        if (entry.kind === 'withdrawal') {
          const blocking = this.unsettledWithdrawal(records.operations, entry.accountId, entry.asset);
          if (blocking) throw withdrawalBlocked(blocking, this.live.has(blocking.id));
        }
        prune(records.operations, this.now());
        const fields = { status: 'sending', interrupted: false, finishedAt: null, message: null } as const;
        records.operations[entry.id] =
          entry.kind === 'withdrawal'
            ? { ...entry, ...fields, withdrawId: null }
            : { ...entry, ...fields, tranId: null };
      });
    } catch (error) {
      this.live.delete(entry.id);
      throw error;
    }
  }

  /** The outcome. Should the write fail, the entry stays `sending` and is settled from Aster's ledgers later. */
  async finish(network: string, id: string, outcome: JournalOutcome): Promise<JournalEntry | undefined> {
    try {
      const records = await this.registry.change(network, (all) => {
        const entry = all.operations[id];
        if (!entry) return;
        Object.assign(entry, {
          status: outcome.status,
          message: outcome.message,
          finishedAt: this.now(),
          ...(entry.kind === 'transfer' ? { tranId: outcome.tranId ?? null } : {}),
          ...(entry.kind === 'withdrawal' ? { withdrawId: outcome.withdrawId ?? null } : {}),
          ...(outcome.interrupted !== undefined ? { interrupted: outcome.interrupted } : {}),
        });
      });
      return records.operations[id];
    } finally {
      this.live.delete(id);
    }
  }

  async dismiss(network: string, id: string): Promise<void> {
    await this.registry.change(network, (records) => {
      const entry = records.operations[id];
      if (!entry) return;
      if (entry.status === 'sending')
        throw new RpcError(
          'still-sending',
          entry.kind === 'withdrawal'
            ? t('background.journal.withdrawalSettling')
            : t('background.journal.transferSettling'),
        );
      entry.dismissed = true;
    });
  }
}

export function alreadySent(kind: JournalEntry['kind'] = 'transfer'): RpcError {
  return new RpcError(
    'already-sent',
    kind === 'withdrawal' ? t('background.journal.withdrawalSent') : t('background.journal.transferSent'),
  );
}

/** A new withdrawal refused while an earlier one of the same account and asset is unsettled. */
export function withdrawalBlocked(entry: WithdrawalJournalEntry, live: boolean): RpcError {
  const which = {
    amount: entry.amount,
    asset: entry.asset,
    fromName: entry.fromName,
    receiver: entry.receiver,
  };
  return new RpcError(
    'withdrawal-unsettled',
    live && entry.status === 'sending'
      ? t('background.journal.withdrawalSending', which)
      : t('background.journal.withdrawalUnsettled', which),
  );
}

/** Drops finished (or dismissed) entries older than a day, then the oldest of those beyond MAX_ENTRIES. */
function prune(operations: Record<string, JournalEntry>, now: number): void {
  const removable = (e: JournalEntry) =>
    e.status === 'made' || e.status === 'not-made' || (e.dismissed === true && e.status !== 'sending');
  const entries = Object.values(operations);
  for (const e of entries)
    if (removable(e) && (e.finishedAt ?? e.startedAt) < now - KEEP_FINISHED_MS) delete operations[e.id];
  const left = Object.values(operations);
  if (left.length < MAX_ENTRIES) return;
  left
    .filter(removable)
    .sort((a, b) => (a.finishedAt ?? a.startedAt) - (b.finishedAt ?? b.startedAt))
    .slice(0, left.length - MAX_ENTRIES + 1)
    .forEach((e) => delete operations[e.id]);
}
