import { t } from '@/lib/i18n';
import { sameAddress } from '../rules';
import { isRecord } from '../json-values';

/**
 * `GET /fapi/v3/getSubAccountList` as Aster really answers it (aster-protocol.md §10). Three shapes are known:
 * the documented `{accountId, subAccountName, parentAccount}` (no address), the live report
 * `{address, accountId, parentAccount, subAccountName?, futureBalanceList?: [{asset, balance}]}` with the master's
 * own entry in the list, and `sourceAddr` in place of `address` (another public bot). Names may be missing or "",
 * numbers may come as strings, extra fields are ignored. Anything else is a `SubAccountListShapeError` in words:
 * an answer we cannot read is never "no sub-accounts" (the 15 limit and the sync are counted from it).
 */

export interface AsterBalanceEntry {
  asset: string;
  /** A decimal string as Aster sent it (numbers are turned into their decimal text). */
  balance: string;
}

export interface AsterSubAccountEntry {
  /** Aster's account id; null when the entry has only an address. */
  accountId: number | null;
  /** From `address`, else `sourceAddr`; null in the documented shape. */
  address: string | null;
  /** null when Aster left the name out or sent "". */
  name: string | null;
  /** `futureBalanceList` when Aster sent one. */
  balances: AsterBalanceEntry[] | null;
}

export interface AsterSubAccountList {
  /** The master's own entry (`parentAccount: true`), when Aster listed it: never counted as a sub-account. */
  master: AsterSubAccountEntry | null;
  subAccounts: AsterSubAccountEntry[];
  /** Which field carried the addresses: `names` when no entry had one. */
  addressField: 'address' | 'sourceAddr' | 'names';
}

/** Aster's answer is not a sub-account list we can read; `detail` says what came instead, in words. */
export class SubAccountListShapeError extends Error {
  constructor(readonly detail: string) {
    super(t('errors.subAccountList.shape', { detail }));
    this.name = 'SubAccountListShapeError';
  }
}

/** What came instead of a list, in a few words (never the whole body: it may be a page of HTML). */
export function describeAnswer(value: unknown): string {
  if (value === null || value === undefined) return t('errors.answer.empty');
  if (typeof value === 'string')
    return /^\s*</.test(value) ? t('errors.answer.webPage') : t('errors.answer.text');
  if (Array.isArray(value)) return t('errors.answer.list');
  if (isRecord(value)) {
    const keys = Object.keys(value).slice(0, 5);
    return keys.length === 0
      ? t('errors.answer.emptyObject')
      : t('errors.answer.object', { fields: keys.join(', ') });
  }
  // JavaScript's own type name (number, boolean…), as Aster's JSON carried it.
  return t('errors.answer.other', { type: typeof value });
}

/** EVM addresses compare without case, Solana ones exactly (Base58 is case-sensitive). */
const addressKey = (address: string) => (/^0x/i.test(address) ? address.toLowerCase() : address);

const DECIMAL = /^-?\d+(\.\d+)?$/;

function accountIdOf(value: unknown, where: string): number | null {
  if (value === undefined || value === null || value === '') return null;
  const id = typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value;
  if (typeof id === 'number' && Number.isSafeInteger(id) && id >= 0) return id;
  throw new SubAccountListShapeError(t('errors.subAccountList.accountId', { entry: where }));
}

function textOf(value: unknown, field: string, where: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string')
    throw new SubAccountListShapeError(t('errors.subAccountList.notText', { entry: where, field }));
  return value;
}

function isParentOf(value: unknown, where: string): boolean {
  if (value === undefined || value === null || value === false || value === 'false') return false;
  if (value === true || value === 'true') return true;
  // The old stand-in put the master's id here: a list we would misread, so it is not guessed at.
  throw new SubAccountListShapeError(t('errors.subAccountList.parentAccount', { entry: where }));
}

