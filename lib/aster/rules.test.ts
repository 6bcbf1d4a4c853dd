import { describe, expect, it } from 'vitest';
import {
  API_KEY_LIMIT,
  checkAccountSwitch,
  checkAgentApproval,
  checkCreateSubAccount,
  checkDeposit,
  checkFeature,
  checkManageSubAccount,
  checkOrder,
  checkSubAccountName,
  checkTransfer,
  checkWithdrawal,
  combineVerdicts,
  FEATURE_PERMISSIONS,
  transferableAssets,
  type AsterAccount,
} from './rules';

const master: AsterAccount = {
  address: '0xAaAa000000000000000000000000000000000001',
  name: 'Main',
  role: 'master',
  kind: 'evm',
};
const subA: AsterAccount = {
  address: '0xaaaa000000000000000000000000000000000002',
  name: 'Grid01',
  role: 'sub',
  kind: 'evm',
  parent: master.address.toLowerCase(),
  status: 'NORMAL',
};
const subB: AsterAccount = {
  address: '0xaaaa000000000000000000000000000000000003',
  name: 'Hedge02',
  role: 'sub',
  kind: 'evm',
  parent: master.address,
  status: 'NORMAL',
};
const frozen: AsterAccount = { ...subB, name: 'Frozen01', status: 'FROZEN' };
const otherMaster: AsterAccount = {
  address: '0xbbbb000000000000000000000000000000000001',
  name: 'Other',
  role: 'master',
  kind: 'evm',
};
const otherSub: AsterAccount = {
  address: '0xbbbb000000000000000000000000000000000002',
  name: 'OtherSub',
  role: 'sub',
  kind: 'evm',
  parent: otherMaster.address,
};
const solMaster: AsterAccount = {
  address: 'FVen3X669xLzsi6N2V91DoiyzHzg1uAgqiT8jZ9nS96Z',
  name: 'Sol',
  role: 'master',
  kind: 'solana',
};
const solSub: AsterAccount = {
  address: '586Z7H2vpX9qNhN2T4e9Utugie3ogjbxzGaMtM3E6HR5',
  name: 'SolSub',
  role: 'sub',
  kind: 'solana',
  parent: solMaster.address,
};

const level = (v: { level: string }) => v.level;

describe('feature permissions (subs:129-193)', () => {
  it('master may do everything but refer within its family', () => {
    for (const feature of Object.keys(FEATURE_PERMISSIONS) as Array<keyof typeof FEATURE_PERMISSIONS>)
      expect(level(checkFeature('master', feature))).toBe(
        feature === 'referral-binding-within-family' ? 'block' : 'ok',
      );
  });

  it('sub-account: trades and deposits; no withdrawal, management, switching or API withdrawal', () => {
    expect(level(checkFeature('sub', 'trade'))).toBe('ok');
    expect(level(checkFeature('sub', 'deposit'))).toBe('ok');
    expect(level(checkFeature('sub', 'internal-transfer'))).toBe('warn');
    for (const feature of [
      'withdraw',
      'manage-sub-accounts',
      'switch-accounts',
      'api-withdrawal-permission',
    ] as const) {
      const verdict = checkFeature('sub', feature);
      expect(verdict.level).toBe('block');
      expect(verdict.reasons[0]).toMatch(/^A sub-account cannot /);
    }
  });
});

describe('sub-account names (subs:47-55)', () => {
  it.each(['Grid01', 'abcdef', 'A1B2C3D4E5F6G7H8I9J0', 'OnlyLetters'])('accepts %s', (name) => {
    expect(checkSubAccountName(name)).toEqual({ level: 'ok', reasons: [], codes: [] });
  });

  it.each([
    ['Grid1', /6 to 20 characters long \(it has 5\)/],
    ['A'.repeat(21), /6 to 20 characters long \(it has 21\)/],
    ['123456', /at least one letter/],
    ['Grid 01', /only contain letters and digits/],
    ['Grid_01', /only contain letters and digits/],
    ['Grïd001', /only contain letters and digits/],
    ['', /6 to 20/],
  ])('refuses %j with the failed rule in words', (name, reason) => {
    const verdict = checkSubAccountName(name);
    expect(verdict.level).toBe('block');
    expect(verdict.reasons.join(' ')).toMatch(reason);
  });

  it('lists every failed rule', () => {
    expect(checkSubAccountName('1 2').reasons).toHaveLength(3);
  });
});

