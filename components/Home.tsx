import { lazy, Suspense, useEffect } from 'react';
import { callBackground } from '@/lib/messaging/background-client';
import type { PopupVaultState } from '@/lib/messaging/popup-api';
import { AccountsView } from './AccountsView';
import { AddAccount } from './AddAccount';
import { BackupKey } from './BackupKey';
import { formatClock } from './format';
import { useAccountsStore } from './stores/accounts-store';
import { useAction } from './useAction';
import { useRoute } from './useRoute';

// Not needed for the first screen: loaded after it (ready before a click), so the popup opens sooner.
const loadOperations = () => import('./operations/Operations');
const loadSettings = () => import('./Settings');
const Operations = lazy(async () => ({ default: (await loadOperations()).Operations }));
const Settings = lazy(async () => ({ default: (await loadSettings()).Settings }));

/** The unlocked vault: accounts (list, add, back up) and settings, routed by the URL hash. */
export function Home({ state }: { state: PopupVaultState }) {
  const [route, navigate] = useRoute();
  const { busy, runVault } = useAction();
  const section = route.startsWith('/settings')
    ? 'settings'
    : route.startsWith('/operations')
      ? 'operations'
      : 'accounts';
  const backupId = /^\/backup\/([\w-]+)$/.exec(route)?.[1];
  const refreshAccounts = useAccountsStore((s) => s.refresh);
  // Every route needs the accounts, also when a page opens straight at one (a flow continued in a tab).
  useEffect(() => {
    void refreshAccounts();
  }, [refreshAccounts]);
  useEffect(() => {
    const preload = setTimeout(() => void Promise.all([loadOperations(), loadSettings()]), 0);
    return () => clearTimeout(preload);
  }, []);

  return (
    <div className="screen">
      <header className="topbar">
        <h1>Aster Companion</h1>
        <button
          type="button"
          disabled={busy}
          onClick={() => void runVault(() => callBackground('vault.lock', {}))}
        >
          Lock now
        </button>
      </header>
      <nav className="tabs" aria-label="Sections">
        <button
          type="button"
          aria-current={section === 'accounts' ? 'page' : undefined}
          onClick={() => navigate('/accounts')}
        >
          Accounts
        </button>
        <button
          type="button"
          aria-current={section === 'operations' ? 'page' : undefined}
          onClick={() => navigate('/operations')}
        >
          Operations
        </button>
        <button
          type="button"
          aria-current={section === 'settings' ? 'page' : undefined}
          onClick={() => navigate('/settings')}
        >
          Settings
        </button>
      </nav>
      <main>
        <Suspense
          fallback={
            <p className="muted" role="status">
              Loading…
            </p>
          }
        >
          {section === 'settings' ? (
            <Settings state={state} />
          ) : section === 'operations' ? (
            <Operations section={route.split('/')[2] ?? ''} navigate={navigate} />
          ) : route === '/add' ? (
            <AddAccount
              onDone={(account) => navigate(account?.hasKey ? `/backup/${account.id}` : '/accounts')}
            />
          ) : backupId ? (
            <BackupKey accountId={backupId} onDone={() => navigate('/accounts')} />
          ) : (
            <AccountsView onAdd={() => navigate('/add')} onBackup={(id) => navigate(`/backup/${id}`)} />
          )}
        </Suspense>
      </main>
      <footer className="muted small">
        {state.lockDeadline === null
          ? 'Auto-lock is off.'
          : `Locks itself at ${formatClock(state.lockDeadline)} if you are idle.`}
      </footer>
    </div>
  );
}
