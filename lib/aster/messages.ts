import type { TypedData } from '@/lib/signers/types';
import { isDecimal, isPositiveDecimal, stripTrailingZeros } from './decimal';
import {
  BIND_SUB_ACCOUNT,
  BIND_SUB_ACCOUNT_CHILD,
  CREATE_SUB_ACCOUNT,
  CREATE_SUB_ACCOUNT_CHILD,
  ENDPOINTS,
  fitsExactly,
  REGISTER_AND_APPROVE_AGENT,
  SIGNED_BODIES,
  SUB_ACCOUNT_STATUSES,
  SUB_ACCOUNT_TRANSFER,
  TRANSFER_KIND_TYPES,
  UPDATE_SUB_ACCOUNT,
  USER_WITHDRAW,
  WALLET_TRANSFER,
  WALLET_TRANSFER_KIND_TYPES,
  type AsterEndpoint,
  type SignedBodySpec,
} from './endpoints';
import { booleanField, presentFields, signedQueryString, type QueryField } from './query';
import { DEFAULT_ASTER_SETTINGS, type AsterEncodingSettings } from './settings';
import {
  AGENT_APPROVAL_CHAIN_ID,
  SOLANA_WITHDRAWAL_CHAIN_ID,
  WITHDRAW_ACTION_TYPES,
  WITHDRAWAL_CHAINS,
  ZERO_ADDRESS,
} from './typed-data';

/**
 * Exact message builders, one per endpoint of aster-protocol.md. Each returns the fields in signing order and
 * the `msg` that is signed; the caller signs it (./sign.ts) and sends `formBody(fields, signature)`.
 * Builders refuse malformed input with AsterMessageError: a wrong body would only fail later, unsigned.
 */

export type Nonce = number | bigint | string;

export type TransferKindType = (typeof TRANSFER_KIND_TYPES)[number];
export { TRANSFER_KIND_TYPES };

export interface AsterRequest {
  endpoint: AsterEndpoint;
  /** Parameters in signing order (without `signature`). */
  fields: QueryField[];
  /** The exact string that is signed. */
  msg: string;
}

export class AsterMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AsterMessageError';
  }
}

function text(name: string, value: string | undefined): string {
  if (value === undefined || value === '') throw new AsterMessageError(`"${name}" is required.`);
  if (/[\r\n]/.test(value)) throw new AsterMessageError(`"${name}" may not contain a line break.`);
  return value;
}

function nonceText(name: string, nonce: Nonce): string {
  const value = String(nonce);
  if (!/^[1-9]\d{0,20}$/.test(value)) throw new AsterMessageError(`"${name}" must be a positive integer.`);
  return value;
}

function amountText(name: string, amount: string, allowZero = false): string {
  if (!isDecimal(amount) || amount.startsWith('-'))
    throw new AsterMessageError(`"${name}" must be a decimal number like 12.5.`);
  if (!allowZero && !isPositiveDecimal(amount)) throw new AsterMessageError(`"${name}" must be above zero.`);
  return amount;
}

/**
 * Every builder ends here: the body must be exactly its endpoint's description (./endpoints), fields and order,
 * so a builder can never produce a body the decoder would read as another endpoint.
 */
function request(
  spec: SignedBodySpec,
  fields: QueryField[],
  settings: AsterEncodingSettings,
  endpoint: AsterEndpoint = spec.endpoints[0]!,
): AsterRequest {
  const names = presentFields(fields).map(([name]) => name);
  if (!fitsExactly(spec, names) || new Set(names).size !== names.length)
    throw new AsterMessageError(`This body does not fit ${endpoint.path}: ${names.join(', ')}.`);
  return { endpoint, fields, msg: signedQueryString(fields, settings) };
}

// --- Sub-accounts (§4): fixed field order, signed by wallet keys ---

export interface CreateSubAccountParams {
  subAccountName: string;
  /** The new sub-account's address (its key signs `childSignature`). */
  subSourceAddr: string;
  nonce: Nonce;
  /** The master account. */
  user: string;
  /** The master's API wallet (agent) address. */
  signer: string;
}

function createSubAccountFields(p: CreateSubAccountParams): QueryField[] {
  return [
    ['subAccountName', text('subAccountName', p.subAccountName)],
    ['subSourceAddr', text('subSourceAddr', p.subSourceAddr)],
    ['nonce', nonceText('nonce', p.nonce)],
    ['user', text('user', p.user)],
    ['signer', text('signer', p.signer)],
  ];
}

