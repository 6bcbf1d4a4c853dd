import { useState, type FormEvent } from 'react';
import { t } from '@/lib/i18n';
import { callBackground } from '@/lib/messaging/background-client';
import { checkPasswordPolicy } from '@/lib/password/strength';
import { LanguageSelect } from './LanguageSelect';
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
    if (password !== confirmation) return setError(t('vault.passwordsDiffer'));
    await runVault(() => callBackground('vault.create', { password }));
  }

  return (
    <main className="screen">
      <LanguageSelect compact />
      <h1>{t('vault.create.title')}</h1>
      <p className="muted">{t('vault.create.intro')}</p>
      <form onSubmit={submit} noValidate>
        <PasswordField
          label={t('vault.create.newPassword')}
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
          autoFocus
          describedBy="create-strength"
        />
        <StrengthMeter password={password} id="create-strength" />
        <PasswordField
          label={t('vault.create.confirmPassword')}
          value={confirmation}
          onChange={setConfirmation}
          autoComplete="new-password"
        />
        {error && <p role="alert">{error}</p>}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('vault.create.creating') : t('vault.create.submit')}
        </button>
      </form>
    </main>
  );
}
