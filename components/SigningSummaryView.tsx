import type { SigningSummary } from '@/lib/aster/decode';
import { t } from '@/lib/i18n';
import type { SolanaTransactionSummary } from '@/lib/solana/transaction-summary';
import { shortAddress } from './Badges';

/** A party's role in words; a role this list does not know is shown as the decoder named it. */
function roleWords(role: string): string {
  switch (role) {
    case 'signer':
      return t('prompt.summary.role.signer');
    case 'account':
      return t('prompt.summary.role.account');
    case 'from':
      return t('prompt.summary.role.from');
    case 'to':
      return t('prompt.summary.role.to');
    case 'sub-account':
      return t('prompt.summary.role.subAccount');
    case 'agent':
      return t('prompt.summary.role.agent');
    case 'destination':
      return t('prompt.summary.role.destination');
    default:
      return role;
  }
}

/** Who is involved, how much and on which network. */
export function SummaryParties({ summary }: { summary: SigningSummary }) {
  return (
    <dl className="summary">
      {summary.parties
        .filter((party) => party.role !== 'signer')
        .map((party) => (
          <div key={`${party.role}-${party.address}`}>
            <dt>{roleWords(party.role)}</dt>
            <dd>
              {party.name ? <strong>{party.name}</strong> : t('prompt.summary.notInVault')}{' '}
              <code>{shortAddress(party.address)}</code>
            </dd>
          </div>
        ))}
      {summary.amount && (
        <div>
          <dt>{t('prompt.summary.amount')}</dt>
          <dd>
            {summary.amount} {summary.asset}
          </dd>
        </div>
      )}
      {summary.network && (
        <div>
          <dt>{t('prompt.summary.network')}</dt>
          <dd>{summary.network}</dd>
        </div>
      )}
    </dl>
  );
}

/** Every action of a Solana transaction in words (not only its one transfer); nothing for other requests. */
export function SummaryActions({ summary }: { summary: SigningSummary }) {
  const actions = (summary as Partial<SolanaTransactionSummary>).actions;
  if (!actions || actions.length === 0) return null;
  return (
    <ol className="actions" aria-label={t('prompt.summary.actions')}>
      {actions.map((action, i) => (
        <li key={i} className={action.level}>
          {action.level === 'block' && <strong>{t('prompt.summary.blocked')} </strong>}
          {action.text}
        </li>
      ))}
    </ol>
  );
}

/**
 * The verdict of Aster's rules, with its reasons. Announced (status/alert) in the prompt, where it decides;
 * in a preview beside the form's own verdict it is read in place, not announced a second time.
 */
export function SummaryVerdict({
  summary,
  announce = true,
}: {
  summary: SigningSummary;
  announce?: boolean;
}) {
  const level = summary.verdict.level;
  return (
    <div className={`verdict ${level}`} role={announce ? (level === 'ok' ? 'status' : 'alert') : undefined}>
      <strong>
        {level === 'ok'
          ? t('prompt.summary.verdictOk')
          : level === 'warn'
            ? t('prompt.summary.verdictWarn')
            : t('prompt.summary.verdictBlock')}
      </strong>
      {summary.verdict.reasons.length > 0 && (
        <ul>
          {summary.verdict.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Every signed field, exactly, folded. */
export function SummaryFields({ summary }: { summary: SigningSummary }) {
  return (
    <details>
      <summary>{t('prompt.summary.fields')}</summary>
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
  );
}

/**
 * What a signature means, in plain words: the parties, amount and network, every action of a Solana
 * transaction, the verdict of Aster's rules and every signed field. The popup's operations show it before
 * they sign (the form announces its own verdict); the approval prompt shows the same parts, laid out so that
 * its long ones scroll.
 */
export function SigningSummaryView({ summary }: { summary: SigningSummary }) {
  return (
    <>
      <SummaryParties summary={summary} />
      <SummaryActions summary={summary} />
      <SummaryVerdict summary={summary} announce={false} />
      <SummaryFields summary={summary} />
    </>
  );
}
