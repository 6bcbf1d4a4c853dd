import type { Engine, SimRequest } from '../engine';
import { CODES, fail } from '../errors';

/** Assets quoted against themselves: no `<asset>USDT` market exists for them. */
const QUOTE_ASSETS = new Set(['USDT']);

/**
 * `GET /fapi/v3/ticker/price` (futures V3 "Symbol Price Ticker", public, weight 1 with `symbol`, 2 without):
 * the last price of `<asset>USDT` for every asset in the simulator's price list, or of the one `symbol` asked.
 */
export function tickerPrice(this: Engine, request: SimRequest): Promise<unknown> {
  const time = this.now();
  const tickers = Object.entries(this.state.prices)
    .filter(([asset]) => !QUOTE_ASSETS.has(asset))
    .map(([asset, price]) => ({ symbol: `${asset}USDT`, price, time }));
  const symbol = request.params.get('symbol');
  if (symbol === null) return Promise.resolve(tickers);
  const ticker = tickers.find((t) => t.symbol === symbol);
  if (!ticker) fail(CODES.invalidParameter, 'Invalid symbol.');
  return Promise.resolve(ticker);
}
