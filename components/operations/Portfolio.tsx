import { useRef, useState } from 'react';
import type { Account } from '@/lib/accounts/model';
import { isNegativeDecimal } from '@/lib/aster/decimal';
import type { FamilyAccountBalances } from '@/lib/aster/negative-balances';
import type { AssetBalance } from '@/lib/aster/rules';
import { callBackground } from '@/lib/messaging/background-client';
import { portfolioTotals, type AccountBalances } from '@/lib/messaging/operations-api';
import { t } from '@/lib/i18n';
import { NegativeBalances } from './NegativeBalances';
import { runSteps } from './steps';

export interface Row {
  account: Account;
  balances: AccountBalances | null;
  error: string | null;
}

/**
 * The master and every sub-account: balances per account, totals, negatives highlighted. The balances are read
 * one account at a time (see steps.ts), each shown as it arrives; Cancel stops before the next read.
 */
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
  const [cancelled, setCancelled] = useState<number | null>(null);
  const cancel = useRef(false);
  /** What the last Rebalance did, in words. */
  const [rebalanced, setRebalanced] = useState<string | null>(null);

  async function refresh() {
    cancel.current = false;
    setCancelled(null);
    const states = await runSteps<Account, Row>(
      family,
      async (account, index) => {
        setProgress({ done: index, current: account.name });
        try {
          return {
            account,
            balances: await callBackground('aster.balances', { id: account.id }),
            error: null,
          };
        } catch (error) {
          return {
            account,
            balances: null,
            error: error instanceof Error ? error.message : t('operations.portfolio.readFailed'),
          };
        }
      },
      {
        cancelled: () => cancel.current,
        onChange: (next) => {
          if (next.some((step) => step.state === 'done'))
            setRows(next.flatMap((step) => (step.state === 'done' ? [step.result] : [])));
        },
      },
    );
    const left = states.filter((step) => step.state === 'not-started').length;
    if (left > 0) setCancelled(left);
    setProgress(null);
  }

  const read = (rows ?? []).flatMap((r) => (r.balances ? [r.balances] : []));
  const totals = portfolioTotals(read);
  return (
    <section className="stack" aria-label={t('operations.portfolio.title')}>
      <div className="row spread">
        <h3>{t('operations.portfolio.heading', { name: master.name })}</h3>
        {progress ? (
          <button type="button" onClick={() => (cancel.current = true)}>
            {t('operations.portfolio.cancel')}
          </button>
        ) : (
          <button type="button" onClick={() => void refresh()}>
            {rows ? t('operations.portfolio.refresh') : t('operations.portfolio.load')}
          </button>
        )}
      </div>
      {progress && (
        <div role="status" className="stack">
          <progress
            max={family.length}
            value={progress.done}
            aria-label={t('operations.portfolio.reading')}
          />
          <span>
            {t('operations.portfolio.readingOne', {
              done: progress.done + 1,
              total: family.length,
              name: progress.current,
            })}
          </span>
        </div>
      )}
      {cancelled !== null && !progress && (
        <p role="status">{t('operations.portfolio.cancelled', { left: cancelled, total: family.length })}</p>
      )}
      {!rows && !progress && <p className="muted">{t('operations.portfolio.onRequest')}</p>}
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
        <section
          key={row.account.id}
          className="card"
          aria-label={t('operations.portfolio.balancesOf', { name: row.account.name })}
        >
          <h4>
            {row.account.name}{' '}
            <span className="muted small">
              {row.account.role === 'master'
                ? t('operations.portfolio.master')
                : t('operations.portfolio.sub')}
              {row.account.status === 'FROZEN' ? t('operations.portfolio.frozen') : ''}
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
        <section className="card" aria-label={t('operations.portfolio.totals')}>
          <h4>{t('operations.portfolio.totalsHeading')}</h4>
          <table className="balances">
            <thead>
              <tr>
                <th scope="col">{t('operations.portfolio.asset')}</th>
                <th scope="col">{t('operations.portfolio.total')}</th>
              </tr>
            </thead>
            <tbody>
              {totals.map((total) => (
                <tr key={total.asset} className={total.negative ? 'negative' : undefined}>
                  <th scope="row">{total.asset}</th>
                  <td>
                    {total.total}
                    {total.negative && <span className="sr-only"> {t('operations.portfolio.negative')}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {(rows.some((r) => r.error) || cancelled !== null) && (
            <p className="warning-text small">{t('operations.portfolio.totalsPartial')}</p>
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
  if (assets.length === 0) return <p className="muted">{t('operations.portfolio.none')}</p>;
  const find = (list: AssetBalance[], asset: string) => list.find((b) => b.asset === asset)?.balance ?? '0';
  return (
    <table className="balances">
      <thead>
        <tr>
          <th scope="col">{t('operations.portfolio.asset')}</th>
          <th scope="col">{t('operations.transfer.futures')}</th>
          <th scope="col">{t('operations.transfer.spot')}</th>
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
                  {isNegativeDecimal(value) && (
                    <span className="sr-only"> {t('operations.portfolio.negative')}</span>
                  )}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
