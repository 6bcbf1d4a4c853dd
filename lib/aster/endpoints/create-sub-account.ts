import { ENDPOINTS } from './paths';
import { accountAddress, name, nonce, signature } from './formats';
import { REQUEST_CHAIN_IDS, required } from './common';
import type { SignedBodySpec } from './spec';

const CHILD_FIELDS = [
  required('subAccountName', name),
  required('subSourceAddr', accountAddress),
  required('nonce', nonce),
  required('user', accountAddress),
  required('signer', accountAddress),
];

/** createSubAccount step 1 (§4): the NEW sub-account key signs this (`childSignature`). Fixed order. */
export const CREATE_SUB_ACCOUNT_CHILD: SignedBodySpec = {
  id: 'createSubAccountChild',
  kind: 'create-sub-account',
  endpoints: [ENDPOINTS.createSubAccount],
  fields: CHILD_FIELDS,
  fixedOrder: true,
  signedBy: 'wallet',
  evmChainIds: REQUEST_CHAIN_IDS,
  solana: true,
  danger: 50,
};

/** createSubAccount step 2: the child body plus `childSignature`, signed by the master wallet key. */
export const CREATE_SUB_ACCOUNT: SignedBodySpec = {
  ...CREATE_SUB_ACCOUNT_CHILD,
  id: 'createSubAccount',
  fields: [...CHILD_FIELDS, required('childSignature', signature)],
  danger: 55,
};
