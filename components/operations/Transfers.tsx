import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Account } from '@/lib/accounts/model';
import { callBackground } from '@/lib/messaging/background-client';
import type {
  TransferRecord,
  SweepItem,
  SweepItemResult,
  TransferPreview,
  TransferResult,
  WalletName,
} from '@/lib/messaging/operations-api';
import { RpcError } from '@/lib/messaging/rpc';
import { useAction } from '../useAction';
import { useOperationsStore } from './operations-store';
import { VerdictView } from './VerdictView';
import { Field, SelectField } from './Field';

const WALLET_CHOICES: { value: WalletName; label: string }[] = [
  { value: 'futures', label: 'Futures' },
  { value: 'spot', label: 'Spot' },
];

/** From / to by name, asset, amount, futures or spot each side; the rules' verdict comes before signing. */
export function TransferForm({ family }: { family: Account[] }) {
  // A transfer filled in by another screen (covering a negative balance) is taken once, when the form opens.
  const [draft] = useState(() => {
    const taken = useOperationsStore.getState().transferDraft;
    const inFamily = (id: string) => family.some((a) => a.id === id);
    return taken && inFamily(taken.fromId) && inFamily(taken.toId) ? taken : null;
  });
  const draftTransfer = useOperationsStore((s) => s.draftTransfer);
  useEffect(() => draftTransfer(null), [draftTransfer]);
  const [fromId, setFromId] = useState(draft?.fromId ?? family[0]?.id ?? '');
  const [toId, setToId] = useState(draft?.toId ?? family[1]?.id ?? family[0]?.id ?? '');
  const [fromWallet, setFromWallet] = useState<WalletName>(draft?.fromWallet ?? 'futures');
  const [toWallet, setToWallet] = useState<WalletName>(draft?.toWallet ?? 'futures');
  const [asset, setAsset] = useState(draft?.asset ?? 'USDT');
  const [amount, setAmount] = useState(draft?.amount ?? '');
  const [preview, setPreview] = useState<TransferPreview | null>(null);
  const [understood, setUnderstood] = useState(false);
  const [result, setResult] = useState<TransferResult | null>(null);
  // The Sign button goes once the transfer is made: focus moves to its result instead of the page's top.
  const resultText = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (result) resultText.current?.focus();
  }, [result]);
  /** The worker stopped before answering: the transfer's journal entry, settled from Aster's ledger. */
  const [lost, setLost] = useState<TransferRecord | 'never-signed' | null>(null);
  const check = useAction();
  const journalChanged = useOperationsStore((s) => s.journalChanged);
  const send = useAction();

  const params = {
    fromId,
    toId,
    asset: asset.trim().toUpperCase(),
    amount: amount.trim(),
    fromWallet,
    toWallet,
  };
  const changed =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setPreview(null);
      setResult(null);
      setLost(null);
      setUnderstood(false);
    };

  async function review(event: FormEvent) {
    event.preventDefault();
    setResult(null);
    setLost(null);
    const verdict = await check.run(() => callBackground('aster.checkTransfer', params));
    if (verdict) setPreview(verdict);
  }

  /** What happened to a transfer whose answer never came: its journal entry (null: it was never signed). */
  async function lookUp(operationId: string) {
    const record = await send.run(() => callBackground('aster.operation', { id: operationId }));
    // A transfer's id never names a withdrawal.
    if (record !== undefined) setLost(record?.kind === 'transfer' ? record : 'never-signed');
  }

  async function transfer() {
    // One id per click: if the answer is lost, the background is asked about this very transfer.
    const operationId = crypto.randomUUID();
    setLost(null);
    let interrupted = false;
    const done = await send.run(async () => {
      try {
        return await callBackground('aster.transfer', {
          ...params,
          acceptWarnings: preview?.verdict.level === 'warn' && understood,
          operationId,
        });
      } catch (error) {
        // Unknown after reading Aster's ledger: it joins "Interrupted operations", with the reason.
        if (error instanceof RpcError && error.code === 'outcome-unknown') journalChanged();
        if (!(error instanceof RpcError && error.code === 'no-response')) throw error;
        interrupted = true;
        return undefined;
      }
    });
    if (done) {
      setResult(done);
      setPreview(null);
      setAmount('');
    }
    if (interrupted) {
      setPreview(null);
      await lookUp(operationId);
    }
  }

  const nameOf = (id: string) => family.find((a) => a.id === id)?.name ?? '';
  const familyChoices = family.map((a) => ({ value: a.id, label: a.name }));
  return (
    <form className="card stack" onSubmit={review} aria-label="Transfer" noValidate>
      <div className="two-col">
        <SelectField label="From" value={fromId} choices={familyChoices} onChange={changed(setFromId)} />
        <SelectField
          label="From wallet"
          value={fromWallet}
          choices={WALLET_CHOICES}
          onChange={(value) => changed(setFromWallet)(value as WalletName)}
        />
        <SelectField label="To" value={toId} choices={familyChoices} onChange={changed(setToId)} />
        <SelectField
          label="To wallet"
          value={toWallet}
          choices={WALLET_CHOICES}
          onChange={(value) => changed(setToWallet)(value as WalletName)}
        />
        <Field label="Asset">
          {(id) => (
            <input
              id={id}
              value={asset}
              onChange={(e) => changed(setAsset)(e.target.value)}
              autoComplete="off"
            />
          )}
        </Field>
        <Field label="Amount">
          {(id) => (
            <input
              id={id}
              value={amount}
              onChange={(e) => changed(setAmount)(e.target.value)}
              inputMode="decimal"
            />
          )}
        </Field>
      </div>
      {check.error && <p role="alert">{check.error}</p>}
      <button type="submit" disabled={check.busy || !fromId || !toId || !amount.trim()}>
        {check.busy ? 'Checking…' : 'Check transfer'}
      </button>
      {preview && (
        <div className="stack">
          <VerdictView verdict={preview.verdict} okText="The rules allow this transfer." />
          <p className="muted small">
            {preview.kind === 'perp-spot' ? 'Perp ↔ spot inside one account' : 'Internal transfer'}: signed by{' '}
            {preview.signedBy}. {nameOf(fromId)} can send:{' '}
            {preview.transferable.length === 0
              ? 'nothing from this wallet.'
              : preview.transferable.map((b) => `${b.withdrawable ?? b.balance} ${b.asset}`).join(', ')}
          </p>
          {preview.verdict.level === 'warn' && (
            <label className="row">
              <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} />
              I understand the warning
            </label>
          )}
          {preview.verdict.level !== 'block' && (
            <button
              type="button"
              className="primary"
              disabled={send.busy || (preview.verdict.level === 'warn' && !understood)}
              onClick={() => void transfer()}
            >
              {send.busy ? 'Signing and sending…' : `Sign and transfer ${params.amount} ${params.asset}`}
            </button>
          )}
        </div>
      )}
      {send.error && <p role="alert">{send.error}</p>}
      {lost && <LostAnswer outcome={lost} onCheck={(id) => void lookUp(id)} busy={send.busy} />}
      {result && (
        <p ref={resultText} tabIndex={-1} role="status" className="success">
          Transferred {result.amount} {result.asset}. Aster's transfer id: {result.tranId}
          {result.confirmedFromHistory
            ? ` (Aster’s answer was lost; its ledger shows the transfer made: ${result.proof ?? result.tranId}).`
            : '.'}
        </p>
      )}
    </form>
  );
}

