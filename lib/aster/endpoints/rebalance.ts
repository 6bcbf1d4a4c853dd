import { ENDPOINTS } from './paths';
import { AGENT_TAIL, REQUEST_CHAIN_IDS } from './common';
import type { SignedBodySpec } from './spec';

/**
 * Rebalance (the simulator's stand-in for Aster's UNCERTAIN `POST /fapi/v3/assetExchange`, §10): no business
 * parameters, so its body is the bare agent tail — the same as the account reads'. It converts assets, so the
 * bare body is read as this write, never as a harmless read.
 */
export const REBALANCE: SignedBodySpec = {
  id: 'rebalance',
  kind: 'rebalance',
  endpoints: [ENDPOINTS.rebalance],
  fields: AGENT_TAIL,
  fixedOrder: false,
  signedBy: 'agent',
  evmChainIds: REQUEST_CHAIN_IDS,
  solana: false,
  danger: 10,
};
