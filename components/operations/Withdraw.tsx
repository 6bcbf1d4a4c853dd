import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Account } from '@/lib/accounts/model';
import { t } from '@/lib/i18n';
import { callBackground } from '@/lib/messaging/background-client';
import type { WithdrawChainId, WithdrawPreview, WithdrawResult } from '@/lib/messaging/operations-api';
import { RpcError } from '@/lib/messaging/rpc';
import { hasCode } from '@/lib/aster/verdict-codes';
import { useAction } from '../useAction';
import { useOperationsStore } from './operations-store';
import { NegativeBalances } from './NegativeBalances';
import { familyBalances, type Row } from './Portfolio';
import { VerdictView } from './VerdictView';
import { Field, SelectField } from './Field';
import { SigningSummaryView } from '../SigningSummaryView';
import {
  loadWithdrawChoices,
  maxWithdrawable,
  saveWithdrawChoices,
  WITHDRAW_CHAINS,
} from './withdraw-choices';

/** Withdrawals: masters only; a sub-account is refused and offered the sweep; negatives block. */
export function Withdraw({
  family,
  onSweep,
  onTransfer,
}: {
  family: Account[];
  onSweep(): void;
  /** Open the transfer screen (a transfer covering a negative balance was filled in). */
  onTransfer(): void;
}) {
  const [accountId, setAccountId] = useState(family[0]?.id ?? '');
  const account = family.find((a) => a.id === accountId);
  const [asset, setAsset] = useState('USDT');
  const [amount, setAmount] = useState('');
  const [chainId, setChainId] = useState<number>(account?.kind === 'solana' ? 101 : 56);
  const [receiver, setReceiver] = useState('');
  const [preview, setPreview] = useState<WithdrawPreview | null>(null);
  /** The family's balances, read when a negative balance blocks: what covers it, and from where. */
  const [familyRows, setFamilyRows] = useState<Row[] | null>(null);
  /** What the last Rebalance did, in words. */
  const [rebalanced, setRebalanced] = useState<string | null>(null);
  const [result, setResult] = useState<WithdrawResult | null>(null);
  /** The worker stopped before answering: what the withdrawal's journal entry says. */
  const [lost, setLost] = useState<string | null>(null);
  const journalChanged = useOperationsStore((s) => s.journalChanged);
  const check = useAction();
  const send = useAction();
  const max = useAction();
  /** Max found nothing to withdraw of the asset. */
  const [maxNote, setMaxNote] = useState<string | null>(null);
  const help = useRef<HTMLDetailsElement>(null);

  // The last choices (account, asset, chain, receiver) come back, unless they no longer fit this family.
  useEffect(() => {
    let live = true;
    void loadWithdrawChoices(family).then((choices) => {
      if (!live || !choices) return;
      setAccountId(choices.accountId);
      setAsset(choices.asset);
      setChainId(choices.chainId);
      setReceiver(choices.receiver);
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per opening, before the trader types
  }, []);

  if (!account) return null;

  const params = { accountId, asset: asset.trim().toUpperCase(), amount: amount.trim(), chainId };
  async function review(event: FormEvent) {
    event.preventDefault();
    await recheck();
  }

  /** Fills in everything the master may withdraw of the asset now; Aster's fee is shown apart, as always. */
  async function fillMax() {
    const read = await max.run(() =>
      callBackground('aster.checkWithdrawal', { accountId, asset: params.asset, chainId }),
    );
    if (!read) return;
    const all = maxWithdrawable(read.balances, params.asset);
    setMaxNote(all === null ? t('operations.withdraw.nothingToWithdraw', { asset: params.asset }) : null);
    if (all !== null) {
      setAmount(all);
      setPreview(null);
    }
  }

  async function recheck() {
    setResult(null);
    setLost(null);
    setFamilyRows(null);
    setRebalanced(null);
    const to = receiver.trim();
    const verdict = await check.run(() =>
      callBackground('aster.checkWithdrawal', { ...params, ...(to ? { receiver: to } : {}) }),
    );
    if (!verdict) return;
    setPreview(verdict);
    void saveWithdrawChoices({ accountId, asset: params.asset, chainId, receiver: to });
    if (hasCode(verdict.verdict, 'rebalance-first')) {
      const rows: Row[] = [];
      for (const member of family)
        rows.push({
          account: member,
          balances: await callBackground('aster.balances', { id: member.id }).catch(() => null),
          error: null,
        });
      setFamilyRows(rows);
    }
  }

  async function withdraw() {
    // One id per click: the background journals it and never sends the same withdrawal twice.
    const operationId = crypto.randomUUID();
    setLost(null);
    let interrupted = false;
    const done = await send.run(async () => {
      try {
        return await callBackground('aster.withdraw', {
          ...params,
          chainId: chainId as WithdrawChainId,
          receiver: receiver.trim(),
          operationId,
        });
      } catch (error) {
        // An unknown outcome is listed under "Interrupted operations": the list reads the journal again.
        if (error instanceof RpcError && error.code === 'outcome-unknown') journalChanged();
        if (!(error instanceof RpcError && error.code === 'no-response')) throw error;
        interrupted = true;
        return undefined;
      }
    });
    if (done) {
      setResult(done);
      setPreview(null);
    }
    if (interrupted) {
      // The worker stopped before answering: what its journal says (null: it was never signed).
      setPreview(null);
      const record = await send.run(() => callBackground('aster.operation', { id: operationId }));
      if (record?.kind === 'withdrawal' && record.status === 'made' && record.withdrawId)
        setResult({
          withdrawId: record.withdrawId,
          fee: record.fee,
          ...(record.message ? { proof: record.message } : {}),
        });
      else if (record === null) setLost(t('operations.withdraw.stoppedBeforeSigning'));
      else if (record) setLost(record.message ?? t('operations.withdraw.stoppedBeforeAnswer'));
      journalChanged();
    }
  }

  const rebalance = preview ? hasCode(preview.verdict, 'rebalance-first') : false;
  return (
    <section className="stack" aria-label={t('operations.withdraw.title')}>
      <h2>{t('operations.withdraw.title')}</h2>
      <SelectField
        label={t('operations.withdraw.from')}
        value={accountId}
        choices={family.map((a) => ({ value: a.id, label: a.name }))}
        onChange={(value) => {
          setAccountId(value);
          setPreview(null);
          setResult(null);
          setLost(null);
        }}
      />
      {account.role === 'sub' ? (
        <div className="card stack" role="alert" aria-label={t('operations.withdraw.subCannotTitle')}>
          <p>{t('operations.withdraw.subCannot', { account: account.name })}</p>
          <button type="button" className="primary" onClick={onSweep}>
            {t('operations.withdraw.sweep', { account: account.name })}
          </button>
        </div>
      ) : (
        <form className="card stack" onSubmit={review} aria-label={t('operations.withdraw.form')} noValidate>
          <div className="two-col">
            <Field label={t('operations.withdraw.asset')}>
              {(id) => (
                <input id={id} value={asset} onChange={(e) => setAsset(e.target.value)} autoComplete="off" />
              )}
            </Field>
            <Field label={t('operations.withdraw.amount')}>
              {(id) => (
                <div className="row">
                  <input
                    id={id}
                    value={amount}
                    onChange={(e) => setAmount(e.target.value)}
                    inputMode="decimal"
                  />
                  <button
                    type="button"
                    className="small"
                    disabled={max.busy}
                    aria-label={t('operations.withdraw.maxLabel', { asset: params.asset })}
                    onClick={() => void fillMax()}
                  >
                    {t('operations.withdraw.max')}
                  </button>
                </div>
              )}
            </Field>
          </div>
          {(max.error ?? maxNote) && <p role="alert">{max.error ?? maxNote}</p>}
          <SelectField
            label={t('operations.withdraw.network')}
            value={chainId}
            choices={WITHDRAW_CHAINS.filter((c) => c.kind === account.kind).map((c) => ({
              value: c.chainId,
              label: c.label,
            }))}
            onChange={(value) => setChainId(Number(value))}
          />
          <Field label={t('operations.withdraw.receiver')}>
            {(id) => (
              <input
                id={id}
                value={receiver}
                onChange={(e) => setReceiver(e.target.value)}
                autoComplete="off"
                spellCheck={false}
              />
            )}
          </Field>
          {check.error && <p role="alert">{check.error}</p>}
          <button type="submit" disabled={check.busy || !amount.trim()}>
            {t('operations.withdraw.check')}
          </button>
          {preview && (
            <>
              <VerdictView
                verdict={preview.verdict}
                okText={t('operations.withdraw.allowed', {
                  fee: preview.fee ?? t('operations.withdraw.feeUnknown'),
                  asset: params.asset,
                })}
              />
              {preview.summary ? (
                <section className="stack" aria-label={t('operations.withdraw.whatYouSign')}>
                  <h3>{t('operations.withdraw.whatYouSign')}</h3>
                  <p>{preview.summary.title}</p>
                  <SigningSummaryView summary={preview.summary} />
                </section>
              ) : (
                preview.verdict.level !== 'block' && (
                  <p className="muted small">{t('operations.withdraw.summaryNeedsReceiver')}</p>
                )
              )}
              {rebalance && familyRows && (
                <NegativeBalances
                  accounts={familyRows.map(familyBalances)}
                  only={accountId}
                  onChanged={(outcome) => {
                    void recheck().then(() => setRebalanced(outcome));
                  }}
                  onTransfer={onTransfer}
                />
              )}
              {rebalance && (
                <p>
                  <button
                    type="button"
                    className="link"
                    aria-controls="rebalance-help"
                    onClick={() => {
                      if (!help.current) return;
                      help.current.open = true;
                      help.current.querySelector('summary')?.focus();
                    }}
                  >
                    {t('operations.withdraw.rebalanceMeans')}
                  </button>
                </p>
              )}
              {preview.verdict.level !== 'block' && (
                <button
                  type="button"
                  className="primary"
                  disabled={send.busy || !receiver.trim() || !preview.summary}
                  onClick={() => void withdraw()}
                >
                  {t('operations.withdraw.sign', { amount: params.amount, asset: params.asset })}
                </button>
              )}
            </>
          )}
          {rebalanced && (
            <p role="status" className="success">
              {rebalanced}
            </p>
          )}
          {send.error && <p role="alert">{send.error}</p>}
          {lost && <p role="alert">{lost}</p>}
          {result && (
            <p role="status" className="success">
              {t('operations.withdraw.sent', { id: result.withdrawId, fee: result.fee, asset: params.asset })}
              {result.proof && ` ${result.proof}`}
            </p>
          )}
        </form>
      )}
      <details id="rebalance-help" ref={help} className="card small">
        <summary>{t('operations.withdraw.helpTitle')}</summary>
        <p>{t('operations.withdraw.helpWhy')}</p>
        <p>{t('operations.withdraw.helpHow')}</p>
      </details>
    </section>
  );
}
