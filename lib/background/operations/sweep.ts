import type { Account } from '@/lib/accounts/model';
import { transferableAssets } from '@/lib/aster/rules';
import { t } from '@/lib/i18n';
import type { SweepItem, SweepItemResult, WalletName } from '@/lib/messaging/operations-api';
import { RpcError } from '@/lib/messaging/rpc';
import { readBalances } from './balances';
import type { Context, OperationsCore } from './core';
import { toRpcError } from './errors';
import { transferIn, transferSummary } from './transfer';

const kindTypeOf = (wallet: WalletName) => (wallet === 'futures' ? 'FUTURE_FUTURE' : 'SPOT_SPOT');

/**
 * What a sub-account holds that can be swept to its master, per asset and wallet; `withSummaries`: each with
 * the transfer it would sign, in the approval prompt's words.
 */
export async function sweepItems(
  core: OperationsCore,
  ctx: Context,
  sub: Account,
  withSummaries = false,
): Promise<SweepItem[]> {
  if (sub.role !== 'sub') throw new RpcError('invalid-input', t('operations.sweep.onlySub'));
  if (sub.status === 'FROZEN')
    throw new RpcError('blocked', t('operations.sweep.frozen', { name: sub.name }));
  const balances = await readBalances(core, ctx, sub);
  const items: SweepItem[] = (['futures', 'spot'] as const).flatMap((wallet) =>
    transferableAssets(balances[wallet]).map((b) => ({
      asset: b.asset,
      wallet,
      amount: b.withdrawable ?? b.balance,
    })),
  );
  if (!withSummaries || items.length === 0) return items;
  const { master } = await core.family(sub);
  // Sub → master is signed by the sub's own key (as planTransfer decides), same wallet on both sides.
  return Promise.all(
    items.map(async (item) => ({
      ...item,
      summary: await transferSummary(
        core,
        {
          ctx,
          from: sub,
          to: master,
          user: sub,
          kindType: kindTypeOf(item.wallet),
          kind: 'sub-account-transfer',
        },
        item,
      ),
    })),
  );
}

export function sweepPlan(core: OperationsCore, id: string): Promise<SweepItem[]> {
  return core.run(async (ctx) => sweepItems(core, ctx, await core.accounts.get(id), true));
}

export function sweep(
  core: OperationsCore,
  params: { id: string; asset?: string; wallet?: WalletName; operationId?: string },
): Promise<SweepItemResult[]> {
  return core.run(async (ctx) => {
    const sub = await core.accounts.get(params.id);
    const { master } = await core.family(sub);
    // One page id names one transfer: it is asked about by that id if the answer is lost.
    if (params.operationId !== undefined && (params.asset === undefined || params.wallet === undefined))
      throw new RpcError('invalid-input', t('operations.sweep.oneStepId'));
    const items = (await sweepItems(core, ctx, sub)).filter(
      (item) =>
        (params.asset === undefined || item.asset === params.asset) &&
        (params.wallet === undefined || item.wallet === params.wallet),
    );
    const results: SweepItemResult[] = [];
    for (const item of items) {
      try {
        const done = await transferIn(core, ctx, {
          fromId: sub.id,
          toId: master.id,
          asset: item.asset,
          amount: item.amount,
          fromWallet: item.wallet,
          toWallet: item.wallet,
          acceptWarnings: true,
          ...(params.operationId !== undefined ? { operationId: params.operationId } : {}),
        });
        results.push({ ...item, status: 'moved', tranId: done.tranId, error: null });
      } catch (error) {
        const described = toRpcError(error, ctx.client.hosts.futures);
        results.push({
          ...item,
          status: 'failed',
          tranId: null,
          error: described instanceof Error ? described.message : t('operations.sweep.failed'),
        });
      }
    }
    return results;
  });
}