/** Step 1 of createSubAccount: the body the NEW sub-account key signs (`childSignature`). */
export function createSubAccountChildMessage(
  p: CreateSubAccountParams,
  settings: AsterEncodingSettings = DEFAULT_ASTER_SETTINGS,
): AsterRequest {
  return request(CREATE_SUB_ACCOUNT_CHILD, createSubAccountFields(p), settings);
}

/** Step 2 of createSubAccount: the child body plus `childSignature`, signed by the master wallet key. */
export function createSubAccountMessage(
  p: CreateSubAccountParams,
  childSignature: string,
  settings: AsterEncodingSettings = DEFAULT_ASTER_SETTINGS,
): AsterRequest {
  return request(
    CREATE_SUB_ACCOUNT,
    [...createSubAccountFields(p), ['childSignature', text('childSignature', childSignature)]],
    settings,
  );
}

export interface BindSubAccountParams {
  childAddress: string;
  name: string;
  nonce: Nonce;
  user: string;
}

function bindFields(p: BindSubAccountParams): QueryField[] {
  return [
    ['childAddress', text('childAddress', p.childAddress)],
    ['name', text('name', p.name)],
    ['nonce', nonceText('nonce', p.nonce)],
    ['user', text('user', p.user)],
  ];
}

/** Step 1 of sub-accounts/bind: what the existing child key signs (no `signer`, §4). */
export function bindSubAccountChildMessage(
  p: BindSubAccountParams,
  settings: AsterEncodingSettings = DEFAULT_ASTER_SETTINGS,
): AsterRequest {
  return request(BIND_SUB_ACCOUNT_CHILD, bindFields(p), settings);
}

/** Step 2 of sub-accounts/bind: child body plus `childSignature`, signed by the master wallet key. */
export function bindSubAccountMessage(
  p: BindSubAccountParams,
  childSignature: string,
  settings: AsterEncodingSettings = DEFAULT_ASTER_SETTINGS,
): AsterRequest {
  return request(
    BIND_SUB_ACCOUNT,
    [...bindFields(p), ['childSignature', text('childSignature', childSignature)]],
    settings,
  );
}

export type SubAccountStatus = (typeof SUB_ACCOUNT_STATUSES)[number];

export interface UpdateSubAccountParams {
  subSourceAddr: string;
  nonce: Nonce;
  user: string;
  signer: string;
  /** Rename. */
  subAccountName?: string;
  /** Freeze (`FROZEN`) or unfreeze (`NORMAL`). */
  status?: SubAccountStatus;
}

/** updateSubAccount: rename and/or freeze/unfreeze; at least one of the two. Signed by the master wallet key. */
export function updateSubAccountMessage(
  p: UpdateSubAccountParams,
  settings: AsterEncodingSettings = DEFAULT_ASTER_SETTINGS,
): AsterRequest {
  if (p.subAccountName === undefined && p.status === undefined)
    throw new AsterMessageError('Say what to change: a new name, a status, or both.');
  if (p.status !== undefined && !SUB_ACCOUNT_STATUSES.includes(p.status))
    throw new AsterMessageError('"status" is NORMAL or FROZEN.');
  return request(
    UPDATE_SUB_ACCOUNT,
    [
      ['subSourceAddr', text('subSourceAddr', p.subSourceAddr)],
      ['nonce', nonceText('nonce', p.nonce)],
      ['user', text('user', p.user)],
      ['signer', text('signer', p.signer)],
      [
        'subAccountName',
        p.subAccountName === undefined ? undefined : text('subAccountName', p.subAccountName),
      ],
      ['status', p.status],
    ],
    settings,
  );
}

export interface AgentCallParams {
  nonce: Nonce;
  /** The account acted for; optional on agent-signed calls since 2026-04 (§2). */
  user?: string;
  /** The API wallet (agent) address that signs. */
  signer: string;
}

function tail(p: AgentCallParams): QueryField[] {
  return [
    ['nonce', nonceText('nonce', p.nonce)],
    ['user', p.user === undefined ? undefined : text('user', p.user)],
    ['signer', text('signer', p.signer)],
  ];
}

/** getSubAccountList: `nonce&user&signer`, always signed by the agent key, also for Solana masters. */
export function getSubAccountListMessage(
  p: AgentCallParams & { user: string },
  settings: AsterEncodingSettings = DEFAULT_ASTER_SETTINGS,
): AsterRequest {
  return request(specOf(ENDPOINTS.getSubAccountList)!, tail(p), settings);
}

