import { describe, expect, it } from 'vitest';
import { describeAnswer, parseSubAccountList, SubAccountListShapeError } from './sub-account-list';

/** The example of "Get Sub-Account List" in aster-finance-futures-api-v3.md (and -testnet.md), verbatim. */
const DOCUMENTED = JSON.parse(`[
    {
        "accountId": 123456,
        "subAccountName": "trading-desk-1",
        "parentAccount": false
    },
    {
        "accountId": 100000,
        "subAccountName": "",
        "parentAccount": true
    }
]`) as unknown;

const MASTER = '0x63A54E2A5bF1C9bB8F7C3c9bA1d5a5A4e2B2d7C1';
const SUB_A = '0x1111111111111111111111111111111111111111';
const SUB_B = '0xAbCdEf0000000000000000000000000000000002';

/** The live report of §10: the master's own entry first, names sometimes absent, futures balances. */
const LIVE_REPORT = [
  { address: MASTER, accountId: 100000, parentAccount: true, futureBalanceList: [] },
  {
    address: SUB_A,
    accountId: 100001,
    parentAccount: false,
    subAccountName: 'Grid01',
    futureBalanceList: [
      { asset: 'USDT', balance: '500.00000000' },
      { asset: 'BNB', balance: '-0.5' },
    ],
  },
  { address: SUB_B, accountId: 100002, parentAccount: false },
];

function shapeError(answer: unknown, masterAddress?: string): SubAccountListShapeError {
  try {
    parseSubAccountList(answer, masterAddress);
  } catch (error) {
    expect(error).toBeInstanceOf(SubAccountListShapeError);
    return error as SubAccountListShapeError;
  }
  throw new Error('expected a shape error, the answer was accepted');
}

describe('parseSubAccountList: the shapes Aster is known to answer', () => {
  it('the documented shape: no addresses, the master entry (name "") is not a sub-account', () => {
    expect(parseSubAccountList(DOCUMENTED)).toEqual({
      master: { accountId: 100000, address: null, name: null, balances: null },
      subAccounts: [{ accountId: 123456, address: null, name: 'trading-desk-1', balances: null }],
      addressField: 'names',
    });
  });

  it('the live report: addresses, a missing name, futureBalanceList, the master first and not counted', () => {
    const list = parseSubAccountList(LIVE_REPORT);
    expect(list.addressField).toBe('address');
    expect(list.master).toEqual({ accountId: 100000, address: MASTER, name: null, balances: [] });
    expect(list.subAccounts).toEqual([
      {
        accountId: 100001,
        address: SUB_A,
        name: 'Grid01',
        balances: [
          { asset: 'USDT', balance: '500.00000000' },
          { asset: 'BNB', balance: '-0.5' },
        ],
      },
      { accountId: 100002, address: SUB_B, name: null, balances: null },
    ]);
  });

  it('sourceAddr in place of address (another public bot)', () => {
    const list = parseSubAccountList(
      LIVE_REPORT.map(({ address, ...rest }) => ({ ...rest, sourceAddr: address })),
    );
    expect(list.addressField).toBe('sourceAddr');
    expect(list.subAccounts.map((e) => e.address)).toEqual([SUB_A, SUB_B]);
    expect(list.master?.address).toBe(MASTER);
  });

  it('a Solana address is kept exactly as sent', () => {
    const solana = '7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU';
    const list = parseSubAccountList([{ sourceAddr: solana, accountId: 7, parentAccount: false }]);
    expect(list.subAccounts[0]?.address).toBe(solana);
  });

  it('an empty list is no sub-accounts (the only answer that means so)', () => {
    expect(parseSubAccountList([])).toEqual({ master: null, subAccounts: [], addressField: 'names' });
  });

  it('numbers as strings, booleans as strings, null fields, and extra fields ignored', () => {
    const list = parseSubAccountList([
      {
        accountId: '100001',
        address: SUB_A,
        subAccountName: 'Grid01',
        parentAccount: 'false',
        futureBalanceList: [{ asset: 'USDT', balance: 12.5, crossWalletBalance: '1' }],
        status: 'NORMAL',
        createTime: 1700000000000,
        email: null,
      },
      { accountId: 100000, address: MASTER, parentAccount: 'true', subAccountName: null },
      { accountId: 100003, subAccountName: '', parentAccount: false, futureBalanceList: null },
    ]);
    expect(list.subAccounts).toEqual([
      {
        accountId: 100001,
        address: SUB_A,
        name: 'Grid01',
        balances: [{ asset: 'USDT', balance: '12.5' }],
      },
      { accountId: 100003, address: null, name: null, balances: null },
    ]);
    expect(list.master?.accountId).toBe(100000);
  });

  it('parentAccount missing: not the master, unless its address is the master’s (any case)', () => {
    const entries = [
      { address: MASTER.toLowerCase(), accountId: 100000 },
      { address: SUB_A, accountId: 100001 },
    ];
    expect(parseSubAccountList(entries).subAccounts).toHaveLength(2);
    const list = parseSubAccountList(entries, MASTER);
    expect(list.master?.accountId).toBe(100000);
    expect(list.subAccounts.map((e) => e.accountId)).toEqual([100001]);
  });

  it('an entry with only an address, or only an account id, is enough', () => {
    const list = parseSubAccountList([{ address: SUB_A }, { accountId: 5 }]);
    expect(list.subAccounts).toEqual([
      { accountId: null, address: SUB_A, name: null, balances: null },
      { accountId: 5, address: null, name: null, balances: null },
    ]);
  });

  it('address and sourceAddr both sent and equal: one address', () => {
    const list = parseSubAccountList([{ address: SUB_A, sourceAddr: SUB_A, accountId: 1 }]);
    expect(list.subAccounts[0]?.address).toBe(SUB_A);
    expect(list.addressField).toBe('address');
  });
});

