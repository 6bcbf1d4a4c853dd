import { useRef, useState, type FormEvent } from 'react';
import type { Account } from '@/lib/accounts/model';
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

const CHAINS = [
  [56, 'BSC'],
  [1, 'Ethereum'],
  [42161, 'Arbitrum'],
  [101, 'Solana'],
] as const;

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
  const help = useRef<HTMLDetailsElement>(null);
  if (!account) return null;

  const params = { accountId, asset: asset.trim().toUpperCase(), amount: amount.trim(), chainId };
  async function review(event: FormEvent) {
    event.preventDefault();
    await recheck();
  }

  async function recheck() {
    setResult(null);
    setLost(null);
    setFamilyRows(null);
    setRebalanced(null);
    const verdict = await check.run(() => callBackground('aster.checkWithdrawal', params));
    if (!verdict) return;
    setPreview(verdict);
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
      else if (record === null)
        setLost(
          'Aster Companion stopped before this withdrawal was signed: nothing was sent. You can withdraw again.',
        );
      else if (record)
        setLost(
          record.message ??
            "Aster Companion stopped before Aster's answer came back: this withdrawal may or may not have gone out. Check the withdrawal history on Aster's site before withdrawing again.",
        );
      journalChanged();
    }
  }

  const rebalance = preview ? hasCode(preview.verdict, 'rebalance-first') : false;
  return (
    <section className="stack" aria-label="Withdraw">
      <SelectField
        label="Withdraw from"
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
        <div className="card stack" role="alert" aria-label="Sub-accounts cannot withdraw">
          <p>
            Sub-accounts cannot withdraw. Sweep {account.name} to its master (one transfer per asset), then
            withdraw from the master.
          </p>
          <button type="button" className="primary" onClick={onSweep}>
            Sweep {account.name} to master
          </button>
        </div>
      ) : (
        <form className="card stack" onSubmit={review} aria-label="Withdrawal" noValidate>
          <div className="two-col">
            <Field label="Asset">
              {(id) => (
                <input id={id} value={asset} onChange={(e) => setAsset(e.target.value)} autoComplete="off" />
              )}
            </Field>
            <Field label="Amount">
              {(id) => (
                <input
                  id={id}
                  value={amount}
                  onChange={(e) => setAmount(e.target.value)}
                  inputMode="decimal"
                />
              )}
            </Field>
          </div>
          <SelectField
            label="Network"
            value={chainId}
            choices={CHAINS.map(([value, label]) => ({ value, label }))}
            onChange={(value) => setChainId(Number(value))}
          />
          <Field label="Receiver address">
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
            Check withdrawal
          </button>
          {preview && (
            <>
              <VerdictView
                verdict={preview.verdict}
                okText={`Allowed. Aster's fee: ${preview.fee ?? 'unknown'} ${params.asset}.`}
              />
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
                    What “Rebalance first” means
                  </button>
                </p>
              )}
              {preview.verdict.level !== 'block' && (
                <button
                  type="button"
                  className="primary"
                  disabled={send.busy || !receiver.trim()}
                  onClick={() => void withdraw()}
                >
                  Sign and withdraw {params.amount} {params.asset}
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
              Withdrawal sent: id {result.withdrawId}, fee {result.fee} {params.asset}.
              {result.proof && ` ${result.proof}`}
            </p>
          )}
        </form>
      )}
      <details id="rebalance-help" ref={help} className="card small">
        <summary>Negative balances and “Rebalance first”</summary>
        <p>
          Aster settles in USDT and accepts several assets as collateral, so realised losses, funding fees or
          trading commissions can leave an asset below zero. Any negative balance must be resolved before a
          withdrawal.
        </p>
        <p>
          On Aster: open Withdraw on the asset with the negative balance and click Rebalance (it converts
          other assets and shows as “auto-conversion” in your history), or deposit the exact missing amount of
          that asset, or transfer it from another of your accounts that has it. The companion lists these ways
          with the exact amounts after “Check withdrawal”.
        </p>
      </details>
    </section>
  );
}
