import { SOLANA_WITHDRAWAL_CHAIN_ID, WITHDRAWAL_CHAINS } from '../typed-data';
import { ENDPOINTS } from './paths';
import { accountAddress, asset, decimal, nonce, oneOf, signature } from './formats';
import { AGENT_TAIL, optional, REQUEST_CHAIN_IDS, required } from './common';
import type { SignedBodySpec } from './spec';

export const WITHDRAW_CHAIN_IDS = [
  ...Object.keys(WITHDRAWAL_CHAINS),
  String(SOLANA_WITHDRAWAL_CHAIN_ID),
] as readonly string[];

/**
 * The agent-signed withdrawal request (§6) carrying the wallet's `userSignature`: futures or spot EVM
 * withdrawal, or the Solana one (`chainId=101`). The three paths take the same body and do the same thing.
 * EVM withdrawals add `signatureType=EOA` (§10: `EOA` or `SafeWallet`; only plain keys sign here), inside the
 * agent-signed `msg` like every parameter.
 */
export const USER_WITHDRAW: SignedBodySpec = {
  id: 'userWithdraw',
  kind: 'withdrawal',
  endpoints: [ENDPOINTS.userWithdraw, ENDPOINTS.spotUserWithdraw, ENDPOINTS.solanaWithdraw],
  fields: [
    required('chainId', oneOf(...WITHDRAW_CHAIN_IDS)),
    required('asset', asset),
    required('amount', decimal),
    required('fee', decimal),
    required('receiver', accountAddress),
    required('userNonce', nonce),
    required('userSignature', signature),
    optional('signatureType', oneOf('EOA')),
    ...AGENT_TAIL,
  ],
  fixedOrder: false,
  signedBy: 'agent',
  evmChainIds: REQUEST_CHAIN_IDS,
  solana: false,
  danger: 90,
};
