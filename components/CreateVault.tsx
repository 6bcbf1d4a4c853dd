import { useState, type FormEvent } from 'react';
import { callBackground } from '@/lib/messaging/background-client';
import { checkPasswordPolicy } from '@/lib/password/strength';
import { PasswordField } from './PasswordField';
import { StrengthMeter } from './StrengthMeter';
import { useAction } from './useAction';

/** First run: choose the vault password. */
export function CreateVault() {
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const { busy, error, setError, runVault } = useAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const policy = checkPasswordPolicy(password);
    if (!policy.ok) return setError(policy.reason);
    if (password !== confirmation) return setError('The two passwords differ.');
    await runVault(() => callBackground('vault.create', { password }));
  }

  return (
    <main className="screen">
      <h1>Create your vault</h1>
      <p className="muted">
        This password encrypts your Aster keys on this computer. It cannot be recovered: if you forget it,
        only your backups can restore your keys.
      </p>
      <form onSubmit={submit} noValidate>
        <PasswordField
          label="New password"
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
          autoFocus
          describedBy="create-strength"
        />
        <StrengthMeter password={password} id="create-strength" />
        <PasswordField
          label="Confirm password"
          value={confirmation}
          onChange={setConfirmation}
          autoComplete="new-password"
        />
        {error && <p role="alert">{error}</p>}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create vault'}
        </button>
      </form>
    </main>
  );
}
