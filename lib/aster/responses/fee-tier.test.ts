import { describe, expect, it } from 'vitest';
import { FeeTierShapeError, parseCommissionRate, parseFeeTier, ratePercent } from './fee-tier';

/** "Account Information v3" of aster-finance-futures-api-v3.md, its comments removed, assets cut. */
const FUTURES_ACCOUNT = {
  feeTier: 0,
  canTrade: true,
  canDeposit: true,
  canWithdraw: true,
  updateTime: 0,
  totalInitialMargin: '0.00000000',
  totalMaintMargin: '0.00000000',
  totalWalletBalance: '23.72469206',
  totalUnrealizedProfit: '0.00000000',
  totalMarginBalance: '23.72469206',
  totalPositionInitialMargin: '0.00000000',
  totalOpenOrderInitialMargin: '0.00000000',
  totalCrossWalletBalance: '23.72469206',
  totalCrossUnPnl: '0.00000000',
  availableBalance: '23.72469206',
  maxWithdrawAmount: '23.72469206',
  assets: [],
};

/** "Account information" of aster-finance-spot-api-v3.md (balances cut). */
const SPOT_ACCOUNT = {
  feeTier: 0,
  canTrade: true,
  canDeposit: true,
  canWithdraw: true,
  canBurnAsset: true,
  updateTime: 0,
  balances: [],
};

/** "User Commission Rate" (futures) and "Get symbol fees" (spot), verbatim values. */
const FUTURES_RATE = { symbol: 'BTCUSDT', makerCommissionRate: '0.0002', takerCommissionRate: '0.0004' };
const SPOT_RATE = { symbol: 'APXUSDT', makerCommissionRate: '0.000200', takerCommissionRate: '0.000700' };

const fails = (parse: () => unknown, words: string) => {
  expect(parse).toThrow(FeeTierShapeError);
  expect(parse).toThrow(words);
};

describe('parseFeeTier', () => {
  it('the documented futures and spot account answers', () => {
    expect(parseFeeTier(FUTURES_ACCOUNT)).toBe(0);
    expect(parseFeeTier(SPOT_ACCOUNT)).toBe(0);
  });

  it('a higher tier, as a number or its text; extra fields ignored', () => {
    expect(parseFeeTier({ ...FUTURES_ACCOUNT, feeTier: 3, somethingNew: { a: 1 } })).toBe(3);
    expect(parseFeeTier({ feeTier: '2' })).toBe(2);
  });

  it('no fee tier, or not a whole number: an error in words, never tier 0', () => {
    const { feeTier: _omitted, ...without } = FUTURES_ACCOUNT;
    fails(() => parseFeeTier(without), 'the account answer has no "feeTier"');
    fails(() => parseFeeTier({ feeTier: null }), 'no "feeTier"');
    fails(() => parseFeeTier({ feeTier: -1 }), 'not a whole number');
    fails(() => parseFeeTier({ feeTier: 1.5 }), 'not a whole number');
    fails(() => parseFeeTier({ feeTier: 'VIP2' }), 'not a whole number');
    fails(() => parseFeeTier([FUTURES_ACCOUNT]), 'a list came instead of an account');
    fails(() => parseFeeTier('<html>500</html>'), 'a web page (HTML)');
    fails(() => parseFeeTier(null), 'an empty answer');
  });
});

describe('parseCommissionRate', () => {
  it('the documented futures and spot answers', () => {
    expect(parseCommissionRate(FUTURES_RATE)).toEqual({
      symbol: 'BTCUSDT',
      maker: '0.0002',
      taker: '0.0004',
    });
    expect(parseCommissionRate(SPOT_RATE)).toEqual({
      symbol: 'APXUSDT',
      maker: '0.000200',
      taker: '0.000700',
    });
  });

  it('numbers are taken as their text; anything else is an error', () => {
    expect(parseCommissionRate({ ...FUTURES_RATE, makerCommissionRate: 0 }).maker).toBe('0');
    fails(
      () => parseCommissionRate({ ...FUTURES_RATE, takerCommissionRate: undefined }),
      '"takerCommissionRate" is not a rate',
    );
    fails(() => parseCommissionRate({ ...FUTURES_RATE, makerCommissionRate: '-0.1' }), 'not a rate');
    fails(() => parseCommissionRate({ ...FUTURES_RATE, symbol: '' }), 'name no symbol');
    fails(() => parseCommissionRate([]), 'a list came instead of commission rates');
  });
});

describe('ratePercent', () => {
  it.each([
    ['0.0002', '0.02 %'],
    ['0.0004', '0.04 %'],
    ['0.00014', '0.014 %'],
    ['0.000700', '0.07 %'],
    ['0', '0 %'],
    ['0.1', '10 %'],
    ['1', '100 %'],
  ])('%s → %s', (rate, percent) => {
    expect(ratePercent(rate)).toBe(percent);
  });
});