describe('creating sub-accounts (subs:13-25, subs:39, subs:291)', () => {
  const ok = {
    creator: master,
    vipLevel: 2,
    existingSubAccounts: 14,
    name: 'Grid03',
    childKind: 'evm' as const,
  };
  it('VIP 2 master with room: ok', () => expect(level(checkCreateSubAccount(ok))).toBe('ok'));
  it('below VIP 2: blocked, unless a market maker', () => {
    expect(checkCreateSubAccount({ ...ok, vipLevel: 1 }).reasons.join()).toMatch(
      /VIP 2 or above \(this account is VIP 1\)/,
    );
    expect(level(checkCreateSubAccount({ ...ok, vipLevel: 0, isMarketMaker: true }))).toBe('ok');
  });
  it('15 is the maximum', () =>
    expect(checkCreateSubAccount({ ...ok, existingSubAccounts: 15 }).reasons.join()).toMatch(/at most 15/));
  it('no nesting', () =>
    expect(checkCreateSubAccount({ ...ok, creator: subA }).reasons.join()).toMatch(/nesting/));
  it('same kind as the master', () => {
    expect(checkCreateSubAccount({ ...ok, childKind: 'solana' }).reasons.join()).toMatch(
      /EVM account, like its master/,
    );
    expect(level(checkCreateSubAccount({ ...ok, creator: solMaster, childKind: 'solana' }))).toBe('ok');
  });
  it('bad name', () => expect(level(checkCreateSubAccount({ ...ok, name: 'x' }))).toBe('block'));
});

describe('managing and switching', () => {
  it('only the master manages its own sub-accounts', () => {
    expect(level(checkManageSubAccount(master, subA))).toBe('ok');
    expect(level(checkManageSubAccount(master, subA, 'NewName1'))).toBe('ok');
    expect(level(checkManageSubAccount(master, subA, 'bad'))).toBe('block');
    expect(checkManageSubAccount(subA, subB).reasons.join()).toMatch(/Only the master/);
    expect(checkManageSubAccount(master, otherSub).reasons.join()).toMatch(/not a sub-account of/);
  });

  it('switching: master to its subs; a sub never (subs:65-69)', () => {
    expect(level(checkAccountSwitch(master, subA))).toBe('ok');
    expect(level(checkAccountSwitch(master, master))).toBe('ok');
    expect(level(checkAccountSwitch(master, otherSub))).toBe('block');
    expect(checkAccountSwitch(subA, master).reasons.join()).toMatch(
      /switching to other accounts is not supported/,
    );
  });
});

