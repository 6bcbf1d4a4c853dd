import { useEffect, useId, useState, type FormEvent } from 'react';
import type { Account, AccountKind } from '@/lib/accounts/model';
import { checkSubAccountName } from '@/lib/aster/rules';
import { t } from '@/lib/i18n';
import { callBackground } from '@/lib/messaging/background-client';
import type { KeyPreview } from '@/lib/messaging/popup-api';
import { PasswordField } from './PasswordField';
import { useAccountsStore } from './stores/accounts-store';
import { useAction } from './useAction';
import { isToolbarPopup } from './useRoute';

type Method = 'paste' | 'watch' | 'generate';

const kindName = (kind: AccountKind) => t(kind === 'evm' ? 'accounts.kinds.evm' : 'accounts.kinds.solana');

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
          ['paste', t('accounts.add.pasteKey')],
          ['watch', t('accounts.add.watchOnly')],
        ]
      : [
          ['paste', t('accounts.add.pasteOrUpload')],
          ['generate', t('accounts.add.generateHere')],
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
    if (role === 'sub' && !parent) return setError(t('accounts.add.masterFirst'));
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
    <form className="stack" onSubmit={submit} noValidate aria-label={t('accounts.add.title')}>
      <h2>{t('accounts.add.title')}</h2>
      <fieldset>
        <legend>{t('accounts.add.roleLegend')}</legend>
        <label>
          <input
            type="radio"
            name="role"
            checked={role === 'master'}
            onChange={() => (setRole('master'), setMethod('paste'))}
          />
          {t('accounts.add.master')}
        </label>
        <label>
          <input
            type="radio"
            name="role"
            checked={role === 'sub'}
            disabled={masters.length === 0}
            onChange={() => (setRole('sub'), setMethod('paste'))}
          />
          {t('accounts.add.sub')}{' '}
          {masters.length === 0 && <span className="muted">{t('accounts.add.addMasterFirst')}</span>}
        </label>
      </fieldset>

      {role === 'master' ? (
        <div className="field">
          <label htmlFor={ids.kind}>{t('accounts.add.keyType')}</label>
          <select
            id={ids.kind}
            value={masterKind}
            onChange={(event) => setMasterKind(event.target.value as AccountKind)}
          >
            <option value="evm">{t('accounts.kinds.evm')}</option>
            <option value="solana">{t('accounts.kinds.solana')}</option>
          </select>
        </div>
      ) : (
        <div className="field">
          <label htmlFor={ids.master}>{t('accounts.add.masterAccount')}</label>
          <select id={ids.master} value={parentId} onChange={(event) => setParentId(event.target.value)}>
            {masters.map((m) => (
              <option key={m.id} value={m.id}>
                {t('accounts.add.masterOption', { name: m.name, kind: kindName(m.kind) })}
              </option>
            ))}
          </select>
          <p className="muted small">{t('accounts.add.subKind', { kind: kindName(kind) })}</p>
        </div>
      )}

      <fieldset>
        <legend>{t('accounts.add.howLegend')}</legend>
        {methods.map(([value, label]) => (
          <label key={value}>
            <input type="radio" name="method" checked={method === value} onChange={() => setMethod(value)} />
            {label}
          </label>
        ))}
      </fieldset>

      <div className="field">
        <label htmlFor={ids.name}>{t('accounts.add.name')}</label>
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
              : t('accounts.add.subNameRule')
            : t('accounts.add.masterNameRule')}
        </p>
      </div>

      {method === 'paste' && (
        <>
          <PasswordField
            label={t('accounts.add.privateKey')}
            value={key}
            onChange={setKey}
            autoComplete="new-password"
            describedBy={ids.preview}
          />
          {kind === 'solana' && isToolbarPopup() && (
            <p>
              <button type="button" onClick={() => window.open(`${location.pathname}?tab=1#/add`, '_blank')}>
                {t('accounts.add.uploadInTab')}
              </button>
            </p>
          )}
          {kind === 'solana' && !isToolbarPopup() && (
            <div className="field">
              <label htmlFor={ids.file}>{t('accounts.add.uploadFile')}</label>
              <input
                id={ids.file}
                type="file"
                accept=".json,application/json"
                onChange={async (event) => {
                  const file = event.target.files?.[0];
                  if (file) setKey(file.size > 4096 ? '' : (await file.text()).trim());
                  if (file && file.size > 4096) setError(t('accounts.add.fileTooLarge'));
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
                ? t('accounts.add.evmFormat')
                : t('accounts.add.solanaFormat')
              : 'ok' in preview
                ? t('accounts.add.address', { address: preview.ok.address })
                : preview.error}
          </p>
        </>
      )}

      {method === 'watch' && (
        <div className="field">
          <label htmlFor={ids.address}>{t('accounts.add.watchAddress')}</label>
          <input
            id={ids.address}
            value={watchAddress}
            autoComplete="off"
            onChange={(event) => setWatchAddress(event.target.value)}
          />
        </div>
      )}

      {method === 'generate' && (
        <p className="muted">{t('accounts.add.generateNote', { kind: kindName(kind) })}</p>
      )}

      {error && <p role="alert">{error}</p>}
      <div className="row">
        <button type="button" onClick={() => onDone(null)}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {method === 'generate' ? t('accounts.add.generate') : t('accounts.add.save')}
        </button>
      </div>
    </form>
  );
}
