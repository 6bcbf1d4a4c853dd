import { useEffect, useState, type FormEvent } from 'react';
import type { Account } from '@/lib/accounts/model';
import type { SigningSummary } from '@/lib/aster/decode';
import { checkSubAccountName } from '@/lib/aster/rules';
import { t } from '@/lib/i18n';
import { callBackground } from '@/lib/messaging/background-client';
import type {
  CreatedSubAccount,
  PendingSubAccount,
  SubAccountUpdatePreview,
  SyncReport,
} from '@/lib/messaging/operations-api';
import { SigningSummaryView } from '../SigningSummaryView';
import { BackupKey } from '../BackupKey';
import { useAccountsStore } from '../stores/accounts-store';
import { useAction } from '../useAction';
import { FeeTierHintView, useFeeTierHint } from './FeeTierHint';
import { Field } from './Field';
import { SyncReportView } from './SyncReportView';
import { loadMarketMakerChoice, saveMarketMakerChoice } from './sub-account-choices';

/**
 * The Sub-accounts task on one page: create (checks, key, backup, then Aster), then rename and freeze/unfreeze
 * each one, every step with its rules in words and what would be signed before it is.
 */
export function SubAccountsTask({ master, family }: { master: Account; family: Account[] }) {
  return (
    <section className="stack" aria-label={t('operations.subAccounts.task')}>
      <h2>{t('operations.subAccounts.task')}</h2>
      <h3>{t('operations.subAccounts.createHeading')}</h3>
      <CreateSubAccount master={master} family={family} />
      <h3>{t('operations.subAccounts.manageHeading')}</h3>
      <ManageSubAccounts master={master} family={family} />
    </section>
  );
}

