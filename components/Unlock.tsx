import { useState, type FormEvent } from 'react';
import { callBackground } from '@/lib/messaging/background-client';
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
      <h1>Unlock Aster Companion</h1>
      <form onSubmit={submit} noValidate>
        <PasswordField
          label="Password"
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          autoFocus
        />
        {error && <p role="alert">{error}</p>}
        {waitSeconds > 0 && <p role="status">Too many wrong passwords. Try again in {waitSeconds} s.</p>}
        <button type="submit" className="primary" disabled={busy || waitSeconds > 0 || password.length === 0}>
          {busy ? 'Unlocking…' : 'Unlock'}
        </button>
      </form>
    </main>
  );
}