describe('transfers (subs:85-121, §4)', () => {
  const balances = [
    { asset: 'USDT', balance: '100', withdrawable: '80' },
    { asset: 'BNB', balance: '0' },
  ];

  it('logged in as master: master→sub, sub→master, sub→sub are ok', () => {
    for (const [from, to] of [
      [master, subA],
      [subA, master],
      [subA, subB],
    ] as const)
      expect(
        checkTransfer({ loggedIn: master, from, to, asset: 'USDT', amount: '10', sourceBalances: balances }),
      ).toEqual({ level: 'ok', reasons: [], codes: [] });
  });

  it('logged in as a sub: to its master only (subs:121, subs:299)', () => {
    expect(level(checkTransfer({ loggedIn: subA, from: subA, to: master }))).toBe('ok');
    expect(checkTransfer({ loggedIn: subA, from: subA, to: subB }).reasons.join()).toMatch(
      /to its master account only/,
    );
    expect(checkTransfer({ loggedIn: subA, from: master, to: subA }).reasons.join()).toMatch(/own funds/);
  });

  it('never outside the family, never across kinds, never to itself', () => {
    expect(checkTransfer({ loggedIn: master, from: master, to: otherSub }).reasons.join()).toMatch(
      /inside one master account/,
    );
    expect(checkTransfer({ loggedIn: otherMaster, from: subA, to: master }).reasons.join()).toMatch(
      /not the master of these accounts/,
    );
    expect(checkTransfer({ loggedIn: master, from: master, to: solSub }).reasons.join()).toMatch(
      /EVM and Solana/,
    );
    expect(
      checkTransfer({
        loggedIn: master,
        from: master,
        to: { ...master, address: master.address.toLowerCase() },
      }).reasons.join(),
    ).toMatch(/same account/);
  });

  it('frozen sub-accounts cannot send or receive', () => {
    expect(checkTransfer({ loggedIn: master, from: frozen, to: master }).reasons.join()).toMatch(
      /"Frozen01" is frozen/,
    );
    expect(level(checkTransfer({ loggedIn: master, from: master, to: frozen }))).toBe('block');
  });

  it('amount: positive, an asset with balance > 0, at most the withdrawable balance (subs:115, subs:119)', () => {
    const t = { loggedIn: master, from: master, to: subA, sourceBalances: balances };
    expect(level(checkTransfer({ ...t, asset: 'USDT', amount: '80' }))).toBe('ok');
    expect(checkTransfer({ ...t, asset: 'USDT', amount: '80.01' }).reasons.join()).toMatch(
      /At most 80 USDT can be transferred/,
    );
    expect(checkTransfer({ ...t, asset: 'BNB', amount: '1' }).reasons.join()).toMatch(/no BNB balance/);
    expect(checkTransfer({ ...t, asset: 'ETH', amount: '1' }).reasons.join()).toMatch(/no ETH balance/);
    expect(checkTransfer({ ...t, asset: 'USDT', amount: '0' }).reasons.join()).toMatch(/above zero/);
    expect(checkTransfer({ ...t, asset: 'USDT', amount: 'lots' }).reasons.join()).toMatch(/above zero/);
  });

  it('an unknown parent is a warning, not a pass', () => {
    const orphan: AsterAccount = { ...subA, parent: undefined };
    expect(level(checkTransfer({ loggedIn: master, from: master, to: orphan }))).toBe('warn');
  });

  it('transferable assets: only balance > 0, sorted by value (subs:115-117)', () => {
    const list = transferableAssets([
      { asset: 'BNB', balance: '1', value: 600 },
      { asset: 'USDT', balance: '1000', value: 1000 },
      { asset: 'ASTER', balance: '0', value: 0 },
      { asset: 'ETH', balance: '-1', value: -3000 },
      { asset: 'SOL', balance: '2', withdrawable: '0', value: 300 },
    ]);
    expect(list.map((b) => b.asset)).toEqual(['USDT', 'BNB']);
  });
});

describe('withdrawals (subs:124-126, funds:41-79)', () => {
  it('a master with positive balances may withdraw up to the withdrawable amount', () => {
    const balances = [{ asset: 'USDT', balance: '50' }];
    expect(level(checkWithdrawal({ account: master, balances, asset: 'USDT', amount: '50' }))).toBe('ok');
    expect(
      checkWithdrawal({ account: master, balances, asset: 'USDT', amount: '51' }).reasons.join(),
    ).toMatch(/At most 50 USDT can be withdrawn/);
  });

  it('a sub-account never withdraws, whatever its balances', () => {
    const verdict = checkWithdrawal({
      account: subA,
      balances: [{ asset: 'USDT', balance: '1000' }],
      asset: 'USDT',
      amount: '1',
    });
    expect(verdict.level).toBe('block');
    expect(verdict.reasons[0]).toMatch(/Sub-accounts cannot withdraw: transfer the funds to the master/);
  });

  it('any negative balance blocks every withdrawal: "Rebalance first"', () => {
    const verdict = checkWithdrawal({
      account: master,
      balances: [
        { asset: 'USDT', balance: '-42.5' },
        { asset: 'BNB', balance: '3' },
      ],
      asset: 'BNB',
      amount: '1',
    });
    expect(verdict.level).toBe('block');
    expect(verdict.reasons[0]).toMatch(/^Rebalance first: USDT is -42.5/);
  });
});

