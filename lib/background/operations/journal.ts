import type { OperationRecord } from '@/lib/messaging/operations-api';
import { RpcError } from '@/lib/messaging/rpc';
import type { JournalEntry, Registry } from './registry';

/** Finished entries are kept a day (a lost answer can still be looked up), at most this many per network. */
const KEEP_FINISHED_MS = 24 * 60 * 60_000;
const MAX_ENTRIES = 100;

export type JournalOutcome = Pick<JournalEntry, 'status' | 'tranId' | 'message'> & { interrupted?: boolean };

/** What the pages see: the entry without what finds it in the history. */
export function publicRecord(entry: JournalEntry): OperationRecord {
  const { identity: _identity, readerId: _readerId, dismissed: _dismissed, ...record } = entry;
  return record;
}

/**
 * The transfer journal (in the registry, so in `storage.local`, per network). An entry is written, and the
 * write awaited, before the signed request leaves, and finished with the outcome. The set of entries this
 * worker is sending lives in memory only: after a worker stop, an entry still `sending` is one whose worker is
 * gone — interrupted — and the operations service settles it from Aster's history.
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

  /** Records the transfer before it is sent; an id already in the journal is refused (no second send). */
  async begin(
    network: string,
    entry: Omit<JournalEntry, 'status' | 'interrupted' | 'finishedAt' | 'tranId' | 'message'>,
  ): Promise<void> {
    if (this.live.has(entry.id)) throw alreadySent();
    // Live before it is stored: a concurrent look at the journal must never take it for interrupted.
    this.live.add(entry.id);
    try {
      await this.registry.change(network, (records) => {
        if (records.operations[entry.id]) throw alreadySent();
        prune(records.operations, this.now());
        records.operations[entry.id] = {
          ...entry,
          status: 'sending',
          interrupted: false,
          finishedAt: null,
          tranId: null,
          message: null,
        };
      });
    } catch (error) {
      this.live.delete(entry.id);
      throw error;
    }
  }

  /** The outcome. Should the write fail, the entry stays `sending` and is settled from the history later. */
  async finish(network: string, id: string, outcome: JournalOutcome): Promise<JournalEntry | undefined> {
    try {
      const records = await this.registry.change(network, (all) => {
        const entry = all.operations[id];
        if (!entry) return;
        Object.assign(entry, {
          status: outcome.status,
          tranId: outcome.tranId,
          message: outcome.message,
          finishedAt: this.now(),
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
        throw new RpcError('still-sending', 'This transfer is still being settled: wait for its outcome.');
      entry.dismissed = true;
    });
  }
}

export function alreadySent(): RpcError {
  return new RpcError(
    'already-sent',
    'This transfer was already sent once: it is never sent twice. Its outcome is under "Interrupted operations".',
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
