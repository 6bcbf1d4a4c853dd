import { useRef, useState } from 'react';
import type { Account } from '@/lib/accounts/model';
import { t } from '@/lib/i18n';
import { callBackground } from '@/lib/messaging/background-client';
import type { OperationRecord, SweepItem, WalletName } from '@/lib/messaging/operations-api';
import { RpcError } from '@/lib/messaging/rpc';
import { SigningSummaryView } from '../SigningSummaryView';
import { runSteps, stepProgress, type StepState } from './steps';

/** One transfer of a sweep: one asset of one wallet of one sub-account, to its master. */
interface SweepStep {
  sub: Account;
  item: SweepItem;
}

type StepOutcome =
  | { status: 'moved'; tranId: string }
  | { status: 'failed'; error: string }
  /** The worker stopped before answering: what the journal (settled from Aster's ledger) says, null: never signed. */
  | { status: 'interrupted'; record: OperationRecord | null };

type PlanOutcome = { items: SweepItem[] } | { error: string };

const walletWords = (wallet: WalletName) =>
  wallet === 'futures' ? t('operations.sweep.futures') : t('operations.sweep.spot');

const errorText = (error: unknown) => (error instanceof Error ? error.message : t('operations.sweep.failed'));

/**
 * "Sweep to master" across the chosen sub-accounts: every positive balance, one transfer per asset and wallet,
 * each signed by the sub's key. The steps run from here, one at a time (see steps.ts): Cancel takes effect
 * between steps, and closing the popup is a cancel too — a step already sent completes in the background, under
 * its journal entry, and nothing new starts. A step whose answer is lost (the worker stopped) is looked up in
 * the journal by its id and stops the sweep: the rest is reported untouched.
 */
export function Sweep({ family }: { family: Account[] }) {
  const subs = family.filter((a) => a.role === 'sub');
  const master = family.find((a) => a.role === 'master');
  const [chosen, setChosen] = useState<string[]>(() => subs.map((s) => s.id));
  const [plans, setPlans] = useState<StepState<PlanOutcome>[] | null>(null);
  const [steps, setSteps] = useState<SweepStep[]>([]);
  const [states, setStates] = useState<StepState<StepOutcome>[] | null>(null);
  const [phase, setPhase] = useState<'idle' | 'planning' | 'sweeping'>('idle');
  const [cancelled, setCancelled] = useState(false);
  const cancel = useRef(false);
  if (subs.length === 0) return <p className="card">{t('operations.sweep.noSubs')}</p>;
  const chosenSubs = subs.filter((s) => chosen.includes(s.id));

  async function plan() {
    cancel.current = false;
    setCancelled(false);
    setStates(null);
    setSteps([]);
    setPhase('planning');
    const planned = await runSteps<Account, PlanOutcome>(
      chosenSubs,
      async (sub) => {
        try {
          return { items: await callBackground('aster.sweepPlan', { id: sub.id }) };
        } catch (error) {
          return { error: errorText(error) };
        }
      },
      { cancelled: () => cancel.current, onChange: setPlans },
    );
    setSteps(
      planned.flatMap((state, index) =>
        state.state === 'done' && 'items' in state.result
          ? state.result.items.map((item) => ({ sub: chosenSubs[index]!, item }))
          : [],
      ),
    );
    setPhase('idle');
  }

  async function sendStep({ sub, item }: SweepStep): Promise<StepOutcome> {
    // One id per step: if the answer is lost, the journal is asked about this very transfer.
    const operationId = crypto.randomUUID();
    try {
      const [result] = await callBackground('aster.sweep', {
        id: sub.id,
        asset: item.asset,
        wallet: item.wallet,
        operationId,
      });
      if (!result) return { status: 'failed', error: t('operations.sweep.nothingLeft') };
      return result.status === 'moved'
        ? { status: 'moved', tranId: result.tranId ?? '' }
        : { status: 'failed', error: result.error ?? t('operations.sweep.failed') };
    } catch (error) {
      if (!(error instanceof RpcError && error.code === 'no-response'))
        return { status: 'failed', error: errorText(error) };
      const record = await callBackground('aster.operation', { id: operationId }).catch(() => null);
      return { status: 'interrupted', record };
    }
  }

  async function sweep() {
    cancel.current = false;
    setCancelled(false);
    setPhase('sweeping');
    await runSteps(steps, sendStep, {
      cancelled: () => cancel.current,
      stopAfter: (outcome) => outcome.status === 'interrupted',
      onChange: setStates,
    });
    setPhase('idle');
  }

  function stop() {
    cancel.current = true;
    setCancelled(true);
  }

  const planned = plans !== null && phase !== 'planning';
  // A step interrupted by a stopped worker counts as moved when the journal, settled from Aster's ledger, says so.
  const moved = (states ?? []).filter(
    (s) =>
      s.state === 'done' &&
      (s.result.status === 'moved' ||
        (s.result.status === 'interrupted' && s.result.record?.status === 'made')),
  ).length;
  const notStarted = (states ?? []).filter((s) => s.state === 'not-started').length;
  const progress = states ? stepProgress(states) : plans ? stepProgress(plans) : null;
  return (
    <section className="card stack" aria-label={t('operations.sweep.title')}>
      <fieldset disabled={phase !== 'idle'}>
        <legend>{t('operations.sweep.which')}</legend>
        {subs.map((s) => (
          <label key={s.id} className="checkbox">
            <input
              type="checkbox"
              checked={chosen.includes(s.id)}
              onChange={(e) => {
                setChosen((ids) => (e.target.checked ? [...ids, s.id] : ids.filter((id) => id !== s.id)));
                setPlans(null);
                setSteps([]);
                setStates(null);
              }}
            />
            {s.name}
            {s.status === 'FROZEN' && <span className="muted small"> {t('operations.sweep.frozenTag')}</span>}
          </label>
        ))}
      </fieldset>
      <p className="muted small">{t('operations.sweep.explain', { master: master?.name ?? '' })}</p>
      <div className="row">
        <button
          type="button"
          onClick={() => void plan()}
          disabled={phase !== 'idle' || chosenSubs.length === 0}
        >
          {t('operations.sweep.plan')}
        </button>
        {phase !== 'idle' && (
          <button type="button" onClick={stop} disabled={cancelled}>
            {cancelled ? t('operations.sweep.cancelling') : t('operations.sweep.cancel')}
          </button>
        )}
      </div>
      {phase === 'planning' && plans && (
        <div role="status">
          <progress
            max={plans.length}
            value={stepProgress(plans).finished}
            aria-label={t('operations.sweep.readingLabel')}
          />{' '}
          {t('operations.sweep.reading', { done: stepProgress(plans).finished, total: plans.length })}
        </div>
      )}
      {plans && (
        <ul className="stack" aria-label={t('operations.sweep.plans')}>
          {plans.map((state, index) => {
            const sub = chosenSubs[index];
            if (!sub || state.state !== 'done') {
              if (state.state !== 'not-started') return null;
              return (
                <li key={sub?.id ?? index}>{t('operations.sweep.planNotRead', { name: sub?.name ?? '' })}</li>
              );
            }
            if ('error' in state.result)
              return (
                <li key={sub.id} className="error-text">
                  {t('operations.sweep.planFailed', { name: sub.name, error: state.result.error })}
                </li>
              );
            return state.result.items.length === 0 ? (
              <li key={sub.id}>{t('operations.sweep.nothingToSweep', { name: sub.name })}</li>
            ) : null;
          })}
        </ul>
      )}
      {planned && steps.length > 0 && (
        <>
          <ul className="sweep-list" aria-label={t('operations.sweep.progress')}>
            {steps.map((step, index) => (
              <SweepStepItem
                key={`${step.sub.id}-${step.item.wallet}-${step.item.asset}`}
                step={step}
                state={states?.[index]}
              />
            ))}
          </ul>
          {phase === 'sweeping' && progress && (
            <progress
              max={progress.total}
              value={progress.finished}
              aria-label={t('operations.sweep.progress')}
            />
          )}
          {states && phase === 'idle' && (
            <p role="status">
              {notStarted > 0
                ? t('operations.sweep.stopped', { moved, total: steps.length, left: notStarted })
                : t('operations.sweep.finished', { moved, total: steps.length })}
            </p>
          )}
          <button
            type="button"
            className="primary"
            disabled={phase !== 'idle' || states !== null}
            onClick={() => void sweep()}
          >
            {t('operations.sweep.run')}
          </button>
        </>
      )}
    </section>
  );
}

