/** Aster's endpoints (aster-protocol.md §4–§7, §10). Paths under `/api/` live on the spot host, the rest on futures. */
export interface AsterEndpoint {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly path: string;
}

/**
 * Where we know an endpoint from (§10): Aster's official API documents, a merged pull request of
 * `asterdex/api-docs` newer than the documents we read, a third-party report of the live API, or nowhere
 * public (the simulator's own stand-in).
 */
export type EndpointSource = 'official-doc' | 'pull-request' | 'third-party' | 'simulator-only';

export interface AsterEndpointInfo extends AsterEndpoint {
  readonly source: EndpointSource;
  /**
   * Whether its path and signing are confirmed by a public source we read. Unconfirmed ones run only behind a
   * setting, and the UI marks them "unconfirmed".
   */
  readonly confirmed: boolean;
}

const endpoint = (
  method: AsterEndpoint['method'],
  path: string,
  source: EndpointSource = 'official-doc',
  confirmed = source === 'official-doc' || source === 'pull-request',
): AsterEndpointInfo => ({ method, path, source, confirmed });

export const ENDPOINTS = {
  serverTime: endpoint('GET', '/fapi/v3/time'),
  createSubAccount: endpoint('POST', '/fapi/v3/createSubAccount'),
  bindSubAccount: endpoint('POST', '/fapi/v3/sub-accounts/bind'),
  updateSubAccount: endpoint('POST', '/fapi/v3/updateSubAccount'),
  getSubAccountList: endpoint('GET', '/fapi/v3/getSubAccountList'),
  subAccountTransfer: endpoint('POST', '/fapi/v3/subAccountTransfer'),
  walletTransfer: endpoint('POST', '/fapi/v3/asset/wallet/transfer'),
  registerAndApproveAgent: endpoint('POST', '/fapi/v3/registerAndApproveAgent'),
  /** The API wallets of an account, including ones made elsewhere (agent-signed). */
  agentList: endpoint('GET', '/fapi/v3/agent'),
  /** Revoke an API wallet: signed by the account's wallet with dynamic EIP-712 `DelAgent` types — UNCERTAIN. */
  agentDelete: endpoint('DELETE', '/fapi/v3/agent', 'third-party', false),
  userWithdraw: endpoint('POST', '/fapi/v3/aster/user-withdraw'),
  spotUserWithdraw: endpoint('POST', '/api/v3/aster/user-withdraw'),
  solanaWithdraw: endpoint('POST', '/fapi/v3/aster/user-solana-withdraw'),
  estimateWithdrawFee: endpoint('GET', '/api/v3/aster/withdraw/estimateFee'),
  /** Deposits and withdrawals of an account: settles a withdrawal whose answer was lost. */
  depositWithdrawHistory: endpoint('POST', '/fapi/v3/aster/deposit-withdraw-history'),
  userWithdrawInfo: endpoint('POST', '/fapi/v3/aster/user-withdraw-info'),
  order: endpoint('POST', '/fapi/v3/order'),
  batchOrders: endpoint('POST', '/fapi/v3/batchOrders'),
  futuresBalance: endpoint('GET', '/fapi/v3/balance'),
  /** Renamed from `/fapi/v3/account` in 2026-03; both are listed. */
  futuresAccount: endpoint('GET', '/fapi/v3/accountWithJoinMargin'),
  futuresAccountLegacy: endpoint('GET', '/fapi/v3/account'),
  spotAccount: endpoint('GET', '/api/v3/account'),
  /** The futures ledger; `incomeType=TRANSFER` settles a transfer whose answer was lost (7 days by default). */
  income: endpoint('GET', '/fapi/v3/income'),
  /** The spot ledger (types include INTERNAL_TRANSFER, TRANSFER, TRANSFER_SPOT_TO_FUTURE…). */
  spotTransactionHistory: endpoint('GET', '/api/v3/transactionHistory'),
  /** Fee tier: the closest thing to a VIP level Aster publishes (`feeTier` is also in the account answers). */
  commissionRate: endpoint('GET', '/fapi/v3/commissionRate'),
  spotCommissionRate: endpoint('GET', '/api/v3/commissionRate'),
  /** Rebalance: "converts Multi-Assets balances"; in a third-party inventory of newer docs only — UNCERTAIN. */
  assetExchange: endpoint('POST', '/fapi/v3/assetExchange', 'third-party', false),
  loginNonce: endpoint('POST', '/bapi/futures/v1/public/future/web3/get-nonce'),
  login: endpoint('POST', '/bapi/futures/v1/public/future/web3/ae/login'),
} as const satisfies Record<string, AsterEndpointInfo>;

export type AsterEndpointName = keyof typeof ENDPOINTS;
