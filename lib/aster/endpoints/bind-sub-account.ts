import { ENDPOINTS } from './paths';
import { accountAddress, name, nonce, signature } from './formats';
import { REQUEST_CHAIN_IDS, required } from './common';
import type { SignedBodySpec } from './spec';

const CHILD_FIELDS = [
  required('childAddress', accountAddress),
  required('name', name),
  required('nonce', nonce),
  required('user', accountAddress),
];

/** sub-accounts/bind step 1 (§4): the existing child key signs this; no `signer`. Fixed order. */
export const BIND_SUB_ACCOUNT_CHILD: SignedBodySpec = {
  id: 'bindSubAccountChild',
  kind: 'bind-sub-account',
  endpoints: [ENDPOINTS.bindSubAccount],
  fields: CHILD_FIELDS,
  fixedOrder: true,
  signedBy: 'wallet',
  evmChainIds: REQUEST_CHAIN_IDS,
  solana: true,
  danger: 50,
};

/** sub-accounts/bind step 2: child body plus `childSignature`, signed by the master wallet key. */
export const BIND_SUB_ACCOUNT: SignedBodySpec = {
  ...BIND_SUB_ACCOUNT_CHILD,
  id: 'bindSubAccount',
  fields: [...CHILD_FIELDS, required('childSignature', signature)],
  danger: 55,
};
