import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Account, BackupMethod } from '@/lib/accounts/model';
import { CLIPBOARD_CLEAR_MS, clipboardFingerprint } from '@/lib/clipboard/fingerprint';
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

const BACKUP_METHOD_WORDS: Record<BackupMethod, string> = {
  'key-file': 'key file',
  reveal: 'key written down',
  'vault-backup': 'restored from a vault backup',
};

/** The one-time backup of a key: an encrypted key file verified by opening it again, or reveal and confirm. */
export function BackupKey({ accountId, onDone }: { accountId: string; onDone(): void }) {
  const accounts = useAccountsStore((s) => s.accounts);
  const account = accounts?.find((a) => a.id === accountId);
  const [leaving, setLeaving] = useState(false);
  if (!accounts) return <p role="status">Loading…</p>;
  if (!account) return <p role="alert">This account is no longer in the vault.</p>;
  const backedUp = account.backup.state === 'backed-up';
  return (
    <div className="stack">
      <h2>Back up {account.name}</h2>
      <p>
        <AccountBadges account={account} />
      </p>
      <p role="status">
        {account.backup.state === 'backed-up'
          ? `Backed up (${BACKUP_METHOD_WORDS[account.backup.method]}).`
          : 'Not backed up yet. Aster shows a sub-account key once and never stores it: if this computer fails, only your backup can restore it.'}
      </p>
      <KeyFileBackup account={account} />
      <RevealBackup account={account} />
      {backedUp || leaving ? (
        <div className="stack">
          {!backedUp && (
            <p role="note" className="warning-text">
              The key stays marked “Not backed up” until you finish one of the two ways above.
            </p>
          )}
          <button type="button" onClick={onDone}>
            {backedUp ? 'Done' : 'Leave without a backup'}
          </button>
        </div>
      ) : (
        <button type="button" onClick={() => setLeaving(true)}>
          Later
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
    if (filePassword !== confirmation) return download.setError('The two file passwords differ.');
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
    if (!file) return verify.setError('Choose the key file you saved.');
    if (file.size > 100_000) return verify.setError('That file is too large to be a key file.');
    const fileText = await file.text();
    const updated = await verify.run(() =>
      callBackground('accounts.verifyKeyFile', { id: account.id, fileText, filePassword: verifyPassword }),
    );
    if (updated) upsert(updated);
  }

  return (
    <section className="card" aria-label="Encrypted key file">
      <h3>1. Encrypted key file</h3>
      <p className="muted small">
        {account.kind === 'evm'
          ? 'A Web3 Secret Storage (keystore v3) file: MetaMask, geth and most EVM wallets import it.'
          : 'A keystore-style JSON file for Solana keys (see the docs); the companion opens it.'}
      </p>
      <form onSubmit={save} noValidate>
        <PasswordField
          label="Vault password"
          value={vaultPassword}
          onChange={setVaultPassword}
          autoComplete="current-password"
        />
        <PasswordField
          label="File password"
          value={filePassword}
          onChange={setFilePassword}
          autoComplete="new-password"
        />
        <PasswordField
          label="Confirm file password"
          value={confirmation}
          onChange={setConfirmation}
          autoComplete="new-password"
        />
        {download.error && <p role="alert">{download.error}</p>}
        <button type="submit" disabled={download.busy}>
          Download key file
        </button>
      </form>
      {downloaded && <p role="status">Saved {downloaded}. Now open it again below to check it.</p>}
      {isToolbarPopup() ? (
        <p>
          <button
            type="button"
            onClick={() => window.open(`${location.pathname}?tab=1#/backup/${account.id}`, '_blank')}
          >
            Verify the file in a tab
          </button>
          <span className="muted small"> (choosing a file closes the toolbar popup)</span>
        </p>
      ) : (
        <form onSubmit={check} noValidate>
          <div className="field">
            <label htmlFor={ids.verify}>Key file to verify</label>
            <input
              id={ids.verify}
              type="file"
              accept=".json,application/json"
              onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            />
          </div>
          <PasswordField
            label="Password of that file"
            value={verifyPassword}
            onChange={setVerifyPassword}
            autoComplete="off"
          />
          {verify.error && <p role="alert">{verify.error}</p>}
          <button type="submit" disabled={verify.busy}>
            Verify key file
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
      `Copied. The clipboard is cleared in ${CLIPBOARD_CLEAR_MS / 1000} s if it still holds the key` +
        (outlives ? ', even if you close this window.' : ': keep this window open until then.'),
    );
    clearTimeout(clipboardTimer.current);
    clipboardTimer.current = setTimeout(async () => {
      // Only clear what we put there: the trader may have copied something else since.
      const current = await navigator.clipboard.readText().catch(() => null);
      if (current === keyText) {
        await navigator.clipboard.writeText('');
        setCopied('The key was cleared from the clipboard.');
      } else if (current === '') {
        setCopied('The key was cleared from the clipboard.');
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
    <section className="card" aria-label="Reveal and write down the key">
      <h3>2. Reveal the key and write it down</h3>
      {!revealed ? (
        <form onSubmit={show} noValidate>
          <PasswordField
            label="Vault password to reveal"
            value={password}
            onChange={setPassword}
            autoComplete="current-password"
          />
          {reveal.error && <p role="alert">{reveal.error}</p>}
          <button type="submit" disabled={reveal.busy}>
            Reveal key
          </button>
        </form>
      ) : (
        <form onSubmit={submit} noValidate>
          <p className="muted small">
            Anyone who sees this key controls the account. Make sure nobody is watching.
          </p>
          <output className="secret" aria-label="Private key">
            {visible ? revealed.keyText : '•'.repeat(24)}
          </output>
          <div className="row">
            <button type="button" aria-pressed={visible} onClick={() => setVisible(!visible)}>
              {visible ? 'Hide key' : 'Show key'}
            </button>
            <button type="button" onClick={() => void copy(revealed.keyText)}>
              Copy key
            </button>
          </div>
          {copied && <p role="status">{copied}</p>}
          <p>Check your copy: type the characters at these positions of the key (counting from 1).</p>
          <div className="row wrap">
            {revealed.positions.map((position, i) => (
              <label key={position} className="char-field">
                Character {position}
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
            Confirm I saved it
          </button>
        </form>
      )}
    </section>
  );
}
