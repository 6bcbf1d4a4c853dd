import { ENDPOINTS } from './paths';
import { accountAddress, name, nonce, oneOf } from './formats';
import { optional, REQUEST_CHAIN_IDS, required } from './common';
import type { SignedBodySpec } from './spec';

export const SUB_ACCOUNT_STATUSES = ['NORMAL', 'FROZEN'] as const;

/** updateSubAccount (§4): rename and/or freeze/unfreeze, signed by the master wallet key. Fixed order. */
export const UPDATE_SUB_ACCOUNT: SignedBodySpec = {
  id: 'updateSubAccount',
  kind: 'update-sub-account',
  endpoints: [ENDPOINTS.updateSubAccount],
  fields: [
    required('subSourceAddr', accountAddress),
    required('nonce', nonce),
    required('user', accountAddress),
    required('signer', accountAddress),
    optional('subAccountName', name),
    optional('status', oneOf(...SUB_ACCOUNT_STATUSES)),
  ],
  fixedOrder: true,
  atLeastOneOf: ['subAccountName', 'status'],
  signedBy: 'wallet',
  evmChainIds: REQUEST_CHAIN_IDS,
  solana: true,
  danger: 45,
};
