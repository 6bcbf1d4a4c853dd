import { compareDecimal, isDecimal, isNegativeDecimal, isPositiveDecimal } from './decimal';
import { SUB_ACCOUNT_STATUSES } from './endpoints/update-sub-account';
import type { VerdictCode } from './verdict-codes';
import { t } from '@/lib/i18n';

export { VERDICT_CODES, hasCode, type VerdictCode } from './verdict-codes';

/**
 * Aster's product rules as pure functions. Each check cites the line of the seed document it implements:
 * `subs:N` is ../shared/seeds/aster-sub-accounts.txt line N, `funds:N` is
 * ../shared/seeds/aster-deposit-withdrawal-guide.txt line N, `§N` is aster-protocol.md.
 * A verdict is `ok`, `warn` (allowed, but the trader should know) or `block`, with reasons in plain words (in
 * the trader's language) and, parallel to them, a code per reason: code decides, the words only inform.
 */

export type AccountRole = 'master' | 'sub';
export type AccountKind = 'evm' | 'solana';
/** The statuses updateSubAccount sets, from its description (./endpoints/update-sub-account.ts). */
export type AccountStatus = (typeof SUB_ACCOUNT_STATUSES)[number];

export interface AsterAccount {
  address: string;
  name?: string;
  role: AccountRole;
  kind: AccountKind;
  /** Sub-accounts only; NORMAL when absent. */
  status?: AccountStatus;
  /** A sub-account's master address. */
  parent?: string;
}

export interface AssetBalance {
  asset: string;
  /** Wallet balance, a decimal string; may be negative (funds:45). */
  balance: string;
  /** What may leave the account now (subs:119); the balance when absent. */
  withdrawable?: string;
  /** Value in USDT, used only to sort (subs:117). */
  value?: number;
}

export type VerdictLevel = 'ok' | 'warn' | 'block';

export interface Verdict {
  level: VerdictLevel;
  /** In the trader's language: for reading only, never matched. */
  reasons: string[];
  /** `codes[i]` names `reasons[i]`: what code acts on (the words change with the language). */
  codes: VerdictCode[];
}

/** Shared and frozen (reasons too): combine verdicts into new objects, never mutate this one. */
export const OK: Verdict = Object.freeze({
  level: 'ok',
  reasons: Object.freeze([]) as unknown as string[],
  codes: Object.freeze([]) as unknown as VerdictCode[],
});
export const block = (code: VerdictCode, reason: string): Verdict => ({
  level: 'block',
  reasons: [reason],
  codes: [code],
});
export const warn = (code: VerdictCode, reason: string): Verdict => ({
  level: 'warn',
  reasons: [reason],
  codes: [code],
});

const RANK: Record<VerdictLevel, number> = { ok: 0, warn: 1, block: 2 };

/** The strictest level wins; every reason is kept, in order. */
export function combineVerdicts(...verdicts: Verdict[]): Verdict {
  let level: VerdictLevel = 'ok';
  const reasons: string[] = [];
  const codes: VerdictCode[] = [];
  for (const verdict of verdicts) {
    if (RANK[verdict.level] > RANK[level]) level = verdict.level;
    reasons.push(...verdict.reasons);
    codes.push(...verdict.codes);
  }
  return { level, reasons, codes };
}

export function sameAddress(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  return /^0x/i.test(a) ? a.toLowerCase() === b.toLowerCase() : a === b;
}

export function label(account: AsterAccount): string {
  const short =
    account.address.length > 12
      ? `${account.address.slice(0, 6)}…${account.address.slice(-4)}`
      : account.address;
  return account.name ? `"${account.name}"` : short;
}

const isFrozen = (account: AsterAccount) => account.role === 'sub' && account.status === 'FROZEN';
const masterOf = (account: AsterAccount) => (account.role === 'master' ? account.address : account.parent);

// --- Limits (subs:13-23, subs:173-177, subs:222) ---