/** What the key would sign, decoded as the approval prompt decodes it, with the rules checked in words. */
function BeforeSigning({
  checks,
  summary,
}: {
  checks: readonly string[];
  summary: SigningSummary | undefined;
}) {
  return (
    <section className="card stack small" aria-label={t('operations.subAccounts.beforeSigning')}>
      {checks.length > 0 && (
        <ul aria-label={t('operations.subAccounts.checksPassed')}>
          {checks.map((c) => (
            <li key={c}>✓ {c}</li>
          ))}
        </ul>
      )}
      {summary && (
        <>
          <h4>{t('operations.subAccounts.whatYouSign')}</h4>
          <p>{summary.title}</p>
          <SigningSummaryView summary={summary} />
        </>
      )}
    </section>
  );
}

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
  const [summary, setSummary] = useState<SigningSummary | undefined>(undefined);
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

  // The market-maker choice of this master comes back; the VIP level follows Aster's fee tier.
  useEffect(() => {
    let live = true;
    void loadMarketMakerChoice(master.id).then((chosen) => live && chosen !== null && setMarketMaker(chosen));
    return () => {
      live = false;
    };
  }, [master.id]);

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
    void saveMarketMakerChoice(master.id, marketMaker);
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
      setSummary(result.summary);
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
    <section className="stack" aria-label={t('operations.subAccounts.create')}>
      {created && (
        <p role="status" className="success">
          {created.asterAccountId !== null
            ? t('operations.subAccounts.createdWithId', {
                name: created.account.name,
                id: created.asterAccountId,
              })
            : t('operations.subAccounts.created', { name: created.account.name })}
          {created.settledFromList ? ` ${t('operations.subAccounts.settledFromList')}` : ''}
        </p>
      )}
      {pending.length > 0 && !currentId && (
        <div className="card" role="region" aria-label={t('operations.subAccounts.notOnAster')}>
          <h3>{t('operations.subAccounts.generatedNotOnAster')}</h3>
          <ul>
            {pending.map((p) => (
              <li key={p.accountId} className="row spread">
                {p.name}
                <button
                  type="button"
                  className="small"
                  onClick={() => {
                    setChecks([]);
                    setSummary(undefined);
                    setCurrentId(p.accountId);
                  }}
                >
                  {t('operations.subAccounts.continueWith', { name: p.name })}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {!currentId ? (
        <form
          className="card stack"
          onSubmit={submit}
          aria-label={t('operations.subAccounts.newForm')}
          noValidate
        >
          <p className="muted small">
            {t('operations.subAccounts.count', { master: master.name, count: subCount })}
          </p>
          <Field label={t('operations.subAccounts.name')}>
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
            {hint?.level === 'block' ? hint.reasons.join(' ') : t('operations.subAccounts.nameRule')}
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
          <Field label={t('operations.subAccounts.vip')}>
            {(id) => (
              <select
                id={id}
                value={vipLevel}
                onChange={(e) => {
                  setVipTouched(true);
                  setVip(e.target.value);
                }}
              >
                <option value="">{t('operations.subAccounts.choose')}</option>
                {Array.from({ length: vipLevels }, (_, level) => (
                  <option key={level} value={level}>
                    {t('operations.subAccounts.vipLevel', { level })}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <label className="row">
            <input type="checkbox" checked={marketMaker} onChange={(e) => setMarketMaker(e.target.checked)} />
            {t('operations.subAccounts.marketMaker')}
          </label>
          <p className="muted small">{t('operations.subAccounts.vipRule')}</p>
          {prepare.error && <p role="alert">{prepare.error}</p>}
          <button
            type="submit"
            className="primary"
            disabled={prepare.busy || vipLevel === '' || !name.trim()}
          >
            {prepare.busy
              ? t('operations.subAccounts.checking')
              : t('operations.subAccounts.checkAndGenerate')}
          </button>
        </form>
      ) : current ? (
        <div className="stack">
          {(checks.length > 0 || summary) && <BeforeSigning checks={checks} summary={summary} />}
          <p role="note" className="warning-text">
            {t('operations.subAccounts.step2', { name: current.name })}
          </p>
          <BackupKey accountId={current.id} onDone={() => undefined} />
          <section className="card stack" aria-label={t('operations.subAccounts.createOnAster')}>
            <h3>{t('operations.subAccounts.step3', { name: current.name })}</h3>
            {current.backup.state !== 'backed-up' && (
              <p className="muted small">{t('operations.subAccounts.backupFirst')}</p>
            )}
            {create.error && <p role="alert">{create.error}</p>}
            <button
              type="button"
              className="primary"
              disabled={create.busy || current.backup.state !== 'backed-up'}
              onClick={() => void createOnAster()}
            >
              {create.busy ? t('operations.subAccounts.creating') : t('operations.subAccounts.createOnAster')}
            </button>
            <button type="button" className="ghost small" onClick={() => setCurrentId(null)}>
              {t('common.back')}
            </button>
          </section>
        </div>
      ) : (
        <p role="alert">{t('operations.subAccounts.gone')}</p>
      )}
    </section>
  );
}

/** What freezing means on Aster, in the trader's language. */
export function freezeConsequences(): string[] {
  return [
    t('operations.subAccounts.freeze.noNew'),
    t('operations.subAccounts.freeze.keepOpen'),
    t('operations.subAccounts.freeze.reduceOnly'),
    t('operations.subAccounts.freeze.noTransfers'),
    t('operations.subAccounts.freeze.unfreezeAnyTime'),
  ];
}

/** Rename and freeze/unfreeze on Aster (updateSubAccount), and keeping the vault in step with Aster's list. */
export function ManageSubAccounts({ master, family }: { master: Account; family: Account[] }) {
  const subs = family.filter((a) => a.role === 'sub');
  const [report, setReport] = useState<SyncReport | null>(null);
  const sync = useAction();
  return (
    <section className="stack" aria-label={t('operations.subAccounts.manage')}>
      <div className="card stack" role="region" aria-label={t('operations.subAccounts.keepInStep')}>
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
          {sync.busy ? t('operations.subAccounts.reading') : t('operations.subAccounts.sync')}
        </button>
        {sync.error && <p role="alert">{t('operations.subAccounts.notSynced', { error: sync.error })}</p>}
        {report && <SyncReportView report={report} />}
      </div>
      {subs.length === 0 ? (
        <p className="card">{t('operations.subAccounts.none')}</p>
      ) : (
        subs.map((sub) => <ManageOne key={sub.id} sub={sub} />)
      )}
    </section>
  );
}

function ManageOne({ sub }: { sub: Account }) {
  const [name, setName] = useState(sub.name);
  const [confirming, setConfirming] = useState(false);
  /** The rename checked and decoded, waiting for "Sign and rename". */
  const [renameReview, setRenameReview] = useState<SubAccountUpdatePreview | null>(null);
  /** The freeze/unfreeze checked and decoded, shown in its confirmation. */
  const [statusReview, setStatusReview] = useState<SubAccountUpdatePreview | null>(null);
  const upsert = useAccountsStore((s) => s.upsert);
  const rename = useAction();
  const status = useAction();
  const frozen = sub.status === 'FROZEN';
  const hint = checkSubAccountName(name.trim());

  async function reviewRename(event: FormEvent) {
    event.preventDefault();
    setRenameReview(null);
    const review = await rename.run(() =>
      callBackground('aster.checkUpdateSubAccount', { id: sub.id, name: name.trim() }),
    );
    if (review) setRenameReview(review);
  }

  async function signRename() {
    const updated = await rename.run(() =>
      callBackground('aster.updateSubAccount', { id: sub.id, name: name.trim() }),
    );
    if (updated) {
      upsert(updated);
      setRenameReview(null);
    }
  }

  async function reviewStatus(next: 'NORMAL' | 'FROZEN') {
    setConfirming(true);
    setStatusReview(null);
    const review = await status.run(() =>
      callBackground('aster.checkUpdateSubAccount', { id: sub.id, status: next }),
    );
    if (review) setStatusReview(review);
  }

  async function setStatus(next: 'NORMAL' | 'FROZEN') {
    const updated = await status.run(() =>
      callBackground('aster.updateSubAccount', { id: sub.id, status: next }),
    );
    if (updated) {
      upsert(updated);
      setConfirming(false);
      setStatusReview(null);
    }
  }

  const next = frozen ? 'NORMAL' : 'FROZEN';
  return (
    <section className="card stack" aria-label={t('operations.subAccounts.manageOne', { name: sub.name })}>
      <h4>
        {sub.name} {frozen && <span className="badge frozen">{t('operations.subAccounts.frozen')}</span>}
      </h4>
      <form className="inline-form" onSubmit={reviewRename} noValidate>
        <Field label={t('operations.subAccounts.newName', { name: sub.name })}>
          {(id) => (
            <input
              id={id}
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                setRenameReview(null);
              }}
              autoComplete="off"
            />
          )}
        </Field>
        {hint.level === 'block' && name !== sub.name && (
          <p className="muted small">{hint.reasons.join(' ')}</p>
        )}
        {rename.error && <p role="alert">{rename.error}</p>}
        {!renameReview && (
          <button type="submit" disabled={rename.busy || name.trim() === sub.name || hint.level === 'block'}>
            {t('operations.subAccounts.reviewRename')}
          </button>
        )}
      </form>
      {renameReview && (
        <div className="stack">
          <BeforeSigning checks={renameReview.checks} summary={renameReview.summary} />
          <div className="row">
            <button
              type="button"
              className="primary"
              disabled={rename.busy || renameReview.summary.verdict.level === 'block'}
              onClick={() => void signRename()}
            >
              {t('operations.subAccounts.signRename', { name: name.trim() })}
            </button>
            <button type="button" onClick={() => setRenameReview(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
      {confirming ? (
        <div
          role="alertdialog"
          aria-label={
            frozen
              ? t('operations.subAccounts.unfreezeQuestion', { name: sub.name })
              : t('operations.subAccounts.freezeQuestion', { name: sub.name })
          }
          className="confirm stack"
        >
          {!frozen && (
            <>
              <p>
                <strong>{t('operations.subAccounts.freezeMeans', { name: sub.name })}</strong>
              </p>
              <ul>
                {freezeConsequences().map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            </>
          )}
          {statusReview ? (
            <BeforeSigning checks={statusReview.checks} summary={statusReview.summary} />
          ) : (
            status.busy && <p role="status">{t('operations.subAccounts.checkingRules')}</p>
          )}
          <div className="row">
            <button
              type="button"
              className={frozen ? 'primary' : 'destructive-inline'}
              disabled={status.busy || !statusReview || statusReview.summary.verdict.level === 'block'}
              onClick={() => void setStatus(next)}
            >
              {frozen
                ? t('operations.subAccounts.confirmUnfreeze')
                : t('operations.subAccounts.confirmFreeze')}
            </button>
            {/* Focus moves into the confirmation, onto the safe choice. */}
            <button
              type="button"
              autoFocus
              onClick={() => {
                setConfirming(false);
                setStatusReview(null);
              }}
            >
              {t('common.cancel')}
            </button>
          </div>
        </div>
      ) : frozen ? (
        <button type="button" onClick={() => void reviewStatus('NORMAL')}>
          {t('operations.subAccounts.unfreeze', { name: sub.name })}
        </button>
      ) : (
        <button type="button" onClick={() => void reviewStatus('FROZEN')}>
          {t('operations.subAccounts.freezeButton', { name: sub.name })}
        </button>
      )}
      {status.error && <p role="alert">{status.error}</p>}
    </section>
  );
}
