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
    orderChecks.push(block(`"${(rawSide ?? '').slice(0, 12)}" is not a side (BUY or SELL).`));
  if ((quantity && !isDecimal(quantity)) || (price !== undefined && !isDecimal(price)))
    orderChecks.push(block('The quantity or the price is not a number.'));
  return {
    kind: 'order',
    title: `${side === 'BUY' ? 'Buy' : 'Sell'} ${quantity} ${symbol} (${fields.get('type') ?? 'order'}${price ? ` at ${price}` : ''})${reduceOnly ? ', reduce-only' : ''}${account ? ` for ${nameOf(account)}` : ''}`,
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
    title: `Place a batch of orders${account ? ` for ${nameOf(account)}` : ''}`,
    parties: account ? [account] : [],
    verdict:
      account?.account?.status === 'FROZEN'
        ? warn(`${nameOf(account)} is frozen: only reduce-only or closing orders are accepted.`)
        : OK,
  };
}
