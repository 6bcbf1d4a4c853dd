import type { Account } from './model';

const byAge = (a: Account, b: Account) => a.createdAt - b.createdAt || a.id.localeCompare(b.id);

/**
 * The vault's accounts in list order (masters in the order they were added, each followed by its
 * sub-accounts), with lookups by id and by address. Built once from the stored records, so that a page's
 * request or a switch reads a map instead of every record. Account metadata only: never a key.
 */
export class AccountIndex {
  readonly list: readonly Account[];
  private readonly byId = new Map<string, Account>();
  private readonly position = new Map<Account, number>();
  /** EVM addresses compare without case, Solana addresses exactly (`sameAccountAddress`). */
  private readonly evm = new Map<string, Account>();
  private readonly solana = new Map<string, Account>();

  constructor(records: readonly Account[]) {
    const masters = records.filter((a) => a.role === 'master').sort(byAge);
    const subsOf = new Map<string, Account[]>();
    for (const account of records) {
      if (account.role !== 'sub' || account.parentId === null) continue;
      const subs = subsOf.get(account.parentId) ?? [];
      subs.push(account);
      subsOf.set(account.parentId, subs);
    }
    // Frozen: every caller shares these records, so none may change them in place.
    this.list = Object.freeze(
      masters
        .flatMap((master) => [master, ...(subsOf.get(master.id) ?? []).sort(byAge)])
        .map((account) => Object.freeze(account)),
    );
    for (const account of records) this.byId.set(account.id, Object.freeze(account));
    for (const [index, account] of this.list.entries()) {
      this.position.set(account, index);
      const addresses = account.kind === 'evm' ? this.evm : this.solana;
      const key = account.kind === 'evm' ? account.address.toLowerCase() : account.address;
      // The first in list order wins, as a search of the list would find it.
      if (!addresses.has(key)) addresses.set(key, account);
    }
  }

  /** The stored account with this id. */
  get(id: string): Account | undefined {
    return this.byId.get(id);
  }

  /** The first account in list order whose address is `address` (EVM without case, Solana exactly). */
  findByAddress(address: string): Account | undefined {
    const evm = this.evm.get(address.toLowerCase());
    const solana = this.solana.get(address);
    if (!evm || !solana) return evm ?? solana;
    return this.position.get(evm)! < this.position.get(solana)! ? evm : solana;
  }
}
