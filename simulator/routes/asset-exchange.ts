import { divUnits, fromUnits, mulUnits, toUnits } from '../decimal';
import { CODES, fail } from '../errors';
import type { Engine, SimRequest } from '../engine';
import type { HistoryEntry } from '../state';

/**
 * `POST /fapi/v3/assetExchange` — Rebalance, "converts Multi-Assets balances" (aster-protocol.md §10, known only
 * from a third-party inventory). Present only in variants with `assetExchange`; otherwise it answers exactly as
 * an unknown endpoint does.
 *
 * Multi-Assets rules as the simulator models them (deposit guide, "Managing Negative Balances"): the futures
 * wallet settles in USDT and takes other assets as collateral; each negative asset is covered from the other
 * positive assets at the state's prices, USDT first, then the most valuable unit, rounding the amount spent up
 * so the debt is fully covered. Each conversion is recorded as "auto-conversion". All or nothing: if the other
 * assets cannot cover a debt, nothing changes and the answer says what to deposit.
 */
export async function assetExchange(engine: Engine, request: SimRequest): Promise<unknown> {
  if (!engine.variant.assetExchange) fail(-1, `No such endpoint: ${request.method} ${request.path}`, 404);
  const { account } = await engine.authAgent(request);
  const price = (asset: string) => toUnits(engine.state.prices[asset] ?? '0');
  const plan = structuredClone(account.futures);
  const pending: Array<Omit<HistoryEntry, 'tranId' | 'time' | 'status'>> = [];
  for (const [asset, text] of Object.entries(plan)) {
    let missing = -toUnits(text);
    if (missing <= 0n) continue;
    const sources = Object.keys(plan)
      .filter((a) => a !== asset && toUnits(plan[a]!) > 0n && price(a) > 0n)
      .sort((a, b) => (a === 'USDT' ? -1 : b === 'USDT' ? 1 : Number(price(b) - price(a))));
    for (const source of sources) {
      if (missing <= 0n) break;
      const have = toUnits(plan[source]!);
      const needValue = mulUnits(missing, price(asset) || toUnits('1'));
      let spend = divUnits(needValue, price(source));
      if (mulUnits(spend, price(source)) < needValue) spend += 1n;
      spend = spend > have ? have : spend;
      const units = divUnits(mulUnits(spend, price(source)), price(asset) || toUnits('1'));
      const covered = units > missing ? missing : units;
      plan[source] = fromUnits(have - spend);
      missing -= covered;
      plan[asset] = fromUnits(-missing);
      pending.push({
        type: 'AUTO_CONVERSION',
        label: 'auto-conversion',
        asset,
        amount: fromUnits(covered),
        kindType: `${source}->${asset}`,
        fromAccount: account.address,
        toAccount: account.address,
        user: account.address,
        clientTranId: `spent ${fromUnits(spend)} ${source}`,
      });
    }
    if (missing > 0n)
      fail(
        CODES.insufficientBalance,
        `Not enough other assets to cover the negative ${asset} balance: deposit ${fromUnits(missing)} ${asset}.`,
      );
  }
  account.futures = plan;
  const conversions = pending.map((entry) => engine.record(entry));
  return {
    conversions: conversions.map(({ tranId, asset, amount, kindType }) => ({
      tranId,
      asset,
      amount,
      conversion: kindType,
    })),
  };
}