export const MIN_VIP_FOR_SUB_ACCOUNTS = 2;
export const MAX_SUB_ACCOUNTS = 15;
export const API_KEY_LIMIT: Readonly<Record<AccountRole, number>> = { master: 30, sub: 10 };

// --- Feature permissions (subs:129-193) ---

export type Feature =
  | 'trade'
  | 'deposit'
  | 'withdraw'
  | 'internal-transfer'
  | 'manage-sub-accounts'
  | 'switch-accounts'
  | 'api-withdrawal-permission'
  | 'referral-binding-within-family';

/** The feature table of subs:129-193, row by row. `'master-only'` = sub-account may transfer to its master only. */
export const FEATURE_PERMISSIONS: Readonly<
  Record<Feature, Readonly<Record<AccountRole, boolean | 'master-only'>>>
> = {
  trade: { master: true, sub: true }, // subs:137-141
  deposit: { master: true, sub: true }, // subs:143-147
  withdraw: { master: true, sub: false }, // subs:149-153
  'internal-transfer': { master: true, sub: 'master-only' }, // subs:155-159
  'manage-sub-accounts': { master: true, sub: false }, // subs:161-165
  'switch-accounts': { master: true, sub: false }, // subs:167-171
  'api-withdrawal-permission': { master: true, sub: false }, // subs:179-183
  'referral-binding-within-family': { master: false, sub: false }, // subs:185-189
};

/** Whole sentences per role and feature, so that every language words them its own way. */
function featureRefusal(role: AccountRole, feature: Feature): string {
  if (role === 'master') return t('rules.feature.masterCannot', { feature: featureWords(feature) });
  switch (feature) {
    case 'withdraw':
      return t('rules.feature.subCannotWithdraw');
    case 'manage-sub-accounts':
      return t('rules.feature.subCannotManage');
    case 'switch-accounts':
      return t('rules.feature.subCannotSwitch');
    case 'api-withdrawal-permission':
      return t('rules.feature.subCannotApiWithdraw');
    case 'referral-binding-within-family':
      return t('rules.feature.subCannotBindReferral');
    default:
      return t('rules.feature.subCannot', { feature: featureWords(feature) });
  }
}

function featureWords(feature: Feature): string {
  switch (feature) {
    case 'trade':
      return t('rules.feature.words.trade');
    case 'deposit':
      return t('rules.feature.words.deposit');
    case 'withdraw':
      return t('rules.feature.words.withdraw');
    case 'internal-transfer':
      return t('rules.feature.words.internalTransfer');
    case 'manage-sub-accounts':
      return t('rules.feature.words.manageSubAccounts');
    case 'switch-accounts':
      return t('rules.feature.words.switchAccounts');
    case 'api-withdrawal-permission':
      return t('rules.feature.words.apiWithdrawalPermission');
    case 'referral-binding-within-family':
      return t('rules.feature.words.referralBinding');
  }
}

export function checkFeature(role: AccountRole, feature: Feature): Verdict {
  const allowed = FEATURE_PERMISSIONS[feature][role];
  if (allowed === true) return OK;
  if (allowed === 'master-only')
    return warn('sub-transfers-to-master-only', t('rules.feature.subToMasterOnly'));
  return block('feature-not-allowed', featureRefusal(role, feature));
}

// --- Names (subs:47-55) ---

export function checkSubAccountName(name: string): Verdict {
  const verdicts: Verdict[] = [];
  const length = [...name].length;
  if (length < 6 || length > 20)
    verdicts.push(block('name-length', t('rules.name.length', { length: String(length) }))); // subs:49
  if (!/^[A-Za-z0-9]*$/.test(name)) verdicts.push(block('name-characters', t('rules.name.characters'))); // subs:53-55
  if (!/[A-Za-z]/.test(name)) verdicts.push(block('name-needs-letter', t('rules.name.needsLetter'))); // subs:51
  return verdicts.length === 0 ? OK : combineVerdicts(...verdicts);
}

