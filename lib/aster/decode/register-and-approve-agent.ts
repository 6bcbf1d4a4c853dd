import { t } from '@/lib/i18n';
import { block, checkAgentApproval, combineVerdicts, warn, type Verdict } from '../rules';
import { nameOf, party } from './common';
import type { BodyFields, BodySummary, DecodeContext } from './types';

/**
 * registerAndApproveAgent. Conservative throughout: a right counts as asked for unless every value of its
 * field is exactly `false`/`False` (so "1", "TRUE ", a duplicate, or a missing field all read as WITHDRAWALS).
 */
export function agentApprovalSummary(fields: BodyFields, context: DecodeContext): BodySummary {
  const account = party('account', fields.get('user') ?? '', context);
  const agent = party('agent', fields.get('agentAddress') ?? '', context);
  const asked = (name: string) => {
    const values = fields.all(name);
    return values.length === 0 || values.some((v) => v !== 'false' && v !== 'False');
  };
  const canWithdraw = asked('canWithdraw');
  const ips = (fields.get('ipWhitelist') ?? '').split(',').filter((ip) => ip !== '');
  const rights = [
    asked('canPerpTrade') && t('decode.agent.perpTrading'),
    asked('canSpotTrade') && t('decode.agent.spotTrading'),
    canWithdraw && t('decode.agent.withdrawals'),
  ].filter(Boolean);
  const verdicts: Verdict[] = [];
  if (account.account)
    verdicts.push(
      checkAgentApproval({ account: account.account, existingAgents: 0, canWithdraw, ipWhitelist: ips }),
    );
  else
    verdicts.push(
      warn('account-not-in-vault', t('decode.agent.accountUnknown')),
      ...(canWithdraw && ips.length === 0
        ? [block('ip-whitelist-needed', t('decode.agent.whitelistNeeded'))]
        : []),
    );
  const expired = Number(fields.get('expired'));
  // Beyond what a date can hold (year 275760): in effect an API wallet that never expires.
  const dated = Number.isFinite(expired) && expired > 0 && expired < 8.64e15;
  if (!dated) verdicts.push(warn('agent-never-expires', t('decode.agent.neverExpiresWarning')));
  const words = {
    agent: fields.get('agentName') ?? '',
    account: nameOf(account),
    rights: rights.length > 0 ? rights.join(t('rules.listSeparator')) : t('decode.agent.noRights'),
    date: dated ? new Date(expired).toISOString().slice(0, 10) : '',
  };
  return {
    kind: 'agent-approval',
    title: dated ? t('decode.agent.titleUntil', words) : t('decode.agent.titleNeverExpires', words),
    parties: [account, agent],
    verdict: combineVerdicts(...verdicts),
  };
}
