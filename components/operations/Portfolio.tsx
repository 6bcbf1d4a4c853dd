import { useState } from 'react';
import type { Account } from '@/lib/accounts/model';
import { isNegativeDecimal } from '@/lib/aster/decimal';
import type { FamilyAccountBalances } from '@/lib/aster/negative-balances';
import type { AssetBalance } from '@/lib/aster/rules';
import { callBackground } from '@/lib/messaging/background-client';
import { portfolioTotals, type AccountBalances } from '@/lib/messaging/operations-api';
import { NegativeBalances } from './NegativeBalances';

export interface Row {
  account: Account;
  balances: AccountBalances | null;
  error: string | null;
}

/** The master and every sub-account: balances per account, totals, negatives highlighted. */
export function Portfolio({
  master,
  family,
  onTransfer,
}: {
  master: Account;
  family: Account[];
  /** Open the transfer screen (a transfer covering a negative balance was filled in). */
  onTransfer(): void;
}) {
  const [rows, setRows] = useState<Row[] | null>(null);
  const [progress, setProgress] = useState<{ done: number; current: string } | null>(null);
  /** What the last Rebalance did, in words. */
  const [rebalanced, setRebalanced] = useState<string | null>(null);

  async function refresh() {
    const next: Row[] = [];
    for (const [index, account] of family.entries()) {
      setProgress({ done: index, current: account.name });
      try {
        next.push({
          account,
          balances: await callBackground('aster.balances', { id: account.id }),
          error: null,
        });
      } catch (error) {
        next.push({
          account,
          balances: null,
          error: error instanceof Error ? error.message : 'The balances could not be read.',
        });
      }
      setRows([...next]);
    }
    setProgress(null);
  }

  const read = (rows ?? []).flatMap((r) => (r.balances ? [r.balances] : []));
  const totals = portfolioTotals(read);
  return (
    <section className="stack" aria-label="Portfolio">
      <div className="row spread">
        <h3>{master.name} and its sub-accounts</h3>
        <button type="button" onClick={() => void refresh()} disabled={progress !== null}>
          {rows ? 'Refresh balances' : 'Load balances'}
        </button>
      </div>
      {progress && (
        <div role="status" className="stack">
          <progress max={family.length} value={progress.done} aria-label="Reading balances" />
          <span>
            Reading {progress.done + 1} of {family.length}: {progress.current}…
          </span>
        </div>
      )}
      {!rows && !progress && <p className="muted">Balances are read from Aster when you ask.</p>}
      {rebalanced && (
        <p role="status" className="success">
          {rebalanced}
        </p>
      )}
      {rows && !progress && (
        <NegativeBalances
          accounts={rows.map(familyBalances)}
          onChanged={(outcome) => {
            setRebalanced(outcome);
            void refresh();
          }}
          onTransfer={onTransfer}
        />
      )}
      {rows?.map((row) => (
        <section key={row.account.id} className="card" aria-label={`Balances of ${row.account.name}`}>
          <h4>
            {row.account.name}{' '}
            <span className="muted small">
              {row.account.role === 'master' ? 'master' : 'sub-account'}
              {row.account.status === 'FROZEN' ? ', frozen' : ''}
            </span>
          </h4>
          {row.error ? (
            <p role="alert">{row.error}</p>
          ) : row.balances ? (
            <BalanceTable balances={row.balances} />
          ) : null}
        </section>
      ))}
      {rows && !progress && (
        <section className="card" aria-label="Totals">
          <h4>Totals (all accounts, futures and spot)</h4>
          <table className="balances">
            <thead>
              <tr>
                <th scope="col">Asset</th>
                <th scope="col">Total</th>
              </tr>
            </thead>
            <tbody>
              {totals.map((t) => (
                <tr key={t.asset} className={t.negative ? 'negative' : undefined}>
                  <th scope="row">{t.asset}</th>
                  <td>
                    {t.total}
                    {t.negative && <span className="sr-only"> (negative)</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.some((r) => r.error) && (
            <p className="warning-text small">Totals leave out the accounts that could not be read.</p>
          )}
        </section>
      )}
    </section>
  );
}

/** A row as the negative-balance summary reads it. */
export const familyBalances = ({ account, balances }: Row): FamilyAccountBalances => ({
  accountId: account.id,
  name: account.name,
  role: account.role,
  status: account.status,
  kind: account.kind,
  balances,
});

function BalanceTable({ balances }: { balances: AccountBalances }) {
  const assets = [...new Set([...balances.futures, ...balances.spot].map((b) => b.asset))].sort();
  if (assets.length === 0) return <p className="muted">No balances.</p>;
  const find = (list: AssetBalance[], asset: string) => list.find((b) => b.asset === asset)?.balance ?? '0';
  return (
    <table className="balances">
      <thead>
        <tr>
          <th scope="col">Asset</th>
          <th scope="col">Futures</th>
          <th scope="col">Spot</th>
        </tr>
      </thead>
      <tbody>
        {assets.map((asset) => {
          const futures = find(balances.futures, asset);
          const spot = find(balances.spot, asset);
          return (
            <tr key={asset}>
              <th scope="row">{asset}</th>
              {[futures, spot].map((value, i) => (
                <td key={i} className={isNegativeDecimal(value) ? 'negative' : undefined}>
                  {value}
                  {isNegativeDecimal(value) && <span className="sr-only"> (negative)</span>}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
