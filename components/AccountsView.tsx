import { useEffect } from 'react';
import type { Account } from '@/lib/accounts/model';
import { t } from '@/lib/i18n';
import { AccountRow } from './AccountRow';
import { AccountsState } from './AccountsState';
import { useAccountsStore } from './stores/accounts-store';

/** Accounts grouped by master, each master followed by its sub-accounts. */
export function AccountsView({
  onAdd,
  onBackup,
  onHome,
}: {
  onAdd(): void;
  onBackup(id: string): void;
  onHome(): void;
}) {
  const { accounts, loadError, refresh } = useAccountsStore();
  useEffect(() => {
    void refresh();
  }, [refresh]);

  if (loadError) return <AccountsState kind="failed" error={loadError} onRetry={() => void refresh()} />;
  if (!accounts) return <AccountsState kind="loading" />;

  const masters = accounts.filter((a) => a.role === 'master');
  const notBackedUp = accounts.filter((a) => a.backup.state === 'not-backed-up').length;
  return (
    <section aria-label={t('accounts.title')} className="stack">
      <div className="row spread">
        <h2>{t('accounts.title')}</h2>
        <button type="button" className="small ghost" onClick={onHome}>
          {t('home.back')}
        </button>
        <button type="button" className="small" onClick={onAdd}>
          {t('accounts.addAccount')}
        </button>
      </div>
      {notBackedUp > 0 && (
        <p role="note" className="warning-text">
          {t('accounts.notBackedUp', notBackedUp)}
        </p>
      )}
      {masters.length === 0 ? (
        <AccountsState kind="empty" />
      ) : (
        masters.map((master) => (
          <MasterGroup
            key={master.id}
            master={master}
            subs={accounts.filter((a) => a.parentId === master.id)}
            onBackup={onBackup}
          />
        ))
      )}
    </section>
  );
}

function MasterGroup({
  master,
  subs,
  onBackup,
}: {
  master: Account;
  subs: Account[];
  onBackup(id: string): void;
}) {
  return (
    <section className="card group" aria-label={t('accounts.family', { name: master.name })}>
      <ul className="accounts">
        <AccountRow account={master} onBackup={onBackup} />
      </ul>
      {subs.length > 0 && (
        <>
          <p className="muted small">{t('accounts.subCount', { count: subs.length })}</p>
          <ul className="accounts subs">
            {subs.map((sub) => (
              <AccountRow key={sub.id} account={sub} onBackup={onBackup} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
