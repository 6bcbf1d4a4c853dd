import { ENDPOINTS } from './paths';
import { accountAddress, asset, decimal, nonce, oneOf } from './formats';
import { optional, REQUEST_CHAIN_IDS, required } from './common';
import type { SignedBodySpec } from './spec';

/** Source wallet → destination wallet (§4). */
export const TRANSFER_KIND_TYPES = ['FUTURE_FUTURE', 'FUTURE_SPOT', 'SPOT_FUTURE', 'SPOT_SPOT'] as const;

/**
 * subAccountTransfer (§4), signed by the wallet key of `user` (or, since 2026-08, an approved agent's key).
 * Fixed order; `signer` may be left out on testnet (PR #162, §10); `fromAccountAddress` only sub → sub via master.
 */
export const SUB_ACCOUNT_TRANSFER: SignedBodySpec = {
  id: 'subAccountTransfer',
  kind: 'transfer',
  endpoints: [ENDPOINTS.subAccountTransfer],
  fields: [
    required('toAccountAddress', accountAddress),
    required('asset', asset),
    required('amount', decimal),
    required('kindType', oneOf(...TRANSFER_KIND_TYPES)),
    required('nonce', nonce),
    required('user', accountAddress),
    optional('signer', accountAddress),
    optional('fromAccountAddress', accountAddress),
  ],
  fixedOrder: true,
  signedBy: 'wallet',
  evmChainIds: REQUEST_CHAIN_IDS,
  solana: true,
  danger: 80,
};
