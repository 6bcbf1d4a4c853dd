import { compareDecimal, isDecimal, stripTrailingZeros } from '@/lib/aster/decimal';
import { isRecord } from '@/lib/aster/json-values';
import type { AccountBalances } from '@/lib/messaging/operations-api';
import { addDecimals } from '@/lib/messaging/operations-api';
import type { AssetAmount } from '@/lib/messaging/home-api';

/** Dollar stablecoins Aster lists: valued at 1 USDT each (no market quotes them against USDT). */
export const STABLECOINS: ReadonlySet<string> = new Set(['USDT', 'USDC', 'USD1']);

/** USDT price of one unit, by asset. */
export type UsdtPrices = ReadonlyMap<string, string>;

/** Prices from Aster's ticker answer (`[{symbol: "BNBUSDT", price: "600"}]`): only `<asset>USDT` markets. */
export function usdtPricesOf(answer: unknown): Map<string, string> {
  const prices = new Map<string, string>();
  if (!Array.isArray(answer)) return prices;
  for (const entry of answer as unknown[]) {
    if (!isRecord(entry) || typeof entry.symbol !== 'string' || typeof entry.price !== 'string') continue;
    if (!entry.symbol.endsWith('USDT') || !isDecimal(entry.price)) continue;
    const asset = entry.symbol.slice(0, -'USDT'.length);
    if (asset !== '' && compareDecimal(entry.price, '0') > 0) prices.set(asset, entry.price);
  }
  return prices;
}

/** a × b, exact. */
export function multiplyDecimals(a: string, b: string): string {
  const parse = (text: string) => {
    const negative = text.startsWith('-');
    const [whole = '0', fraction = ''] = (negative ? text.slice(1) : text).split('.');
    return { units: BigInt(whole + fraction), scale: fraction.length, negative };
  };
  const x = parse(a);
  const y = parse(b);
  const scale = x.scale + y.scale;
  const digits = (x.units * y.units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  const text = stripTrailingZeros(scale > 0 ? `${whole}.${fraction}` : whole);
  return x.negative !== y.negative && text !== '0' ? `-${text}` : text;
}

export interface Valuation {
  /** Perp + spot of every asset with a price, in USDT. */
  equity: string;
  /** Assets with no price: never counted as 0. */
  unvalued: AssetAmount[];
  negative: AssetAmount[];
}

/** An account's perp and spot balances valued in USDT: stablecoins at 1, others at `prices`. */
export function valueBalances(balances: AccountBalances, prices: UsdtPrices): Valuation {
  const byAsset = new Map<string, string[]>();
  for (const entry of [...balances.futures, ...balances.spot]) {
    if (!isDecimal(entry.balance)) continue;
    byAsset.set(entry.asset, [...(byAsset.get(entry.asset) ?? []), entry.balance]);
  }
  const valued: string[] = [];
  const unvalued: AssetAmount[] = [];
  for (const [asset, amounts] of byAsset) {
    const amount = addDecimals(amounts);
    const price = STABLECOINS.has(asset) ? '1' : prices.get(asset);
    if (price === undefined) unvalued.push({ asset, amount });
    else valued.push(multiplyDecimals(amount, price));
  }
  // A negative balance is flagged per wallet: a negative perp USDT blocks withdrawals even if spot covers it.
  const negative = [...balances.futures, ...balances.spot]
    .filter((entry) => isDecimal(entry.balance) && compareDecimal(entry.balance, '0') < 0)
    .map((entry) => ({ asset: entry.asset, amount: entry.balance }));
  return { equity: addDecimals(valued.length > 0 ? valued : ['0']), unvalued, negative };
}
