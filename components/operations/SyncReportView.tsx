import { callBackground } from '@/lib/messaging/background-client';
import type { SubAccountBalance, SubAccountMatch, SyncReport } from '@/lib/messaging/operations-api';
import { useAccountsStore } from '../stores/accounts-store';
import { useAction } from '../useAction';

const BY_WORDS: Record<SubAccountMatch, string> = {
  address: 'matched by address',
  'account-id': 'matched by the Aster id remembered here',
  name: 'matched by name only',
};

const SHAPE_WORDS: Record<SyncReport['listShape'], string> = {
  address: 'Aster’s list gave addresses (“address”): each account was matched by its key’s address.',
  sourceAddr: 'Aster’s list gave addresses (“sourceAddr”): each account was matched by its key’s address.',
  names:
    'Aster’s list gave no addresses: accounts were matched by a remembered id or by name, which cannot prove the key is the same.',
};

const short = (address: string) =>
  address.length > 14 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;

function Balances({ balances }: { balances: SubAccountBalance[] | null }) {
  if (!balances || balances.length === 0) return null;
  return <> — futures: {balances.map((b) => `${b.balance} ${b.asset}`).join(', ')}</>;
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
    <div role="status" aria-label="Sync result" className="stack small">
      <p>
        Aster lists {report.asterCount} sub-account{report.asterCount === 1 ? '' : 's'}
        {report.listedMaster ? ' (and the master itself, not counted)' : ''}; the companion holds{' '}
        {report.vaultCount}. {inStep ? 'Everything matches.' : 'Some do not match:'}
      </p>
      <p className="muted">{SHAPE_WORDS[report.listShape]}</p>
      {report.matched.length > 0 && (
        <ul aria-label="Matched">
          {report.matched.map((m) => (
            <li key={m.accountId}>
              ✓ “{m.name}” — {BY_WORDS[m.by]}
              {m.asterAccountId !== null ? ` (Aster id ${m.asterAccountId})` : ''}
              {m.asterName === null ? '; Aster gave no name' : ''}
              <Balances balances={m.balances} />
            </li>
          ))}
        </ul>
      )}
      {!inStep && (
        <ul aria-label="Not matching">
          {report.renamed.map((r) => (
            <li key={r.accountId}>
              “{r.vaultName}” is named “{r.asterName}” on Aster ({BY_WORDS[r.by]}).{' '}
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
                Use Aster’s name
              </button>
            </li>
          ))}
          {report.ambiguous.map((a) => (
            <li key={a.name} className="warning-text">
              The name “{a.name}” fits {a.accountIds.length} account{a.accountIds.length === 1 ? '' : 's'}{' '}
              here and {a.asterAccountIds.length} on Aster: not matched, since a name alone cannot tell them
              apart.
            </li>
          ))}
          {report.onlyInVault.map((r) => (
            <li key={r.accountId} className="warning-text">
              “{r.name}” is in the companion but not on Aster
              {r.pending
                ? ' yet (created here, waiting for its backup and creation).'
                : report.listShape === 'names'
                  ? ' under this name or a remembered id (renamed elsewhere, listed without a name, or not created).'
                  : ': Aster lists no sub-account with its address.'}
            </li>
          ))}
          {report.onlyOnAster.map((r, index) => (
            <li key={r.address ?? r.asterAccountId ?? index} className="warning-text">
              {r.name ? `“${r.name}”` : 'A sub-account without a name'}
              {r.asterAccountId !== null ? ` (Aster id ${r.asterAccountId})` : ''}
              {r.address ? ` at ${short(r.address)}` : ''} is on Aster, but its key is not in the companion
              {report.listShape === 'names' && !r.name
                ? ' (or it is one of the above, listed without a name)'
                : ''}
              .
              <Balances balances={r.balances} />
            </li>
          ))}
        </ul>
      )}
      {fix.error && <p role="alert">{fix.error}</p>}
    </div>
  );
}
