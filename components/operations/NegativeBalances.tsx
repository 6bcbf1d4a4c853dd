import { useEffect, useState } from 'react';
import {
  coverPlans,
  familyNegativeSummary,
  negativeBalanceSentence,
  type CoverPlan,
  type FamilyAccountBalances,
} from '@/lib/aster/negative-balances';
import { callBackground } from '@/lib/messaging/background-client';
import { UnconfirmedBadge } from '../Badges';
import { t } from '@/lib/i18n';
import { useAction } from '../useAction';
import { useOperationsStore } from './operations-store';

/**
 * Negative balances in words (deposit guide: they block withdrawals), one per account and wallet, with how to
 * cover each with the exact amount: a transfer from an own wallet that has it (filled in on the transfer
 * screen) or a deposit. Rebalance (`assetExchange`, unconfirmed) is offered only when the network's profile
 * has it on, marked as unconfirmed.
 */
export function NegativeBalances({
  accounts,
  only,
  onChanged,
  onTransfer,
}: {
  /** The family's balances as read (the cover sources come from all of them). */
  accounts: FamilyAccountBalances[];
  /** Show only this account's negative balances (the withdraw screen). */
  only?: string;
  /** Balances changed (after Rebalance, whose outcome in words is given): read them again. */
  onChanged(outcome: string): void;
  /** Open the transfer screen (a draft was filled in). */
  onTransfer(): void;
}) {
  const [rebalanceOn, setRebalanceOn] = useState<boolean | null>(null);
  const draftTransfer = useOperationsStore((s) => s.draftTransfer);
  const rebalance = useAction();
  useEffect(() => {
    callBackground('aster.profile', {}).then(
      (info) => setRebalanceOn(info.profile.rebalance),
      () => setRebalanceOn(false),
    );
  }, []);

  const shown = only === undefined ? accounts : accounts.filter((a) => a.accountId === only);
  const plans = coverPlans(accounts).filter((p) => only === undefined || p.negative.accountId === only);
  if (plans.length === 0) return null;
  const summary = familyNegativeSummary(shown);
  const byAccount = new Map<string, CoverPlan[]>();
  for (const plan of plans)
    byAccount.set(plan.negative.accountId, [...(byAccount.get(plan.negative.accountId) ?? []), plan]);

  async function runRebalance(accountId: string) {
    const result = await rebalance.run(() => callBackground('aster.rebalance', { accountId }));
    if (result) onChanged(result.message);
  }

  return (
    <section className="card stack negative-balances" aria-label={t('operations.negative.title')}>
      <h4>{t('operations.negative.title')}</h4>
      {summary && <p role="note">{summary}</p>}
      {[...byAccount.entries()].map(([accountId, accountPlans]) => {
        const name = accountPlans[0]!.negative.accountName;
        return (
          <section key={accountId} className="stack" aria-label={t('operations.negative.of', { name })}>
            {accountPlans.map((plan) => (
              <div key={`${plan.negative.wallet}:${plan.negative.asset}`} className="stack">
                <p>
                  <strong>{negativeBalanceSentence(plan.negative)}.</strong>
                </p>
                <p className="small">
                  {t('operations.negative.toCover', {
                    amount: plan.negative.missing,
                    asset: plan.negative.asset,
                  })}
                </p>
                <ul className="small">
                  {plan.steps.map(({ text, transfer }) => (
                    <li key={text}>
                      {text}{' '}
                      {transfer && (
                        <button
                          type="button"
                          className="small"
                          onClick={() => {
                            draftTransfer({
                              fromId: transfer.accountId,
                              toId: plan.negative.accountId,
                              fromWallet: transfer.wallet,
                              toWallet: plan.negative.wallet,
                              asset: plan.negative.asset,
                              amount: plan.negative.missing,
                            });
                            onTransfer();
                          }}
                        >
                          {t('operations.negative.fillIn', {
                            amount: plan.negative.missing,
                            asset: plan.negative.asset,
                            name: transfer.accountName,
                            wallet:
                              transfer.wallet === 'futures'
                                ? t('operations.sweep.futures')
                                : t('operations.sweep.spot'),
                          })}
                        </button>
                      )}
                    </li>
                  ))}
                </ul>
              </div>
            ))}
            {rebalanceOn === true ? (
              <div className="stack">
                <p className="small">{t('operations.negative.rebalanceExplain', { name })}</p>
                <div className="row">
                  <button
                    type="button"
                    className="primary"
                    disabled={rebalance.busy}
                    onClick={() => void runRebalance(accountId)}
                  >
                    {rebalance.busy
                      ? t('operations.negative.rebalancing')
                      : t('operations.negative.rebalance', { name })}
                  </button>
                  <UnconfirmedBadge what={t('operations.negative.rebalanceWhat')} />
                </div>
              </div>
            ) : rebalanceOn === false ? (
              <p className="muted small">{t('operations.negative.rebalanceOff')}</p>
            ) : null}
          </section>
        );
      })}
      {rebalance.error && <p role="alert">{rebalance.error}</p>}
    </section>
  );
}
