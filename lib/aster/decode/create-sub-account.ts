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
  if (master.account?.role === 'sub')
    verdicts.push(block('A sub-account cannot create sub-accounts: nesting is not supported.'));
  const childKind = /^0x[0-9a-fA-F]{40}$/.test(child) ? 'evm' : 'solana';
  const masterKind = master.account?.kind ?? (/^0x/.test(master.address) ? 'evm' : 'solana');
  if (childKind !== masterKind)
    verdicts.push(block('The sub-account must be the same kind (EVM or Solana) as its master.'));
  if (sub.account && sub.account.role === 'master')
    verdicts.push(block(`${nameOf(sub)} is a master account: it cannot become a sub-account.`));
  if (childStep && sub.account && !master.account)
    verdicts.push(
      block(
        `${nameOf(sub)} would join the family of ${nameOf(master)}, which is not in Aster Companion: that master could then move its funds.`,
      ),
    );
  if (!childStep && !sub.account)
    verdicts.push(
      warn(
        `The new sub-account's key is not in Aster Companion: whoever holds it (a key this page made) controls the sub-account and whatever you send there. Save its key here before sending it funds.`,
      ),
    );
  const verb = kind === 'create-sub-account' ? 'Create' : 'Bind';
  return {
    kind,
    title: `${verb} sub-account "${name}" under ${nameOf(master)}${childStep ? ' (approval by the new sub-account key)' : ''}`,
    parties: [master, sub],
    verdict: combineVerdicts(...verdicts),
  };
}
