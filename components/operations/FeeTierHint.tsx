import { useEffect, useState } from 'react';
import type { Account } from '@/lib/accounts/model';
import { ratePercent } from '@/lib/aster/responses/fee-tier';
import { MIN_VIP_FOR_SUB_ACCOUNTS } from '@/lib/aster/rules';
import { t } from '@/lib/i18n';
import { callBackground } from '@/lib/messaging/background-client';
import type { FeeTierHint as Hint } from '@/lib/messaging/operations-api';
import { useAction } from '../useAction';

/**
 * Reads the master's fee tier from Aster as soon as the form opens (no asking the trader first) and hands it
 * to the form, which preselects it as the VIP level; the trader may still choose another. A failed read is
 * said in words and leaves the choice to the trader.
 */
export function useFeeTierHint(master: Account) {
  const [hint, setHint] = useState<Hint | null>(null);
  const read = useAction();
  const readHint = () =>
    read
      .run(() => callBackground('aster.feeTier', { masterId: master.id }))
      .then((result) => setHint(result ?? null));
  useEffect(() => {
    void readHint();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per master
  }, [master.id]);
  return { hint, busy: read.busy, error: read.error, reload: readHint };
}

export function FeeTierHintView({
  master,
  hint,
  busy,
  error,
  chosen,
  marketMaker,
  onRetry,
}: {
  master: Account;
  hint: Hint | null;
  busy: boolean;
  error: string | null;
  /** The VIP level now chosen in the form ('' = none). */
  chosen: string;
  marketMaker: boolean;
  onRetry: () => void;
}) {
  if (busy)
    return (
      <p role="status" aria-label={t('operations.feeTier.label')}>
        {t('operations.feeTier.reading', { name: master.name })}
      </p>
    );
  if (error || !hint)
    return (
      <div role="status" aria-label={t('operations.feeTier.label')} className="warning-text small stack">
        <p>
          {error
            ? t('operations.feeTier.failedWith', { name: master.name, error })
            : t('operations.feeTier.failed', { name: master.name })}
        </p>
        <button type="button" className="small" onClick={onRetry}>
          {t('operations.feeTier.retry')}
        </button>
      </div>
    );
  const overridden = chosen !== '' && Number(chosen) !== hint.feeTier;
  return (
    <div role="status" aria-label={t('operations.feeTier.label')} className="small stack">
      <p>
        {t('operations.feeTier.reports', { tier: hint.feeTier, name: master.name })}
        {hint.rates
          ? ` ${t('operations.feeTier.rates', {
              maker: ratePercent(hint.rates.maker),
              taker: ratePercent(hint.rates.taker),
              symbol: hint.rates.symbol,
            })}`
          : ''}
        . {t('operations.feeTier.noVip')}
        {overridden ? '.' : t('operations.feeTier.chosen', { tier: hint.feeTier })}
      </p>
      {hint.feeTier < MIN_VIP_FOR_SUB_ACCOUNTS && !marketMaker && !overridden && (
        <p className="warning-text">
          {t('operations.feeTier.below', { tier: hint.feeTier, min: MIN_VIP_FOR_SUB_ACCOUNTS })}
        </p>
      )}
      {overridden && (
        <p className="warning-text">{t('operations.feeTier.overridden', { chosen, tier: hint.feeTier })}</p>
      )}
    </div>
  );
}
