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
    asked('canPerpTrade') && 'perp trading',
    asked('canSpotTrade') && 'spot trading',
    canWithdraw && 'WITHDRAWALS',
  ].filter(Boolean);
  const verdicts: Verdict[] = [];
  if (account.account)
    verdicts.push(
      checkAgentApproval({ account: account.account, existingAgents: 0, canWithdraw, ipWhitelist: ips }),
    );
  else
    verdicts.push(
      warn('The account is not in this vault.'),
      ...(canWithdraw && ips.length === 0
        ? [block('An API wallet allowed to withdraw needs an IP whitelist.')]
        : []),
    );
  const expired = Number(fields.get('expired'));
  // Beyond what a date can hold (year 275760): in effect an API wallet that never expires.
  const dated = Number.isFinite(expired) && expired > 0 && expired < 8.64e15;
  const until = dated ? ` until ${new Date(expired).toISOString().slice(0, 10)}` : ' that never expires';
  if (!dated) verdicts.push(warn('This API wallet would never expire: it keeps its rights until revoked.'));
  return {
    kind: 'agent-approval',
    title: `Approve API wallet "${fields.get('agentName') ?? ''}" for ${nameOf(account)}: ${rights.length > 0 ? rights.join(', ') : 'no trading rights'}${until}`,
    parties: [account, agent],
    verdict: combineVerdicts(...verdicts),
  };
}
