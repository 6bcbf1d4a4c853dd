import { t } from '@/lib/i18n';
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
  const verdicts: Verdict[] = [];
  if (status !== undefined && !(SUB_ACCOUNT_STATUSES as readonly string[]).includes(status))
    verdicts.push(block('unknown-status', t('decode.update.unknownStatus', { status: status.slice(0, 20) })));
  if (status === undefined && newName === undefined)
    verdicts.push(block('changes-nothing', t('decode.update.nothing')));
  if (master.account && sub.account)
    verdicts.push(checkManageSubAccount(master.account, sub.account, newName));
  else {
    if (newName !== undefined) verdicts.push(checkSubAccountName(newName));
    if (!sub.account)
      verdicts.push(warn('account-not-in-vault', t('decode.update.notInVault', { account: nameOf(sub) })));
  }
  if (status === 'FROZEN') verdicts.push(warn('freezing', t('decode.update.freezeWarning')));
  const words = { account: nameOf(sub), name: newName === undefined ? '' : `"${newName}"` };
  const renamed = newName !== undefined;
  const title =
    status === 'FROZEN'
      ? renamed
        ? t('decode.update.freezeAndRename', words)
        : t('decode.update.freeze', words)
      : status === 'NORMAL'
        ? renamed
          ? t('decode.update.unfreezeAndRename', words)
          : t('decode.update.unfreeze', words)
        : renamed
          ? t('decode.update.rename', words)
          : t('decode.update.update', words);
  return {
    kind: 'update-sub-account',
    title,
    parties: [master, sub],
    changes: { ...(status === undefined ? {} : { status }), ...(newName === undefined ? {} : { newName }) },
    verdict: combineVerdicts(...verdicts),
  };
}
