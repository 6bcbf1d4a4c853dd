import { lazy, Suspense, useEffect } from 'react';
import { t } from '@/lib/i18n';
import { callBackground } from '@/lib/messaging/background-client';
import type { PopupVaultState } from '@/lib/messaging/popup-api';
import { formatClock } from './format';
import { HomeView } from './home/HomeView';
import { useAccountsStore } from './stores/accounts-store';
import { useAction } from './useAction';
import { useRoute } from './useRoute';

// Not needed for the first screen: loaded after it (ready before a click), so the popup opens sooner.
const loadOperations = () => import('./operations/Operations');
const loadSettings = () => import('./Settings');
const loadAddAccount = () => import('./AddAccount');
const loadBackupKey = () => import('./BackupKey');
const loadAccountsView = () => import('./AccountsView');
const Operations = lazy(async () => ({ default: (await loadOperations()).Operations }));
const Settings = lazy(async () => ({ default: (await loadSettings()).Settings }));
const AddAccount = lazy(async () => ({ default: (await loadAddAccount()).AddAccount }));
const BackupKey = lazy(async () => ({ default: (await loadBackupKey()).BackupKey }));
const AccountsView = lazy(async () => ({ default: (await loadAccountsView()).AccountsView }));

/** The unlocked vault: home (every account at a glance), managing accounts, operations and settings, by the URL hash. */
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
  const atHome = section === 'accounts' && route !== '/add' && route !== '/accounts/manage' && !backupId;
  // Every route needs the accounts, also when a page opens straight at one (a flow continued in a tab); home
  // reads them in its own single call, with the balances.
  useEffect(() => {
    if (!atHome) void refreshAccounts();
  }, [refreshAccounts, atHome]);
  useEffect(() => {
    const preload = setTimeout(
      () =>
        void Promise.all([
          loadOperations(),
          loadSettings(),
          loadAddAccount(),
          loadBackupKey(),
          loadAccountsView(),
        ]),
      0,
    );
    return () => clearTimeout(preload);
  }, []);

  return (
    <div className="screen">
      <header className="topbar">
        <h1>{t('extName')}</h1>
        <button
          type="button"
          disabled={busy}
          onClick={() => void runVault(() => callBackground('vault.lock', {}))}
        >
          {t('shell.lockNow')}
        </button>
      </header>
      <nav className="tabs" aria-label={t('home.nav.label')}>
        <button
          type="button"
          aria-current={section === 'accounts' ? 'page' : undefined}
          onClick={() => navigate('/accounts')}
        >
          {t('home.nav.accounts')}
        </button>
        <button
          type="button"
          aria-current={section === 'operations' ? 'page' : undefined}
          onClick={() => navigate('/operations')}
        >
          {t('home.nav.operations')}
        </button>
        <button
          type="button"
          aria-current={section === 'settings' ? 'page' : undefined}
          onClick={() => navigate('/settings')}
        >
          {t('home.nav.settings')}
        </button>
      </nav>
      <main>
        <Suspense
          fallback={
            <p className="muted" role="status">
              {t('common.loading')}
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
          ) : route === '/accounts/manage' ? (
            <AccountsView
              onAdd={() => navigate('/add')}
              onBackup={(id) => navigate(`/backup/${id}`)}
              onHome={() => navigate('/accounts')}
            />
          ) : (
            <HomeView onAdd={() => navigate('/add')} onManage={() => navigate('/accounts/manage')} />
          )}
        </Suspense>
      </main>
      <footer className="muted small">
        {state.lockDeadline === null
          ? t('home.autoLockOff')
          : t('home.autoLockAt', { time: formatClock(state.lockDeadline) })}
      </footer>
    </div>
  );
}