// --- Creating sub-accounts (subs:13-25, subs:39, subs:43, subs:291) ---

export interface CreateSubAccountCheck {
  /** Who signs: must be a master (subs:23, subs:291). */
  creator: AsterAccount;
  vipLevel: number;
  /** MM accounts may create sub-accounts below VIP 2 (subs:15). */
  isMarketMaker?: boolean;
  existingSubAccounts: number;
  name: string;
  childKind: AccountKind;
}

export function checkCreateSubAccount(c: CreateSubAccountCheck): Verdict {
  const verdicts: Verdict[] = [checkSubAccountName(c.name)];
  if (c.creator.role !== 'master') verdicts.push(block('no-nesting', t('rules.create.noNesting'))); // subs:21-23, subs:291
  if (c.vipLevel < MIN_VIP_FOR_SUB_ACCOUNTS && !c.isMarketMaker)
    verdicts.push(block('vip-too-low', t('rules.create.vipTooLow', { vip: String(c.vipLevel) }))); // subs:15, subs:25
  if (c.existingSubAccounts >= MAX_SUB_ACCOUNTS)
    verdicts.push(block('sub-account-limit', t('rules.create.limit', { max: String(MAX_SUB_ACCOUNTS) }))); // subs:19
  if (c.childKind !== c.creator.kind)
    verdicts.push(
      block(
        'kind-mismatch',
        t('rules.create.sameKind', { kind: c.creator.kind === 'evm' ? 'EVM' : 'Solana' }),
      ),
    ); // subs:39
  return combineVerdicts(...verdicts);
}

/** Renaming, freezing or unfreezing: only a master, only its own sub-accounts (subs:161-165, subs:291). */
export function checkManageSubAccount(actor: AsterAccount, target: AsterAccount, newName?: string): Verdict {
  const verdicts: Verdict[] = [];
  if (actor.role !== 'master') verdicts.push(block('master-only', t('rules.manage.masterOnly')));
  else if (target.role !== 'sub' || !sameAddress(target.parent, actor.address))
    verdicts.push(
      block(
        'not-own-sub-account',
        t('rules.manage.notOwnSub', { target: label(target), master: label(actor) }),
      ),
    );
  if (newName !== undefined) verdicts.push(checkSubAccountName(newName));
  return combineVerdicts(...verdicts);
}

// --- Switching (subs:65-69, subs:279) ---

export function checkAccountSwitch(loggedIn: AsterAccount, target: AsterAccount): Verdict {
  if (loggedIn.role === 'sub') return block('switch-from-sub', t('rules.switch.fromSub')); // subs:69
  if (sameAddress(target.address, loggedIn.address)) return OK;
  if (target.role !== 'sub' || !sameAddress(target.parent, loggedIn.address))
    return block('not-own-sub-account', t('rules.switch.notOwnSub', { target: label(target) })); // subs:67
  return OK;
}

// --- Transfers (subs:85-121, subs:297-301, §4) ---

/** Only assets with a positive balance are offered, largest value first (subs:115, subs:117). */
export function transferableAssets(balances: readonly AssetBalance[]): AssetBalance[] {
  return balances
    .filter((b) => isPositiveDecimal(b.balance) && isPositiveDecimal(b.withdrawable ?? b.balance))
    .sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
}

export interface TransferCheck {
  /** The account logged in on the exchange (whose session the transfer is made in). */
  loggedIn: AsterAccount;
  from: AsterAccount;
  to: AsterAccount;
  asset?: string;
  amount?: string;
  /** The source account's balances, when known. */
  sourceBalances?: readonly AssetBalance[];
}

