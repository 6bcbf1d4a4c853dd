import {
  block,
  checkManageSubAccount,
  checkSubAccountName,
  combineVerdicts,
  warn,
  type Verdict,
} from '../rules';
import { SUB_ACCOUNT_STATUSES } from '../endpoints';
import { nameOf, party } from './common';
import type { BodyFields, BodySummary, DecodeContext } from './types';

/** updateSubAccount: rename, freeze or unfreeze. */
export function updateSubAccountSummary(fields: BodyFields, context: DecodeContext): BodySummary {
  const master = party('account', fields.get('user') ?? '', context);
  const sub = party('sub-account', fields.get('subSourceAddr') ?? '', context);
  const status = fields.get('status');
  const newName = fields.get('subAccountName');
  const verb = status === 'FROZEN' ? 'Freeze' : status === 'NORMAL' ? 'Unfreeze' : undefined;
  const verdicts: Verdict[] = [];
  if (status !== undefined && !(SUB_ACCOUNT_STATUSES as readonly string[]).includes(status))
    verdicts.push(block(`Unknown status "${status.slice(0, 20)}".`));
  if (status === undefined && newName === undefined) verdicts.push(block('The request changes nothing.'));
  if (master.account && sub.account)
    verdicts.push(checkManageSubAccount(master.account, sub.account, newName));
  else {
    if (newName !== undefined) verdicts.push(checkSubAccountName(newName));
    if (!sub.account) verdicts.push(warn(`${nameOf(sub)} is not in this vault.`));
  }
  if (status === 'FROZEN')
    verdicts.push(warn('A frozen sub-account can only reduce or close positions and cannot transfer.'));
  const rename = newName === undefined ? '' : `"${newName}"`;
  const title = verb
    ? `${verb} sub-account ${nameOf(sub)}${rename ? ` and rename it to ${rename}` : ''}`
    : rename
      ? `Rename sub-account ${nameOf(sub)} to ${rename}`
      : `Update sub-account ${nameOf(sub)}`;
  return {
    kind: 'update-sub-account',
    title,
    parties: [master, sub],
    changes: { ...(status === undefined ? {} : { status }), ...(newName === undefined ? {} : { newName }) },
    verdict: combineVerdicts(...verdicts),
  };
}
