import { describe, expect, it } from 'vitest';
import type { Account } from '@/lib/accounts/model';
import { familiesOf, filterFamilies, matchesQuery, moveHighlight, rowsOf } from './account-search';

const account = (id: string, name: string, parentId: string | null = null, address = `0x${id}abc`) =>
  ({ id, name, address, role: parentId ? 'sub' : 'master', parentId }) as Account;

const vault = [
  account('m1', 'MainDesk'),
  account('g1', 'Grid01', 'm1'),
  account('h1', 'Hedge02', 'm1'),
  account('m2', 'SolDesk', null, '9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin'),
  account('s2', 'SolGrid1', 'm2'),
];

describe('home search and keys', () => {
  it('groups every master with its sub-accounts, in the vault’s order', () => {
    expect(rowsOf(filterFamilies(familiesOf(vault), '')).map((a) => a.id)).toEqual([
      'm1',
      'g1',
      'h1',
      'm2',
      's2',
    ]);
  });

  it('matches the name or the address, in any case', () => {
    expect(matchesQuery(vault[1]!, 'grid')).toBe(true);
    expect(matchesQuery(vault[3]!, 'PUSVF')).toBe(true);
    expect(matchesQuery(vault[3]!, 'grid')).toBe(false);
  });

  it('type-ahead keeps only the matching rows; a family whose master does not match shows only its matches', () => {
    const shown = filterFamilies(familiesOf(vault), 'grid');
    expect(rowsOf(shown).map((a) => a.id)).toEqual(['g1', 's2']);
    expect(shown.map((f) => f.masterShown)).toEqual([false, false]);
    expect(rowsOf(filterFamilies(familiesOf(vault), 'nothing'))).toEqual([]);
  });

  it('↑/↓ move by one and stop at the ends; Home/End jump; a highlight filtered away restarts at the top', () => {
    const rows = rowsOf(filterFamilies(familiesOf(vault), ''));
    expect(moveHighlight(rows, 'm1', 'ArrowDown')).toBe('g1');
    expect(moveHighlight(rows, 'h1', 'ArrowDown')).toBe('m2');
    expect(moveHighlight(rows, 's2', 'ArrowDown')).toBe('s2');
    expect(moveHighlight(rows, 'g1', 'ArrowUp')).toBe('m1');
    expect(moveHighlight(rows, 'm1', 'ArrowUp')).toBe('m1');
    expect(moveHighlight(rows, 'g1', 'End')).toBe('s2');
    expect(moveHighlight(rows, 's2', 'Home')).toBe('m1');
    const filtered = rowsOf(filterFamilies(familiesOf(vault), 'grid'));
    expect(moveHighlight(filtered, 'h1', 'ArrowDown')).toBe('g1');
    expect(moveHighlight([], 'h1', 'ArrowDown')).toBeNull();
  });
});