function balancesOf(value: unknown, where: string): AsterBalanceEntry[] | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value))
    throw new SubAccountListShapeError(t('errors.subAccountList.balanceList', { entry: where }));
  return value.map((item, i) => {
    const balance = isRecord(item)
      ? typeof item.balance === 'number' && Number.isFinite(item.balance)
        ? String(item.balance)
        : item.balance
      : undefined;
    if (!isRecord(item) || typeof item.asset !== 'string' || item.asset === '')
      throw new SubAccountListShapeError(
        t('errors.subAccountList.noAsset', { entry: where, index: String(i + 1) }),
      );
    if (typeof balance !== 'string' || !DECIMAL.test(balance))
      throw new SubAccountListShapeError(
        t('errors.subAccountList.balanceNotNumber', { entry: where, index: String(i + 1) }),
      );
    return { asset: item.asset, balance };
  });
}

/** One entry; `where` names it for the error ("entry 3"). */
function entryOf(
  raw: unknown,
  where: string,
): { entry: AsterSubAccountEntry; isParent: boolean; field: string | null } {
  if (!isRecord(raw))
    throw new SubAccountListShapeError(
      t('errors.subAccountList.notAccount', { entry: where, answer: describeAnswer(raw) }),
    );
  const address = textOf(raw.address, 'address', where);
  const sourceAddr = textOf(raw.sourceAddr, 'sourceAddr', where);
  if (address !== null && sourceAddr !== null && address !== sourceAddr)
    throw new SubAccountListShapeError(t('errors.subAccountList.twoAddresses', { entry: where }));
  const accountId = accountIdOf(raw.accountId, where);
  if (accountId === null && address === null && sourceAddr === null)
    throw new SubAccountListShapeError(t('errors.subAccountList.noIdentity', { entry: where }));
  return {
    entry: {
      accountId,
      address: address ?? sourceAddr,
      name: textOf(raw.subAccountName, 'subAccountName', where),
      balances: balancesOf(raw.futureBalanceList, where),
    },
    isParent: isParentOf(raw.parentAccount, where),
    field: address !== null ? 'address' : sourceAddr !== null ? 'sourceAddr' : null,
  };
}

/**
 * `masterAddress`, when given, also marks as the master an entry with its address but no `parentAccount: true`
 * (so the master is never counted among its own sub-accounts).
 */
export function parseSubAccountList(answer: unknown, masterAddress?: string): AsterSubAccountList {
  if (!Array.isArray(answer))
    throw new SubAccountListShapeError(
      t('errors.subAccountList.notList', { answer: describeAnswer(answer) }),
    );
  let master: AsterSubAccountEntry | null = null;
  const subAccounts: AsterSubAccountEntry[] = [];
  const fields = new Set<string>();
  const seen = new Set<string>();
  for (const [i, raw] of answer.entries()) {
    const where = t('errors.subAccountList.entry', { index: String(i + 1) });
    const { entry, isParent, field } = entryOf(raw, where);
    if (field) fields.add(field);
    // A repeated identity would make any match a guess.
    const identities: ['address' | 'id', string | null][] = [
      ['address', entry.address === null ? null : `address ${addressKey(entry.address)}`],
      ['id', entry.accountId === null ? null : `id ${entry.accountId}`],
    ];
    for (const [what, key] of identities) {
      if (key === null) continue;
      if (seen.has(key))
        throw new SubAccountListShapeError(
          what === 'address'
            ? t('errors.subAccountList.repeatsAddress', { entry: where })
            : t('errors.subAccountList.repeatsId', { entry: where }),
        );
      seen.add(key);
    }
    if (!isParent && !sameAddress(entry.address ?? undefined, masterAddress)) subAccounts.push(entry);
    else if (master) throw new SubAccountListShapeError(t('errors.subAccountList.twoMasters'));
    else master = entry;
  }
  const addressField = fields.has('address') ? 'address' : fields.has('sourceAddr') ? 'sourceAddr' : 'names';
  return { master, subAccounts, addressField };
}