export interface SubAccountTransferParams {
  toAccountAddress: string;
  asset: string;
  amount: string;
  kindType: TransferKindType;
  nonce: Nonce;
  /** Whose wallet key signs: master (master→sub, sub→sub via master) or a sub (sub→master, sub→sub). */
  user: string;
  /**
   * The API wallet (or `user` itself) named in the body; `null` leaves the field out of the request and so out
   * of the signed body (the network's profile says `transferSigner: 'omitted'`, PR #162, §10).
   */
  signer: string | null;
  /** Only when the master moves funds out of one of its subs (sub→sub via master). */
  fromAccountAddress?: string;
}

/** subAccountTransfer, every scenario of §4; `fromAccountAddress` comes last and only when given. */
export function subAccountTransferMessage(
  p: SubAccountTransferParams,
  settings: AsterEncodingSettings = DEFAULT_ASTER_SETTINGS,
): AsterRequest {
  if (!TRANSFER_KIND_TYPES.includes(p.kindType))
    throw new AsterMessageError(`"kindType" is one of ${TRANSFER_KIND_TYPES.join(', ')}.`);
  const from = p.fromAccountAddress;
  if (from !== undefined && from.toLowerCase() === p.toAccountAddress.toLowerCase())
    throw new AsterMessageError('Source and destination are the same account.');
  return request(
    SUB_ACCOUNT_TRANSFER,
    [
      ['toAccountAddress', text('toAccountAddress', p.toAccountAddress)],
      ['asset', text('asset', p.asset)],
      ['amount', amountText('amount', p.amount)],
      ['kindType', p.kindType],
      ['nonce', nonceText('nonce', p.nonce)],
      ['user', text('user', p.user)],
      ['signer', p.signer === null ? undefined : text('signer', p.signer)],
      ['fromAccountAddress', from === undefined ? undefined : text('fromAccountAddress', from)],
    ],
    settings,
  );
}

export type TransferScenario =
  'master-to-sub' | 'sub-to-master' | 'sub-to-sub-via-master' | 'sub-to-sub-by-source';

/**
 * Who is `user` (and so whose wallet key signs) and whether `fromAccountAddress` is sent, per scenario (§4).
 * `master` is the family's master address; `from`/`to` the accounts funds leave and reach.
 */
export function transferParties(
  scenario: TransferScenario,
  accounts: { master: string; from: string; to: string },
): { user: string; fromAccountAddress?: string } {
  switch (scenario) {
    case 'master-to-sub':
      return { user: accounts.master };
    case 'sub-to-master':
    case 'sub-to-sub-by-source':
      return { user: accounts.from };
    case 'sub-to-sub-via-master':
      return { user: accounts.master, fromAccountAddress: accounts.from };
  }
}

/** The description of the body an endpoint takes. */
function specOf(endpoint: AsterEndpoint): SignedBodySpec | undefined {
  return SIGNED_BODIES.find((s) =>
    s.endpoints.some((e) => e.path === endpoint.path && e.method === endpoint.method),
  );
}

export interface WalletTransferParams extends AgentCallParams {
  amount: string;
  asset: string;
  /** Unique per transfer, under 64 characters (§4; -4114/-4115 otherwise). */
  clientTranId: string;
  kindType: (typeof WALLET_TRANSFER_KIND_TYPES)[number];
}

export const CLIENT_TRAN_ID_MAX_LENGTH = 63;

/** Perp ↔ spot inside one account (`/fapi/v3/asset/wallet/transfer`), agent-signed. */
export function walletTransferMessage(
  p: WalletTransferParams,
  settings: AsterEncodingSettings = DEFAULT_ASTER_SETTINGS,
): AsterRequest {
  if (!(WALLET_TRANSFER_KIND_TYPES as readonly string[]).includes(p.kindType))
    throw new AsterMessageError('"kindType" is FUTURE_SPOT or SPOT_FUTURE for a perp ↔ spot transfer.');
  if (p.clientTranId.length > CLIENT_TRAN_ID_MAX_LENGTH || !/^[\w-]+$/.test(p.clientTranId))
    throw new AsterMessageError('"clientTranId" is 1–63 letters, digits, "_" or "-".');
  return request(
    WALLET_TRANSFER,
    [
      ['amount', amountText('amount', p.amount)],
      ['asset', text('asset', p.asset)],
      ['clientTranId', p.clientTranId],
      ['kindType', p.kindType],
      ...tail(p),
    ],
    settings,
  );
}

/** A fresh `clientTranId`: 32 hex characters, well under the 64-character limit. */
export function newClientTranId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join(
    '',
  );
}

