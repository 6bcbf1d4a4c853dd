import { t } from '@/lib/i18n';
import { compareDecimal, isDecimal, isNegativeDecimal, stripTrailingZeros } from './decimal';
import type { AssetBalance } from './rules';

/**
 * Negative balances of a family (deposit guide, "Managing Negative Balances"): Aster settles in USDT and takes
 * several assets as collateral, so losses, funding and commissions can leave an asset below zero, and any
 * negative balance blocks withdrawals until covered. This module says where each one is, in words, and how to
 * cover it with the exact missing amount: a deposit, or a transfer from another own wallet that has it.
 */

export type BalanceWallet = 'futures' | 'spot';

/** One account of the family as read from Aster (`balances` null when it could not be read). */
export interface FamilyAccountBalances {
  accountId: string;
  name: string;
  role: 'master' | 'sub';
  status: 'NORMAL' | 'FROZEN';
  /** Solana sub-accounts take no direct deposits (subs:82). */
  kind: 'evm' | 'solana';
  balances: { futures: readonly AssetBalance[]; spot: readonly AssetBalance[] } | null;
}

export interface NegativeBalance {
  accountId: string;
  accountName: string;
  role: 'master' | 'sub';
  frozen: boolean;
  kind: 'evm' | 'solana';
  wallet: BalanceWallet;
  asset: string;
  /** The balance as Aster gave it, e.g. `-42.5`. */
  balance: string;
  /** What covers it exactly: the balance without its sign, e.g. `42.5`. */
  missing: string;
}

/** Another own wallet that can send the whole missing amount (what it may send now is at least `missing`). */
export interface CoverSource {
  accountId: string;
  accountName: string;
  wallet: BalanceWallet;
  /** What it may send now. */
  available: string;
}

/** One way to cover a negative balance, in words with the exact amount; `transfer` when it is a transfer. */
export interface CoverStep {
  text: string;
  transfer?: CoverSource;
}

export interface CoverPlan {
  negative: NegativeBalance;
  /** Transfers that would cover it, the same account's other wallet first. */
  sources: CoverSource[];
  /** The ways to cover it: each transfer source, then a deposit. */
  steps: CoverStep[];
}

const WALLETS: readonly BalanceWallet[] = ['futures', 'spot'];

/** `-42.5` → `−42.5` (a real minus sign, so it reads as negative without colour). */
export const signed = (balance: string) => `−${balance.replace(/^-/, '')}`;

/** Every negative balance of the accounts read, in family order, futures before spot. */
export function negativeBalancesOf(accounts: readonly FamilyAccountBalances[]): NegativeBalance[] {
  const out: NegativeBalance[] = [];
  for (const account of accounts) {
    if (!account.balances) continue;
    for (const wallet of WALLETS)
      for (const entry of account.balances[wallet])
        if (isNegativeDecimal(entry.balance))
          out.push({
            accountId: account.accountId,
            accountName: account.name,
            role: account.role,
            frozen: account.status === 'FROZEN',
            kind: account.kind,
            wallet,
            asset: entry.asset,
            balance: stripTrailingZeros(entry.balance),
            missing: stripTrailingZeros(entry.balance.slice(1)),
          });
  }
  return out;
}

/** "−3.2 USDT on Grid01 futures: blocks withdrawals". */
/** "futures" / "spot" in the trader's language. */
export function walletName(wallet: BalanceWallet): string {
  return wallet === 'futures' ? t('errors.negative.wallet.futures') : t('errors.negative.wallet.spot');
}

export function negativeBalanceSentence(n: NegativeBalance): string {
  return t('errors.negative.sentence', {
    amount: signed(n.balance),
    asset: n.asset,
    account: n.accountName,
    wallet: walletName(n.wallet),
  });
}