export function checkTransfer(check: TransferCheck): Verdict {
  const { loggedIn, from, to } = check;
  const verdicts: Verdict[] = [];
  if (sameAddress(from.address, to.address)) return block('same-account', t('rules.transfer.sameAccount'));
  if (from.kind !== to.kind) verdicts.push(block('kind-mismatch', t('rules.transfer.kindMismatch'))); // subs:39

  const family = masterOf(from);
  if (family === undefined || masterOf(to) === undefined)
    verdicts.push(warn('family-unknown', t('rules.transfer.familyUnknown')));
  else if (!sameAddress(family, masterOf(to)))
    verdicts.push(block('outside-family', t('rules.transfer.outsideFamily'))); // §4 "outside the family fail"

  if (loggedIn.role === 'sub') {
    // subs:121, subs:159, subs:299: logged in as a sub-account, only to its own master.
    if (!sameAddress(from.address, loggedIn.address))
      verdicts.push(block('sub-own-funds-only', t('rules.transfer.subOwnFundsOnly')));
    if (!(to.role === 'master' && sameAddress(to.address, loggedIn.parent)))
      verdicts.push(block('sub-transfers-to-master-only', t('rules.transfer.subToMasterOnly')));
  } else if (family !== undefined && !sameAddress(loggedIn.address, family)) {
    // subs:93-109: a master moves funds between itself and its own sub-accounts.
    verdicts.push(
      block('not-their-master', t('rules.transfer.notTheirMaster', { account: label(loggedIn) })),
    );
  }

  for (const account of [from, to])
    // subs:202-210 with §4 "a FROZEN sub cannot transfer"
    if (isFrozen(account))
      verdicts.push(block('frozen', t('rules.transfer.frozen', { account: label(account) })));

  verdicts.push(checkAmountAgainstBalances(check.asset, check.amount, check.sourceBalances, 'transfer'));
  return combineVerdicts(...verdicts);
}

function checkAmountAgainstBalances(
  asset: string | undefined,
  amount: string | undefined,
  balances: readonly AssetBalance[] | undefined,
  what: 'transfer' | 'withdraw',
): Verdict {
  if (amount === undefined) return OK;
  const transfer = what === 'transfer';
  if (!isPositiveDecimal(amount))
    return block(
      'amount-not-positive',
      transfer ? t('rules.amount.transferNotPositive') : t('rules.amount.withdrawNotPositive'),
    );
  if (!balances || asset === undefined) return OK;
  const entry = balances.find((b) => b.asset === asset);
  if (!entry || !isPositiveDecimal(entry.balance))
    return block(
      'no-balance',
      transfer
        ? t('rules.amount.noBalanceToTransfer', { asset })
        : t('rules.amount.noBalanceToWithdraw', { asset }),
    ); // subs:115
  const available = entry.withdrawable ?? entry.balance;
  if (!isDecimal(available) || compareDecimal(amount, available) > 0)
    return block(
      'above-available',
      transfer
        ? t('rules.amount.atMostTransfer', { amount: available, asset })
        : t('rules.amount.atMostWithdraw', { amount: available, asset }),
    ); // subs:119
  return OK;
}

// --- Withdrawals (subs:124-126, subs:149-153, subs:226, funds:41-79) ---

export interface WithdrawalCheck {
  account: AsterAccount;
  /** Every balance of the account (all assets): one negative blocks any withdrawal (funds:53). */
  balances?: readonly AssetBalance[];
  asset?: string;
  amount?: string;
}

export function checkWithdrawal(w: WithdrawalCheck): Verdict {
  if (w.account.role === 'sub')
    // subs:126 — and subs:226: a sub-account's API keys never have withdrawal permission.
    return block('sub-cannot-withdraw', t('rules.withdraw.subCannot'));
  const negative = (w.balances ?? []).filter((b) => isNegativeDecimal(b.balance));
  if (negative.length > 0)
    // funds:53, funds:73-79: resolve negatives first, by Rebalance (auto-conversion) or a deposit.
    return block(
      'rebalance-first',
      t('rules.withdraw.rebalanceFirst', {
        balances: negative
          .map((b) => t('rules.withdraw.negativeBalance', { asset: b.asset, balance: b.balance }))
          .join(t('rules.listSeparator')),
      }),
    );
  return checkAmountAgainstBalances(w.asset, w.amount, w.balances, 'withdraw');
}