export interface RegisterAgentParams {
  user: string;
  nonce: Nonce;
  agentName: string;
  /** Agents are always EVM keys, also for Solana accounts (§5). */
  agentAddress: string;
  /** Expiry, epoch milliseconds. */
  expired: number;
  /** The kind of the account's wallet key: picks `signatureChainId` 56 (EVM) or 101 (Solana). */
  accountKind: 'evm' | 'solana';
  canSpotTrade: boolean;
  canPerpTrade: boolean;
  canWithdraw: boolean;
  ipWhitelist?: readonly string[];
}

/** registerAndApproveAgent (§5), signed by the account's wallet key with `signatureChainId`. */
export function registerAndApproveAgentMessage(
  p: RegisterAgentParams,
  settings: AsterEncodingSettings = DEFAULT_ASTER_SETTINGS,
): AsterRequest {
  const ips = (p.ipWhitelist ?? []).map((ip) => ip.trim()).filter((ip) => ip !== '');
  if (p.canWithdraw && ips.length === 0)
    throw new AsterMessageError('An API wallet allowed to withdraw needs an IP whitelist.');
  if (!/^0x[0-9a-fA-F]{40}$/.test(p.agentAddress))
    throw new AsterMessageError('"agentAddress" must be an EVM address: API wallets are EVM keys.');
  if (!Number.isSafeInteger(p.expired) || p.expired <= 0)
    throw new AsterMessageError('"expired" must be a time in epoch milliseconds.');
  const ipWhitelist = ips.length > 0 ? ips.join(',') : settings.includeEmptyIpWhitelist ? '' : undefined;
  return request(
    REGISTER_AND_APPROVE_AGENT,
    [
      ['user', text('user', p.user)],
      ['nonce', nonceText('nonce', p.nonce)],
      ['agentName', text('agentName', p.agentName)],
      ['agentAddress', p.agentAddress],
      ['expired', String(p.expired)],
      ['signatureChainId', String(AGENT_APPROVAL_CHAIN_ID[p.accountKind])],
      ['canSpotTrade', booleanField(p.canSpotTrade, settings)],
      ['canPerpTrade', booleanField(p.canPerpTrade, settings)],
      ['canWithdraw', booleanField(p.canWithdraw, settings)],
      ['ipWhitelist', ipWhitelist],
    ],
    settings,
  );
}

export type AgentRequestParam = string | number | bigint | boolean | undefined;

/**
 * Any agent-signed V3 request (orders, account reads, …): business parameters in the given order, then
 * `nonce`, `user`, `signer` as the official examples do (§2). Empty values are left out.
 */
export function agentSignedMessage(
  endpoint: AsterEndpoint,
  params: Readonly<Record<string, AgentRequestParam>> | readonly QueryField[],
  call: AgentCallParams,
  settings: AsterEncodingSettings = DEFAULT_ASTER_SETTINGS,
): AsterRequest {
  const entries: QueryField[] = Array.isArray(params)
    ? [...(params as readonly QueryField[])]
    : Object.entries(params as Record<string, AgentRequestParam>).map(([name, value]) => [
        name,
        value === undefined
          ? undefined
          : typeof value === 'boolean'
            ? booleanField(value, settings)
            : String(value),
      ]);
  const reserved = new Set(['nonce', 'user', 'signer', 'signature']);
  for (const [name] of entries)
    if (reserved.has(name))
      throw new AsterMessageError(`"${name}" is added by the builder, not a parameter.`);
  const business = entries.map(([name, value]): QueryField => [name, value === '' ? undefined : value]);
  const fields = [...business, ...tail(call)];
  const spec = specOf(endpoint);
  // An endpoint without a description (none today) is built as asked; a described one must fit it exactly.
  return spec
    ? request(spec, fields, settings, endpoint)
    : { endpoint, fields, msg: signedQueryString(fields, settings) };
}

// --- Withdrawals (§6) ---

export interface EvmWithdrawalParams {
  /** Destination chain: 1 (ETH), 56 (BSC) or 42161 (Arbitrum); also the domain chainId. */
  chainId: number;
  /** The receiving address on that chain. */
  receiver: string;
  asset: string;
  amount: string;
  fee: string;
  /** Milliseconds × 1000 (§6); see NonceManager.nextUserNonce. */
  userNonce: Nonce;
  /** `aster chain` value: "Mainnet" (the documented one) unless the network's profile says otherwise. */
  asterChain?: AsterChainName;
}

/** The `aster chain` / `AsterChain` value of withdrawal signatures (profile `withdrawalAsterChain`). */
export type AsterChainName = 'Mainnet' | 'Testnet';

function asterChainText(value: AsterChainName | undefined): AsterChainName {
  if (value === undefined) return 'Mainnet';
  if (value !== 'Mainnet' && value !== 'Testnet')
    throw new AsterMessageError('"aster chain" is Mainnet or Testnet.');
  return value;
}

