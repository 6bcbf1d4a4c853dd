/** Aster's endpoints (aster-protocol.md §4–§7). Paths under `/api/` live on the spot host, the rest on futures. */
export interface AsterEndpoint {
  readonly method: 'GET' | 'POST';
  readonly path: string;
}

const endpoint = (method: AsterEndpoint['method'], path: string): AsterEndpoint => ({ method, path });

export const ENDPOINTS = {
  createSubAccount: endpoint('POST', '/fapi/v3/createSubAccount'),
  bindSubAccount: endpoint('POST', '/fapi/v3/sub-accounts/bind'),
  updateSubAccount: endpoint('POST', '/fapi/v3/updateSubAccount'),
  getSubAccountList: endpoint('GET', '/fapi/v3/getSubAccountList'),
  subAccountTransfer: endpoint('POST', '/fapi/v3/subAccountTransfer'),
  walletTransfer: endpoint('POST', '/fapi/v3/asset/wallet/transfer'),
  registerAndApproveAgent: endpoint('POST', '/fapi/v3/registerAndApproveAgent'),
  userWithdraw: endpoint('POST', '/fapi/v3/aster/user-withdraw'),
  spotUserWithdraw: endpoint('POST', '/api/v3/aster/user-withdraw'),
  solanaWithdraw: endpoint('POST', '/fapi/v3/aster/user-solana-withdraw'),
  estimateWithdrawFee: endpoint('GET', '/api/v3/aster/withdraw/estimateFee'),
  order: endpoint('POST', '/fapi/v3/order'),
  batchOrders: endpoint('POST', '/fapi/v3/batchOrders'),
  futuresBalance: endpoint('GET', '/fapi/v3/balance'),
  futuresAccount: endpoint('GET', '/fapi/v3/account'),
  spotAccount: endpoint('GET', '/api/v3/account'),
  loginNonce: endpoint('POST', '/bapi/futures/v1/public/future/web3/get-nonce'),
  login: endpoint('POST', '/bapi/futures/v1/public/future/web3/ae/login'),
  /**
   * Not in Aster's public documents: the simulator's transfer history and rebalance endpoints, used to settle a
   * transfer whose outcome is unknown and to clear negative balances. Confirm the real paths before mainnet use.
   */
  transferHistory: endpoint('GET', '/fapi/v3/transferHistory'),
  rebalance: endpoint('POST', '/fapi/v3/asset/rebalance'),
} as const satisfies Record<string, AsterEndpoint>;

export type AsterEndpointName = keyof typeof ENDPOINTS;
