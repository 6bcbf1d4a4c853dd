import type { Account } from '@/lib/accounts/model';
import type { AsterAccount } from '@/lib/aster/rules';

/** A vault account as Aster's rules see it (its parent named by address, for a sub-account). */
export function asterAccountOf(account: Account, parentAddress: string | undefined): AsterAccount {
  return {
    address: account.address,
    name: account.name,
    role: account.role,
    kind: account.kind,
    status: account.status,
    ...(parentAddress ? { parent: parentAddress } : {}),
  };
}
