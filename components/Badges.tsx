import type { Account } from '@/lib/accounts/model';

/** Kind, frozen, watch-only and backup badges: words, never colour alone. */
export function AccountBadges({ account }: { account: Account }) {
  return (
    <span className="badges">
      <span className="badge">{account.kind === 'evm' ? 'EVM' : 'Solana'}</span>
      {account.role === 'sub' && account.status === 'FROZEN' && <span className="badge frozen">Frozen</span>}
      {!account.hasKey && <span className="badge">Watch-only</span>}
      {account.backup.state === 'not-backed-up' && <span className="badge warning">Not backed up</span>}
    </span>
  );
}

export function shortAddress(address: string): string {
  return address.length > 14 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}

/**
 * Marks an action that calls an endpoint no public source confirms (lib/aster/endpoints/paths.ts, `confirmed`):
 * the trader turned it on in Settings → Network and should know it may be refused.
 */
export function UnconfirmedBadge({ what }: { what: string }) {
  return (
    <span className="badge warning" title={`${what}: not confirmed by Aster's public documents`}>
      Unconfirmed
    </span>
  );
}
