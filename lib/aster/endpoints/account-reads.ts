import { ENDPOINTS } from './paths';
import { asset, count, epochMs, oneOf } from './formats';
import { AGENT_TAIL, optional, REQUEST_CHAIN_IDS } from './common';
import type { SignedBodySpec } from './spec';

/** The income types Aster documents for `GET /fapi/v3/income`. */
const INCOME_TYPES = oneOf(
  'TRANSFER',
  'WELCOME_BONUS',
  'REALIZED_PNL',
  'FUNDING_FEE',
  'COMMISSION',
  'INSURANCE_CLEAR',
  'MARKET_MERCHANT_RETURN_REWARD',
);

/** The transaction types Aster documents for `GET /api/v3/transactionHistory`. */
const SPOT_TRANSACTION_TYPES = oneOf(
  'TRADE_TARGET',
  'TRADE_SOURCE',
  'TRANSFER_SPOT_TO_FUTURE',
  'TRANSFER_FUTURE_TO_SPOT',
  'TRANSFER_SPOT_TO_SPOT',
  'AIRDROP',
  'DIVIDEND',
  'TRANSFER_REFUND',
  'INTERNAL_TRANSFER',
  'TRANSFER',
  'SWAP',
  'COMMISSION_REBATE',
  'CASH_BACK',
  'STAKING_WITHDRAW',
  'STAKING_CLAIM',
  'STAKING_DELEGATE',
);

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

/**
 * The ledgers the companion reads to settle a transfer whose answer was lost (§10): the futures income ledger
 * (`incomeType=TRANSFER`) and the spot transaction history, both with an optional time range and page limit.
 * Income's optional `symbol` is left out on purpose: a body whose only business field is `symbol` is also all
 * that `DELETE /fapi/v3/allOpenOrders` (cancel every open order on the market), `DELETE /fapi/v3/mmp` and
 * `POST /fapi/v3/mmpReset` take, and agent signatures do not cover the path. The companion never sends it, so a
 * page's body carrying `symbol` with read fields fits nothing here and is refused.
 */
export const INCOME: SignedBodySpec = {
  ...read('income', ENDPOINTS.income),
  fields: [
    optional('incomeType', INCOME_TYPES),
    optional('startTime', epochMs),
    optional('endTime', epochMs),
    optional('limit', count),
    ...AGENT_TAIL,
  ],
};

export const SPOT_TRANSACTION_HISTORY: SignedBodySpec = {
  ...read('spotTransactionHistory', ENDPOINTS.spotTransactionHistory),
  fields: [
    optional('asset', asset),
    optional('type', SPOT_TRANSACTION_TYPES),
    optional('startTime', epochMs),
    optional('endTime', epochMs),
    optional('limit', count),
    ...AGENT_TAIL,
  ],
};

/** Deposits and withdrawals (settles a withdrawal whose answer was lost) and withdrawal limits: bare bodies. */
export const DEPOSIT_WITHDRAW_HISTORY = read('depositWithdrawHistory', ENDPOINTS.depositWithdrawHistory);
export const USER_WITHDRAW_INFO = read('userWithdrawInfo', ENDPOINTS.userWithdrawInfo);
