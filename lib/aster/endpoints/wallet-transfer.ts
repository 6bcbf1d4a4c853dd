import { ENDPOINTS } from './paths';
import { asset, clientTranId, decimal, oneOf } from './formats';
import { AGENT_TAIL, REQUEST_CHAIN_IDS, required } from './common';
import type { SignedBodySpec } from './spec';

export const WALLET_TRANSFER_KIND_TYPES = ['FUTURE_SPOT', 'SPOT_FUTURE'] as const;

/** Perp ↔ spot inside one account (`/fapi/v3/asset/wallet/transfer`, §4), agent-signed: EIP-712 only. */
export const WALLET_TRANSFER: SignedBodySpec = {
  id: 'walletTransfer',
  kind: 'perp-spot-transfer',
  endpoints: [ENDPOINTS.walletTransfer],
  fields: [
    required('amount', decimal),
    required('asset', asset),
    required('clientTranId', clientTranId),
    required('kindType', oneOf(...WALLET_TRANSFER_KIND_TYPES)),
    ...AGENT_TAIL,
  ],
  fixedOrder: false,
  signedBy: 'agent',
  evmChainIds: REQUEST_CHAIN_IDS,
  solana: false,
  danger: 30,
};
