import { describe, expect, it } from 'vitest';
import { multiplyDecimals, usdtPricesOf, valueBalances } from './valuation';

const prices = new Map([
  ['BNB', '600'],
  ['ASTER', '1.5'],
]);
const balances = (futures: [string, string][], spot: [string, string][] = []) => ({
  accountId: 'a',
  futures: futures.map(([asset, balance]) => ({ asset, balance, withdrawable: '0' })),
  spot: spot.map(([asset, balance]) => ({ asset, balance, withdrawable: '0' })),
});

describe('valuation in USDT', () => {
  it('values stablecoins at 1 and other assets at their USDT price, perp and spot together, exactly', () => {
    const value = valueBalances(
      balances(
        [
          ['USDT', '10000'],
          ['ASTER', '2500'],
          ['BNB', '3.5'],
        ],
        [
          ['USDT', '1500'],
          ['USDC', '0.1'],
          ['ASTER', '100'],
        ],
      ),
      prices,
    );
    expect(value).toEqual({ equity: '17500.1', unvalued: [], negative: [] });
  });

  it('shows an asset without a price as not valued, never as 0, and keeps it out of the equity', () => {
    const value = valueBalances(
      balances([
        ['USDT', '250'],
        ['DOGE', '1000'],
      ]),
      prices,
    );
    expect(value.equity).toBe('250');
    expect(value.unvalued).toEqual([{ asset: 'DOGE', amount: '1000' }]);
  });

  it('flags a negative balance per wallet even when the other wallet covers it', () => {
    const value = valueBalances(balances([['USDT', '-42.5']], [['USDT', '100']]), prices);
    expect(value.equity).toBe('57.5');
    expect(value.negative).toEqual([{ asset: 'USDT', amount: '-42.5' }]);
  });

  it('multiplies decimals exactly', () => {
    expect(multiplyDecimals('0.1', '0.2')).toBe('0.02');
    expect(multiplyDecimals('-1.25', '600')).toBe('-750');
    expect(multiplyDecimals('3.5', '0')).toBe('0');
  });

  it('reads only <asset>USDT tickers with a positive decimal price from Aster’s answer', () => {
    const read = usdtPricesOf([
      { symbol: 'BNBUSDT', price: '600.5' },
      { symbol: 'ETHBTC', price: '0.05' },
      { symbol: 'XUSDT', price: 'NaN' },
      { symbol: 'ZUSDT', price: '0' },
      'junk',
    ]);
    expect([...read]).toEqual([['BNB', '600.5']]);
    expect(usdtPricesOf({ code: -1 }).size).toBe(0);
  });
});
