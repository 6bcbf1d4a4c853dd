import { ENDPOINTS } from './paths';
import { jsonArray } from './formats';
import { AGENT_TAIL, REQUEST_CHAIN_IDS, required } from './common';
import type { SignedBodySpec } from './spec';

/** Several futures orders at once (`POST /fapi/v3/batchOrders`), agent-signed; the list is JSON. */
export const BATCH_ORDERS: SignedBodySpec = {
  id: 'batchOrders',
  kind: 'order',
  endpoints: [ENDPOINTS.batchOrders],
  fields: [required('batchOrders', jsonArray), ...AGENT_TAIL],
  fixedOrder: false,
  signedBy: 'agent',
  evmChainIds: REQUEST_CHAIN_IDS,
  solana: false,
  danger: 20,
};
