import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Account, BackupMethod } from '@/lib/accounts/model';
import { CLIPBOARD_CLEAR_MS, clipboardFingerprint } from '@/lib/clipboard/fingerprint';
import { t } from '@/lib/i18n';
import { callBackground } from '@/lib/messaging/background-client';
import type { RevealedKey } from '@/lib/messaging/popup-api';
import { AccountBadges } from './Badges';
import { downloadText } from './download';
import { PasswordField } from './PasswordField';
import { useAccountsStore } from './stores/accounts-store';
import { useAction } from './useAction';
import { isToolbarPopup } from './useRoute';

/** A revealed key hides itself after this long; the copied key leaves the clipboard after CLIPBOARD_CLEAR_MS. */
const REVEAL_VISIBLE_MS = 60_000;

const BACKUP_METHOD_WORDS = {
  'key-file': 'accounts.backup.methods.keyFile',
  reveal: 'accounts.backup.methods.reveal',
  'vault-backup': 'accounts.backup.methods.vaultBackup',
} as const satisfies Record<BackupMethod, string>;

/** The one-time backup of a key: an encrypted key file verified by opening it again, or reveal and confirm. */
export function BackupKey({ accountId, onDone }: { accountId: string; onDone(): void }) {
  const accounts = useAccountsStore((s) => s.accounts);
  const account = accounts?.find((a) => a.id === accountId);
  const [leaving, setLeaving] = useState(false);
  if (!accounts) return <p role="status">{t('common.loading')}</p>;
  if (!account) return <p role="alert">{t('accounts.backup.gone')}</p>;
  const backedUp = account.backup.state === 'backed-up';
  return (
    <div className="stack">
      <h2>{t('accounts.backup.title', { name: account.name })}</h2>
      <p>
        <AccountBadges account={account} />
      </p>
      <p role="status">
        {account.backup.state === 'backed-up'
          ? t('accounts.backup.backedUp', { method: t(BACKUP_METHOD_WORDS[account.backup.method]) })
          : t('accounts.backup.notBackedUp')}
      </p>
      <KeyFileBackup account={account} />
      <RevealBackup account={account} />
      {backedUp || leaving ? (
        <div className="stack">
          {!backedUp && (
            <p role="note" className="warning-text">
              {t('accounts.backup.stillNotBackedUp')}
            </p>
          )}
          <button type="button" onClick={onDone}>
            {backedUp ? t('accounts.backup.done') : t('accounts.backup.leave')}
          </button>
        </div>
      ) : (
        <button type="button" onClick={() => setLeaving(true)}>
          {t('accounts.backup.later')}
        </button>
      )}
    </div>
  );
}

