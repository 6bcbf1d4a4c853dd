import type { SigningSummary } from '@/lib/aster/decode';
import type { SolanaTransactionSummary } from '@/lib/solana/transaction-summary';
import { shortAddress } from './Badges';

const ROLE_WORDS: Record<string, string> = {
  signer: 'Signer',
  account: 'Account',
  from: 'From',
  to: 'To',
  'sub-account': 'Sub-account',
  agent: 'API wallet',
  destination: 'Destination',
};

/**
 * What a signature means, in plain words: the parties, amount and network, every action of a Solana
 * transaction, the verdict of Aster's rules and every signed field. The approval prompt shows it, and the
 * popup's operations show the same before they sign.
 */
export function SigningSummaryView({ summary }: { summary: SigningSummary }) {
  // A Solana transaction lists every instruction in words, not only its one transfer.
  const actions = (summary as Partial<SolanaTransactionSummary>).actions;
  return (
    <>
      <dl className="summary">
        {summary.parties
          .filter((party) => party.role !== 'signer')
          .map((party) => (
            <div key={`${party.role}-${party.address}`}>
              <dt>{ROLE_WORDS[party.role] ?? party.role}</dt>
              <dd>
                {party.name ? <strong>{party.name}</strong> : 'Not in your vault'}{' '}
                <code>{shortAddress(party.address)}</code>
              </dd>
            </div>
          ))}
        {summary.amount && (
          <div>
            <dt>Amount</dt>
            <dd>
              {summary.amount} {summary.asset}
            </dd>
          </div>
        )}
        {summary.network && (
          <div>
            <dt>Network</dt>
            <dd>{summary.network}</dd>
          </div>
        )}
      </dl>
      {actions && actions.length > 0 && (
        <ol className="actions" aria-label="What this transaction does">
          {actions.map((action, i) => (
            <li key={i} className={action.level}>
              {action.level === 'block' && <strong>Blocked: </strong>}
              {action.text}
            </li>
          ))}
        </ol>
      )}
      <div
        className={`verdict ${summary.verdict.level}`}
        role={summary.verdict.level === 'ok' ? 'status' : 'alert'}
      >
        <strong>
          {summary.verdict.level === 'ok'
            ? 'Checked against Aster’s rules: fine.'
            : summary.verdict.level === 'warn'
              ? 'Warning'
              : 'Blocked: this cannot be signed'}
        </strong>
        {summary.verdict.reasons.length > 0 && (
          <ul>
            {summary.verdict.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        )}
      </div>
      <details>
        <summary>Every signed field</summary>
        <dl className="fields">
          {summary.fields.map(([name, value]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>
                <code>{value}</code>
              </dd>
            </div>
          ))}
        </dl>
      </details>
    </>
  );
}
