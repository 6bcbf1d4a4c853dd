import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Account } from '@/lib/accounts/model';
import { checkSubAccountName } from '@/lib/aster/rules';
import { t } from '@/lib/i18n';
import { callBackground } from '@/lib/messaging/background-client';
import { AccountBadges, shortAddress } from './Badges';
import { useAccountsStore } from './stores/accounts-store';
import { useAction } from './useAction';

/** One account: its name, address and badges, and a panel of what can be done with it. */
export function AccountRow({ account, onBackup }: { account: Account; onBackup(id: string): void }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <li className={`account ${account.role}`}>
      <div className="account-line">
        <div className="account-name">
          <strong>{account.name}</strong>
          <code title={account.address}>{shortAddress(account.address)}</code>
        </div>
        <AccountBadges account={account} />
        {account.hasKey && <ActiveToggle account={account} />}
        <button
          type="button"
          className="ghost small"
          aria-expanded={open}
          aria-controls={panelId}
          aria-label={t('accounts.manage', { name: account.name })}
          onClick={() => setOpen(!open)}
        >
          {/* One visible word for both states (its name must contain it); aria-expanded tells open from shut. */}
          {t('accounts.manageShort')}
        </button>
      </div>
      {open && (
        <div id={panelId} className="account-panel">
          <p className="address-full">
            <span className="muted">{t('accounts.address')} </span>
            <code>{account.address}</code>
          </p>
          {account.hasKey && (
            <button type="button" onClick={() => onBackup(account.id)}>
              {account.backup.state === 'backed-up' ? t('accounts.backUpAgain') : t('accounts.backUpNow')}
            </button>
          )}
          <RenameForm account={account} />
          {account.role === 'sub' && <FreezeToggle account={account} />}
          <RemoveForm account={account} />
        </div>
      )}
    </li>
  );
}

/** Makes this the account the exchange page sees (switching); the active one wears a badge. */
function ActiveToggle({ account }: { account: Account }) {
  const { activeId, setActive } = useAccountsStore();
  // The pressed button gives way to the badge: focus moves to it rather than falling to the page's top.
  const pressed = useRef(false);
  const badge = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (activeId === account.id && pressed.current) badge.current?.focus();
    pressed.current = false;
  }, [activeId, account.id]);
  if (activeId === account.id)
    return (
      <span ref={badge} tabIndex={-1} className="badge active-badge">
        {t('accounts.active')}
      </span>
    );
  return (
    <button
      type="button"
      className="small"
      aria-label={t('accounts.useNamed', { name: account.name })}
      onClick={() => {
        pressed.current = true;
        void setActive(account.id);
      }}
    >
      {t('accounts.use')}
    </button>
  );
}

function RenameForm({ account }: { account: Account }) {
  const id = useId();
  const [name, setName] = useState(account.name);
  const upsert = useAccountsStore((s) => s.upsert);
  const { busy, error, run } = useAction();
  const hint = account.role === 'sub' ? checkSubAccountName(name) : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const updated = await run(() => callBackground('accounts.rename', { id: account.id, name }));
    if (updated) upsert(updated);
  }

  return (
    <form className="inline-form" onSubmit={submit}>
      <label htmlFor={id}>{t('accounts.name')}</label>
      <div className="row">
        <input
          id={id}
          value={name}
          onChange={(event) => setName(event.target.value)}
          onKeyDown={(event) => event.key === 'Escape' && setName(account.name)}
          aria-describedby={`${id}-rule`}
        />
        <button type="submit" disabled={busy || name === account.name}>
          {t('accounts.rename')}
        </button>
      </div>
      <p id={`${id}-rule`} className="muted small" aria-live="polite">
        {hint && hint.level === 'block'
          ? hint.reasons.join(' ')
          : account.role === 'sub'
            ? t('accounts.subNameRule')
            : ''}
      </p>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}

function FreezeToggle({ account }: { account: Account }) {
  const upsert = useAccountsStore((s) => s.upsert);
  const { busy, error, run } = useAction();
  const frozen = account.status === 'FROZEN';
  return (
    <div>
      <button
        type="button"
        disabled={busy}
        onClick={async () => {
          const updated = await run(() =>
            callBackground('accounts.setStatus', { id: account.id, status: frozen ? 'NORMAL' : 'FROZEN' }),
          );
          if (updated) upsert(updated);
        }}
      >
        {frozen ? t('accounts.markUnfrozen') : t('accounts.markFrozen')}
      </button>
      <p className="muted small">{frozen ? t('accounts.frozenMeans') : t('accounts.statusMeans')}</p>
      {error && <p role="alert">{error}</p>}
    </div>
  );
}

function RemoveForm({ account }: { account: Account }) {
  const id = useId();
  const [typed, setTyped] = useState('');
  const replaceAll = useAccountsStore((s) => s.replaceAll);
  const { busy, error, run } = useAction();
  return (
    <form
      className="inline-form danger"
      onSubmit={async (event) => {
        event.preventDefault();
        const remaining = await run(() =>
          callBackground('accounts.remove', { id: account.id, confirmation: typed }),
        );
        if (remaining) replaceAll(remaining);
      }}
    >
      {account.backup.state === 'not-backed-up' && (
        <p role="note" className="warning-text">
          {t('accounts.removeUnbacked')}
        </p>
      )}
      <label htmlFor={id}>{t('accounts.removeConfirm', { name: account.name })}</label>
      <div className="row">
        <input id={id} value={typed} autoComplete="off" onChange={(event) => setTyped(event.target.value)} />
        <button type="submit" className="destructive-inline" disabled={busy || typed !== account.name}>
          {t('accounts.remove')}
        </button>
      </div>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}