describe('parseSubAccountList: an unexpected answer is an error in words, never "no sub-accounts"', () => {
  it.each([
    ['null', null, 'an empty answer came where a list was due'],
    ['an object', { subAccounts: [] }, 'an object with the fields subAccounts came where a list was due'],
    [
      'a wrapped list',
      { code: 200, msg: 'success', data: LIVE_REPORT },
      'an object with the fields code, msg, data',
    ],
    ['an empty object', {}, 'an empty object came where a list was due'],
    ['an HTML error page', '<html><body>502 Bad Gateway</body></html>', 'a web page (HTML)'],
    ['text', 'Service Unavailable', 'a piece of text'],
    ['a number', 0, 'a number came where a list was due'],
    ['true', true, 'a boolean'],
  ])('%s', (_, answer, words) => {
    const error = shapeError(answer);
    expect(error.message).toContain("Aster's sub-account list came in a shape the companion does not know");
    expect(error.message).toContain(words);
  });

  it.each([
    ['an entry that is not an object', [LIVE_REPORT[1], 'Grid01'], 'entry 2 is a piece of text'],
    ['an entry that is null', [null], 'entry 1 is an empty answer, not an account'],
    [
      'an entry without any identity',
      [{ subAccountName: 'Grid01', parentAccount: false }],
      'entry 1 has neither an address nor an account id',
    ],
    [
      'an account id that is not a number',
      [{ accountId: 'abc', subAccountName: 'Grid01' }],
      'entry 1 has an account id that is not a whole number',
    ],
    ['a fractional account id', [{ accountId: 1.5 }], 'not a whole number'],
    ['an address that is not text', [{ address: 12, accountId: 1 }], 'entry 1: its "address" is not text'],
    ['a name that is not text', [{ accountId: 1, subAccountName: 42 }], 'its "subAccountName" is not text'],
    [
      'two different addresses',
      [{ address: SUB_A, sourceAddr: SUB_B }],
      'entry 1 names two different addresses',
    ],
    [
      'parentAccount as the master id (the old stand-in)',
      [{ accountId: 1, parentAccount: 100000 }],
      'neither true nor false',
    ],
    [
      'two masters',
      [
        { accountId: 1, parentAccount: true },
        { accountId: 2, parentAccount: true },
      ],
      'two entries say they are the master',
    ],
    [
      'a repeated address (any case)',
      [{ address: SUB_B }, { address: SUB_B.toLowerCase() }],
      'entry 2 repeats the address',
    ],
    ['a repeated account id', [{ accountId: 9 }, { accountId: '9' }], 'entry 2 repeats the account id'],
    [
      'a balance list that is not a list',
      [{ accountId: 1, futureBalanceList: { USDT: '1' } }],
      '"futureBalanceList" that is not a list',
    ],
    [
      'a balance without asset',
      [{ accountId: 1, futureBalanceList: [{ balance: '1' }] }],
      'balance 1, has no asset',
    ],
    [
      'a balance that is not a number',
      [{ accountId: 1, futureBalanceList: [{ asset: 'USDT', balance: 'lots' }] }],
      'balance that is not a number',
    ],
  ])('%s', (_, answer, words) => {
    expect(shapeError(answer).message).toContain(words);
  });
});

describe('describeAnswer', () => {
  it('never repeats a long body', () => {
    const page = `<!doctype html>${'x'.repeat(10_000)}`;
    expect(describeAnswer(page)).toBe('a web page (HTML) instead of data');
    expect(describeAnswer({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 })).toBe(
      'an object with the fields a, b, c, d, e',
    );
  });
});
