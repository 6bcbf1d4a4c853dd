import { t } from '@/lib/i18n';
import { isDecimal } from '../decimal';
import { block, combineVerdicts, type Verdict } from '../rules';
import { nameOf, party } from './common';
import { walletWord } from './sub-account-transfer';
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
    kindType === 'FUTURE_SPOT'
      ? (['perp', 'spot'] as const)
      : kindType === 'SPOT_FUTURE'
        ? (['spot', 'perp'] as const)
        : undefined;
  if (!wallets)
    verdicts.push(
      block('unknown-transfer-type', t('decode.walletTransfer.unknownType', { type: kindType.slice(0, 20) })),
    );
  if (!isDecimal(amount)) verdicts.push(block('not-a-number', t('decode.transfer.amountNotNumber')));
  if ((fields.get('clientTranId') ?? '').length >= 64)
    verdicts.push(block('transfer-id-too-long', t('decode.walletTransfer.idTooLong')));
  const moved = {
    amount,
    asset,
    from: wallets ? walletWord(wallets[0]) : '?',
    to: wallets ? walletWord(wallets[1]) : '?',
  };
  return {
    kind: 'perp-spot-transfer',
    title: parties[0]
      ? t('decode.walletTransfer.titleIn', { ...moved, account: nameOf(parties[0]) })
      : t('decode.walletTransfer.title', moved),
    parties,
    asset,
    amount,
    verdict: combineVerdicts(...verdicts),
  };
}
