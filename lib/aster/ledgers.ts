/**
 * Aster's ledgers, read tolerantly: the futures income ledger (`GET /fapi/v3/income`), the spot transaction
 * history (`GET /api/v3/transactionHistory`) and the deposit/withdrawal history
 * (`POST /fapi/v3/aster/deposit-withdraw-history`), in the shapes of Aster's public documents.
 *
 * An answer that is not a list is an error (never "nothing there"). Inside a list, an entry without the fields
 * a match needs is counted as `unreadable`, not dropped silently: a ledger with unreadable entries can still
 * show a transfer made, but never prove one absent. Numbers may come as strings or numbers; extra fields are
 * ignored.
 */
import { isDecimal } from './decimal';
import { unexpectedAnswer } from './client';
import { t as translate } from '@/lib/i18n';

/** One movement of one wallet of one account, with the sign Aster shows (negative: money left). */
export interface LedgerEntry {
  /** Aster's id of the movement (`tranId`, or `id` in the withdrawal history), as text. */
  id: string;
  /** `incomeType` (futures), `type` (spot) or `type` (deposit/withdrawal history). */
  type: string;
  asset: string;
  /** A signed decimal (futures `income`, spot `balanceDelta`); the withdrawal history's `amount` as is. */
  amount: string;
  /** Epoch milliseconds, Aster's clock. */
  time: number;
}

export interface WithdrawalHistoryEntry extends LedgerEntry {
  /** `PROCESSING`, `SUCCESS` or `FAILED` (upper-cased); null when absent. */
  state: string | null;
  chainId: number | null;
  /** `spot` or `perp`; null when absent. */
  accountType: string | null;
  txHash: string | null;
  /** Not in the public shape; used when an answer carries them. */
  receiver: string | null;
  userNonce: string | null;
}

export interface LedgerRead<E extends LedgerEntry = LedgerEntry> {
  entries: E[];
  /** Entries without the fields a match needs: the read cannot prove anything absent. */
  unreadable: number;
  /** How many items the answer had (readable or not), to tell a page cut at the limit. */
  total: number;
}

type Item = Record<string, unknown>;

/** Text of a string or a finite number; JSON numbers above 2^53 have already lost digits (both sides alike). */
function text(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return value.toString();
  return null;
}

function decimalText(value: unknown): string | null {
  const t = text(value);
  if (t === null) return null;
  const plain = t.startsWith('+') ? t.slice(1) : t;
  return isDecimal(plain) ? plain : null;
}

function epochMs(value: unknown): number | null {
  const t = text(value);
  if (t === null || !/^\d{1,16}$/.test(t)) return null;
  return Number(t);
}

function list(payload: unknown, what: string): Item[] {
  if (!Array.isArray(payload)) throw unexpectedAnswer(what);
  return payload as Item[];
}

function read<E extends LedgerEntry>(items: Item[], entry: (item: Item) => E | null): LedgerRead<E> {
  const entries: E[] = [];
  for (const item of items) {
    const parsed = typeof item === 'object' && item !== null && !Array.isArray(item) ? entry(item) : null;
    if (parsed) entries.push(parsed);
  }
  return { entries, unreadable: items.length - entries.length, total: items.length };
}

function base(
  id: unknown,
  type: unknown,
  asset: unknown,
  amount: unknown,
  time: unknown,
): LedgerEntry | null {
  const fields = {
    id: text(id),
    type: text(type),
    asset: text(asset),
    amount: decimalText(amount),
    time: epochMs(time),
  };
  const { id: i, type: k, asset: a, amount: m, time: t } = fields;
  return i !== null && k !== null && a !== null && m !== null && t !== null
    ? { id: i, type: k.toUpperCase(), asset: a, amount: m, time: t }
    : null;
}

/** `GET /fapi/v3/income`: `[{symbol, incomeType, income, asset, info, time, tranId, tradeId}]`. */
export function parseIncomeLedger(payload: unknown): LedgerRead {
  return read(list(payload, translate('errors.ledgerShape.income')), (i) =>
    base(i.tranId, i.incomeType, i.asset, i.income, i.time),
  );
}

/** `GET /api/v3/transactionHistory`: `[{tranId, tradeId, asset, symbol, balanceDelta, balanceInfo, time, type}]`. */
export function parseSpotTransactionHistory(payload: unknown): LedgerRead {
  return read(list(payload, translate('errors.ledgerShape.spot')), (i) =>
    base(i.tranId, i.type ?? i.balanceInfo, i.asset, i.balanceDelta, i.time),
  );
}

/** `POST /fapi/v3/aster/deposit-withdraw-history`: `[{id, type, asset, amount, state, txHash, time, chainId, accountType}]`. */
export function parseDepositWithdrawHistory(payload: unknown): LedgerRead<WithdrawalHistoryEntry> {
  return read(list(payload, translate('errors.ledgerShape.depositWithdraw')), (i) => {
    const entry = base(i.id ?? i.tranId, i.type, i.asset, i.amount, i.time);
    if (!entry) return null;
    const chain = text(i.chainId);
    return {
      ...entry,
      state: text(i.state)?.toUpperCase() ?? null,
      chainId: chain !== null && /^\d{1,12}$/.test(chain) ? Number(chain) : null,
      accountType: text(i.accountType)?.toLowerCase() ?? null,
      txHash: text(i.txHash),
      receiver: text(i.receiver ?? i.address ?? i.toAddress),
      userNonce: text(i.userNonce),
    };
  });
}
