import type { Account } from '@/lib/accounts/model';
import { unexpectedAnswer } from '@/lib/aster/client';
import { compareDecimal } from '@/lib/aster/decimal';
import { ENDPOINTS } from '@/lib/aster/endpoints';
import type { AssetBalance } from '@/lib/aster/rules';
import {
  addDecimals,
  portfolioTotals,
  type AccountBalances,
  type Portfolio,
  type PortfolioAccount,
} from '@/lib/messaging/operations-api';
import { t } from '@/lib/i18n';
import { RpcError } from '@/lib/messaging/rpc';
import { isRecord } from '@/lib/aster/json-values';
import type { Context, OperationsCore } from './core';
import { toRpcError } from './errors';

/** An account's futures and spot balances (non-zero only), read with its API wallet. */
export async function readBalances(
  core: OperationsCore,
  ctx: Context,
  account: Account,
): Promise<AccountBalances> {
  // One after the other: whether Aster accepts one signer's nonces out of order is not documented, and a
  // refused nonce (a moved clock) must cost one refusal, not one per request in flight. Accounts are read in
  // parallel instead (the home's refresh).
  const futures = await core.signAndSend<{ assets?: unknown }>(ctx, account, ENDPOINTS.futuresAccount, {});
  // Balances of the wrong form are an error, never "no balances".
  if (!Array.isArray(futures?.assets)) throw unexpectedAnswer(t('errors.balanceShape.futuresBalances'));
  const spot = await core.signAndSend<{ balances?: unknown }>(ctx, account, ENDPOINTS.spotAccount, {});
  if (!Array.isArray(spot?.balances)) throw unexpectedAnswer(t('errors.balanceShape.spotBalances'));
  const futureAssets = (futures.assets as unknown[]).filter(isRecord);
  const spotAssets = (spot.balances as unknown[]).filter(isRecord);
  const text = (value: unknown) => (typeof value === 'string' ? value : '0');
  const nonZero = (b: AssetBalance) => compareDecimal(b.balance, '0') !== 0;
  return {
    accountId: account.id,
    futures: futureAssets
      .map((a) => ({
        asset: text(a.asset),
        balance: text(a.walletBalance),
        withdrawable: text(a.maxWithdrawAmount ?? a.availableBalance),
      }))
      .filter(nonZero),
    spot: spotAssets
      .map((a) => ({
        asset: text(a.asset),
        balance: addDecimals([text(a.free), text(a.locked)]),
        withdrawable: text(a.free),
      }))
      .filter(nonZero),
  };
}

export function balances(core: OperationsCore, id: string): Promise<AccountBalances> {
  return core.run(async (ctx) => readBalances(core, ctx, await core.accounts.get(id)));
}

export function portfolio(core: OperationsCore, masterId: string): Promise<Portfolio> {
  return core.run(async (ctx) => {
    const master = await core.accounts.get(masterId);
    if (master.role !== 'master') throw new RpcError('invalid-input', t('operations.balances.chooseMaster'));
    const { subs } = await core.family(master);
    const accounts: PortfolioAccount[] = [];
    for (const account of [master, ...subs]) {
      const entry: PortfolioAccount = {
        accountId: account.id,
        name: account.name,
        role: account.role,
        status: account.status,
        balances: null,
        error: null,
      };
      try {
        entry.balances = await readBalances(core, ctx, account);
      } catch (error) {
        const described = toRpcError(error, ctx.client.hosts.futures);
        entry.error = described instanceof Error ? described.message : t('operations.portfolio.readFailed');
      }
      accounts.push(entry);
    }
    const read = accounts.flatMap((a) => (a.balances ? [a.balances] : []));
    if (read.length === 0 && accounts.length > 0) throw new RpcError('network', accounts[0]!.error ?? '');
    return { masterId, accounts, totals: portfolioTotals(read), readAt: core.now() };
  });
}
