import { AsterApiError } from '@/lib/aster/errors';
import { ENDPOINTS } from '@/lib/aster/endpoints';
import { isNegativeDecimal } from '@/lib/aster/decimal';
import type { AccountBalances, RebalanceResult } from '@/lib/messaging/operations-api';
import { t } from '@/lib/i18n';
import { RpcError } from '@/lib/messaging/rpc';
import { readBalances } from './balances';
import type { OperationsCore } from './core';

const coverInstead = () => t('operations.rebalance.coverInstead');

const negatives = (b: AccountBalances) =>
  [...b.futures, ...b.spot].filter((entry) => isNegativeDecimal(entry.balance));

/**
 * Rebalance (deposit guide: "auto-conversion"): `POST /fapi/v3/assetExchange`, agent-signed with no parameters
 * of its own. UNCERTAIN (§10, third-party inventory only), so it is sent only when the network's profile has
 * `rebalance` on; an answer that it does not exist, or a refusal, is explained in words, and the balances are
 * read again afterwards to show what Aster actually did (its answer's shape is not published).
 */
export function rebalance(core: OperationsCore, accountId: string): Promise<RebalanceResult> {
  return core.run(async (ctx) => {
    if (!ctx.profile.rebalance)
      throw new RpcError('rebalance-off', t('operations.rebalance.off', { cover: coverInstead() }));
    const account = await core.accounts.get(accountId);
    const before = await readBalances(core, ctx, account);
    if (negatives(before).length === 0)
      throw new RpcError('invalid-input', t('operations.rebalance.noNegative', { name: account.name }));
    try {
      await core.signAndSend(ctx, account, ENDPOINTS.assetExchange, {});
    } catch (error) {
      if (error instanceof AsterApiError && error.httpStatus === 404)
        throw new RpcError(
          'rebalance-unavailable',
          t('operations.rebalance.unavailable', { network: ctx.settings.network, cover: coverInstead() }),
        );
      if (error instanceof AsterApiError)
        throw new RpcError(
          'rebalance-refused',
          t('operations.rebalance.refused', {
            name: account.name,
            message: error.message,
            cover: coverInstead(),
          }),
        );
      throw error;
    }
    const balances = await readBalances(core, ctx, account);
    const left = negatives(balances);
    return {
      balances,
      cleared: left.length === 0,
      message:
        left.length === 0
          ? t('operations.rebalance.done', { name: account.name })
          : t(left.length === 1 ? 'operations.rebalance.leftOne' : 'operations.rebalance.leftMany', {
              name: account.name,
              amounts: left.map((b) => `${b.balance} ${b.asset}`).join(', '),
            }),
    };
  });
}
