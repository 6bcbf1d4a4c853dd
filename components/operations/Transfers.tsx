import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Account } from '@/lib/accounts/model';
import { t } from '@/lib/i18n';
import { callBackground } from '@/lib/messaging/background-client';
import type {
  TransferRecord,
  TransferPreview,
  TransferResult,
  WalletName,
} from '@/lib/messaging/operations-api';
import { RpcError } from '@/lib/messaging/rpc';
import { SigningSummaryView } from '../SigningSummaryView';
import { useAction } from '../useAction';
import { maxTransferable } from './max-amount';
import { useOperationsStore } from './operations-store';
import { loadChoices, rememberChoices, restoredPerpSpot, restoredTransfer } from './remembered-choices';
import { VerdictView } from './VerdictView';
import { Field, SelectField } from './Field';

export { Sweep } from './Sweep';

const walletChoices = (): { value: WalletName; label: string }[] => [
  { value: 'futures', label: t('operations.transfer.futures') },
  { value: 'spot', label: t('operations.transfer.spot') },
];

const otherWallet = (wallet: WalletName): WalletName => (wallet === 'futures' ? 'spot' : 'futures');

/**
 * From / to by name, asset, amount, futures or spot each side (`perpSpot`: one account, its perp and spot
 * wallets); the rules' verdict and the prompt's summary of the exact body come before signing. The last
 * choices are remembered per master.
 */