/** One step: what it moves, the summary of what it signs, and how it went. */
function SweepStepItem({ step, state }: { step: SweepStep; state: StepState<StepOutcome> | undefined }) {
  const { sub, item } = step;
  return (
    <li>
      {t('operations.sweep.item', {
        name: sub.name,
        amount: item.amount,
        asset: item.asset,
        wallet: walletWords(item.wallet),
      })}{' '}
      <StepWords state={state} />
      {item.summary && (
        <details>
          <summary>{item.summary.title}</summary>
          <SigningSummaryView summary={item.summary} />
        </details>
      )}
    </li>
  );
}

function StepWords({ state }: { state: StepState<StepOutcome> | undefined }) {
  if (!state || state.state === 'waiting') return <>{t('operations.sweep.waiting')}</>;
  if (state.state === 'running') return <>{t('operations.sweep.moving')}</>;
  if (state.state === 'not-started') return <span className="muted">{t('operations.sweep.notStarted')}</span>;
  const outcome = state.result;
  if (outcome.status === 'moved')
    return <span className="success">{t('operations.sweep.moved', { tranId: outcome.tranId })}</span>;
  if (outcome.status === 'failed')
    return <span className="error-text">{t('operations.sweep.stepFailed', { error: outcome.error })}</span>;
  const record = outcome.record;
  if (!record) return <span className="error-text">{t('operations.sweep.neverSigned')}</span>;
  return (
    <span className={record.status === 'made' ? 'success' : 'error-text'}>
      {record.status === 'made'
        ? t('operations.sweep.interruptedMade')
        : record.status === 'not-made'
          ? t('operations.sweep.interruptedNotMade')
          : t('operations.sweep.interruptedUnknown')}{' '}
      {record.message}
    </span>
  );
}
