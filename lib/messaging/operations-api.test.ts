import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { addDecimals, operationsContract, portfolioTotals } from './operations-api';

describe('addDecimals', () => {
  it('adds exactly, with negatives and mixed scales', () => {
    expect(addDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(addDecimals(['10000', '-42.5', '0.005'])).toBe('9957.505');
    expect(addDecimals(['-1.5', '1.5'])).toBe('0');
    expect(addDecimals(['-0.25', '0.05'])).toBe('-0.2');
    expect(addDecimals([])).toBe('0');
    expect(addDecimals(['1e5', '2'])).toBe('2');
  });
});

describe('portfolioTotals', () => {
  it('sums every account and both wallets per asset and flags negative totals', () => {
    const totals = portfolioTotals([
      {
        accountId: 'a',
        futures: [
          { asset: 'USDT', balance: '-42.5' },
          { asset: 'BNB', balance: '1.2' },
        ],
        spot: [{ asset: 'USDT', balance: '10' }],
      },
      { accountId: 'b', futures: [{ asset: 'USDT', balance: '2.5' }], spot: [] },
    ]);
    expect(totals).toEqual([
      { asset: 'BNB', total: '1.2', negative: false },
      { asset: 'USDT', total: '-30', negative: true },
    ]);
  });
});

describe('the operations contract', () => {
  it('refuses extra fields, unbounded strings and bad amounts', () => {
    const transfer = operationsContract['aster.transfer'].params;
    const ok = {
      fromId: crypto.randomUUID(),
      toId: crypto.randomUUID(),
      asset: 'USDT',
      amount: '12.5',
      fromWallet: 'futures',
      toWallet: 'spot',
    };
    expect(v.is(transfer, ok)).toBe(true);
    expect(v.is(transfer, { ...ok, user: '0xabc' })).toBe(false);
    expect(v.is(transfer, { ...ok, amount: '-1' })).toBe(false);
    expect(v.is(transfer, { ...ok, amount: '1e3' })).toBe(false);
    expect(v.is(transfer, { ...ok, asset: 'usdt' })).toBe(false);
    expect(v.is(transfer, { ...ok, clientTranId: 'x'.repeat(64) })).toBe(false);
    const agent = operationsContract['aster.createAgent'].params;
    expect(
      v.is(agent, {
        accountId: crypto.randomUUID(),
        name: 'bot',
        canSpotTrade: true,
        canPerpTrade: true,
        canWithdraw: false,
        ipWhitelist: ['127.0.0.1; drop'],
        expiresInDays: 30,
      }),
    ).toBe(false);
    expect(
      v.is(operationsContract['aster.withdraw'].params, {
        accountId: ok.fromId,
        asset: 'USDT',
        amount: '1',
        chainId: 5,
        receiver: '0x',
      }),
    ).toBe(false);
  });
});
