import { useEffect, useState, type FormEvent } from 'react';
import type { Account } from '@/lib/accounts/model';
import { checkSubAccountName } from '@/lib/aster/rules';
import { callBackground } from '@/lib/messaging/background-client';
import type { CreatedSubAccount, PendingSubAccount, SyncReport } from '@/lib/messaging/operations-api';
import { BackupKey } from '../BackupKey';
import { useAccountsStore } from '../stores/accounts-store';
import { useAction } from '../useAction';
import { FeeTierHintView, useFeeTierHint } from './FeeTierHint';
import { Field } from './Field';
import { SyncReportView } from './SyncReportView';

/**
 * Create a sub-account: the rules first (name, 15 limit counted on Aster, VIP 2 — preselected from the fee tier
 * Aster reports, the trader may override), then the key is generated in the vault, then the one-time backup,
 * and only then createSubAccount.
 */
export function CreateSubAccount({ master, family }: { master: Account; family: Account[] }) {
  const [name, setName] = useState('');
  const [vip, setVip] = useState('');
  const [marketMaker, setMarketMaker] = useState(false);
  const [pending, setPending] = useState<PendingSubAccount[]>([]);
  const [currentId, setCurrentId] = useState<string | null>(null);
  const [checks, setChecks] = useState<string[]>([]);
  const [created, setCreated] = useState<CreatedSubAccount | null>(null);
  const refreshAccounts = useAccountsStore((s) => s.refresh);
  const accounts = useAccountsStore((s) => s.accounts);
  const prepare = useAction();
  const create = useAction();
  const loadPending = useAction();
  const feeTier = useFeeTierHint(master);
  const [vipTouched, setVipTouched] = useState(false);
  const vipLevels = Math.max(10, (feeTier.hint?.feeTier ?? 0) + 1);
  // Aster's fee tier preselects the VIP level until the trader chooses one.
  const vipLevel = vipTouched ? vip : feeTier.hint ? String(feeTier.hint.feeTier) : '';

  useEffect(() => {
    void loadPending
      .run(() => callBackground('aster.pendingSubAccounts', {}))
      .then((list) => list && setPending(list.filter((p) => p.masterId === master.id)));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per master
  }, [master.id]);

  const hint = name ? checkSubAccountName(name.trim()) : null;
  const current = accounts?.find((a) => a.id === currentId);
  const subCount = family.filter((a) => a.role === 'sub').length;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setCreated(null);
    const result = await prepare.run(() =>
      callBackground('aster.prepareSubAccount', {
        masterId: master.id,
        name: name.trim(),
        vipLevel: Number(vipLevel),
        isMarketMaker: marketMaker,
      }),
    );
    if (result) {
      await refreshAccounts();
      setChecks(result.checks);
      setCurrentId(result.account.id);
      setPending((list) => [
        ...list,
        { accountId: result.account.id, name: result.account.name, masterId: master.id },
      ]);
      setName('');
    }
  }

  async function createOnAster() {
    if (!current) return;
    const result = await create.run(() => callBackground('aster.createSubAccount', { id: current.id }));
    if (result) {
      setCreated(result);
      setPending((list) => list.filter((p) => p.accountId !== current.id));
      setCurrentId(null);
      await refreshAccounts();
    }
  }

  return (
    <section className="stack" aria-label="Create sub-account">
      {created && (
        <p role="status" className="success">
          Created {created.account.name} on Aster
          {created.asterAccountId !== null ? ` (account id ${created.asterAccountId})` : ''}
          {created.settledFromList ? ': Aster’s answer was lost, its sub-account list shows it.' : '.'}
        </p>
      )}
      {pending.length > 0 && !currentId && (
        <div className="card" role="region" aria-label="Not on Aster yet">
          <h3>Generated here, not on Aster yet</h3>
          <ul>
            {pending.map((p) => (
              <li key={p.accountId} className="row spread">
                {p.name}
                <button type="button" className="small" onClick={() => setCurrentId(p.accountId)}>
                  Continue with {p.name}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {!currentId ? (
        <form className="card stack" onSubmit={submit} aria-label="New sub-account" noValidate>
          <p className="muted small">
            {master.name} has {subCount} of 15 sub-accounts in the companion. Aster's own count is checked
            too.
          </p>
          <Field label="Sub-account name">
            {(id) => (
              <input
                id={id}
                value={name}
                onChange={(e) => setName(e.target.value)}
                autoComplete="off"
                aria-describedby="sub-name-rule"
              />
            )}
          </Field>
          <p id="sub-name-rule" className="muted small" aria-live="polite">
            {hint?.level === 'block'
              ? hint.reasons.join(' ')
              : '6–20 letters or digits, at least one letter.'}
          </p>
          <FeeTierHintView
            master={master}
            hint={feeTier.hint}
            busy={feeTier.busy}
            error={feeTier.error}
            chosen={vipLevel}
            marketMaker={marketMaker}
            onRetry={() => void feeTier.reload()}
          />
          <Field label="Your VIP level on Aster">
            {(id) => (
              <select
                id={id}
                value={vipLevel}
                onChange={(e) => {
                  setVipTouched(true);
                  setVip(e.target.value);
                }}
              >
                <option value="">Choose…</option>
                {Array.from({ length: vipLevels }, (_, level) => (
                  <option key={level} value={level}>
                    VIP {level}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <label className="row">
            <input type="checkbox" checked={marketMaker} onChange={(e) => setMarketMaker(e.target.checked)} />
            This is a market maker (MM) account
          </label>
          <p className="muted small">Sub-accounts need VIP 2 or above (or an MM account).</p>
          {prepare.error && <p role="alert">{prepare.error}</p>}
          <button
            type="submit"
            className="primary"
            disabled={prepare.busy || vipLevel === '' || !name.trim()}
          >
            {prepare.busy ? 'Checking…' : 'Check and generate key'}
          </button>
        </form>
      ) : current ? (
        <div className="stack">
          {checks.length > 0 && (
            <ul className="card small" aria-label="Checks passed">
              {checks.map((c) => (
                <li key={c}>✓ {c}</li>
              ))}
            </ul>
          )}
          <p role="note" className="warning-text">
            Step 2: back up the key of {current.name}. Aster never stores it; it is registered only after the
            backup.
          </p>
          <BackupKey accountId={current.id} onDone={() => undefined} />
          <section className="card stack" aria-label="Create on Aster">
            <h3>Step 3: create {current.name} on Aster</h3>
            {current.backup.state !== 'backed-up' && (
              <p className="muted small">Finish one of the two backups above first.</p>
            )}
            {create.error && <p role="alert">{create.error}</p>}
            <button
              type="button"
              className="primary"
              disabled={create.busy || current.backup.state !== 'backed-up'}
              onClick={() => void createOnAster()}
            >
              {create.busy ? 'Creating…' : 'Create on Aster'}
            </button>
            <button type="button" className="ghost small" onClick={() => setCurrentId(null)}>
              Back
            </button>
          </section>
        </div>
      ) : (
        <p role="alert">This sub-account is no longer in the vault.</p>
      )}
    </section>
  );
}

export const FREEZE_CONSEQUENCES = [
  'No new positions can be opened.',
  'Existing positions stay open and are not force-closed.',
  'One-way mode: only reduce-only orders; hedge mode: only orders that close a position.',
  'No transfers to or from it until it is unfrozen.',
  'You can unfreeze it at any time (deleting sub-accounts is not supported).',
];

/** Rename and freeze/unfreeze on Aster (updateSubAccount), and keeping the vault in step with Aster's list. */
export function ManageSubAccounts({ master, family }: { master: Account; family: Account[] }) {
  const subs = family.filter((a) => a.role === 'sub');
  const [report, setReport] = useState<SyncReport | null>(null);
  const sync = useAction();
  return (
    <section className="stack" aria-label="Manage sub-accounts">
      <div className="card stack" role="region" aria-label="Keep in step with Aster">
        <button
          type="button"
          disabled={sync.busy}
          onClick={async () => {
            const result = await sync.run(() =>
              callBackground('aster.syncSubAccounts', { masterId: master.id }),
            );
            if (result) setReport(result);
          }}
        >
          {sync.busy ? 'Reading Aster’s list…' : 'Sync with Aster'}
        </button>
        {sync.error && <p role="alert">Not synced: {sync.error}</p>}
        {report && <SyncReportView report={report} />}
      </div>
      {subs.length === 0 ? (
        <p className="card">No sub-accounts yet.</p>
      ) : (
        subs.map((sub) => <ManageOne key={sub.id} sub={sub} />)
      )}
    </section>
  );
}

function ManageOne({ sub }: { sub: Account }) {
  const [name, setName] = useState(sub.name);
  const [confirming, setConfirming] = useState(false);
  const upsert = useAccountsStore((s) => s.upsert);
  const rename = useAction();
  const status = useAction();
  const frozen = sub.status === 'FROZEN';
  const hint = checkSubAccountName(name.trim());

  async function submitRename(event: FormEvent) {
    event.preventDefault();
    const updated = await rename.run(() =>
      callBackground('aster.updateSubAccount', { id: sub.id, name: name.trim() }),
    );
    if (updated) upsert(updated);
  }

  async function setStatus(next: 'NORMAL' | 'FROZEN') {
    const updated = await status.run(() =>
      callBackground('aster.updateSubAccount', { id: sub.id, status: next }),
    );
    if (updated) {
      upsert(updated);
      setConfirming(false);
    }
  }

  return (
    <section className="card stack" aria-label={`Manage ${sub.name} on Aster`}>
      <h3>
        {sub.name} {frozen && <span className="badge frozen">Frozen</span>}
      </h3>
      <form className="inline-form" onSubmit={submitRename} noValidate>
        <Field label={`New name for ${sub.name}`}>
          {(id) => (
            <input id={id} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
          )}
        </Field>
        {hint.level === 'block' && name !== sub.name && (
          <p className="muted small">{hint.reasons.join(' ')}</p>
        )}
        {rename.error && <p role="alert">{rename.error}</p>}
        <button type="submit" disabled={rename.busy || name.trim() === sub.name || hint.level === 'block'}>
          Rename on Aster
        </button>
      </form>
      {frozen ? (
        <button type="button" disabled={status.busy} onClick={() => void setStatus('NORMAL')}>
          Unfreeze {sub.name} on Aster
        </button>
      ) : confirming ? (
        <div role="alertdialog" aria-label={`Freeze ${sub.name}?`} className="confirm stack">
          <p>
            <strong>Freezing {sub.name} on Aster means:</strong>
          </p>
          <ul>
            {FREEZE_CONSEQUENCES.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
          <div className="row">
            <button
              type="button"
              className="destructive-inline"
              disabled={status.busy}
              onClick={() => void setStatus('FROZEN')}
            >
              Confirm freeze
            </button>
            {/* Focus moves into the confirmation, onto the safe choice. */}
            <button type="button" autoFocus onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button type="button" onClick={() => setConfirming(true)}>
          Freeze {sub.name}…
        </button>
      )}
      {status.error && <p role="alert">{status.error}</p>}
    </section>
  );
}
