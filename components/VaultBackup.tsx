import { useId, useState, type FormEvent } from 'react';
import { t } from '@/lib/i18n';
import { callBackground } from '@/lib/messaging/background-client';
import type { RestoreResult } from '@/lib/messaging/popup-api';
import { downloadText } from './download';
import { PasswordField } from './PasswordField';
import { useAccountsStore } from './stores/accounts-store';
import { useAction } from './useAction';
import { isToolbarPopup } from './useRoute';

/** Whole-vault backup to one encrypted file, and restore from it (merging by address). */
export function VaultBackup() {
  return (
    <>
      <ExportVault />
      <RestoreVault />
    </>
  );
}

function ExportVault() {
  const id = useId();
  const [password, setPassword] = useState('');
  const [filePassword, setFilePassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const { busy, error, setError, run } = useAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (filePassword !== confirmation) return setError(t('settings.backup.differ'));
    const file = await run(() => callBackground('vault.exportBackup', { password, filePassword }));
    if (file) {
      downloadText(file.fileName, file.text);
      setSaved(file.fileName);
      setPassword('');
      setFilePassword('');
      setConfirmation('');
    }
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('settings.backup.title')}</h2>
      <p className="muted small">{t('settings.backup.intro')}</p>
      <form onSubmit={submit} noValidate>
        <PasswordField
          label={t('settings.backup.vaultPassword')}
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
        />
        <PasswordField
          label={t('settings.backup.filePassword')}
          value={filePassword}
          onChange={setFilePassword}
          autoComplete="new-password"
        />
        <PasswordField
          label={t('settings.backup.confirm')}
          value={confirmation}
          onChange={setConfirmation}
          autoComplete="new-password"
        />
        {error && <p role="alert">{error}</p>}
        {saved && <p role="status">{t('settings.backup.saved', { file: saved })}</p>}
        <button type="submit" disabled={busy}>
          {t('settings.backup.submit')}
        </button>
      </form>
    </section>
  );
}

function RestoreVault() {
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [filePassword, setFilePassword] = useState('');
  const [result, setResult] = useState<RestoreResult | null>(null);
  const refresh = useAccountsStore((s) => s.refresh);
  const { busy, error, setError, run } = useAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setResult(null);
    if (!file) return setError(t('settings.restore.chooseFile'));
    if (file.size > 5_000_000) return setError(t('settings.restore.tooLarge'));
    const fileText = await file.text();
    const report = await run(() => callBackground('vault.restoreBackup', { fileText, filePassword }));
    if (report) {
      setResult(report);
      await refresh();
    }
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('settings.restore.title')}</h2>
      <p className="muted small">{t('settings.restore.intro')}</p>
      {isToolbarPopup() ? (
        <button type="button" onClick={() => window.open(`${location.pathname}?tab=1#/settings`, '_blank')}>
          {t('settings.restore.inTab')}
        </button>
      ) : (
        <form onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor={id}>{t('settings.restore.file')}</label>
            <input
              id={id}
              type="file"
              accept=".json,application/json"
              onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            />
          </div>
          <PasswordField
            label={t('settings.restore.password')}
            value={filePassword}
            onChange={setFilePassword}
            autoComplete="off"
          />
          {error && <p role="alert">{error}</p>}
          <button type="submit" disabled={busy}>
            {busy ? t('settings.restore.restoring') : t('settings.restore.submit')}
          </button>
        </form>
      )}
      {result && (
        <div role="status" aria-label={t('settings.restore.result')}>
          <p>
            {t('settings.restore.summary', {
              added: result.added.length,
              skipped: result.skipped.length,
              conflicts: result.conflicts.length,
            })}
          </p>
          {result.skipped.length > 0 && (
            <ul>
              {result.skipped.map((s) => (
                <li key={`s-${s.name}`}>
                  {t('settings.restore.skipped', { name: s.name, reason: s.reason })}
                </li>
              ))}
            </ul>
          )}
          {result.conflicts.length > 0 && (
            <ul>
              {result.conflicts.map((c) => (
                <li key={`c-${c.name}`}>
                  {t('settings.restore.conflict', { name: c.name, reason: c.reason })}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