describe('frozen sub-accounts and orders (subs:196-215)', () => {
  it('unfrozen accounts trade freely', () => {
    expect(level(checkOrder({ account: subA, positionMode: 'one-way', side: 'BUY' }))).toBe('ok');
  });
  it('one-way mode: reduce-only only', () => {
    expect(
      level(checkOrder({ account: frozen, positionMode: 'one-way', side: 'BUY', reduceOnly: true })),
    ).toBe('ok');
    expect(checkOrder({ account: frozen, positionMode: 'one-way', side: 'BUY' }).reasons.join()).toMatch(
      /only reduce-only orders/,
    );
  });
  it('hedge mode: closing orders only', () => {
    expect(
      level(checkOrder({ account: frozen, positionMode: 'hedge', side: 'SELL', positionSide: 'LONG' })),
    ).toBe('ok');
    expect(
      level(checkOrder({ account: frozen, positionMode: 'hedge', side: 'BUY', positionSide: 'SHORT' })),
    ).toBe('ok');
    expect(
      checkOrder({
        account: frozen,
        positionMode: 'hedge',
        side: 'BUY',
        positionSide: 'LONG',
      }).reasons.join(),
    ).toMatch(/close a position/);
    expect(
      level(
        checkOrder({
          account: frozen,
          positionMode: 'hedge',
          side: 'BUY',
          positionSide: 'LONG',
          closePosition: true,
        }),
      ),
    ).toBe('ok');
  });
});

describe('API wallets (subs:173-183, subs:220-234, §5)', () => {
  it('limits: 30 for a master, 10 for a sub-account', () => {
    expect(API_KEY_LIMIT).toEqual({ master: 30, sub: 10 });
    expect(level(checkAgentApproval({ account: master, existingAgents: 29, canWithdraw: false }))).toBe('ok');
    expect(
      checkAgentApproval({ account: master, existingAgents: 30, canWithdraw: false }).reasons.join(),
    ).toMatch(/at most 30/);
    expect(level(checkAgentApproval({ account: subA, existingAgents: 9, canWithdraw: false }))).toBe('ok');
    expect(
      checkAgentApproval({ account: subA, existingAgents: 10, canWithdraw: false }).reasons.join(),
    ).toMatch(/at most 10/);
  });
  it('never withdrawal permission for a sub-account’s API wallet, even with IPs', () => {
    expect(
      checkAgentApproval({
        account: subA,
        existingAgents: 0,
        canWithdraw: true,
        ipWhitelist: ['1.2.3.4'],
      }).reasons.join(),
    ).toMatch(/never have withdrawal permission/);
  });
  it('withdrawal permission needs an IP whitelist, and is flagged even when allowed', () => {
    expect(
      checkAgentApproval({ account: master, existingAgents: 0, canWithdraw: true }).reasons.join(),
    ).toMatch(/IP whitelist/);
    expect(
      checkAgentApproval({ account: master, existingAgents: 0, canWithdraw: true, ipWhitelist: [' '] }).level,
    ).toBe('block');
    expect(
      checkAgentApproval({ account: master, existingAgents: 0, canWithdraw: true, ipWhitelist: ['1.2.3.4'] }),
    ).toEqual({
      level: 'warn',
      reasons: [
        'This API wallet will be able to withdraw funds, from the whitelisted IPs only: from any other address (a home connection whose IP changes) its withdrawals fail.',
      ],
      codes: ['agent-can-withdraw'],
    });
  });
});

describe('deposits (subs:82)', () => {
  it('no direct Solana deposit into a sub-account', () => {
    expect(checkDeposit(solSub, 'solana').reasons.join()).toMatch(/not supported/);
    expect(level(checkDeposit(solMaster, 'solana'))).toBe('ok');
    expect(level(checkDeposit(subA, 'evm'))).toBe('ok');
  });
});

describe('combineVerdicts', () => {
  it('keeps the strictest level and every reason, each with its code', () => {
    expect(
      combineVerdicts(
        { level: 'warn', reasons: ['a'], codes: ['family-unknown'] },
        { level: 'ok', reasons: [], codes: [] },
        { level: 'block', reasons: ['b'], codes: ['frozen'] },
      ),
    ).toEqual({ level: 'block', reasons: ['a', 'b'], codes: ['family-unknown', 'frozen'] });
    expect(combineVerdicts()).toEqual({ level: 'ok', reasons: [], codes: [] });
  });
});
