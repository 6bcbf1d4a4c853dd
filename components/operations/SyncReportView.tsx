import { t } from '@/lib/i18n';
import { callBackground } from '@/lib/messaging/background-client';
import type { SubAccountBalance, SubAccountMatch, SyncReport } from '@/lib/messaging/operations-api';
import { useAccountsStore } from '../stores/accounts-store';
import { useAction } from '../useAction';

const byWords = (by: SubAccountMatch): string =>
  by === 'address'
    ? t('operations.sync.byAddress')
    : by === 'account-id'
      ? t('operations.sync.byAccountId')
      : t('operations.sync.byName');

const shapeWords = (shape: SyncReport['listShape']): string =>
  shape === 'names' ? t('operations.sync.shapeNames') : t('operations.sync.shapeAddress', { field: shape });

const short = (address: string) =>
  address.length > 14 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;

function Balances({ balances }: { balances: SubAccountBalance[] | null }) {
  if (!balances || balances.length === 0) return null;
  return (
    <>
      {' '}
      {t('operations.sync.futures', { balances: balances.map((b) => `${b.balance} ${b.asset}`).join(', ') })}
    </>
  );
}

/** What the sync found, honestly: how each account was matched, what is missing on either side, what is unsure. */
export function SyncReportView({ report }: { report: SyncReport }) {
  const upsert = useAccountsStore((s) => s.upsert);
  const fix = useAction();
  const inStep =
    report.renamed.length === 0 &&
    report.onlyInVault.length === 0 &&
    report.onlyOnAster.length === 0 &&
    report.ambiguous.length === 0;
  return (
    <div role="status" aria-label={t('operations.sync.result')} className="stack small">
      <p>
        {t(
          report.listedMaster
            ? report.asterCount === 1
              ? 'operations.sync.countOneWithMaster'
              : 'operations.sync.countsWithMaster'
            : report.asterCount === 1
              ? 'operations.sync.countOne'
              : 'operations.sync.counts',
          { aster: report.asterCount, vault: report.vaultCount },
        )}{' '}
        {inStep ? t('operations.sync.allMatch') : t('operations.sync.someDiffer')}
      </p>
      <p className="muted">{shapeWords(report.listShape)}</p>
      {report.matched.length > 0 && (
        <ul aria-label={t('operations.sync.matched')}>
          {report.matched.map((m) => (
            <li key={m.accountId}>
              ✓ “{m.name}” — {byWords(m.by)}
              {m.asterAccountId !== null ? ` ${t('operations.sync.asterId', { id: m.asterAccountId })}` : ''}
              {m.asterName === null ? t('operations.sync.noName') : ''}
              <Balances balances={m.balances} />
            </li>
          ))}
        </ul>
      )}
      {!inStep && (
        <ul aria-label={t('operations.sync.notMatching')}>
          {report.renamed.map((r) => (
            <li key={r.accountId}>
              {t('operations.sync.renamed', { vault: r.vaultName, aster: r.asterName, by: byWords(r.by) })}{' '}
              <button
                type="button"
                className="small"
                onClick={async () => {
                  const updated = await fix.run(() =>
                    callBackground('accounts.rename', { id: r.accountId, name: r.asterName }),
                  );
                  if (updated) upsert(updated);
                }}
              >
                {t('operations.sync.useAsterName')}
              </button>
            </li>
          ))}
          {report.ambiguous.map((a) => (
            <li key={a.name} className="warning-text">
              {t(a.accountIds.length === 1 ? 'operations.sync.ambiguousOne' : 'operations.sync.ambiguous', {
                name: a.name,
                here: a.accountIds.length,
                aster: a.asterAccountIds.length,
              })}
            </li>
          ))}
          {report.onlyInVault.map((r) => (
            <li key={r.accountId} className="warning-text">
              {r.pending
                ? t('operations.sync.onlyInVaultPending', { name: r.name })
                : report.listShape === 'names'
                  ? t('operations.sync.onlyInVaultByName', { name: r.name })
                  : t('operations.sync.onlyInVault', { name: r.name })}
            </li>
          ))}
          {report.onlyOnAster.map((r, index) => (
            <li key={r.address ?? r.asterAccountId ?? index} className="warning-text">
              {r.name ? `“${r.name}”` : t('operations.sync.unnamed')}
              {r.asterAccountId !== null ? ` ${t('operations.sync.asterId', { id: r.asterAccountId })}` : ''}
              {r.address ? ` ${t('operations.sync.at', { address: short(r.address) })}` : ''}{' '}
              {report.listShape === 'names' && !r.name
                ? t('operations.sync.onlyOnAsterMaybe')
                : t('operations.sync.onlyOnAster')}
              <Balances balances={r.balances} />
            </li>
          ))}
        </ul>
      )}
      {fix.error && <p role="alert">{fix.error}</p>}
    </div>
  );
}
