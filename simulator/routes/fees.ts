import type { Engine, SimRequest } from '../engine';
import { CODES, fail } from '../errors';
import type { SimAccount } from '../state';

/**
 * Fee tiers: Aster publishes no VIP endpoint; the closest figures are `feeTier` in the account answers and
 * `commissionRate` per symbol (§10). Here the fee tier is the family's VIP level (a sub-account shares its
 * master's tier, subs:239-241), and the rates fall with it. Tier 0 is the documents' example answer.
 */

type Rates = readonly [maker: string, taker: string];

const FUTURES_RATES: readonly Rates[] = [
  ['0.0002', '0.0004'],
  ['0.00016', '0.0004'],
  ['0.00014', '0.00035'],
  ['0.00012', '0.00032'],
  ['0.0001', '0.0003'],
  ['0.00008', '0.00027'],
  ['0.00006', '0.00025'],
  ['0.00004', '0.00022'],
  ['0.00002', '0.0002'],
  ['0', '0.00017'],
];

const SPOT_RATES: readonly Rates[] = [
  ['0.000200', '0.000700'],
  ['0.000180', '0.000650'],
  ['0.000160', '0.000600'],
  ['0.000140', '0.000550'],
  ['0.000120', '0.000500'],
  ['0.000100', '0.000450'],
  ['0.000080', '0.000400'],
  ['0.000060', '0.000350'],
  ['0.000040', '0.000300'],
  ['0.000020', '0.000250'],
];

export function feeTierOf(engine: Engine, account: SimAccount): number {
  return (engine.masterOf(account) ?? account).vipLevel;
}

async function commissionRate(
  engine: Engine,
  request: SimRequest,
  table: readonly Rates[],
): Promise<unknown> {
  const { account } = await engine.authAgent(request);
  const symbol = engine.required(request.params, 'symbol');
  if (!/^[A-Z0-9]{2,30}$/.test(symbol)) fail(CODES.invalidParameter, 'Invalid symbol.');
  const [maker, taker] = table[Math.min(feeTierOf(engine, account), table.length - 1)]!;
  return { symbol, makerCommissionRate: maker, takerCommissionRate: taker };
}

/** `GET /fapi/v3/commissionRate?symbol=` → `{symbol, makerCommissionRate, takerCommissionRate}`. */
export const futuresCommissionRate = (engine: Engine, request: SimRequest) =>
  commissionRate(engine, request, FUTURES_RATES);

/** `GET /api/v3/commissionRate?symbol=`, same shape with the spot rates. */
export const spotCommissionRate = (engine: Engine, request: SimRequest) =>
  commissionRate(engine, request, SPOT_RATES);
