import { useEffect, useId, useState, type FormEvent } from 'react';
import type { Account, AccountKind } from '@/lib/accounts/model';
import { checkSubAccountName } from '@/lib/aster/rules';
import { callBackground } from '@/lib/messaging/background-client';
import type { KeyPreview } from '@/lib/messaging/popup-api';
import { PasswordField } from './PasswordField';
import { useAccountsStore } from './stores/accounts-store';
import { useAction } from './useAction';
import { isToolbarPopup } from './useRoute';

type Method = 'paste' | 'watch' | 'generate';

/** Adds a master (key or watch-only) or a sub-account (pasted, uploaded or generated key). */
export function AddAccount({ onDone }: { onDone(account: Account | null): void }) {
  const ids = {
    name: useId(),
    kind: useId(),
    master: useId(),
    address: useId(),
    file: useId(),
    preview: useId(),
  };
  const accounts = useAccountsStore((s) => s.accounts) ?? [];
  const masters = accounts.filter((a) => a.role === 'master');
  const [chosenRole, setRole] = useState<'master' | 'sub' | null>(null);
  // Until the trader picks, a vault with masters defaults to adding a sub-account.
  const role = chosenRole ?? (masters.length > 0 ? 'sub' : 'master');
  const [masterKind, setMasterKind] = useState<AccountKind>('evm');
  const [chosenParentId, setParentId] = useState<string | null>(null);
  const parentId = chosenParentId ?? masters[0]?.id ?? '';
  const [method, setMethod] = useState<Method>('paste');
  const [name, setName] = useState('');
  const [key, setKey] = useState('');
  const [watchAddress, setWatchAddress] = useState('');
  const [preview, setPreview] = useState<{ ok: KeyPreview } | { error: string } | null>(null);
  const { busy, error, setError, run } = useAction();
  const refresh = useAccountsStore((s) => s.refresh);

  const parent = masters.find((m) => m.id === parentId);
  const kind: AccountKind = role === 'sub' ? (parent?.kind ?? 'evm') : masterKind;
  const nameCheck = role === 'sub' && name ? checkSubAccountName(name) : null;
  const methods: [Method, string][] =
    role === 'master'
      ? [
          ['paste', 'Paste the private key'],
          ['watch', 'Watch an address only'],
        ]
      : [
          ['paste', 'Paste or upload the private key'],
          ['generate', 'Generate a new key here'],
        ];

  // Show the address a pasted key derives to (or why it is refused) before anything is saved.
  const previewing = method === 'paste' && key.trim() !== '';
  useEffect(() => {
    if (!previewing) return;
    let current = true;
    const timer = setTimeout(() => {
      callBackground('accounts.preview', { kind, key }).then(
        (ok) => current && setPreview({ ok }),
        (failure: Error) => current && setPreview({ error: failure.message }),
      );
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key, kind, previewing]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (role === 'sub' && !parent) return setError('Add the master account first, then its sub-accounts.');
    const account = await run(() =>
      method === 'generate'
        ? callBackground('accounts.generate', { parentId, name })
        : callBackground('accounts.add', {
            role,
            kind,
            name,
            ...(role === 'sub' ? { parentId } : {}),
            ...(method === 'watch' ? { watchAddress } : { key }),
          }),
    );
    if (account) {
      setKey('');
      await refresh();
      onDone(account);
    }
  }

  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="Add an account">
      <h2>Add an account</h2>
      <fieldset>
        <legend>This account is</legend>
        <label>
          <input
            type="radio"
            name="role"
            checked={role === 'master'}
            onChange={() => (setRole('master'), setMethod('paste'))}
          />
          A master account
        </label>
        <label>
          <input
            type="radio"
            name="role"
            checked={role === 'sub'}
            disabled={masters.length === 0}
            onChange={() => (setRole('sub'), setMethod('paste'))}
          />
          A sub-account {masters.length === 0 && <span className="muted">(add its master first)</span>}
        </label>
      </fieldset>

      {role === 'master' ? (
        <div className="field">
          <label htmlFor={ids.kind}>Key type</label>
          <select
            id={ids.kind}
            value={masterKind}
            onChange={(event) => setMasterKind(event.target.value as AccountKind)}
          >
            <option value="evm">EVM</option>
            <option value="solana">Solana</option>
          </select>
        </div>
      ) : (
        <div className="field">
          <label htmlFor={ids.master}>Master account</label>
          <select id={ids.master} value={parentId} onChange={(event) => setParentId(event.target.value)}>
            {masters.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name} ({m.kind === 'evm' ? 'EVM' : 'Solana'})
              </option>
            ))}
          </select>
          <p className="muted small">
            A sub-account is of its master's kind: {kind === 'evm' ? 'EVM' : 'Solana'}.
          </p>
        </div>
      )}

      <fieldset>
        <legend>How</legend>
        {methods.map(([value, label]) => (
          <label key={value}>
            <input type="radio" name="method" checked={method === value} onChange={() => setMethod(value)} />
            {label}
          </label>
        ))}
      </fieldset>

      <div className="field">
        <label htmlFor={ids.name}>Account name</label>
        <input
          id={ids.name}
          value={name}
          autoComplete="off"
          aria-describedby={`${ids.name}-rule`}
          onChange={(event) => setName(event.target.value)}
        />
        <p id={`${ids.name}-rule`} className="muted small" aria-live="polite">
          {role === 'sub'
            ? nameCheck && nameCheck.level === 'block'
              ? nameCheck.reasons.join(' ')
              : "The sub-account's name on Aster: 6–20 letters or digits, at least one letter."
            : 'Your own label for this account.'}
        </p>
      </div>

      {method === 'paste' && (
        <>
          <PasswordField
            label="Private key"
            value={key}
            onChange={setKey}
            autoComplete="new-password"
            describedBy={ids.preview}
          />
          {kind === 'solana' && isToolbarPopup() && (
            <p>
              <button type="button" onClick={() => window.open(`${location.pathname}?tab=1#/add`, '_blank')}>
                Upload a Solana key file in a tab
              </button>
            </p>
          )}
          {kind === 'solana' && !isToolbarPopup() && (
            <div className="field">
              <label htmlFor={ids.file}>Or upload a Solana key file (JSON)</label>
              <input
                id={ids.file}
                type="file"
                accept=".json,application/json"
                onChange={async (event) => {
                  const file = event.target.files?.[0];
                  if (file) setKey(file.size > 4096 ? '' : (await file.text()).trim());
                  if (file && file.size > 4096) setError('That file is too large to be a Solana key file.');
                }}
              />
            </div>
          )}
          <p
            id={ids.preview}
            aria-live="polite"
            className={previewing && preview && 'error' in preview ? 'error-text' : 'muted'}
          >
            {!previewing || preview === null
              ? kind === 'evm'
                ? 'EVM: 64 hexadecimal characters, with or without 0x.'
                : 'Solana: Base58 (as Phantom exports), a JSON byte array (Solana CLI file) or a 32-byte seed.'
              : 'ok' in preview
                ? `Address: ${preview.ok.address}`
                : preview.error}
          </p>
        </>
      )}

      {method === 'watch' && (
        <div className="field">
          <label htmlFor={ids.address}>Address to watch</label>
          <input
            id={ids.address}
            value={watchAddress}
            autoComplete="off"
            onChange={(event) => setWatchAddress(event.target.value)}
          />
        </div>
      )}

      {method === 'generate' && (
        <p className="muted">
          A new {kind === 'evm' ? 'EVM' : 'Solana'} key is made on this computer. You will back it up next,
          before you register it on Aster or fund it.
        </p>
      )}

      {error && <p role="alert">{error}</p>}
      <div className="row">
        <button type="button" onClick={() => onDone(null)}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {method === 'generate' ? 'Generate key' : 'Save account'}
        </button>
      </div>
    </form>
  );
}