/** The EIP-712 `Action` the master wallet signs as `userSignature` of an EVM withdrawal (§1). */
export function evmWithdrawalTypedData(p: EvmWithdrawalParams): TypedData {
  const chainName = WITHDRAWAL_CHAINS[p.chainId];
  if (!chainName) throw new AsterMessageError('Withdrawals go to ETH (1), BSC (56) or Arbitrum (42161).');
  if (!/^0x[0-9a-fA-F]{40}$/.test(p.receiver))
    throw new AsterMessageError('"receiver" must be an EVM address.');
  return {
    domain: { name: 'Aster', version: '1', chainId: p.chainId, verifyingContract: ZERO_ADDRESS },
    types: { Action: WITHDRAW_ACTION_TYPES.Action.map((field) => ({ ...field })) },
    primaryType: 'Action',
    message: {
      type: 'Withdraw',
      destination: p.receiver,
      'destination Chain': chainName,
      token: text('asset', p.asset),
      amount: amountText('amount', p.amount),
      fee: amountText('fee', p.fee, true),
      nonce: BigInt(nonceText('userNonce', p.userNonce)),
      'aster chain': asterChainText(p.asterChain),
    },
  };
}

export interface SolanaWithdrawalParams {
  receiver: string;
  asset: string;
  amount: string;
  fee: string;
  userNonce: Nonce;
  /** `AsterChain` value; "Mainnet" unless the network's profile says otherwise. */
  asterChain?: AsterChainName;
}

/** The text a Solana master signs for a withdrawal (§1); Amount and Fee lose their trailing zeros. */
export function solanaWithdrawalText(p: SolanaWithdrawalParams): string {
  const amount = stripTrailingZeros(amountText('amount', p.amount));
  const fee = stripTrailingZeros(amountText('fee', p.fee, true));
  for (const [name, value] of [
    ['receiver', p.receiver],
    ['asset', p.asset],
  ] as const)
    if (/[,=]/.test(text(name, value))) throw new AsterMessageError(`"${name}" may not contain "," or "=".`);
  return (
    `PrimaryType=Withdraw,AsterChain=${asterChainText(p.asterChain)},Destination=${p.receiver},DestinationChain=Solana,` +
    `Token=${p.asset},Amount=${amount},Fee=${fee},Nonce=${nonceText('userNonce', p.userNonce)}`
  );
}

export interface WithdrawRequestParams extends AgentCallParams {
  chainId: number;
  asset: string;
  amount: string;
  fee: string;
  receiver: string;
  userNonce: Nonce;
  userSignature: string;
}

/**
 * The agent-signed withdrawal request carrying the wallet's `userSignature` (EVM, or Solana with chainId 101).
 * EVM withdrawals name their signature `signatureType=EOA` (§10: the V3 field, `EOA` or `SafeWallet`; the
 * companion signs with plain keys only). It is a request parameter, so it is in the agent-signed `msg` too.
 */
export function withdrawRequestMessage(
  p: WithdrawRequestParams,
  options: { wallet?: 'futures' | 'spot' } = {},
  settings: AsterEncodingSettings = DEFAULT_ASTER_SETTINGS,
): AsterRequest {
  const endpoint =
    p.chainId === SOLANA_WITHDRAWAL_CHAIN_ID
      ? ENDPOINTS.solanaWithdraw
      : options.wallet === 'spot'
        ? ENDPOINTS.spotUserWithdraw
        : ENDPOINTS.userWithdraw;
  return request(
    USER_WITHDRAW,
    [
      ['chainId', String(p.chainId)],
      ['asset', text('asset', p.asset)],
      ['amount', amountText('amount', p.amount)],
      ['fee', amountText('fee', p.fee, true)],
      ['receiver', text('receiver', p.receiver)],
      ['userNonce', nonceText('userNonce', p.userNonce)],
      ['userSignature', text('userSignature', p.userSignature)],
      ...(p.chainId === SOLANA_WITHDRAWAL_CHAIN_ID ? [] : ([['signatureType', 'EOA']] as const)),
      ...tail(p),
    ],
    settings,
    endpoint,
  );
}

// --- Login (§7) ---

export const LOGIN_TEXT_PATTERN = /^You are signing into Astherus (\d{1,40})$/;

/** The exact text a wallet signs to log into Aster's web app. */
export function loginText(nonce: string | number): string {
  const value = String(nonce);
  if (!/^\d{1,40}$/.test(value)) throw new AsterMessageError('The login nonce is digits only.');
  return `You are signing into Astherus ${value}`;
}
