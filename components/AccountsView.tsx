import { useEffect } from 'react';
import type { Account } from '@/lib/accounts/model';
import { AccountRow } from './AccountRow';
import { useAccountsStore } from './stores/accounts-store';

/** Accounts grouped by master, each master followed by its sub-accounts. */
export function AccountsView({ onAdd, onBackup }: { onAdd(): void; onBackup(id: string): void }) {
  const { accounts, loadError, refresh } = useAccountsStore();
  useEffect(() => {
    void refresh();
  }, [refresh]);

  if (loadError) {
    return (
      <section className="card" aria-label="Accounts">
        <p role="alert">The accounts could not be loaded: {loadError}</p>
        <button type="button" onClick={() => void refresh()}>
          Try again
        </button>
      </section>
    );
  }
  if (!accounts)
    return (
      <p role="status" className="muted">
        Loading accounts…
      </p>
    );

  const masters = accounts.filter((a) => a.role === 'master');
  const notBackedUp = accounts.filter((a) => a.backup.state === 'not-backed-up').length;
  return (
    <section aria-label="Accounts" className="stack">
      <div className="row spread">
        <h2>Accounts</h2>
        <button type="button" className="small" onClick={onAdd}>
          Add account
        </button>
      </div>
      {notBackedUp > 0 && (
        <p role="note" className="warning-text">
          {notBackedUp} key{notBackedUp > 1 ? 's are' : ' is'} not backed up. Aster never stores sub-account
          keys: back them up before you fund them.
        </p>
      )}
      {masters.length === 0 ? (
        <div className="card">
          <p>No accounts yet.</p>
          <p className="muted">
            Add your master account's private key (EVM or Solana) or watch its address, then add the keys of
            its sub-accounts.
          </p>
        </div>
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
    <section className="card group" aria-label={`${master.name} and its sub-accounts`}>
      <ul className="accounts">
        <AccountRow account={master} onBackup={onBackup} />
      </ul>
      {subs.length > 0 && (
        <>
          <p className="muted small">Sub-accounts ({subs.length} of 15)</p>
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
