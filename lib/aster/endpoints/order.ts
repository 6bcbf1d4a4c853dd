import { ENDPOINTS } from './paths';
import { bool, clientOrderId, decimal, epochMs, oneOf, symbol } from './formats';
import { AGENT_TAIL, optional, REQUEST_CHAIN_IDS, required } from './common';
import type { SignedBodySpec } from './spec';

export const ORDER_SIDES = ['BUY', 'SELL'] as const;
export const POSITION_SIDES = ['BOTH', 'LONG', 'SHORT'] as const;

/** A futures order (`POST /fapi/v3/order`), agent-signed. */
export const ORDER: SignedBodySpec = {
  id: 'order',
  kind: 'order',
  endpoints: [ENDPOINTS.order],
  fields: [
    required('symbol', symbol),
    required('side', oneOf(...ORDER_SIDES)),
    optional('positionSide', oneOf(...POSITION_SIDES)),
    required(
      'type',
      oneOf(
        'LIMIT',
        'MARKET',
        'STOP',
        'STOP_MARKET',
        'TAKE_PROFIT',
        'TAKE_PROFIT_MARKET',
        'TRAILING_STOP_MARKET',
      ),
    ),
    optional('timeInForce', oneOf('GTC', 'IOC', 'FOK', 'GTX', 'HIDDEN')),
    optional('quantity', decimal),
    optional('reduceOnly', bool),
    optional('price', decimal),
    optional('newClientOrderId', clientOrderId),
    optional('stopPrice', decimal),
    optional('closePosition', bool),
    optional('activationPrice', decimal),
    optional('callbackRate', decimal),
    optional('workingType', oneOf('MARK_PRICE', 'CONTRACT_PRICE')),
    optional('priceProtect', bool),
    optional('newOrderRespType', oneOf('ACK', 'RESULT')),
    optional('goodTillDate', epochMs),
    ...AGENT_TAIL,
  ],
  fixedOrder: false,
  signedBy: 'agent',
  evmChainIds: REQUEST_CHAIN_IDS,
  solana: false,
  danger: 20,
};
