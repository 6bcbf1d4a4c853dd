import { t } from '@/lib/i18n';
/**
 * Settling an operation whose answer was lost from one of Aster's ledgers, exactly: same asset, same signed
 * amount (decimal-exact), an expected type, inside the time window, not already claimed by another journal
 * entry. One candidate: that is the operation. Two or more: it stays unknown, with the candidates in words.
 * None: "not made" only when the ledger could prove it (see `provesAbsence`), otherwise unknown.
 */
import { compareDecimal } from './decimal';
import type { LedgerEntry, LedgerRead } from './ledgers';

/**
 * Aster accepts a signed request only within ±60 s of its own clock (aster-protocol.md §10, nonce window). The
 * nonce is therefore the anchor: a request Aster executed was stamped within [nonce − 60 s, nonce + 60 s +
 * PROCESSING_MS] of Aster's clock, whatever our clock's error (nonces are corrected by the measured offset, but
 * the bound does not rely on it). When it was sent, Aster's clock was at least nonce − 60 s, so the window has
 * closed for sure once our clock has moved on by the window's whole length from `sentAt`: only a ledger read
 * after that can prove a transfer absent.
 */
export const NONCE_WINDOW_MS = 60_000;
/** Aster's own time between accepting a request and stamping it (the client's answer timeout). */
export const PROCESSING_MS = 10_000;

export interface SettleWindow {
  /** Aster's clock. */
  start: number;
  end: number;
  /** Our clock: from here a whole ledger without a match proves the operation was not made. */
  closesAt: number;
}

/**
 * `sentAt`: our clock when it was sent; `anchorMs`: the time its nonce stands for, in ms (Aster's clock, as
 * corrected when it was signed) — `sentAt` itself when the nonce is not known.
 */
export function settleWindow(sentAt: number, anchorMs: number = sentAt): SettleWindow {
  const start = anchorMs - NONCE_WINDOW_MS;
  const end = anchorMs + NONCE_WINDOW_MS + PROCESSING_MS;
  return { start, end, closesAt: sentAt + (end - start) };
}

/** The ms a microsecond nonce (or `userNonce`) stands for, when it is one. */
export function nonceMs(nonce: string | number | undefined): number | undefined {
  const text = nonce === undefined ? '' : String(nonce);
  return /^\d{13,19}$/.test(text) ? Math.floor(Number(text) / 1000) : undefined;
}

export interface LedgerExpectation<E extends LedgerEntry = LedgerEntry> {
  asset: string;
  /** Signed as the ledger shows it: `-5` leaving this account's wallet, `5` arriving. */
  amount: string;
  /** Ledger types that can carry this movement. */
  types: readonly string[];
  window: SettleWindow;
  /** Ledger ids other journal entries already stand for: never a second operation's proof. */
  claimed: ReadonlySet<string>;
  /** Further exact checks (chain, receiver…): a reason it is not this operation, or null. */
  differs?: (entry: E) => string | null;
}

export type LedgerMatch<E extends LedgerEntry = LedgerEntry> =
  | { status: 'found'; entry: E }
  | { status: 'absent' }
  /** `ambiguous`: several entries fit and none can be told apart (reading again will not help). */
  | { status: 'unknown'; reason: string; ambiguous?: boolean };

const sameAmount = (a: string, b: string) => {
  try {
    return compareDecimal(a, b) === 0;
  } catch {
    return false;
  }
};

/** `12:01:05 UTC`: the time Aster stamped, as the trader can compare it with Aster's site. */
export function clockTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 19)} UTC`;
}

/** Small counts in words where the language writes them so ("two"), digits otherwise. */
function count(n: number): string {
  switch (n) {
    case 0:
      return t('errors.ledger.number.zero');
    case 1:
      return t('errors.ledger.number.one');
    case 2:
      return t('errors.ledger.number.two');
    case 3:
      return t('errors.ledger.number.three');
    case 4:
      return t('errors.ledger.number.four');
    case 5:
      return t('errors.ledger.number.five');
    default:
      return String(n);
  }
}

/** The entries that are exactly this operation (claimed ones apart). */
export function candidates<E extends LedgerEntry>(
  read: LedgerRead<E>,
  expect: LedgerExpectation<E>,
): { open: E[]; claimed: E[] } {
  const fits = read.entries.filter(
    (e) =>
      expect.types.includes(e.type) &&
      e.asset === expect.asset &&
      sameAmount(e.amount, expect.amount) &&
      e.time >= expect.window.start &&
      e.time <= expect.window.end &&
      (expect.differs?.(e) ?? null) === null,
  );
  return {
    open: fits.filter((e) => !expect.claimed.has(e.id)),
    claimed: fits.filter((e) => expect.claimed.has(e.id)),
  };
}

/**
 * Whether a read without a match proves the operation absent: read after the window closed (our clock), every
 * entry readable, and not cut at the page limit.
 */
export function provesAbsence(
  read: LedgerRead,
  readAt: number,
  window: SettleWindow,
  limit: number,
): string | null {
  if (readAt < window.closesAt) return t('errors.ledger.provesFrom', { time: clockTime(window.closesAt) });
  if (read.unreadable > 0) return t('errors.ledger.unreadableEntries', { count: count(read.unreadable) });
  if (read.total >= limit) return t('errors.ledger.cut', { limit: String(limit) });
  return null;
}

/** What one ledger read says about one operation (`what`: e.g. "transfers of 5 USDT"). */
export function matchLedger<E extends LedgerEntry>(
  read: LedgerRead<E>,
  expect: LedgerExpectation<E>,
  what: string,
  absence: { readAt: number; limit: number },
): LedgerMatch<E> {
  const { open, claimed } = candidates(read, expect);
  if (open.length === 1) return { status: 'found', entry: open[0]! };
  if (open.length > 1) {
    const list = open
      .map((e) => t('errors.ledger.entryAt', { id: e.id, time: clockTime(e.time) }))
      .join(', ');
    return {
      status: 'unknown',
      reason: t('errors.ledger.ambiguous', { count: count(open.length), what, list }),
      ambiguous: true,
    };
  }
  const why = provesAbsence(read, absence.readAt, expect.window, absence.limit);
  if (why === null) return { status: 'absent' };
  const ids = claimed.map((e) => e.id).join(', ');
  return {
    status: 'unknown',
    reason:
      claimed.length === 0
        ? t('errors.ledger.notYet', { why })
        : claimed.length === 1
          ? t('errors.ledger.notYetClaimedOne', { ids, why })
          : t('errors.ledger.notYetClaimedMany', { ids, why }),
  };
}
