import { WeightLimiter } from './weight-limiter';

/**
 * Request weights of the reads home sends (Aster's API documents, V3): futures `GET /fapi/v3/accountWithJoinMargin`
 * 5, spot `GET /api/v3/account` 5, futures `GET /fapi/v3/ticker/price` 2 without a symbol.
 */
export const READ_WEIGHTS = {
  futuresAccount: 5,
  spotAccount: 5,
  tickerPrices: 2,
} as const;

/**
 * Aster's limits per IP and minute: futures 2400 request weight, spot 1200. Home takes half of each: the
 * exchange page in the same browser, and the trader's own bots on the same IP, share the rest.
 */
export const FUTURES_WEIGHT_PER_MINUTE = 2400;
export const SPOT_WEIGHT_PER_MINUTE = 1200;
export const HOME_SHARE = 0.5;

/** Aster's futures and spot hosts count weight separately: one budget for each. */
export interface WeightBudgets {
  futures: WeightLimiter;
  spot: WeightLimiter;
}

export function homeWeightBudgets(now?: () => number, sleep?: (ms: number) => Promise<void>): WeightBudgets {
  const options = { ...(now ? { now } : {}), ...(sleep ? { sleep } : {}) };
  return {
    futures: new WeightLimiter({ budget: FUTURES_WEIGHT_PER_MINUTE * HOME_SHARE, ...options }),
    spot: new WeightLimiter({ budget: SPOT_WEIGHT_PER_MINUTE * HOME_SHARE, ...options }),
  };
}
