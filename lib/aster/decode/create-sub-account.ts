import { t } from '@/lib/i18n';
import { block, checkSubAccountName, combineVerdicts, OK, warn, type Verdict } from '../rules';
import { nameOf, party } from './common';
import type { BodyFields, BodySummary, DecodeContext } from './types';

/** createSubAccount and sub-accounts/bind, either step (child key, or master with `childSignature`). */
export function createSubAccountSummary(
  fields: BodyFields,
  kind: 'create-sub-account' | 'bind-sub-account',
  context: DecodeContext,
): BodySummary {
  const name = (kind === 'create-sub-account' ? fields.get('subAccountName') : fields.get('name')) ?? '';
  const child =
    (kind === 'create-sub-account' ? fields.get('subSourceAddr') : fields.get('childAddress')) ?? '';
  const master = party('account', fields.get('user') ?? '', context);
  const sub = party('sub-account', child, context);
  const childStep = !fields.has('childSignature');
  const verdicts: Verdict[] = [kind === 'create-sub-account' ? checkSubAccountName(name) : OK];
  if (master.account?.role === 'sub') verdicts.push(block('no-nesting', t('rules.create.noNesting')));
  const childKind = /^0x[0-9a-fA-F]{40}$/.test(child) ? 'evm' : 'solana';
  const masterKind = master.account?.kind ?? (/^0x/.test(master.address) ? 'evm' : 'solana');
  if (childKind !== masterKind) verdicts.push(block('kind-mismatch', t('decode.create.sameKind')));
  if (sub.account && sub.account.role === 'master')
    verdicts.push(block('master-as-sub', t('decode.create.isMaster', { account: nameOf(sub) })));
  if (childStep && sub.account && !master.account)
    verdicts.push(
      block(
        'foreign-master',
        t('decode.create.foreignMaster', { account: nameOf(sub), master: nameOf(master) }),
      ),
    );
  if (!childStep && !sub.account)
    verdicts.push(warn('sub-key-not-in-vault', t('decode.create.keyNotInVault')));
  const words = { name, master: nameOf(master) };
  const title =
    kind === 'create-sub-account'
      ? childStep
        ? t('decode.create.createChildStep', words)
        : t('decode.create.create', words)
      : childStep
        ? t('decode.create.bindChildStep', words)
        : t('decode.create.bind', words);
  return {
    kind,
    title,
    parties: [master, sub],
    verdict: combineVerdicts(...verdicts),
  };
}
