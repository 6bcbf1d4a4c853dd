import { ENDPOINTS } from './paths';
import { AGENT_TAIL, REQUEST_CHAIN_IDS } from './common';
import type { SignedBodySpec } from './spec';

/**
 * Rebalance: `POST /fapi/v3/assetExchange` ("converts Multi-Assets balances"; UNCERTAIN, §10, behind the
 * profile's `rebalance` setting). No business parameters, so its body is the bare agent tail — the same as the
 * account reads'. It converts assets, so the bare body is read as this write, never as a harmless read.
 */
export const ASSET_EXCHANGE: SignedBodySpec = {
  id: 'assetExchange',
  kind: 'rebalance',
  endpoints: [ENDPOINTS.assetExchange],
  fields: AGENT_TAIL,
  fixedOrder: false,
  signedBy: 'agent',
  evmChainIds: REQUEST_CHAIN_IDS,
  solana: false,
  danger: 10,
};