/** One sentence for the whole family, or null when nothing is negative. */
export function familyNegativeSummary(accounts: readonly FamilyAccountBalances[]): string | null {
  const negatives = negativeBalancesOf(accounts);
  if (negatives.length === 0) return null;
  const names = [...new Set(negatives.map((n) => n.accountName))];
  const words = { count: String(negatives.length), accounts: names.join(', ') };
  if (negatives.length === 1) return t('errors.negative.familyOne', words);
  return names.length === 1
    ? t('errors.negative.familyManyOneAccount', words)
    : t('errors.negative.familyMany', words);
}

const canSend = (entry: AssetBalance | undefined, missing: string): string | null => {
  if (!entry) return null;
  const available = entry.withdrawable ?? entry.balance;
  if (!isDecimal(available) || !isDecimal(entry.balance)) return null;
  if (compareDecimal(entry.balance, missing) < 0 || compareDecimal(available, missing) < 0) return null;
  return stripTrailingZeros(available);
};

/**
 * Own wallets that can send the exact missing amount of the same asset: the account's other wallet (perp ↔ spot),
 * then the family's other accounts. A frozen sub-account neither sends nor receives (§10), and an account that
 * is itself negative somewhere is left out (it has its own debt to cover first).
 */
export function coverSources(
  negative: NegativeBalance,
  accounts: readonly FamilyAccountBalances[],
): CoverSource[] {
  if (negative.frozen) return [];
  const negativeAccounts = new Set(negativeBalancesOf(accounts).map((n) => n.accountId));
  const own = accounts.find((a) => a.accountId === negative.accountId);
  const candidates: Array<[FamilyAccountBalances, BalanceWallet]> = [];
  if (own) for (const w of WALLETS) if (w !== negative.wallet) candidates.push([own, w]);
  for (const account of accounts)
    if (account.accountId !== negative.accountId) for (const w of WALLETS) candidates.push([account, w]);
  const out: CoverSource[] = [];
  for (const [account, wallet] of candidates) {
    if (!account.balances || account.status === 'FROZEN') continue;
    if (account.accountId !== negative.accountId && negativeAccounts.has(account.accountId)) continue;
    const available = canSend(
      account.balances[wallet].find((b) => b.asset === negative.asset),
      negative.missing,
    );
    if (available !== null)
      out.push({ accountId: account.accountId, accountName: account.name, wallet, available });
  }
  return out;
}

/** How to cover one negative balance, with the exact amount, in words. */
export function coverPlan(negative: NegativeBalance, accounts: readonly FamilyAccountBalances[]): CoverPlan {
  const { asset, missing, accountName, wallet } = negative;
  const sources = coverSources(negative, accounts);
  const steps: CoverStep[] = [];
  if (negative.frozen)
    steps.push({
      text: t('errors.negative.frozen', { account: accountName, amount: missing, asset }),
    });
  else
    for (const s of sources)
      steps.push({
        text:
          s.accountId === negative.accountId
            ? t('errors.negative.transferOwn', {
                amount: missing,
                asset,
                account: accountName,
                from: walletName(s.wallet),
                available: s.available,
                to: walletName(wallet),
              })
            : t('errors.negative.transferOther', {
                amount: missing,
                asset,
                source: s.accountName,
                from: walletName(s.wallet),
                available: s.available,
                account: accountName,
                to: walletName(wallet),
              }),
        transfer: s,
      });
  steps.push({
    text:
      negative.role === 'sub' && negative.kind === 'solana'
        ? t('errors.negative.depositViaMaster', {
            amount: missing,
            asset,
            account: accountName,
            wallet: walletName(wallet),
          })
        : t('errors.negative.deposit', {
            amount: missing,
            asset,
            account: accountName,
            wallet: walletName(wallet),
          }),
  });
  return { negative, sources, steps };
}

/** The plan for every negative balance of the family. */
export function coverPlans(accounts: readonly FamilyAccountBalances[]): CoverPlan[] {
  return negativeBalancesOf(accounts).map((n) => coverPlan(n, accounts));
}
