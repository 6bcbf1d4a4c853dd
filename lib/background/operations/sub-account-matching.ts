import type { AsterSubAccountEntry } from '@/lib/aster/responses/sub-account-list';
import { sameAddress } from '@/lib/aster/rules';
import type { SubAccountMatch, SyncReport } from '@/lib/messaging/operations-api';

/** A vault sub-account as the matching sees it. */
export interface VaultSubAccount {
  accountId: string;
  name: string;
  address: string;
  /** Generated here, createSubAccount not known to have succeeded. */
  pending: boolean;
  /** Aster's account id remembered from an earlier match or creation. */
  knownAsterAccountId: number | null;
}

export type SubAccountMatching = Pick<
  SyncReport,
  'matched' | 'renamed' | 'onlyInVault' | 'onlyOnAster' | 'ambiguous'
> & {
  /** What to remember per vault sub-account: Aster's id and name. */
  links: Record<string, { asterAccountId: number | null; asterName: string }>;
};

const fold = (name: string) => name.toLowerCase();

/**
 * Vault sub-accounts ↔ Aster's list. An address is proof and comes first (EVM without case, Solana exactly);
 * a remembered account id next, and a name last — both only for entries Aster sent without an address, since
 * an entry whose address is another key's is another account whatever its name. A name that fits more than
 * one account on either side is reported as ambiguous, never guessed. A pending sub-account is matched by its
 * address only (its creation's answer was lost, but it exists).
 */
export function matchSubAccounts(
  subs: readonly VaultSubAccount[],
  entries: readonly AsterSubAccountEntry[],
): SubAccountMatching {
  const result: SubAccountMatching = {
    matched: [],
    renamed: [],
    onlyInVault: [],
    onlyOnAster: [],
    ambiguous: [],
    links: {},
  };
  const remaining = new Set(entries);
  const unmatched = new Set(subs);
  const link = (sub: VaultSubAccount, entry: AsterSubAccountEntry, by: SubAccountMatch) => {
    remaining.delete(entry);
    unmatched.delete(sub);
    result.links[sub.accountId] = { asterAccountId: entry.accountId, asterName: entry.name ?? sub.name };
    if (entry.name !== null && fold(entry.name) !== fold(sub.name))
      result.renamed.push({
        accountId: sub.accountId,
        vaultName: sub.name,
        asterName: entry.name,
        asterAccountId: entry.accountId,
        by,
      });
    else
      result.matched.push({
        accountId: sub.accountId,
        name: sub.name,
        asterName: entry.name,
        asterAccountId: entry.accountId,
        by,
        balances: entry.balances,
      });
  };

  for (const sub of subs) {
    const entry = [...remaining].find((e) => e.address !== null && sameAddress(e.address, sub.address));
    if (entry) link(sub, entry, 'address');
  }
  const withoutAddress = () => [...remaining].filter((e) => e.address === null);
  for (const sub of [...unmatched]) {
    if (sub.pending || sub.knownAsterAccountId === null) continue;
    const entry = withoutAddress().find((e) => e.accountId === sub.knownAsterAccountId);
    if (entry) link(sub, entry, 'account-id');
  }
  const byName = new Map<string, { subs: VaultSubAccount[]; entries: AsterSubAccountEntry[] }>();
  const group = (name: string) => {
    const key = fold(name);
    const found = byName.get(key) ?? { subs: [], entries: [] };
    byName.set(key, found);
    return found;
  };
  for (const sub of unmatched) if (!sub.pending) group(sub.name).subs.push(sub);
  for (const entry of withoutAddress()) if (entry.name !== null) group(entry.name).entries.push(entry);
  for (const { subs: named, entries: listed } of byName.values()) {
    if (named.length === 1 && listed.length === 1) link(named[0]!, listed[0]!, 'name');
    else if (named.length > 0 && listed.length > 0) {
      result.ambiguous.push({
        name: listed[0]!.name!,
        accountIds: named.map((s) => s.accountId),
        asterAccountIds: listed.map((e) => e.accountId),
      });
      for (const sub of named) unmatched.delete(sub);
      for (const entry of listed) remaining.delete(entry);
    }
  }
  for (const sub of unmatched)
    result.onlyInVault.push({ accountId: sub.accountId, name: sub.name, pending: sub.pending });
  for (const entry of remaining)
    result.onlyOnAster.push({
      name: entry.name,
      asterAccountId: entry.accountId,
      address: entry.address,
      balances: entry.balances,
    });
  return result;
}
