import type { Account } from '@/lib/accounts/model';
import { transferableAssets } from '@/lib/aster/rules';
import type { SweepItem, SweepItemResult, WalletName } from '@/lib/messaging/operations-api';
import { RpcError } from '@/lib/messaging/rpc';
import { readBalances } from './balances';
import { quoted, type Context, type OperationsCore } from './core';
import { toRpcError } from './errors';
import { transferIn } from './transfer';

/** What a sub-account holds that can be swept to its master, per asset and wallet. */
export async function sweepItems(core: OperationsCore, ctx: Context, sub: Account): Promise<SweepItem[]> {
  if (sub.role !== 'sub') throw new RpcError('invalid-input', 'Only a sub-account is swept to its master.');
  if (sub.status === 'FROZEN')
    throw new RpcError('blocked', `${quoted(sub)} is frozen: unfreeze it before sweeping.`);
  const balances = await readBalances(core, ctx, sub);
  return (['futures', 'spot'] as const).flatMap((wallet) =>
    transferableAssets(balances[wallet]).map((b) => ({
      asset: b.asset,
      wallet,
      amount: b.withdrawable ?? b.balance,
    })),
  );
}

export function sweepPlan(core: OperationsCore, id: string): Promise<SweepItem[]> {
  return core.run(async (ctx) => sweepItems(core, ctx, await core.accounts.get(id)));
}

export function sweep(
  core: OperationsCore,
  params: { id: string; asset?: string; wallet?: WalletName },
): Promise<SweepItemResult[]> {
  return core.run(async (ctx) => {
    const sub = await core.accounts.get(params.id);
    const { master } = await core.family(sub);
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
        });
        results.push({ ...item, status: 'moved', tranId: done.tranId, error: null });
      } catch (error) {
        const described = toRpcError(error, ctx.client.hosts.futures);
        results.push({
          ...item,
          status: 'failed',
          tranId: null,
          error: described instanceof Error ? described.message : 'The transfer failed.',
        });
      }
    }
    return results;
  });
}
