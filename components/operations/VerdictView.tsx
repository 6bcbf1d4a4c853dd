import type { Verdict } from '@/lib/aster/rules';
import { t } from '@/lib/i18n';

/** The rules' verdict in words: blocked (alert), a warning (note) or fine (status). */
export function VerdictView({ verdict, okText }: { verdict: Verdict; okText: string }) {
  if (verdict.level === 'ok')
    return (
      <p role="status" className="verdict ok">
        {okText}
      </p>
    );
  return (
    <div
      role={verdict.level === 'block' ? 'alert' : 'note'}
      className={`verdict ${verdict.level}`}
      aria-label={
        verdict.level === 'block' ? t('operations.verdict.blocked') : t('operations.verdict.warning')
      }
    >
      <strong>
        {verdict.level === 'block'
          ? t('operations.verdict.blockedLead')
          : t('operations.verdict.warningLead')}{' '}
      </strong>
      {verdict.reasons.map((reason) => (
        <span key={reason}>{reason} </span>
      ))}
    </div>
  );
}