// --- Frozen sub-accounts and orders (subs:196-215) ---

export interface OrderCheck {
  account: AsterAccount;
  /** One-way (`positionSide` BOTH) or hedge mode. */
  positionMode: 'one-way' | 'hedge';
  side: 'BUY' | 'SELL';
  reduceOnly?: boolean;
  positionSide?: 'BOTH' | 'LONG' | 'SHORT';
  closePosition?: boolean;
}

export function checkOrder(o: OrderCheck): Verdict {
  if (!isFrozen(o.account)) return OK; // subs:137-141: both roles trade
  if (o.closePosition) return OK;
  if (o.positionMode === 'one-way')
    return o.reduceOnly ? OK : block('frozen', t('rules.order.frozenOneWay', { account: label(o.account) })); // subs:208
  const closing =
    (o.side === 'SELL' && o.positionSide === 'LONG') || (o.side === 'BUY' && o.positionSide === 'SHORT');
  return closing ? OK : block('frozen', t('rules.order.frozenHedge', { account: label(o.account) })); // subs:210
}

// --- API wallets (subs:173-183, subs:220-234, §5) ---

export interface AgentApprovalCheck {
  account: AsterAccount;
  /** API wallets the account already has. */
  existingAgents: number;
  canWithdraw: boolean;
  ipWhitelist?: readonly string[];
}

/** A whitelist entry that is no whitelist: an IPv4 range wider than /8, an IPv6 range wider than /16. */
function admitsMostAddresses(entry: string): boolean {
  const [address = '', prefix] = entry.trim().split('/');
  if (prefix === undefined) return address === '0.0.0.0' || address === '::';
  const bits = Number(prefix);
  if (!/^\d{1,3}$/.test(prefix)) return true;
  return address.includes(':') ? bits < 16 : bits < 8;
}

export function checkAgentApproval(a: AgentApprovalCheck): Verdict {
  const verdicts: Verdict[] = [];
  const limit = API_KEY_LIMIT[a.account.role];
  if (a.existingAgents >= limit)
    verdicts.push(
      block(
        'api-key-limit',
        a.account.role === 'sub'
          ? t('rules.agent.subLimit', { max: String(limit) })
          : t('rules.agent.masterLimit', { max: String(limit) }),
      ),
    ); // subs:175-177, subs:222
  if (a.canWithdraw && a.account.role === 'sub')
    verdicts.push(block('sub-agent-cannot-withdraw', t('rules.agent.subNoWithdraw'))); // subs:183, subs:226
  if (a.canWithdraw && (a.ipWhitelist ?? []).every((ip) => ip.trim() === ''))
    verdicts.push(block('ip-whitelist-needed', t('rules.agent.whitelistNeeded'))); // §5, §10
  const open = a.canWithdraw ? (a.ipWhitelist ?? []).filter(admitsMostAddresses) : [];
  if (open.length > 0)
    verdicts.push(
      block(
        'ip-whitelist-open',
        t('rules.agent.whitelistOpen', { entries: open.map((ip) => ip.trim()).join(', ') }),
      ),
    );
  if (a.canWithdraw && verdicts.length === 0)
    verdicts.push(warn('agent-can-withdraw', t('rules.agent.canWithdraw')));
  return combineVerdicts(...verdicts);
}

// --- Deposits (subs:76-82) ---

export function checkDeposit(account: AsterAccount, network: 'evm' | 'solana'): Verdict {
  if (network === 'solana' && account.role === 'sub')
    return block('solana-deposit-to-sub', t('rules.deposit.solanaToSub')); // subs:82
  return OK;
}
