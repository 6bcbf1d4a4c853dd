import { useEffect, useState } from 'react';
import type { Account } from '@/lib/accounts/model';
import { ratePercent } from '@/lib/aster/responses/fee-tier';
import { MIN_VIP_FOR_SUB_ACCOUNTS } from '@/lib/aster/rules';
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
      <p role="status" aria-label="Fee tier from Aster">
        Reading {master.name}’s fee tier from Aster…
      </p>
    );
  if (error || !hint)
    return (
      <div role="status" aria-label="Fee tier from Aster" className="warning-text small stack">
        <p>
          Could not read {master.name}’s fee tier from Aster{error ? `: ${error}` : '.'} Choose your VIP level
          yourself.
        </p>
        <button type="button" className="small" onClick={onRetry}>
          Read the fee tier again
        </button>
      </div>
    );
  const overridden = chosen !== '' && Number(chosen) !== hint.feeTier;
  return (
    <div role="status" aria-label="Fee tier from Aster" className="small stack">
      <p>
        Aster reports fee tier {hint.feeTier} for {master.name}
        {hint.rates
          ? ` (futures maker ${ratePercent(hint.rates.maker)}, taker ${ratePercent(hint.rates.taker)} on ${hint.rates.symbol})`
          : ''}
        . Aster publishes no VIP level; its fee tier is the closest figure
        {overridden ? '.' : `, so VIP ${hint.feeTier} is chosen below. Change it if your VIP level differs.`}
      </p>
      {hint.feeTier < MIN_VIP_FOR_SUB_ACCOUNTS && !marketMaker && !overridden && (
        <p className="warning-text">
          Fee tier {hint.feeTier} is below VIP {MIN_VIP_FOR_SUB_ACCOUNTS}: Aster will likely refuse to create
          a sub-account.
        </p>
      )}
      {overridden && (
        <p className="warning-text">
          You chose VIP {chosen}, Aster reports fee tier {hint.feeTier}: your choice is used, and Aster
          decides when the sub-account is created.
        </p>
      )}
    </div>
  );
}
