import { compareDecimal, isDecimal, isNegativeDecimal, isPositiveDecimal } from './decimal';
import { SUB_ACCOUNT_STATUSES } from './endpoints/update-sub-account';

/**
 * Aster's product rules as pure functions. Each check cites the line of the seed document it implements:
 * `subs:N` is ../shared/seeds/aster-sub-accounts.txt line N, `funds:N` is
 * ../shared/seeds/aster-deposit-withdrawal-guide.txt line N, `§N` is aster-protocol.md.
 * A verdict is `ok`, `warn` (allowed, but the trader should know) or `block`, with reasons in plain words.
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
  reasons: string[];
}

/** Shared and frozen (reasons too): combine verdicts into new objects, never mutate this one. */
export const OK: Verdict = Object.freeze({ level: 'ok', reasons: Object.freeze([]) as unknown as string[] });
export const block = (reason: string): Verdict => ({ level: 'block', reasons: [reason] });
export const warn = (reason: string): Verdict => ({ level: 'warn', reasons: [reason] });

const RANK: Record<VerdictLevel, number> = { ok: 0, warn: 1, block: 2 };

/** The strictest level wins; every reason is kept, in order. */
export function combineVerdicts(...verdicts: Verdict[]): Verdict {
  let level: VerdictLevel = 'ok';
  const reasons: string[] = [];
  for (const verdict of verdicts) {
    if (RANK[verdict.level] > RANK[level]) level = verdict.level;
    reasons.push(...verdict.reasons);
  }
  return { level, reasons };
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

const FEATURE_WORDS: Record<Feature, string> = {
  trade: 'trade',
  deposit: 'deposit',
  withdraw: 'withdraw',
  'internal-transfer': 'make internal transfers',
  'manage-sub-accounts': 'create or manage sub-accounts',
  'switch-accounts': 'switch accounts',
  'api-withdrawal-permission': 'give an API wallet withdrawal permission',
  'referral-binding-within-family': 'bind referrals between master and sub-accounts',
};

export function checkFeature(role: AccountRole, feature: Feature): Verdict {
  const allowed = FEATURE_PERMISSIONS[feature][role];
  if (allowed === true) return OK;
  if (allowed === 'master-only') return warn('A sub-account can only transfer to its master account.');
  return block(`A ${role === 'sub' ? 'sub-account' : 'master account'} cannot ${FEATURE_WORDS[feature]}.`);
}

// --- Names (subs:47-55) ---

export function checkSubAccountName(name: string): Verdict {
  const reasons: string[] = [];
  const length = [...name].length;
  if (length < 6 || length > 20) reasons.push(`The name must be 6 to 20 characters long (it has ${length}).`); // subs:49
  if (!/^[A-Za-z0-9]*$/.test(name))
    reasons.push('The name may only contain letters and digits, no spaces or symbols.'); // subs:53-55
  if (!/[A-Za-z]/.test(name)) reasons.push('The name must include at least one letter.'); // subs:51
  return reasons.length === 0 ? OK : { level: 'block', reasons };
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
  if (c.creator.role !== 'master')
    verdicts.push(block('A sub-account cannot create sub-accounts: nesting is not supported.')); // subs:21-23, subs:291
  if (c.vipLevel < MIN_VIP_FOR_SUB_ACCOUNTS && !c.isMarketMaker)
    verdicts.push(block(`Sub-accounts need VIP 2 or above (this account is VIP ${c.vipLevel}).`)); // subs:15, subs:25
  if (c.existingSubAccounts >= MAX_SUB_ACCOUNTS)
    verdicts.push(block(`A master account has at most ${MAX_SUB_ACCOUNTS} sub-accounts.`)); // subs:19
  if (c.childKind !== c.creator.kind)
    verdicts.push(
      block(
        `The sub-account must be a ${c.creator.kind === 'evm' ? 'EVM' : 'Solana'} account, like its master.`,
      ),
    ); // subs:39
  return combineVerdicts(...verdicts);
}

/** Renaming, freezing or unfreezing: only a master, only its own sub-accounts (subs:161-165, subs:291). */
export function checkManageSubAccount(actor: AsterAccount, target: AsterAccount, newName?: string): Verdict {
  const verdicts: Verdict[] = [];
  if (actor.role !== 'master') verdicts.push(block('Only the master account can manage sub-accounts.'));
  else if (target.role !== 'sub' || !sameAddress(target.parent, actor.address))
    verdicts.push(block(`${label(target)} is not a sub-account of ${label(actor)}.`));
  if (newName !== undefined) verdicts.push(checkSubAccountName(newName));
  return combineVerdicts(...verdicts);
}

// --- Switching (subs:65-69, subs:279) ---

export function checkAccountSwitch(loggedIn: AsterAccount, target: AsterAccount): Verdict {
  if (loggedIn.role === 'sub')
    return block('Logged in directly as a sub-account: switching to other accounts is not supported.'); // subs:69
  if (sameAddress(target.address, loggedIn.address)) return OK;
  if (target.role !== 'sub' || !sameAddress(target.parent, loggedIn.address))
    return block(`${label(target)} is not one of this master's sub-accounts.`); // subs:67
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

export function checkTransfer(t: TransferCheck): Verdict {
  const { loggedIn, from, to } = t;
  const verdicts: Verdict[] = [];
  if (sameAddress(from.address, to.address)) return block('Source and destination are the same account.');
  if (from.kind !== to.kind) verdicts.push(block('EVM and Solana accounts are never in the same family.')); // subs:39

  const family = masterOf(from);
  if (family === undefined || masterOf(to) === undefined)
    verdicts.push(warn('The master of one of these accounts is unknown: the family could not be checked.'));
  else if (!sameAddress(family, masterOf(to)))
    verdicts.push(block('Transfers stay inside one master account and its sub-accounts.')); // §4 "outside the family fail"

  if (loggedIn.role === 'sub') {
    // subs:121, subs:159, subs:299: logged in as a sub-account, only to its own master.
    if (!sameAddress(from.address, loggedIn.address))
      verdicts.push(block("Logged in as a sub-account, you can only move that sub-account's own funds."));
    if (!(to.role === 'master' && sameAddress(to.address, loggedIn.parent)))
      verdicts.push(block('Logged in as a sub-account, transfers go to its master account only.'));
  } else if (family !== undefined && !sameAddress(loggedIn.address, family)) {
    // subs:93-109: a master moves funds between itself and its own sub-accounts.
    verdicts.push(block(`${label(loggedIn)} is not the master of these accounts.`));
  }

  for (const account of [from, to])
    // subs:202-210 with §4 "a FROZEN sub cannot transfer"
    if (isFrozen(account))
      verdicts.push(block(`${label(account)} is frozen: unfreeze it before transferring.`));

  verdicts.push(checkAmountAgainstBalances(t.asset, t.amount, t.sourceBalances, 'transfer'));
  return combineVerdicts(...verdicts);
}

function checkAmountAgainstBalances(
  asset: string | undefined,
  amount: string | undefined,
  balances: readonly AssetBalance[] | undefined,
  what: 'transfer' | 'withdraw',
): Verdict {
  if (amount === undefined) return OK;
  if (!isPositiveDecimal(amount)) return block(`The amount to ${what} must be a number above zero.`);
  if (!balances || asset === undefined) return OK;
  const entry = balances.find((b) => b.asset === asset);
  if (!entry || !isPositiveDecimal(entry.balance)) return block(`There is no ${asset} balance to ${what}.`); // subs:115
  const available = entry.withdrawable ?? entry.balance;
  if (!isDecimal(available) || compareDecimal(amount, available) > 0)
    return block(
      `At most ${available} ${asset} can be ${what === 'transfer' ? 'transferred' : 'withdrawn'} now.`,
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
    return block(
      'Sub-accounts cannot withdraw: transfer the funds to the master account and withdraw from there.',
    );
  const negative = (w.balances ?? []).filter((b) => isNegativeDecimal(b.balance));
  if (negative.length > 0)
    // funds:53, funds:73-79: resolve negatives first, by Rebalance (auto-conversion) or a deposit.
    return block(
      `Rebalance first: ${negative.map((b) => `${b.asset} is ${b.balance}`).join(', ')}. ` +
        'Negative balances must be resolved before a withdrawal (Rebalance, or deposit the missing amount).',
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
    return o.reduceOnly
      ? OK
      : block(`${label(o.account)} is frozen: only reduce-only orders are allowed (one-way mode).`); // subs:208
  const closing =
    (o.side === 'SELL' && o.positionSide === 'LONG') || (o.side === 'BUY' && o.positionSide === 'SHORT');
  return closing
    ? OK
    : block(`${label(o.account)} is frozen: only orders that close a position are allowed (hedge mode).`); // subs:210
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
        `A ${a.account.role === 'sub' ? 'sub-account' : 'master account'} has at most ${limit} API keys.`,
      ),
    ); // subs:175-177, subs:222
  if (a.canWithdraw && a.account.role === 'sub')
    verdicts.push(block('An API wallet of a sub-account can never have withdrawal permission.')); // subs:183, subs:226
  if (a.canWithdraw && (a.ipWhitelist ?? []).every((ip) => ip.trim() === ''))
    verdicts.push(
      block(
        'An API wallet allowed to withdraw needs a fixed IP whitelist: Aster refuses its withdrawals from any other address.',
      ),
    ); // §5, §10
  const open = a.canWithdraw ? (a.ipWhitelist ?? []).filter(admitsMostAddresses) : [];
  if (open.length > 0)
    verdicts.push(
      block(
        `The IP whitelist entry ${open.map((ip) => ip.trim()).join(', ')} admits every address (or most of the internet): an API wallet allowed to withdraw needs the fixed addresses it is used from.`,
      ),
    );
  if (a.canWithdraw && verdicts.length === 0)
    verdicts.push(
      warn(
        'This API wallet will be able to withdraw funds, from the whitelisted IPs only: from any other address (a home connection whose IP changes) its withdrawals fail.',
      ),
    );
  return combineVerdicts(...verdicts);
}

// --- Deposits (subs:76-82) ---

export function checkDeposit(account: AsterAccount, network: 'evm' | 'solana'): Verdict {
  if (network === 'solana' && account.role === 'sub')
    return block(
      'Solana deposits directly into a sub-account are not supported: deposit to the master and transfer.',
    ); // subs:82
  return OK;
}