/** A transfer whose answer was lost when Aster Companion stopped: what Aster's ledger says about it. */
function LostAnswer({
  outcome,
  onCheck,
  busy,
}: {
  outcome: TransferRecord | 'never-signed';
  onCheck(id: string): void;
  busy: boolean;
}) {
  if (outcome === 'never-signed')
    return (
      <p role="alert">
        Aster Companion stopped before this transfer was signed: nothing was sent. You can send it again.
      </p>
    );
  if (outcome.status === 'made')
    return (
      <p role="status" className="success">
        Transferred {outcome.amount} {outcome.asset}. Aster's transfer id: {outcome.tranId}. {outcome.message}
      </p>
    );
  return (
    <div className="stack">
      <p role="alert">
        {outcome.message ??
          "The transfer's outcome is not known yet: check Aster's ledger before sending again."}
      </p>
      {outcome.status !== 'not-made' && (
        <button type="button" disabled={busy} onClick={() => onCheck(outcome.id)}>
          Check Aster's ledger again
        </button>
      )}
    </div>
  );
}

/** "Sweep to master": every positive balance of a sub-account, one transfer per asset, with progress. */
export function Sweep({ family }: { family: Account[] }) {
  const subs = family.filter((a) => a.role === 'sub');
  const [subId, setSubId] = useState(subs[0]?.id ?? '');
  const [plan, setPlan] = useState<SweepItem[] | null>(null);
  const [results, setResults] = useState<SweepItemResult[]>([]);
  const [running, setRunning] = useState<number | null>(null);
  const planning = useAction();
  if (subs.length === 0) return <p className="card">This master has no sub-accounts to sweep.</p>;
  const sub = subs.find((s) => s.id === subId) ?? subs[0]!;

  async function loadPlan() {
    setResults([]);
    const items = await planning.run(() => callBackground('aster.sweepPlan', { id: sub.id }));
    if (items) setPlan(items);
  }

  async function sweep() {
    if (!plan) return;
    const done: SweepItemResult[] = [];
    for (const [index, item] of plan.entries()) {
      setRunning(index);
      try {
        const [result] = await callBackground('aster.sweep', {
          id: sub.id,
          asset: item.asset,
          wallet: item.wallet,
        });
        done.push(
          result ?? {
            ...item,
            status: 'failed',
            tranId: null,
            error: 'Nothing left to move in this wallet.',
          },
        );
      } catch (error) {
        done.push({
          ...item,
          status: 'failed',
          tranId: null,
          error: error instanceof Error ? error.message : 'The transfer failed.',
        });
      }
      setResults([...done]);
    }
    setRunning(null);
  }

  const master = family.find((a) => a.role === 'master');
  return (
    <section className="card stack" aria-label="Sweep to master">
      <Field label="Sub-account to sweep">
        {(id) => (
          <select
            id={id}
            value={sub.id}
            onChange={(e) => {
              setSubId(e.target.value);
              setPlan(null);
              setResults([]);
            }}
          >
            {subs.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <p className="muted small">
        Moves every positive balance of {sub.name} to {master?.name ?? 'its master'} (same wallet), one
        transfer per asset, signed by {sub.name}'s key.
      </p>
      {planning.error && <p role="alert">{planning.error}</p>}
      <button type="button" onClick={() => void loadPlan()} disabled={planning.busy || running !== null}>
        Plan sweep
      </button>
      {plan && plan.length === 0 && <p role="status">Nothing to sweep: no positive balance.</p>}
      {plan && plan.length > 0 && (
        <>
          <ul className="sweep-list" aria-label="Sweep progress">
            {plan.map((item, index) => {
              const result = results[index];
              return (
                <li key={`${item.wallet}-${item.asset}`}>
                  {item.amount} {item.asset} ({item.wallet}):{' '}
                  {result ? (
                    result.status === 'moved' ? (
                      <span className="success">moved, transfer {result.tranId}</span>
                    ) : (
                      <span className="error-text">failed: {result.error}</span>
                    )
                  ) : running === index ? (
                    'moving…'
                  ) : (
                    'waiting'
                  )}
                </li>
              );
            })}
          </ul>
          {running !== null && <progress max={plan.length} value={running} aria-label="Sweep progress" />}
          {results.length === plan.length && running === null && (
            <p role="status">
              Sweep finished: {results.filter((r) => r.status === 'moved').length} of {plan.length} moved.
            </p>
          )}
          <button
            type="button"
            className="primary"
            disabled={running !== null || results.length > 0}
            onClick={() => void sweep()}
          >
            Sweep to master
          </button>
        </>
      )}
    </section>
  );
}
