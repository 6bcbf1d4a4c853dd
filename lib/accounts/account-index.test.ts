import { describe, expect, it } from 'vitest';
import { AccountIndex } from './account-index';
import { sameAccountAddress } from './keys';
import type { Account } from './model';

let clock = 0;
function account(fields: Partial<Account> & Pick<Account, 'id' | 'address'>): Account {
  return {
    kind: 'evm',
    role: 'master',
    parentId: null,
    name: fields.id,
    status: 'NORMAL',
    hasKey: true,
    backup: { state: 'not-backed-up' },
    createdAt: (clock += 1),
    updatedAt: 0,
    ...fields,
  };
}

const EVM_A = '0x00000000000000000000000000000000000000Aa';
const EVM_B = '0x00000000000000000000000000000000000000bB';
const SOL = '9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin';

describe('the account index', () => {
  // Stored in no particular order: the list puts masters by age, each followed by its subs by age.
  const mainDesk = account({ id: 'm1', address: EVM_A });
  const solMaster = account({ id: 'm2', kind: 'solana', address: SOL });
  const grid = account({ id: 's1', role: 'sub', parentId: 'm1', address: EVM_B });
  const later = account({ id: 's2', role: 'sub', parentId: 'm1', address: '0x' + '1'.repeat(40) });
  const records = [later, solMaster, grid, mainDesk];
  const index = new AccountIndex(records);

  it('lists masters in the order they were added, each followed by its sub-accounts', () => {
    expect(index.list.map((a) => a.id)).toEqual(['m1', 's1', 's2', 'm2']);
  });

  it('finds an account by id, and no other', () => {
    expect(index.get('s1')).toEqual(grid);
    expect(index.get('nope')).toBeUndefined();
    expect(index.get('__proto__')).toBeUndefined();
  });

  it('finds addresses as a search of the list with sameAccountAddress would, case included', () => {
    const search = (address: string) =>
      index.list.find((a) => sameAccountAddress(a.kind, a.address, address));
    const probes = [
      EVM_A,
      EVM_A.toLowerCase(),
      EVM_A.toUpperCase().replace('0X', '0x'),
      EVM_B,
      SOL,
      SOL.toLowerCase(), // Base58 is case-sensitive: another key, not ours
      '0x' + '1'.repeat(40),
      '0x' + '2'.repeat(40),
      'constructor',
      '',
    ];
    for (const probe of probes) expect(index.findByAddress(probe), probe).toBe(search(probe));
    expect(index.findByAddress(SOL.toLowerCase())).toBeUndefined();
  });

  it('keeps the first in list order when two records claim one address', () => {
    const first = account({ id: 'x1', address: EVM_A });
    const second = account({ id: 'x2', address: EVM_A.toLowerCase() });
    expect(new AccountIndex([second, first]).findByAddress(EVM_A)?.id).toBe('x1');
  });

  it('hands out frozen records: no caller can change what the others read', () => {
    expect(Object.isFrozen(index.list)).toBe(true);
    expect(index.list.every((a) => Object.isFrozen(a))).toBe(true);
    expect(() => {
      (index.list[0] as { name: string }).name = 'Renamed';
    }).toThrow(TypeError);
  });
});
