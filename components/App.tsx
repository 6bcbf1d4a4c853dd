import { useEffect } from 'react';
import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n';
import { vaultChangedEvent } from '@/lib/messaging/popup-api';
import { CreateVault } from './CreateVault';
import { Home } from './Home';
import { takeEarlyRefresh, useVaultStore } from './stores/vault-store';
import { Unlock } from './Unlock';
import './app.css';
import './stores/theme-store';

/** The popup: create, unlock or use the vault, following the background's state as it changes. */
export function App() {
  const { state, loadError, refresh } = useVaultStore();

  useEffect(() => {
    void (takeEarlyRefresh() ?? refresh({ activity: true }));
    const onEvent = (message: unknown) => {
      if (v.is(vaultChangedEvent, message)) void refresh();
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
  if (!state)
    return (
      <p className="screen muted" role="status">
        {t('common.loading')}
      </p>
    );
  if (state.status === 'uninitialized') return <CreateVault />;
  if (state.status === 'locked') return <Unlock />;
  return <Home state={state} />;
}
