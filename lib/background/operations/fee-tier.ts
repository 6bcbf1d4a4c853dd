import { ENDPOINTS } from '@/lib/aster/endpoints';
import { AsterApiError } from '@/lib/aster/errors';
import {
  FeeTierShapeError,
  parseCommissionRate,
  parseFeeTier,
  type CommissionRate,
} from '@/lib/aster/responses/fee-tier';
import { t } from '@/lib/i18n';
import type { FeeTierHint } from '@/lib/messaging/operations-api';
import { RpcError } from '@/lib/messaging/rpc';
import { quoted, type OperationsCore } from './core';

/** The symbol whose futures rates illustrate the tier (listed on Aster's futures since launch). */
export const FEE_TIER_SYMBOL = 'BTCUSDT';

/**
 * The master's fee tier as Aster reports it, read before a sub-account is created (sub-accounts need VIP 2,
 * subs:15): Aster publishes no VIP level, and its fee tier is the closest figure. A hint for the trader, who
 * may override it; Aster itself decides at creation. Read-only, agent-signed.
 */
export function feeTierHint(core: OperationsCore, masterId: string): Promise<FeeTierHint> {
  return core.run(async (ctx) => {
    const master = await core.accounts.get(masterId);
    if (master.role !== 'master') throw new RpcError('invalid-input', t('background.feeTier.chooseMaster'));
    const read = async (endpoint: typeof ENDPOINTS.futuresAccount | typeof ENDPOINTS.futuresAccountLegacy) =>
      core.signAndSend<unknown>(ctx, master, endpoint, {});
    let answer: unknown;
    try {
      answer = await read(ENDPOINTS.futuresAccount);
    } catch (error) {
      // accountWithJoinMargin is the 2026-03 name: a server without it may still answer the old path.
      if (!(error instanceof AsterApiError && error.httpStatus === 404)) throw error;
      answer = await read(ENDPOINTS.futuresAccountLegacy);
    }
    let feeTier: number;
    try {
      feeTier = parseFeeTier(answer);
    } catch (error) {
      if (error instanceof FeeTierShapeError)
        throw new RpcError(
          'unexpected-answer',
          t('background.feeTier.unexpected', { error: error.message, account: quoted(master) }),
        );
      throw error;
    }
    // The rates only illustrate the tier: without them the hint stands.
    let rates: CommissionRate | null;
    try {
      rates = parseCommissionRate(
        await core.signAndSend<unknown>(ctx, master, ENDPOINTS.commissionRate, { symbol: FEE_TIER_SYMBOL }),
      );
    } catch {
      rates = null;
    }
    return { masterId, feeTier, rates, readAt: core.now() };
  });
}
