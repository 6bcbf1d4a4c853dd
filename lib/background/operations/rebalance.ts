import { AsterApiError } from '@/lib/aster/errors';
import { ENDPOINTS } from '@/lib/aster/endpoints';
import { isNegativeDecimal } from '@/lib/aster/decimal';
import type { AccountBalances, RebalanceResult } from '@/lib/messaging/operations-api';
import { RpcError } from '@/lib/messaging/rpc';
import { readBalances } from './balances';
import { quoted, type OperationsCore } from './core';

const COVER_INSTEAD =
  'Nothing was converted. Cover each negative balance instead: deposit the exact missing amount, or transfer it from another of your accounts.';

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
      throw new RpcError(
        'rebalance-off',
        `Rebalance is off for this network (Settings → Network): Aster has not confirmed its endpoint. ${COVER_INSTEAD}`,
      );
    const account = await core.accounts.get(accountId);
    const before = await readBalances(core, ctx, account);
    if (negatives(before).length === 0)
      throw new RpcError('invalid-input', `${quoted(account)} has no negative balance to rebalance.`);
    try {
      await core.signAndSend(ctx, account, ENDPOINTS.assetExchange, {});
    } catch (error) {
      if (error instanceof AsterApiError && error.httpStatus === 404)
        throw new RpcError(
          'rebalance-unavailable',
          `Aster (${ctx.settings.network}) does not offer Rebalance: POST /fapi/v3/assetExchange answered "not found". The endpoint is unconfirmed; you may turn Rebalance off in Settings → Network. ${COVER_INSTEAD}`,
        );
      if (error instanceof AsterApiError)
        throw new RpcError(
          'rebalance-refused',
          `Aster refused Rebalance for ${quoted(account)}: ${error.message} ${COVER_INSTEAD}`,
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
          ? `Rebalance done: ${quoted(account)} has no negative balance left (shown as "auto-conversion" in Aster's history).`
          : `Rebalance answered, but ${quoted(account)} still has ${left.map((b) => `${b.balance} ${b.asset}`).join(', ')}: cover ${left.length === 1 ? 'it' : 'them'} by a deposit or a transfer.`,
    };
  });
}
