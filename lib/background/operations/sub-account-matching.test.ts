import { describe, expect, it } from 'vitest';
import type { AsterSubAccountEntry } from '@/lib/aster/responses/sub-account-list';
import { matchSubAccounts, type VaultSubAccount } from './sub-account-matching';

const GRID = '0xAbCdEf0000000000000000000000000000000001';
const HEDGE = '0xabcdef0000000000000000000000000000000002';
const OTHER = '0x9999999999999999999999999999999999999999';
const SOL = '7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU';

const sub = (accountId: string, name: string, address: string, extra: Partial<VaultSubAccount> = {}) => ({
  accountId,
  name,
  address,
  pending: false,
  knownAsterAccountId: null,
  ...extra,
});
const entry = (e: Partial<AsterSubAccountEntry>): AsterSubAccountEntry => ({
  accountId: null,
  address: null,
  name: null,
  balances: null,
  ...e,
});

describe('matchSubAccounts', () => {
  it('by address first, EVM without case, names omitted or different do not matter', () => {
    const result = matchSubAccounts(
      [sub('g', 'Grid01', GRID), sub('h', 'Hedge02', HEDGE)],
      [
        entry({ accountId: 2, address: GRID.toLowerCase(), balances: [{ asset: 'USDT', balance: '500' }] }),
        entry({ accountId: 3, address: HEDGE.toUpperCase().replace('0X', '0x'), name: 'Hedge02' }),
      ],
    );
    expect(result.matched).toEqual([
      {
        accountId: 'g',
        name: 'Grid01',
        asterName: null,
        asterAccountId: 2,
        by: 'address',
        balances: [{ asset: 'USDT', balance: '500' }],
      },
      {
        accountId: 'h',
        name: 'Hedge02',
        asterName: 'Hedge02',
        asterAccountId: 3,
        by: 'address',
        balances: null,
      },
    ]);
    expect(result.onlyInVault).toEqual([]);
    expect(result.onlyOnAster).toEqual([]);
    expect(result.links).toEqual({
      g: { asterAccountId: 2, asterName: 'Grid01' },
      h: { asterAccountId: 3, asterName: 'Hedge02' },
    });
  });

  it('Solana addresses compare exactly: another case is another account', () => {
    const result = matchSubAccounts(
      [sub('s', 'SolGrid1', SOL)],
      [entry({ accountId: 9, address: SOL.toLowerCase(), name: 'SolGrid1' })],
    );
    expect(result.matched).toEqual([]);
    expect(result.onlyInVault).toEqual([{ accountId: 's', name: 'SolGrid1', pending: false }]);
    expect(result.onlyOnAster).toEqual([
      { name: 'SolGrid1', asterAccountId: 9, address: SOL.toLowerCase(), balances: null },
    ]);
    expect(matchSubAccounts([sub('s', 'x', SOL)], [entry({ address: SOL })]).matched[0]?.by).toBe('address');
  });

  it('the same name under another address is NOT a match (the address is proof, the name is not)', () => {
    const result = matchSubAccounts(
      [sub('g', 'Grid01', GRID)],
      [entry({ accountId: 7, address: OTHER, name: 'Grid01' })],
    );
    expect(result.matched).toEqual([]);
    expect(result.links).toEqual({});
    expect(result.onlyInVault).toHaveLength(1);
    expect(result.onlyOnAster).toEqual([
      { name: 'Grid01', asterAccountId: 7, address: OTHER, balances: null },
    ]);
  });

  it('a remembered account id matches an entry without address, even renamed', () => {
    const result = matchSubAccounts(
      [sub('g', 'Grid01', GRID, { knownAsterAccountId: 2 })],
      [entry({ accountId: 2, name: 'GridRenamed' })],
    );
    expect(result.renamed).toEqual([
      { accountId: 'g', vaultName: 'Grid01', asterName: 'GridRenamed', asterAccountId: 2, by: 'account-id' },
    ]);
    expect(result.links.g).toEqual({ asterAccountId: 2, asterName: 'GridRenamed' });
  });

  it('a remembered id does not beat an address: an entry with another key’s address is another account', () => {
    const result = matchSubAccounts(
      [sub('g', 'Grid01', GRID, { knownAsterAccountId: 2 })],
      [entry({ accountId: 2, address: OTHER, name: 'Grid01' })],
    );
    expect(result.matched).toEqual([]);
    expect(result.onlyOnAster).toHaveLength(1);
  });

  it('renamed on Aster, found by address', () => {
    const result = matchSubAccounts(
      [sub('g', 'Grid01', GRID)],
      [entry({ accountId: 2, address: GRID, name: 'Scalp9' })],
    );
    expect(result.renamed).toEqual([
      { accountId: 'g', vaultName: 'Grid01', asterName: 'Scalp9', asterAccountId: 2, by: 'address' },
    ]);
    expect(result.matched).toEqual([]);
  });

  it('by name (any case) only when Aster gives no address', () => {
    const result = matchSubAccounts(
      [sub('g', 'Grid01', GRID), sub('h', 'Hedge02', HEDGE)],
      [
        entry({ accountId: 2, name: 'grid01' }),
        entry({ accountId: 3 }),
        entry({ accountId: 4, name: 'Other1' }),
      ],
    );
    expect(result.matched).toEqual([
      { accountId: 'g', name: 'Grid01', asterName: 'grid01', asterAccountId: 2, by: 'name', balances: null },
    ]);
    // Hedge02's entry came without a name: it cannot be told apart, so both sides are reported.
    expect(result.onlyInVault).toEqual([{ accountId: 'h', name: 'Hedge02', pending: false }]);
    expect(result.onlyOnAster.map((e) => e.asterAccountId)).toEqual([3, 4]);
  });

  it('ambiguous names are reported, never guessed: two vault accounts, or two Aster entries, with one name', () => {
    const twoInVault = matchSubAccounts(
      [sub('a', 'Grid01', GRID), sub('b', 'GRID01', HEDGE)],
      [entry({ accountId: 2, name: 'Grid01' })],
    );
    expect(twoInVault.matched).toEqual([]);
    expect(twoInVault.links).toEqual({});
    expect(twoInVault.ambiguous).toEqual([{ name: 'Grid01', accountIds: ['a', 'b'], asterAccountIds: [2] }]);
    expect(twoInVault.onlyInVault).toEqual([]);
    expect(twoInVault.onlyOnAster).toEqual([]);

    const twoOnAster = matchSubAccounts(
      [sub('a', 'Grid01', GRID)],
      [entry({ accountId: 2, name: 'Grid01' }), entry({ accountId: 5, name: 'grid01' })],
    );
    expect(twoOnAster.matched).toEqual([]);
    expect(twoOnAster.ambiguous).toEqual([{ name: 'Grid01', accountIds: ['a'], asterAccountIds: [2, 5] }]);
  });

  it('a pending sub-account matches by address only (it exists), never by name', () => {
    const byAddress = matchSubAccounts(
      [sub('p', 'Scalp07', GRID, { pending: true })],
      [entry({ accountId: 8, address: GRID, name: 'Scalp07' })],
    );
    expect(byAddress.matched[0]).toMatchObject({ accountId: 'p', by: 'address' });
    const byName = matchSubAccounts(
      [sub('p', 'Scalp07', GRID, { pending: true })],
      [entry({ accountId: 8, name: 'Scalp07' })],
    );
    expect(byName.matched).toEqual([]);
    expect(byName.onlyInVault).toEqual([{ accountId: 'p', name: 'Scalp07', pending: true }]);
    expect(byName.onlyOnAster).toHaveLength(1);
  });

  it('an address match takes its entry out of the name fallback', () => {
    const result = matchSubAccounts(
      [sub('g', 'Grid01', GRID), sub('x', 'Grid01', HEDGE)],
      [entry({ accountId: 2, address: GRID, name: 'Grid01' })],
    );
    expect(result.matched.map((m) => [m.accountId, m.by])).toEqual([['g', 'address']]);
    expect(result.onlyInVault.map((s) => s.accountId)).toEqual(['x']);
  });

  it('nothing on either side', () => {
    expect(matchSubAccounts([], [])).toEqual({
      matched: [],
      renamed: [],
      onlyInVault: [],
      onlyOnAster: [],
      ambiguous: [],
      links: {},
    });
  });
});
