import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Account } from '@/lib/accounts/model';
import { checkSubAccountName } from '@/lib/aster/rules';
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
          aria-label={`Manage ${account.name}`}
          onClick={() => setOpen(!open)}
        >
          {/* One visible word for both states (its name must contain it); aria-expanded tells open from shut. */}
          Manage
        </button>
      </div>
      {open && (
        <div id={panelId} className="account-panel">
          <p className="address-full">
            <span className="muted">Address </span>
            <code>{account.address}</code>
          </p>
          {account.hasKey && (
            <button type="button" onClick={() => onBackup(account.id)}>
              {account.backup.state === 'backed-up' ? 'Back up or reveal key' : 'Back up key now'}
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
        Active
      </span>
    );
  return (
    <button
      type="button"
      className="small"
      aria-label={`Use ${account.name}`}
      onClick={() => {
        pressed.current = true;
        void setActive(account.id);
      }}
    >
      Use
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
      <label htmlFor={id}>Name</label>
      <div className="row">
        <input
          id={id}
          value={name}
          onChange={(event) => setName(event.target.value)}
          onKeyDown={(event) => event.key === 'Escape' && setName(account.name)}
          aria-describedby={`${id}-rule`}
        />
        <button type="submit" disabled={busy || name === account.name}>
          Rename
        </button>
      </div>
      <p id={`${id}-rule`} className="muted small" aria-live="polite">
        {hint && hint.level === 'block'
          ? hint.reasons.join(' ')
          : account.role === 'sub'
            ? "Aster's rule: 6–20 letters or digits, at least one letter."
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
        {frozen ? 'Mark as unfrozen' : 'Mark as frozen'}
      </button>
      <p className="muted small">
        {frozen
          ? 'Frozen: no new positions and no transfers; only reduce-only or closing orders.'
          : 'Records the status Aster shows for this sub-account.'}
      </p>
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
          This key is not backed up. Removing it loses it for good: Aster cannot recover it.
        </p>
      )}
      <label htmlFor={id}>Type {account.name} to remove this account</label>
      <div className="row">
        <input id={id} value={typed} autoComplete="off" onChange={(event) => setTyped(event.target.value)} />
        <button type="submit" className="destructive-inline" disabled={busy || typed !== account.name}>
          Remove
        </button>
      </div>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}