function KeyFileBackup({ account }: { account: Account }) {
  const ids = { verify: useId() };
  const [vaultPassword, setVaultPassword] = useState('');
  const [filePassword, setFilePassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [downloaded, setDownloaded] = useState<string | null>(null);
  const [verifyPassword, setVerifyPassword] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const upsert = useAccountsStore((s) => s.upsert);
  const download = useAction();
  const verify = useAction();

  async function save(event: FormEvent) {
    event.preventDefault();
    if (filePassword !== confirmation) return download.setError(t('accounts.backup.keyFile.differ'));
    const result = await download.run(() =>
      callBackground('accounts.exportKeyFile', { id: account.id, password: vaultPassword, filePassword }),
    );
    if (result) {
      downloadText(result.fileName, result.text);
      setDownloaded(result.fileName);
      setVaultPassword('');
      setFilePassword('');
      setConfirmation('');
    }
  }

  async function check(event: FormEvent) {
    event.preventDefault();
    if (!file) return verify.setError(t('accounts.backup.keyFile.chooseFile'));
    if (file.size > 100_000) return verify.setError(t('accounts.backup.keyFile.tooLarge'));
    const fileText = await file.text();
    const updated = await verify.run(() =>
      callBackground('accounts.verifyKeyFile', { id: account.id, fileText, filePassword: verifyPassword }),
    );
    if (updated) upsert(updated);
  }

  return (
    <section className="card" aria-label={t('accounts.backup.keyFile.label')}>
      <h3>{t('accounts.backup.keyFile.heading')}</h3>
      <p className="muted small">
        {account.kind === 'evm' ? t('accounts.backup.keyFile.evm') : t('accounts.backup.keyFile.solana')}
      </p>
      <form onSubmit={save} noValidate>
        <PasswordField
          label={t('accounts.backup.keyFile.vaultPassword')}
          value={vaultPassword}
          onChange={setVaultPassword}
          autoComplete="current-password"
        />
        <PasswordField
          label={t('accounts.backup.keyFile.filePassword')}
          value={filePassword}
          onChange={setFilePassword}
          autoComplete="new-password"
        />
        <PasswordField
          label={t('accounts.backup.keyFile.confirm')}
          value={confirmation}
          onChange={setConfirmation}
          autoComplete="new-password"
        />
        {download.error && <p role="alert">{download.error}</p>}
        <button type="submit" disabled={download.busy}>
          {t('accounts.backup.keyFile.download')}
        </button>
      </form>
      {downloaded && <p role="status">{t('accounts.backup.keyFile.saved', { file: downloaded })}</p>}
      {isToolbarPopup() ? (
        <p>
          <button
            type="button"
            onClick={() => window.open(`${location.pathname}?tab=1#/backup/${account.id}`, '_blank')}
          >
            {t('accounts.backup.keyFile.verifyInTab')}
          </button>
          <span className="muted small"> {t('accounts.backup.keyFile.verifyInTabNote')}</span>
        </p>
      ) : (
        <form onSubmit={check} noValidate>
          <div className="field">
            <label htmlFor={ids.verify}>{t('accounts.backup.keyFile.fileToVerify')}</label>
            <input
              id={ids.verify}
              type="file"
              accept=".json,application/json"
              onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            />
          </div>
          <PasswordField
            label={t('accounts.backup.keyFile.passwordOfFile')}
            value={verifyPassword}
            onChange={setVerifyPassword}
            autoComplete="off"
          />
          {verify.error && <p role="alert">{verify.error}</p>}
          <button type="submit" disabled={verify.busy}>
            {t('accounts.backup.keyFile.verify')}
          </button>
        </form>
      )}
    </section>
  );
}

function RevealBackup({ account }: { account: Account }) {
  const [password, setPassword] = useState('');
  const [revealed, setRevealed] = useState<RevealedKey | null>(null);
  const [visible, setVisible] = useState(false);
  const [answers, setAnswers] = useState<string[]>([]);
  const [copied, setCopied] = useState<string | null>(null);
  const upsert = useAccountsStore((s) => s.upsert);
  const reveal = useAction();
  const confirm = useAction();
  const clipboardTimer = useRef<ReturnType<typeof setTimeout>>(undefined);

  // A shown key hides itself; the key text is forgotten when the trader leaves this screen.
  useEffect(() => {
    if (!visible) return;
    const timer = setTimeout(() => setVisible(false), REVEAL_VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [visible]);
  useEffect(() => () => clearTimeout(clipboardTimer.current), []);

  async function show(event: FormEvent) {
    event.preventDefault();
    const result = await reveal.run(() => callBackground('accounts.reveal', { id: account.id, password }));
    if (result) {
      setRevealed(result);
      setAnswers(result.positions.map(() => ''));
      setPassword('');
    }
  }

  async function copy(keyText: string) {
    await navigator.clipboard.writeText(keyText);
    // The background arms a clear that survives this popup closing (Chromium's offscreen document); the
    // timer below only updates this screen while it is open, and is the only clear where there is none.
    const outlives = await callBackground('clipboard.clearLater', {
      fingerprint: await clipboardFingerprint(keyText),
    }).then(
      (result) => result.scheduled,
      () => false,
    );
    setCopied(
      t(outlives ? 'accounts.backup.reveal.copiedOutlives' : 'accounts.backup.reveal.copiedStayOpen', {
        seconds: CLIPBOARD_CLEAR_MS / 1000,
      }),
    );
    clearTimeout(clipboardTimer.current);
    clipboardTimer.current = setTimeout(async () => {
      // Only clear what we put there: the trader may have copied something else since.
      const current = await navigator.clipboard.readText().catch(() => null);
      if (current === keyText) {
        await navigator.clipboard.writeText('');
        setCopied(t('accounts.backup.reveal.cleared'));
      } else if (current === '') {
        setCopied(t('accounts.backup.reveal.cleared'));
      } else {
        setCopied(null);
      }
    }, CLIPBOARD_CLEAR_MS);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const updated = await confirm.run(() =>
      callBackground('accounts.confirmReveal', { id: account.id, answers }),
    );
    if (updated) {
      upsert(updated);
      setRevealed(null);
    }
  }

  return (
    <section className="card" aria-label={t('accounts.backup.reveal.label')}>
      <h3>{t('accounts.backup.reveal.heading')}</h3>
      {!revealed ? (
        <form onSubmit={show} noValidate>
          <PasswordField
            label={t('accounts.backup.reveal.password')}
            value={password}
            onChange={setPassword}
            autoComplete="current-password"
          />
          {reveal.error && <p role="alert">{reveal.error}</p>}
          <button type="submit" disabled={reveal.busy}>
            {t('accounts.backup.reveal.submit')}
          </button>
        </form>
      ) : (
        <form onSubmit={submit} noValidate>
          <p className="muted small">{t('accounts.backup.reveal.warning')}</p>
          <output className="secret" aria-label={t('accounts.backup.reveal.secret')}>
            {visible ? revealed.keyText : '•'.repeat(24)}
          </output>
          <div className="row">
            <button type="button" aria-pressed={visible} onClick={() => setVisible(!visible)}>
              {visible ? t('accounts.backup.reveal.hide') : t('accounts.backup.reveal.show')}
            </button>
            <button type="button" onClick={() => void copy(revealed.keyText)}>
              {t('accounts.backup.reveal.copy')}
            </button>
          </div>
          {copied && <p role="status">{copied}</p>}
          <p>{t('accounts.backup.reveal.check')}</p>
          <div className="row wrap">
            {revealed.positions.map((position, i) => (
              <label key={position} className="char-field">
                {t('accounts.backup.reveal.character', { position })}
                <input
                  value={answers[i] ?? ''}
                  maxLength={1}
                  autoComplete="off"
                  spellCheck={false}
                  onChange={(event) => setAnswers(answers.map((a, j) => (j === i ? event.target.value : a)))}
                />
              </label>
            ))}
          </div>
          {confirm.error && <p role="alert">{confirm.error}</p>}
          <button type="submit" disabled={confirm.busy || answers.some((a) => a === '')}>
            {t('accounts.backup.reveal.confirm')}
          </button>
        </form>
      )}
    </section>
  );
}
