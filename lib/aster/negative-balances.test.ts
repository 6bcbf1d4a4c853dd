import { describe, expect, it } from 'vitest';
import {
  coverPlan,
  coverPlans,
  familyNegativeSummary,
  negativeBalanceSentence,
  negativeBalancesOf,
  type FamilyAccountBalances,
} from './negative-balances';

const account = (
  name: string,
  futures: Record<string, string>,
  spot: Record<string, string> = {},
  extra: Partial<FamilyAccountBalances> = {},
): FamilyAccountBalances => ({
  accountId: name.toLowerCase(),
  name,
  role: name === 'MainDesk' ? 'master' : 'sub',
  status: 'NORMAL',
  kind: 'evm',
  balances: {
    futures: Object.entries(futures).map(([asset, balance]) => ({ asset, balance })),
    spot: Object.entries(spot).map(([asset, balance]) => ({ asset, balance })),
  },
  ...extra,
});

describe('negative balances per account and wallet', () => {
  it('lists each negative balance with its account, wallet and the exact amount that covers it', () => {
    const family = [
      account('MainDesk', { USDT: '100', BNB: '1' }, { USDT: '-0.000001' }),
      account('Grid01', { USDT: '-3.20', ASTER: '5' }),
      account('Hedge02', { USDT: '0' }),
    ];
    const negatives = negativeBalancesOf(family);
    expect(negatives.map((n) => [n.accountName, n.wallet, n.asset, n.balance, n.missing])).toEqual([
      ['MainDesk', 'spot', 'USDT', '-0.000001', '0.000001'],
      ['Grid01', 'futures', 'USDT', '-3.2', '3.2'],
    ]);
    // In words with a real minus sign, never colour alone.
    expect(negativeBalanceSentence(negatives[1]!)).toBe('−3.2 USDT on Grid01 futures: blocks withdrawals');
  });

  it('one sentence per family; none when nothing is negative; unread accounts are skipped', () => {
    expect(familyNegativeSummary([account('MainDesk', { USDT: '1' })])).toBeNull();
    expect(
      familyNegativeSummary([
        account('MainDesk', { USDT: '1' }),
        { ...account('Grid01', {}), balances: null },
        account('Hedge02', { USDT: '-1', BNB: '-0.5' }),
      ]),
    ).toBe(
      '2 negative balances in this family (Hedge02): that account cannot withdraw until each is covered.',
    );
    expect(familyNegativeSummary([account('LossDesk', { USDT: '-42.5', BNB: '1.2' })])).toMatch(
      /^One negative balance in this family \(LossDesk\)/,
    );
  });
});

describe('how to cover a negative balance', () => {
  it('names the own wallets that can send the exact amount, the same account first, then a deposit', () => {
    const family = [
      account('MainDesk', { USDT: '2' }, { USDT: '50' }),
      account('Grid01', { USDT: '-3.2' }, { USDT: '3.2' }),
      account('Hedge02', { USDT: '3.1' }),
    ];
    const [plan] = coverPlans(family);
    expect(plan!.sources).toEqual([
      { accountId: 'grid01', accountName: 'Grid01', wallet: 'spot', available: '3.2' },
      { accountId: 'maindesk', accountName: 'MainDesk', wallet: 'spot', available: '50' },
    ]);
    expect(plan!.steps.map((s) => s.text)).toEqual([
      'Transfer 3.2 USDT from Grid01 spot (3.2 available) to its futures wallet.',
      'Transfer 3.2 USDT from MainDesk spot (50 available) to Grid01 futures.',
      'Deposit exactly 3.2 USDT into Grid01 futures.',
    ]);
    expect(plan!.steps.map((s) => s.transfer?.accountName)).toEqual(['Grid01', 'MainDesk', undefined]);
  });

  it('a source must be able to send it now (withdrawable), not only hold it', () => {
    const master = {
      ...account('MainDesk', {}),
      balances: { futures: [{ asset: 'USDT', balance: '100', withdrawable: '1' }], spot: [] },
    };
    const family = [master, account('Grid01', { USDT: '-3.2' })];
    expect(coverPlans(family)[0]!.sources).toEqual([]);
    expect(coverPlans(family)[0]!.steps.map((s) => s.text)).toEqual([
      'Deposit exactly 3.2 USDT into Grid01 futures.',
    ]);
  });

  it('frozen accounts neither send nor receive; accounts with their own debts do not send', () => {
    const frozenRich = account('Hedge02', { USDT: '1000' }, {}, { status: 'FROZEN' });
    const indebted = account('Grid02', { USDT: '1000', BNB: '-1' });
    const family = [account('MainDesk', { USDT: '-5' }), frozenRich, indebted];
    expect(coverPlan(negativeBalancesOf(family)[0]!, family).sources).toEqual([]);

    const frozenNegative = [
      account('MainDesk', { USDT: '500' }),
      account('Grid01', { USDT: '-2' }, {}, { status: 'FROZEN' }),
    ];
    const plan = coverPlans(frozenNegative)[0]!;
    expect(plan.sources).toEqual([]);
    expect(plan.steps[0]!.text).toMatch(/^Grid01 is frozen: .* Unfreeze it first, then cover 2 USDT\.$/);
  });

  it('a Solana sub-account is covered through its master (no direct Solana deposits to subs)', () => {
    const family = [
      account('MainDesk', { USDT: '1' }, {}, { kind: 'solana' }),
      account('SolGrid1', { USDT: '-7.25' }, {}, { kind: 'solana' }),
    ];
    expect(coverPlans(family)[0]!.steps.map((s) => s.text)).toEqual([
      'Deposit exactly 7.25 USDT to the master (Solana deposits to sub-accounts are not supported), then transfer it to SolGrid1 futures.',
    ]);
  });

  it('exact decimals: 0.1 + 0.2 style amounts are compared without floating point', () => {
    const family = [account('MainDesk', { ETH: '0.3' }), account('Grid01', { ETH: '-0.30000000000000004' })];
    expect(coverPlans(family)[0]!.sources).toEqual([]);
    const enough = [
      account('MainDesk', { ETH: '0.30000000000000004' }),
      account('Grid01', { ETH: '-0.30000000000000004' }),
    ];
    expect(coverPlans(enough)[0]!.steps[0]!.text).toBe(
      'Transfer 0.30000000000000004 ETH from MainDesk futures (0.30000000000000004 available) to Grid01 futures.',
    );
  });
});
