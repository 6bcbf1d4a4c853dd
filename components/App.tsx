import { lazy, Suspense, useEffect } from 'react';
import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n';
import { accountsChangedEvent, vaultChangedEvent } from '@/lib/messaging/popup-api';
import { Home } from './Home';
import { useAccountsStore } from './stores/accounts-store';
import { takeEarlyRefresh, useVaultStore } from './stores/vault-store';
import { Unlock } from './Unlock';
import './app.css';
import './stores/theme-store';

// Only a first run shows it: loaded when needed, so every other opening of the popup loads less.
const CreateVault = lazy(async () => ({ default: (await import('./CreateVault')).CreateVault }));

/** The popup: create, unlock or use the vault, following the background's state as it changes. */
export function App() {
  const { state, loadError, refresh } = useVaultStore();

  useEffect(() => {
    void (takeEarlyRefresh() ?? refresh({ activity: true }));
    const onEvent = (message: unknown) => {
      if (v.is(vaultChangedEvent, message)) void refresh();
      else if (v.is(accountsChangedEvent, message)) useAccountsStore.getState().follow(message);
    };
    browser.runtime.onMessage.addListener(onEvent);
    return () => browser.runtime.onMessage.removeListener(onEvent);
  }, [refresh]);

  if (loadError) {
    return (
      <main className="screen">
        <h1>{t('extName')}</h1>
        <p role="alert">{t('shell.noAnswer', { error: loadError })}</p>
        <button type="button" onClick={() => void refresh()}>
          {t('common.tryAgain')}
        </button>
      </main>
    );
  }
  const loading = (
    <p className="screen muted" role="status">
      {t('common.loading')}
    </p>
  );
  if (!state) return loading;
  if (state.status === 'uninitialized')
    return (
      <Suspense fallback={loading}>
        <CreateVault />
      </Suspense>
    );
  if (state.status === 'locked') return <Unlock />;
  return <Home state={state} />;
}
