import { isDecimal } from '../decimal';
import { block, combineVerdicts, type Verdict } from '../rules';
import { nameOf, party } from './common';
import type { BodyFields, BodySummary, DecodeContext } from './types';

/** Perp ↔ spot inside one account. */
export function walletTransferSummary(fields: BodyFields, context: DecodeContext): BodySummary {
  const kindType = fields.get('kindType') ?? '';
  const asset = fields.get('asset') ?? '';
  const amount = fields.get('amount') ?? '';
  const user = fields.get('user');
  const parties = user ? [party('account', user, context)] : [];
  const verdicts: Verdict[] = [];
  const wallets =
    kindType === 'FUTURE_SPOT' ? ['perp', 'spot'] : kindType === 'SPOT_FUTURE' ? ['spot', 'perp'] : undefined;
  if (!wallets) verdicts.push(block(`"${kindType.slice(0, 20)}" is not a perp ↔ spot transfer.`));
  if (!isDecimal(amount)) verdicts.push(block('The amount is not a number.'));
  if ((fields.get('clientTranId') ?? '').length >= 64)
    verdicts.push(block('The transfer id is 64 characters or more: Aster refuses it.'));
  const where = parties[0] ? ` in ${nameOf(parties[0])}` : '';
  return {
    kind: 'perp-spot-transfer',
    title: `Move ${amount} ${asset} from ${wallets?.[0] ?? '?'} to ${wallets?.[1] ?? '?'}${where}`,
    parties,
    asset,
    amount,
    verdict: combineVerdicts(...verdicts),
  };
}