export function TransferForm({
  master,
  family,
  perpSpot = false,
}: {
  master: Account;
  family: Account[];
  perpSpot?: boolean;
}) {
  // A transfer filled in by another screen (covering a negative balance) is taken once, when the form opens.
  const [draft] = useState(() => {
    if (perpSpot) return null;
    const taken = useOperationsStore.getState().transferDraft;
    const inFamily = (id: string) => family.some((a) => a.id === id);
    return taken && inFamily(taken.fromId) && inFamily(taken.toId) ? taken : null;
  });
  const draftTransfer = useOperationsStore((s) => s.draftTransfer);
  useEffect(() => {
    if (!perpSpot) draftTransfer(null);
  }, [draftTransfer, perpSpot]);
  const [fromId, setFromId] = useState(draft?.fromId ?? family[0]?.id ?? '');
  const [toId, setToId] = useState(draft?.toId ?? family[1]?.id ?? family[0]?.id ?? '');
  const [fromWallet, setFromWallet] = useState<WalletName>(draft?.fromWallet ?? 'futures');
  const [toWallet, setToWallet] = useState<WalletName>(draft?.toWallet ?? (perpSpot ? 'spot' : 'futures'));
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
  const [maxNote, setMaxNote] = useState<string | null>(null);
  /** Once the trader has chosen anything, remembered choices arriving late do not overwrite it. */
  const touched = useRef(draft !== null);
  const check = useAction();
  const max = useAction();
  const journalChanged = useOperationsStore((s) => s.journalChanged);
  const send = useAction();

  // The last choices for this master, restored on open (ignored when an account has left the family).
  useEffect(() => {
    let live = true;
    void loadChoices(master.id)
      .then((saved) => {
        if (!live || touched.current) return;
        if (perpSpot) {
          const choice = restoredPerpSpot(saved, family);
          if (!choice) return;
          setFromId(choice.accountId);
          setToId(choice.accountId);
          setFromWallet(choice.fromWallet);
          setToWallet(otherWallet(choice.fromWallet));
          setAsset(choice.asset);
        } else {
          const choice = restoredTransfer(saved, family);
          if (!choice) return;
          setFromId(choice.fromId);
          setToId(choice.toId);
          setFromWallet(choice.fromWallet);
          setToWallet(choice.toWallet);
          setAsset(choice.asset);
        }
      })
      .catch(() => undefined); // Nothing remembered is no error: the form keeps its defaults.
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per opened form
  }, []);

  const params = {
    fromId,
    toId: perpSpot ? fromId : toId,
    asset: asset.trim().toUpperCase(),
    amount: amount.trim(),
    fromWallet,
    toWallet: perpSpot ? otherWallet(fromWallet) : toWallet,
  };
  const changed =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      touched.current = true;
      set(value);
      setPreview(null);
      setResult(null);
      setLost(null);
      setUnderstood(false);
      setMaxNote(null);
    };

  async function review(event: FormEvent) {
    event.preventDefault();
    setResult(null);
    setLost(null);
    const verdict = await check.run(() => callBackground('aster.checkTransfer', params));
    if (verdict) setPreview(verdict);
    // Choices that were checked are the ones worth offering next time (never the amount).
    if (/^[A-Z0-9]{1,20}$/.test(params.asset))
      void rememberChoices(
        master.id,
        perpSpot
          ? { perpSpot: { accountId: fromId, fromWallet, asset: params.asset } }
          : {
              transfer: {
                fromId,
                toId,
                fromWallet,
                toWallet,
                asset: params.asset,
              },
            },
      ).catch(() => undefined);
  }

  /** Fills in everything the source wallet can send of the asset, exactly as Aster states it. */
  async function fillMax() {
    const balances = await max.run(() => callBackground('aster.balances', { id: fromId }));
    if (!balances) return;
    const most = maxTransferable(balances, fromWallet, params.asset);
    changed(setAmount)(most ?? '');
    setMaxNote(most === null ? t('operations.transfer.maxNone', { asset: params.asset }) : null);
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
  const label = perpSpot ? t('operations.transfer.perpSpotForm') : t('operations.transfer.form');
  return (
    <form className="card stack" onSubmit={review} aria-label={label} noValidate>
      <div className="two-col">
        {perpSpot ? (
          <>
            <SelectField
              label={t('operations.transfer.account')}
              value={fromId}
              choices={familyChoices}
              onChange={changed(setFromId)}
            />
            <SelectField
              label={t('operations.transfer.direction')}
              value={fromWallet}
              choices={[
                { value: 'futures', label: t('operations.transfer.perpToSpot') },
                { value: 'spot', label: t('operations.transfer.spotToPerp') },
              ]}
              onChange={(value) => changed(setFromWallet)(value as WalletName)}
            />
          </>
        ) : (
          <>
            <SelectField
              label={t('operations.transfer.from')}
              value={fromId}
              choices={familyChoices}
              onChange={changed(setFromId)}
            />
            <SelectField
              label={t('operations.transfer.fromWallet')}
              value={fromWallet}
              choices={walletChoices()}
              onChange={(value) => changed(setFromWallet)(value as WalletName)}
            />
            <SelectField
              label={t('operations.transfer.to')}
              value={toId}
              choices={familyChoices}
              onChange={changed(setToId)}
            />
            <SelectField
              label={t('operations.transfer.toWallet')}
              value={toWallet}
              choices={walletChoices()}
              onChange={(value) => changed(setToWallet)(value as WalletName)}
            />
          </>
        )}
        <Field label={t('operations.transfer.asset')}>
          {(id) => (
            <input
              id={id}
              value={asset}
              onChange={(e) => changed(setAsset)(e.target.value)}
              autoComplete="off"
            />
          )}
        </Field>
        <Field label={t('operations.transfer.amount')}>
          {(id) => (
            <div className="row">
              <input
                id={id}
                value={amount}
                onChange={(e) => changed(setAmount)(e.target.value)}
                inputMode="decimal"
              />
              <button
                type="button"
                className="small"
                disabled={max.busy || !fromId || !params.asset}
                aria-label={t('operations.transfer.maxLabel', {
                  asset: params.asset,
                  wallet:
                    params.fromWallet === 'futures'
                      ? t('operations.transfer.futures')
                      : t('operations.transfer.spot'),
                  name: nameOf(fromId),
                })}
                onClick={() => void fillMax()}
              >
                {t('operations.transfer.max')}
              </button>
            </div>
          )}
        </Field>
      </div>
      {max.error && <p role="alert">{max.error}</p>}
      {maxNote && <p className="muted small">{maxNote}</p>}
      {check.error && <p role="alert">{check.error}</p>}
      <button type="submit" disabled={check.busy || !fromId || !params.toId || !amount.trim()}>
        {check.busy ? t('operations.transfer.checking') : t('operations.transfer.check')}
      </button>
      {preview && (
        <div className="stack">
          <VerdictView verdict={preview.verdict} okText={t('operations.transfer.allowed')} />
          {/* Hidden once signing starts: what is being signed was read above, and the outcome takes its place. */}
          {preview.summary && !send.busy && (
            <section className="card stack signing-summary" aria-label={t('operations.transfer.whatYouSign')}>
              <h4>{preview.summary.title}</h4>
              <SigningSummaryView summary={preview.summary} />
            </section>
          )}
          <p className="muted small">
            {t(
              preview.kind === 'perp-spot'
                ? 'operations.transfer.signedByPerpSpot'
                : 'operations.transfer.signedByInternal',
              { signer: preview.signedBy },
            )}{' '}
            {preview.transferable.length === 0
              ? t('operations.transfer.canSendNothing', { name: nameOf(fromId) })
              : t('operations.transfer.canSend', {
                  name: nameOf(fromId),
                  amounts: preview.transferable
                    .map((b) => `${b.withdrawable ?? b.balance} ${b.asset}`)
                    .join(', '),
                })}
          </p>
          {preview.verdict.level === 'warn' && (
            <label className="row">
              <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} />
              {t('operations.transfer.understood')}
            </label>
          )}
          {preview.verdict.level !== 'block' && (
            <button
              type="button"
              className="primary"
              disabled={send.busy || (preview.verdict.level === 'warn' && !understood)}
              onClick={() => void transfer()}
            >
              {send.busy
                ? t('operations.transfer.signing')
                : t('operations.transfer.sign', { amount: params.amount, asset: params.asset })}
            </button>
          )}
        </div>
      )}
      {send.error && <p role="alert">{send.error}</p>}
      {lost && <LostAnswer outcome={lost} onCheck={(id) => void lookUp(id)} busy={send.busy} />}
      {result && (
        <p ref={resultText} tabIndex={-1} role="status" className="success">
          {result.confirmedFromHistory
            ? t('operations.transfer.doneFromLedger', {
                amount: result.amount,
                asset: result.asset,
                tranId: result.tranId,
                proof: result.proof ?? result.tranId,
              })
            : t('operations.transfer.done', {
                amount: result.amount,
                asset: result.asset,
                tranId: result.tranId,
              })}
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
  if (outcome === 'never-signed') return <p role="alert">{t('operations.transfer.neverSigned')}</p>;
  if (outcome.status === 'made')
    return (
      <p role="status" className="success">
        {t('operations.transfer.done', {
          amount: outcome.amount,
          asset: outcome.asset,
          tranId: outcome.tranId ?? '',
        })}{' '}
        {outcome.message}
      </p>
    );
  return (
    <div className="stack">
      <p role="alert">{outcome.message ?? t('operations.transfer.outcomeUnknown')}</p>
      {outcome.status !== 'not-made' && (
        <button type="button" disabled={busy} onClick={() => onCheck(outcome.id)}>
          {t('operations.interrupted.checkLedger')}
        </button>
      )}
    </div>
  );
}
