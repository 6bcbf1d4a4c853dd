import { useState, type FormEvent } from 'react';
import { t } from '@/lib/i18n';
import { callBackground } from '@/lib/messaging/background-client';
import { LanguageSelect } from './LanguageSelect';
import { PasswordField } from './PasswordField';
import { useVaultStore } from './stores/vault-store';
import { useAction } from './useAction';
import { useCountdown } from './useCountdown';

export function Unlock() {
  const [password, setPassword] = useState('');
  const { busy, error, runVault } = useAction();
  const retryAt = useVaultStore((store) =>
    store.state && store.state.unlockRetryAfterMs > 0
      ? store.receivedAt + store.state.unlockRetryAfterMs
      : null,
  );
  const waitSeconds = useCountdown(retryAt);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await runVault(() => callBackground('vault.unlock', { password }))) setPassword('');
  }

  return (
    <main className="screen">
      <LanguageSelect compact />
      <h1>{t('vault.unlock.title')}</h1>
      <form onSubmit={submit} noValidate>
        <PasswordField
          label={t('vault.unlock.password')}
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          autoFocus
        />
        {error && <p role="alert">{error}</p>}
        {waitSeconds > 0 && <p role="status">{t('vault.unlock.throttled', { seconds: waitSeconds })}</p>}
        <button type="submit" className="primary" disabled={busy || waitSeconds > 0 || password.length === 0}>
          {busy ? t('vault.unlock.unlocking') : t('vault.unlock.submit')}
        </button>
      </form>
    </main>
  );
}
