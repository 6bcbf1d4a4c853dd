import { AGENT_APPROVAL_CHAIN_ID } from '../typed-data';
import { ENDPOINTS } from './paths';
import { accountAddress, bool, epochMs, evmAddress, ipList, name, nonce, oneOf } from './formats';
import { optional, required } from './common';
import type { SignedBodySpec } from './spec';

const EVM = String(AGENT_APPROVAL_CHAIN_ID.evm);
const SOLANA = String(AGENT_APPROVAL_CHAIN_ID.solana);

/**
 * registerAndApproveAgent (§5): the account's wallet key authorises an API wallet. EVM: `Message{msg}` with
 * domain chain id 56 and `signatureChainId=56`; Solana: Ed25519 text with `signatureChainId=101`. The most
 * dangerous body there is: with `canWithdraw` it hands over the right to withdraw.
 */
export const REGISTER_AND_APPROVE_AGENT: SignedBodySpec = {
  id: 'registerAndApproveAgent',
  kind: 'agent-approval',
  endpoints: [ENDPOINTS.registerAndApproveAgent],
  fields: [
    required('user', accountAddress),
    required('nonce', nonce),
    required('agentName', name),
    required('agentAddress', evmAddress),
    required('expired', epochMs),
    required('signatureChainId', oneOf(EVM, SOLANA)),
    required('canSpotTrade', bool),
    required('canPerpTrade', bool),
    required('canWithdraw', bool),
    optional('ipWhitelist', ipList),
  ],
  fixedOrder: false,
  signedBy: 'wallet',
  evmChainIds: [AGENT_APPROVAL_CHAIN_ID.evm],
  solana: true,
  signatureChainId: { evm: EVM, solana: SOLANA },
  danger: 100,
};
