import { t } from '@/lib/i18n';

/**
 * What the home and the accounts list show instead of accounts: the vault's accounts could not be read (with a
 * retry), they are being read, or there are none yet. One place, so both screens say it the same way.
 */
export type AccountsStateProps =
  { kind: 'failed'; error: string; onRetry(): void } | { kind: 'loading' } | { kind: 'empty' };

export function AccountsState(props: AccountsStateProps) {
  switch (props.kind) {
    case 'failed':
      return (
        <section className="card" aria-label={t('accounts.title')}>
          <p role="alert">{t('accounts.loadFailedWith', { error: props.error })}</p>
          <button type="button" onClick={props.onRetry}>
            {t('common.tryAgain')}
          </button>
        </section>
      );
    case 'loading':
      return (
        <p role="status" className="muted">
          {t('accounts.loading')}
        </p>
      );
    case 'empty':
      return (
        <div className="card">
          <p>{t('accounts.empty')}</p>
          <p className="muted">{t('accounts.emptyHint')}</p>
        </div>
      );
  }
}
