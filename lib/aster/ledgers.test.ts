import { describe, expect, it } from 'vitest';
import { AsterNetworkError } from './errors';
import { parseDepositWithdrawHistory, parseIncomeLedger, parseSpotTransactionHistory } from './ledgers';

/** The answers as Aster's public documents show them (futures V3 income, spot V3 transactionHistory, demo). */
const INCOME_DOC = [
  {
    symbol: '',
    incomeType: 'TRANSFER',
    income: '-0.37500000',
    asset: 'USDT',
    info: 'TRANSFER',
    time: 1570608000000,
    tranId: '9689322392',
    tradeId: '',
  },
  {
    symbol: 'BTCUSDT',
    incomeType: 'COMMISSION',
    income: '-0.01000000',
    asset: 'USDT',
    info: 'COMMISSION',
    time: 1570636800000,
    tranId: '9689322392',
    tradeId: '2059192',
  },
];
/** Parsed from text, as fetch does: the documented tranId is above 2^53. */
const SPOT_DOC_TEXT = `[{"tranId": 1759115482304540227, "tradeId": null, "asset": "ASTER", "symbol": "",
  "balanceDelta": "-500.00000000", "balanceInfo": "TRADE_SOURCE", "time": 1759115482000, "type": "TRADE_SOURCE"}]`;
const SPOT_DOC = JSON.parse(SPOT_DOC_TEXT) as unknown[];
const HISTORY_DOC = [
  {
    id: '1234567',
    type: 'DEPOSIT',
    asset: 'USDT',
    amount: '100',
    state: 'SUCCESS',
    txHash: '0x9a40f0119b670fb6b155744b51981f91c4c4c8a20c333441a63853fe7d055c90',
    time: 1742198400000,
    chainId: 56,
    accountType: 'spot',
  },
];

describe("Aster's ledgers, parsed tolerantly", () => {
  it('reads the documented shapes exactly', () => {
    expect(parseIncomeLedger(INCOME_DOC)).toEqual({
      entries: [
        { id: '9689322392', type: 'TRANSFER', asset: 'USDT', amount: '-0.37500000', time: 1570608000000 },
        { id: '9689322392', type: 'COMMISSION', asset: 'USDT', amount: '-0.01000000', time: 1570636800000 },
      ],
      unreadable: 0,
      total: 2,
    });
    const spot = parseSpotTransactionHistory(SPOT_DOC);
    expect(spot.entries[0]).toMatchObject({ type: 'TRADE_SOURCE', asset: 'ASTER', amount: '-500.00000000' });
    // A tranId beyond 2^53 has lost digits in JSON.parse already: read as the same text on every read.
    expect(spot.entries[0]!.id).toBe(String(JSON.parse('1759115482304540227')));
    expect(spot.entries[0]!.id).toBe(parseSpotTransactionHistory(JSON.parse(SPOT_DOC_TEXT)).entries[0]!.id);
    expect(parseDepositWithdrawHistory(HISTORY_DOC).entries[0]).toEqual({
      id: '1234567',
      type: 'DEPOSIT',
      asset: 'USDT',
      amount: '100',
      time: 1742198400000,
      state: 'SUCCESS',
      chainId: 56,
      accountType: 'spot',
      txHash: HISTORY_DOC[0]!.txHash,
      receiver: null,
      userNonce: null,
    });
  });

  it('numbers as strings or numbers, extra fields ignored, a leading "+" and padding accepted', () => {
    const read = parseIncomeLedger([
      {
        incomeType: 'transfer',
        income: 5,
        asset: 'USDT',
        time: '1570608000000',
        tranId: 42,
        extra: { x: 1 },
      },
      { incomeType: 'TRANSFER', income: '+5.10', asset: 'USDT', time: 1, tranId: ' 43 ' },
    ]);
    expect(read.unreadable).toBe(0);
    expect(read.entries.map((e) => [e.id, e.type, e.amount, e.time])).toEqual([
      ['42', 'TRANSFER', '5', 1570608000000],
      ['43', 'TRANSFER', '5.10', 1],
    ]);
    const history = parseDepositWithdrawHistory([
      {
        ...HISTORY_DOC[0],
        type: 'WITHDRAW',
        chainId: '42161',
        state: 'processing',
        accountType: 'PERP',
        receiver: '0xAb',
        userNonce: 7,
      },
    ]);
    expect(history.entries[0]).toMatchObject({
      chainId: 42161,
      state: 'PROCESSING',
      accountType: 'perp',
      receiver: '0xAb',
      userNonce: '7',
    });
  });

  it('entries missing what a match needs are counted as unreadable, never dropped silently', () => {
    const { tranId: _t, ...noId } = INCOME_DOC[0]!;
    const read = parseIncomeLedger([
      INCOME_DOC[0],
      noId,
      { ...INCOME_DOC[0], income: '1e3' },
      { ...INCOME_DOC[0], income: 'NaN' },
      { ...INCOME_DOC[0], time: -1 },
      { ...INCOME_DOC[0], time: 1.5 },
      { ...INCOME_DOC[0], asset: '' },
      null,
      'TRANSFER',
      [1, 2],
    ]);
    expect(read).toMatchObject({ unreadable: 9, total: 10 });
    expect(read.entries).toHaveLength(1);
    const { chainId: _c, ...noChain } = HISTORY_DOC[0]!;
    expect(parseDepositWithdrawHistory([noChain]).entries[0]!.chainId).toBeNull();
  });

  it('an answer that is not a list (an error object, an HTML page read as text, null) is an error, never "empty"', () => {
    for (const payload of [
      { rows: INCOME_DOC },
      { code: 0 },
      '<html><body>500</body></html>',
      null,
      42,
      undefined,
    ])
      for (const parse of [parseIncomeLedger, parseSpotTransactionHistory, parseDepositWithdrawHistory]) {
        let error: unknown;
        try {
          parse(payload);
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(AsterNetworkError);
        expect((error as Error).message).toMatch(
          /^Aster answered with something that is not a .* \(a list\)\.$/,
        );
      }
    expect(parseIncomeLedger([])).toEqual({ entries: [], unreadable: 0, total: 0 });
  });
});
