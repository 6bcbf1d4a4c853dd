import type { Account } from '@/lib/accounts/model';

/** A master and its sub-accounts, in the vault's order. */
export interface Family {
  master: Account;
  subs: Account[];
}

export function familiesOf(accounts: readonly Account[]): Family[] {
  const subsOf = new Map<string, Account[]>();
  for (const account of accounts)
    if (account.role === 'sub' && account.parentId !== null)
      subsOf.set(account.parentId, [...(subsOf.get(account.parentId) ?? []), account]);
  return accounts
    .filter((a) => a.role === 'master')
    .map((master) => ({ master, subs: subsOf.get(master.id) ?? [] }));
}

/** Type-ahead: the name or the address contains the query (any case); an empty query matches all. */
export function matchesQuery(account: Account, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (q === '') return true;
  return account.name.toLowerCase().includes(q) || account.address.toLowerCase().includes(q);
}

/** A family as search shows it: the master's row only when it matches (its group stays, for the total). */
export interface ShownFamily extends Family {
  masterShown: boolean;
}

/** The families with only their matching accounts. */
export function filterFamilies(families: readonly Family[], query: string): ShownFamily[] {
  return families.flatMap((family) => {
    const subs = family.subs.filter((a) => matchesQuery(a, query));
    const masterShown = matchesQuery(family.master, query);
    return masterShown || subs.length > 0 ? [{ master: family.master, subs, masterShown }] : [];
  });
}

/** The rows in display (and ↑/↓) order. */
export function rowsOf(families: readonly ShownFamily[]): Account[] {
  return families.flatMap((f) => (f.masterShown ? [f.master, ...f.subs] : f.subs));
}

/**
 * The highlighted row after a key: ↓/↑ move by one (stopping at the ends), Home/End jump; a highlight no longer
 * among the rows (filtered away) starts again from the first row.
 */
export function moveHighlight(rows: readonly Account[], current: string | null, key: string): string | null {
  if (rows.length === 0) return null;
  const at = rows.findIndex((a) => a.id === current);
  if (key === 'Home') return rows[0]!.id;
  if (key === 'End') return rows[rows.length - 1]!.id;
  if (at < 0) return rows[0]!.id;
  if (key === 'ArrowDown') return rows[Math.min(rows.length - 1, at + 1)]!.id;
  if (key === 'ArrowUp') return rows[Math.max(0, at - 1)]!.id;
  return current;
}
