import { describe, expect, it } from 'vitest';
import { matchLedger, nonceMs, settleWindow, type LedgerExpectation } from './ledger-match';
import type { LedgerEntry, LedgerRead } from './ledgers';

const SENT = Date.UTC(2026, 11, 1, 12, 1, 0);
const window = settleWindow(SENT);
const entry = (over: Partial<LedgerEntry> = {}): LedgerEntry => ({
  id: '1001',
  type: 'TRANSFER',
  asset: 'USDT',
  amount: '-5.00000000',
  time: SENT + 400,
  ...over,
});
const ledger = (...entries: LedgerEntry[]): LedgerRead => ({ entries, unreadable: 0, total: entries.length });
const expectation = (over: Partial<LedgerExpectation> = {}): LedgerExpectation => ({
  asset: 'USDT',
  amount: '-5',
  types: ['TRANSFER'],
  window,
  claimed: new Set(),
  ...over,
});
const early = { readAt: SENT + 1_000, limit: 1000 };
const late = { readAt: window.closesAt, limit: 1000 };

describe('matching a lost transfer in a ledger, exactly', () => {
  it('the window: from the nonce window before sending to the nonce window plus processing after, closed a minute later', () => {
    expect(window).toEqual({ start: SENT - 60_000, end: SENT + 70_000, closesAt: SENT + 130_000 });
  });

  it('one exact entry: found, whatever its decimal spelling', () => {
    expect(matchLedger(ledger(entry()), expectation(), 'transfers of 5 USDT', early)).toEqual({
      status: 'found',
      entry: entry(),
    });
    expect(
      matchLedger(ledger(entry({ amount: '-5' })), expectation({ amount: '-5.000' }), 'x', early),
    ).toMatchObject({
      status: 'found',
    });
  });

  it('wrong amount, asset, sign (the other party), type or time: not this transfer', () => {
    for (const wrong of [
      entry({ amount: '-5.00000001' }),
      entry({ amount: '-50' }),
      entry({ amount: '5.00000000' }),
      entry({ asset: 'USDC' }),
      entry({ asset: 'usdt' }),
      entry({ type: 'COMMISSION' }),
      entry({ time: window.start - 1 }),
      entry({ time: window.end + 1 }),
      entry({ amount: 'not a number' }),
    ]) {
      expect(matchLedger(ledger(wrong), expectation(), 'x', early).status).toBe('unknown');
      expect(matchLedger(ledger(wrong), expectation(), 'x', late)).toEqual({ status: 'absent' });
    }
    // The edges of the window are inside it.
    expect(matchLedger(ledger(entry({ time: window.start })), expectation(), 'x', early).status).toBe(
      'found',
    );
    expect(matchLedger(ledger(entry({ time: window.end })), expectation(), 'x', early).status).toBe('found');
  });

  it('an entry claimed by another journal entry never settles a second one', () => {
    const claimed = expectation({ claimed: new Set(['1001']) });
    expect(matchLedger(ledger(entry()), claimed, 'x', late)).toEqual({ status: 'absent' });
    const open = matchLedger(ledger(entry()), claimed, 'x', early);
    expect(open).toMatchObject({ status: 'unknown' });
    expect(open.status === 'unknown' && open.reason).toMatch(
      /the only matching entry \(1001\) already stands for another operation/,
    );
    // Of two candidates one is claimed: the other one is this transfer.
    expect(matchLedger(ledger(entry(), entry({ id: '1002' })), claimed, 'x', early)).toMatchObject({
      status: 'found',
      entry: { id: '1002' },
    });
  });

  it('two candidates: unknown, the reason in words, even after the window closed', () => {
    const two = ledger(entry({ time: SENT + 5_000 }), entry({ id: '1002', time: SENT + 7_000 }));
    for (const when of [early, late]) {
      const match = matchLedger(two, expectation(), 'transfers of 5 USDT', when);
      expect(match).toEqual({
        status: 'unknown',
        reason:
          "two transfers of 5 USDT match in Aster's ledger (1001 at 12:01:05 UTC, 1002 at 12:01:07 UTC): which one is this one cannot be told",
        ambiguous: true,
      });
    }
  });

  it('nothing matches: "absent" only after the window closed, from a whole, uncut ledger', () => {
    const empty = ledger(entry({ amount: '-6' }));
    const before = matchLedger(empty, expectation(), 'x', { readAt: window.closesAt - 1, limit: 1000 });
    expect(before).toEqual({
      status: 'unknown',
      reason:
        "Aster's ledger does not show it yet, and Aster's ledger can only prove it absent from 12:03:10 UTC (its clock may differ from this computer's by up to a minute)",
    });
    expect(matchLedger(empty, expectation(), 'x', late)).toEqual({ status: 'absent' });
    const unreadable = matchLedger({ ...empty, unreadable: 2, total: 3 }, expectation(), 'x', late);
    expect(unreadable.status === 'unknown' && unreadable.reason).toMatch(
      /two of the ledger's entries could not be read/,
    );
    const cut = matchLedger(empty, expectation(), 'x', { readAt: window.closesAt, limit: 1 });
    expect(cut.status === 'unknown' && cut.reason).toMatch(/the ledger answer was cut at 1 entries/);
  });

  it('a ledger with unreadable entries still shows a transfer made', () => {
    expect(
      matchLedger({ ...ledger(entry()), unreadable: 1, total: 2 }, expectation(), 'x', late),
    ).toMatchObject({
      status: 'found',
    });
  });
});

describe('the window is anchored on the nonce (Aster accepted it within ±60 s of its own clock)', () => {
  it('a computer 2 minutes behind Aster: the window is where Aster stamped it, not where our clock was', () => {
    const sentAt = 1_764_590_400_000;
    const nonce = String((sentAt + 120_000) * 1000); // corrected by the measured offset
    const window = settleWindow(sentAt, nonceMs(nonce));
    expect(window.start).toBe(sentAt + 60_000);
    expect(window.end).toBe(sentAt + 190_000);
    // Absence is provable only once our clock has moved on by the window's whole length.
    expect(window.closesAt).toBe(sentAt + 130_000);
  });

  it('without a usable nonce it falls back to the time it was sent', () => {
    expect(settleWindow(1000, nonceMs('12'))).toEqual(settleWindow(1000));
    expect(nonceMs(undefined)).toBeUndefined();
    expect(nonceMs(1_764_590_400_000_123)).toBe(1_764_590_400_000);
  });
});
