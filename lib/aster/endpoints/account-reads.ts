import { ENDPOINTS } from './paths';
import { count, epochMs } from './formats';
import { AGENT_TAIL, optional, REQUEST_CHAIN_IDS } from './common';
import type { SignedBodySpec } from './spec';

const read = (id: string, endpoint: (typeof ENDPOINTS)[keyof typeof ENDPOINTS]): SignedBodySpec => ({
  id,
  kind: 'list',
  endpoints: [endpoint],
  fields: AGENT_TAIL,
  fixedOrder: false,
  signedBy: 'agent',
  evmChainIds: REQUEST_CHAIN_IDS,
  solana: false,
  readOnly: true,
  danger: 0,
});

/** getSubAccountList (§4): `nonce&user&signer`, always the agent key, also for Solana masters. */
export const GET_SUB_ACCOUNT_LIST = read('getSubAccountList', ENDPOINTS.getSubAccountList);
/** Balances and account data (§10): the same bare body. */
export const FUTURES_ACCOUNT = read('futuresAccount', ENDPOINTS.futuresAccount);
export const FUTURES_BALANCE = read('futuresBalance', ENDPOINTS.futuresBalance);
export const SPOT_ACCOUNT = read('spotAccount', ENDPOINTS.spotAccount);

/** The transfer history the companion reads to settle a transfer whose answer was lost. */
export const TRANSFER_HISTORY: SignedBodySpec = {
  ...read('transferHistory', ENDPOINTS.transferHistory),
  fields: [
    optional('startTime', epochMs),
    optional('endTime', epochMs),
    optional('limit', count),
    ...AGENT_TAIL,
  ],
};
