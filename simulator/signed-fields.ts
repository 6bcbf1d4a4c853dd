/**
 * The simulator's own table of the fields each signed endpoint takes (aster-protocol.md §4–§6, §10), written
 * independently of lib/aster (a test forbids that import): a bug in the companion's descriptions cannot hide
 * behind the same bug here. `signature` is always allowed.
 *
 * Aster documents that it ignores parameters it does not expect, which lets one signature be replayed at any
 * endpoint whose fields it carries. The simulator is stricter, on purpose: a signed request whose fields are
 * not exactly its endpoint's (unknown or duplicated names) is refused with -1104, so a body signed for one
 * purpose and sent to another fails in our own tests.
 */

import type { SimVariant } from './variant';

interface SignedFields {
  readonly required: readonly string[];
  readonly optional: readonly string[];
}

const fields = (required: string[], optional: string[] = []): SignedFields => ({ required, optional });
const AGENT_TAIL_REQUIRED = ['nonce', 'signer'];
const AGENT_TAIL_OPTIONAL = ['user'];
const agentSigned = (required: string[], optional: string[] = []): SignedFields =>
  fields([...required, ...AGENT_TAIL_REQUIRED], [...optional, ...AGENT_TAIL_OPTIONAL]);
const WITHDRAW_FIELDS = ['chainId', 'asset', 'amount', 'fee', 'receiver', 'userNonce', 'userSignature'];
/** EVM withdrawals: `signatureType` (`EOA` default, or `SafeWallet`) is optional (§10). */
const WITHDRAW = agentSigned(WITHDRAW_FIELDS, ['signatureType']);
const SOLANA_WITHDRAW = agentSigned(WITHDRAW_FIELDS);

export const SIGNED_FIELDS: Readonly<Record<string, SignedFields>> = {
  'POST /fapi/v3/createSubAccount': fields([
    'subAccountName',
    'subSourceAddr',
    'nonce',
    'user',
    'signer',
    'childSignature',
  ]),
  'POST /fapi/v3/sub-accounts/bind': fields(['childAddress', 'name', 'nonce', 'user', 'childSignature']),
  'POST /fapi/v3/updateSubAccount': fields(
    ['subSourceAddr', 'nonce', 'user', 'signer'],
    ['subAccountName', 'status'],
  ),
  'GET /fapi/v3/getSubAccountList': agentSigned([]),
  // `signer` as the default variant wants it; `variant.transferSigner` moves it (TRANSFER_FIELDS below).
  'POST /fapi/v3/subAccountTransfer': fields(
    ['toAccountAddress', 'asset', 'amount', 'kindType', 'nonce', 'user', 'signer'],
    ['fromAccountAddress'],
  ),
  'POST /fapi/v3/asset/wallet/transfer': agentSigned(['amount', 'asset', 'clientTranId', 'kindType']),
  'POST /fapi/v3/registerAndApproveAgent': fields(
    ['user', 'nonce', 'agentName', 'agentAddress', 'expired', 'signatureChainId'],
    ['canSpotTrade', 'canPerpTrade', 'canWithdraw', 'ipWhitelist', 'agentCode'],
  ),
  // The demos (asterdex/api-docs demo/aster-code.py) also send `asterChain` on agent-signed calls.
  'GET /fapi/v3/agent': agentSigned([], ['asterChain']),
  'DELETE /fapi/v3/agent': fields(['agentAddress', 'asterChain', 'user', 'nonce', 'signatureChainId']),
  'POST /fapi/v3/aster/user-withdraw': WITHDRAW,
  'POST /api/v3/aster/user-withdraw': WITHDRAW,
  'POST /fapi/v3/aster/user-solana-withdraw': SOLANA_WITHDRAW,
  'POST /fapi/v3/assetExchange': agentSigned([]),
  'POST /fapi/v3/order': agentSigned(
    ['symbol', 'side', 'type'],
    [
      'positionSide',
      'timeInForce',
      'quantity',
      'reduceOnly',
      'price',
      'newClientOrderId',
      'stopPrice',
      'closePosition',
      'activationPrice',
      'callbackRate',
      'workingType',
      'priceProtect',
      'newOrderRespType',
      'goodTillDate',
    ],
  ),
  'GET /fapi/v3/account': agentSigned([]),
  'GET /fapi/v3/accountWithJoinMargin': agentSigned([]),
  'GET /fapi/v3/balance': agentSigned([]),
  'GET /api/v3/account': agentSigned([]),
  'GET /fapi/v3/commissionRate': agentSigned(['symbol']),
  'GET /api/v3/commissionRate': agentSigned(['symbol']),
  'GET /fapi/v3/income': agentSigned([], ['symbol', 'incomeType', 'startTime', 'endTime', 'limit']),
  'GET /api/v3/transactionHistory': agentSigned([], ['asset', 'type', 'startTime', 'endTime', 'limit']),
  'POST /fapi/v3/aster/deposit-withdraw-history': agentSigned([]),
  'POST /fapi/v3/aster/user-withdraw-info': agentSigned([]),
};

/**
 * subAccountTransfer per `variant.transferSigner` (§10, PR #162): `signer` required (a body without it is
 * -1102), refused (a body with it is -1104, a field the endpoint does not read) or optional.
 */
const TRANSFER_BUSINESS = ['toAccountAddress', 'asset', 'amount', 'kindType', 'nonce', 'user'];
const TRANSFER_FIELDS: Readonly<Record<SimVariant['transferSigner'], SignedFields>> = {
  required: fields([...TRANSFER_BUSINESS, 'signer'], ['fromAccountAddress']),
  refused: fields(TRANSFER_BUSINESS, ['fromAccountAddress']),
  optional: fields(TRANSFER_BUSINESS, ['signer', 'fromAccountAddress']),
};

/** The route's table under this variant of the server. */
export function signedFieldsOf(
  route: string,
  variant?: Pick<SimVariant, 'transferSigner'>,
): SignedFields | undefined {
  if (route === 'POST /fapi/v3/subAccountTransfer' && variant) return TRANSFER_FIELDS[variant.transferSigner];
  return SIGNED_FIELDS[route];
}

/** Why the parameters do not fit the route's table, or undefined when they do (or the route is not signed). */
export function signedFieldsProblem(
  route: string,
  params: URLSearchParams,
  variant?: Pick<SimVariant, 'transferSigner'>,
): { code: 'missing' | 'extra'; message: string } | undefined {
  const table = signedFieldsOf(route, variant);
  if (!table) return undefined;
  // Missing first (-1102, as each route would say), then anything the endpoint does not read (-1104).
  for (const name of [...table.required, 'signature'])
    if ((params.get(name) ?? '') === '')
      return {
        code: 'missing',
        message: `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`,
      };
  const allowed = new Set([...table.required, ...table.optional, 'signature']);
  const seen = new Set<string>();
  for (const [name] of params) {
    if (seen.has(name)) return { code: 'extra', message: `Parameter '${name}' was sent more than once.` };
    seen.add(name);
    if (!allowed.has(name))
      return { code: 'extra', message: `Parameter '${name}' is not read by this endpoint.` };
  }
  return undefined;
}
