import { useId, useState, type FormEvent } from 'react';
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
    if (filePassword !== confirmation) return setError('The two backup passwords differ.');
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
      <h2 id={`${id}-title`}>Back up the whole vault</h2>
      <p className="muted small">
        One encrypted file with every account: names, roles, statuses and keys. Keep it apart from this
        computer.
      </p>
      <form onSubmit={submit} noValidate>
        <PasswordField
          label="Vault password for backup"
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
        />
        <PasswordField
          label="Backup file password"
          value={filePassword}
          onChange={setFilePassword}
          autoComplete="new-password"
        />
        <PasswordField
          label="Confirm backup file password"
          value={confirmation}
          onChange={setConfirmation}
          autoComplete="new-password"
        />
        {error && <p role="alert">{error}</p>}
        {saved && <p role="status">Saved {saved}.</p>}
        <button type="submit" disabled={busy}>
          Download vault backup
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
    if (!file) return setError('Choose the backup file.');
    if (file.size > 5_000_000) return setError('That file is too large to be a vault backup.');
    const fileText = await file.text();
    const report = await run(() => callBackground('vault.restoreBackup', { fileText, filePassword }));
    if (report) {
      setResult(report);
      await refresh();
    }
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Restore from a backup</h2>
      <p className="muted small">Accounts already in the vault are kept; new ones are added.</p>
      {isToolbarPopup() ? (
        <button type="button" onClick={() => window.open(`${location.pathname}?tab=1#/settings`, '_blank')}>
          Restore in a tab
        </button>
      ) : (
        <form onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor={id}>Backup file</label>
            <input
              id={id}
              type="file"
              accept=".json,application/json"
              onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            />
          </div>
          <PasswordField
            label="Password of the backup file"
            value={filePassword}
            onChange={setFilePassword}
            autoComplete="off"
          />
          {error && <p role="alert">{error}</p>}
          <button type="submit" disabled={busy}>
            {busy ? 'Restoring…' : 'Restore'}
          </button>
        </form>
      )}
      {result && (
        <div role="status" aria-label="Restore result">
          <p>
            Added {result.added.length}, skipped {result.skipped.length}, conflicts {result.conflicts.length}.
          </p>
          {result.skipped.length > 0 && (
            <ul>
              {result.skipped.map((s) => (
                <li key={`s-${s.name}`}>
                  Skipped {s.name}: {s.reason}
                </li>
              ))}
            </ul>
          )}
          {result.conflicts.length > 0 && (
            <ul>
              {result.conflicts.map((c) => (
                <li key={`c-${c.name}`}>
                  Not restored {c.name}: {c.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
