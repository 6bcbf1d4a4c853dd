import type { Account } from '@/lib/accounts/model';
import { t } from '@/lib/i18n';

/** Kind, frozen, watch-only and backup badges: words, never colour alone. */
export function AccountBadges({ account }: { account: Account }) {
  return (
    <span className="badges">
      <span className="badge">
        {t(account.kind === 'evm' ? 'accounts.kinds.evm' : 'accounts.kinds.solana')}
      </span>
      {account.role === 'sub' && account.status === 'FROZEN' && (
        <span className="badge frozen">{t('accounts.badges.frozen')}</span>
      )}
      {!account.hasKey && <span className="badge">{t('accounts.badges.watchOnly')}</span>}
      {account.backup.state === 'not-backed-up' && (
        <span className="badge warning">{t('accounts.badges.notBackedUp')}</span>
      )}
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
    <span className="badge warning" title={t('accounts.badges.unconfirmedTitle', { what })}>
      {t('accounts.badges.unconfirmed')}
    </span>
  );
}
