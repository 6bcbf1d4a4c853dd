import { t } from '@/lib/i18n';
import { isDecimal } from '../decimal';
import { block, checkOrder, combineVerdicts, OK, warn, type Verdict } from '../rules';
import { nameOf, party } from './common';
import type { BodyFields, BodySummary, DecodeContext } from './types';

/** One futures order. */
export function orderSummary(fields: BodyFields, context: DecodeContext): BodySummary {
  const user = fields.get('user');
  const account = user ? party('account', user, context) : undefined;
  const rawSide = fields.get('side');
  const side = rawSide === 'SELL' ? 'SELL' : 'BUY';
  const positionSide = fields.get('positionSide');
  const reduceOnly = /^(true|True)$/.test(fields.get('reduceOnly') ?? '');
  const closePosition = /^(true|True)$/.test(fields.get('closePosition') ?? '');
  const quantity = fields.get('quantity') ?? '';
  const symbol = fields.get('symbol') ?? '';
  const verdict = account?.account
    ? checkOrder({
        account: account.account,
        positionMode: positionSide === 'LONG' || positionSide === 'SHORT' ? 'hedge' : 'one-way',
        side,
        reduceOnly,
        closePosition,
        ...(positionSide === 'LONG' || positionSide === 'SHORT' || positionSide === 'BOTH'
          ? { positionSide }
          : {}),
      })
    : OK;
  const price = fields.get('price');
  const orderChecks: Verdict[] = [verdict];
  if (rawSide !== 'BUY' && rawSide !== 'SELL')
    orderChecks.push(
      block('unknown-side', t('decode.order.badSide', { side: (rawSide ?? '').slice(0, 12) })),
    );
  if ((quantity && !isDecimal(quantity)) || (price !== undefined && !isDecimal(price)))
    orderChecks.push(block('not-a-number', t('decode.order.notNumber')));
  // The order type stays as signed (MARKET, LIMIT…): it is Aster's own word.
  const type = fields.get('type') ?? t('decode.order.defaultType');
  const order = { quantity, symbol, type, price: price ?? '' };
  const what =
    side === 'BUY'
      ? price
        ? t('decode.order.buyAt', order)
        : t('decode.order.buy', order)
      : price
        ? t('decode.order.sellAt', order)
        : t('decode.order.sell', order);
  const reduced = reduceOnly ? t('decode.order.reduceOnly', { order: what }) : what;
  return {
    kind: 'order',
    title: account ? t('decode.order.forAccount', { order: reduced, account: nameOf(account) }) : reduced,
    parties: account ? [account] : [],
    ...(quantity ? { amount: quantity } : {}),
    verdict: combineVerdicts(...orderChecks),
  };
}

/** Several orders at once: their JSON is not read here, so at best a warning for a frozen account. */
export function batchOrdersSummary(fields: BodyFields, context: DecodeContext): BodySummary {
  const user = fields.get('user');
  const account = user ? party('account', user, context) : undefined;
  return {
    kind: 'order',
    title: account ? t('decode.order.batchFor', { account: nameOf(account) }) : t('decode.order.batch'),
    parties: account ? [account] : [],
    verdict:
      account?.account?.status === 'FROZEN'
        ? warn('frozen', t('decode.order.batchFrozen', { account: nameOf(account) }))
        : OK,
  };
}
