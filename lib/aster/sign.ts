import type { EvmSigner, Signer, SolanaSigner } from '@/lib/signers/types';
import type { AsterEndpoint } from './endpoints';
import {
  agentSignedMessage,
  AsterMessageError,
  createSubAccountChildMessage,
  createSubAccountMessage,
  evmWithdrawalTypedData,
  loginText,
  registerAndApproveAgentMessage,
  solanaWithdrawalText,
  subAccountTransferMessage,
  updateSubAccountMessage,
  withdrawRequestMessage,
  bindSubAccountChildMessage,
  bindSubAccountMessage,
  type AgentCallParams,
  type AgentRequestParam,
  type AsterRequest,
  type BindSubAccountParams,
  type CreateSubAccountParams,
  type EvmWithdrawalParams,
  type RegisterAgentParams,
  type SolanaWithdrawalParams,
  type SubAccountTransferParams,
  type UpdateSubAccountParams,
} from './messages';
import { formBody, type QueryField } from './query';
import { DEFAULT_ASTER_SETTINGS, type AsterEncodingSettings } from './settings';
import { signingDomains, type AsterSigningDomains } from './profile';
import {
  AGENT_APPROVAL_CHAIN_ID,
  asterMessageTypedData,
  SOLANA_WITHDRAWAL_CHAIN_ID,
  type AsterNetwork,
} from './typed-data';

/** A network's default chain ids, or the ones of its protocol profile (aster-protocol.md §10). */
export type SigningFor = AsterNetwork | AsterSigningDomains;

/**
 * Signing through the `Signer` interface the caller passes in: this module never sees a key. Every function
 * returns what goes on the wire; the nonce is the caller's (NonceManager), so retries cannot reuse one.
 */

export interface SignedAsterRequest extends AsterRequest {
  signature: string;
  /** Form-encoded body (POST) or query string (GET), `signature` last. */
  body: string;
}

function signed(request: AsterRequest, signature: string): SignedAsterRequest {
  return { ...request, signature, body: formBody(request.fields, signature) };
}

/**
 * A wallet key's signature over `msg` (§1): EVM `Message{msg}` on the chain id of the signature family —
 * `agentRequest` unless `chainId` says otherwise —, Solana Ed25519 over the UTF-8 bytes, Base58.
 */
export function signAsterMessage(
  signer: Signer,
  msg: string,
  network: SigningFor,
  chainId = signingDomains(network).agentRequest,
): Promise<string> {
  if (signer.kind === 'evm') return signer.signTypedData(asterMessageTypedData(msg, chainId));
  return signer.signMessage(msg);
}

function requireEvm(signer: Signer, role: string): EvmSigner {
  if (signer.kind !== 'evm') throw new AsterMessageError(`${role} must be an EVM key.`);
  return signer;
}

function requireAddress(signer: Signer, address: string, role: string): void {
  const same =
    signer.kind === 'evm'
      ? signer.address.toLowerCase() === address.toLowerCase()
      : signer.address === address;
  if (!same) throw new AsterMessageError(`${role} must be signed by ${address}, not by ${signer.address}.`);
}

/** Any agent-signed request: `agent` must be the address in `signer` (agents are EVM keys, §5). */
export async function signAgentRequest(
  agent: Signer,
  request: AsterRequest,
  network: SigningFor,
): Promise<SignedAsterRequest> {
  const evm = requireEvm(agent, 'An API wallet');
  const signerField = request.fields.find(([name]) => name === 'signer')?.[1];
  if (signerField !== undefined) requireAddress(evm, signerField, 'This request');
  return signed(request, await signAsterMessage(evm, request.msg, network));
}

/** Convenience: build and sign a generic agent request in one call. */
export function signedAgentRequest(
  agent: Signer,
  endpoint: AsterEndpoint,
  params: Readonly<Record<string, AgentRequestParam>> | readonly QueryField[],
  call: Omit<AgentCallParams, 'signer'>,
  network: SigningFor,
  settings: AsterEncodingSettings = DEFAULT_ASTER_SETTINGS,
): Promise<SignedAsterRequest> {
  return signAgentRequest(
    agent,
    agentSignedMessage(endpoint, params, { ...call, signer: agent.address }, settings),
    network,
  );
}

/** createSubAccount: the new sub key signs the child body, then the master wallet key signs the full body. */
export async function signedCreateSubAccount(
  keys: { master: Signer; child: Signer },
  params: Omit<CreateSubAccountParams, 'user' | 'subSourceAddr'>,
  network: SigningFor,
  settings: AsterEncodingSettings = DEFAULT_ASTER_SETTINGS,
): Promise<SignedAsterRequest> {
  if (keys.master.kind !== keys.child.kind)
    throw new AsterMessageError('A sub-account is the same kind (EVM or Solana) as its master.');
  const full = { ...params, user: keys.master.address, subSourceAddr: keys.child.address };
  const childSignature = await signAsterMessage(
    keys.child,
    createSubAccountChildMessage(full, settings).msg,
    network,
    signingDomains(network).subAccount,
  );
  const request = createSubAccountMessage(full, childSignature, settings);
  return signed(
    request,
    await signAsterMessage(keys.master, request.msg, network, signingDomains(network).subAccount),
  );
}

/** sub-accounts/bind: the child key signs first, then the master's. */
export async function signedBindSubAccount(
  keys: { master: Signer; child: Signer },
  params: Omit<BindSubAccountParams, 'user' | 'childAddress'>,
  network: SigningFor,
  settings: AsterEncodingSettings = DEFAULT_ASTER_SETTINGS,
): Promise<SignedAsterRequest> {
  const full = { ...params, user: keys.master.address, childAddress: keys.child.address };
  const childSignature = await signAsterMessage(
    keys.child,
    bindSubAccountChildMessage(full, settings).msg,
    network,
    signingDomains(network).subAccount,
  );
  const request = bindSubAccountMessage(full, childSignature, settings);
  return signed(
    request,
    await signAsterMessage(keys.master, request.msg, network, signingDomains(network).subAccount),
  );
}

/** updateSubAccount (rename, freeze, unfreeze), signed by the master wallet key. */
export async function signedUpdateSubAccount(
  master: Signer,
  params: Omit<UpdateSubAccountParams, 'user'>,
  network: SigningFor,
  settings: AsterEncodingSettings = DEFAULT_ASTER_SETTINGS,
): Promise<SignedAsterRequest> {
  const request = updateSubAccountMessage({ ...params, user: master.address }, settings);
  return signed(
    request,
    await signAsterMessage(master, request.msg, network, signingDomains(network).subAccount),
  );
}

/** subAccountTransfer signed by the wallet key of `user` (see `transferParties` for who that is). */
export async function signedSubAccountTransfer(
  wallet: Signer,
  params: Omit<SubAccountTransferParams, 'user'>,
  network: SigningFor,
  settings: AsterEncodingSettings = DEFAULT_ASTER_SETTINGS,
): Promise<SignedAsterRequest> {
  const request = subAccountTransferMessage({ ...params, user: wallet.address }, settings);
  return signed(
    request,
    await signAsterMessage(wallet, request.msg, network, signingDomains(network).subAccount),
  );
}

/** registerAndApproveAgent: the account's wallet key signs with `signatureChainId` 56 (EVM) or Ed25519 (Solana). */
export async function signedRegisterAndApproveAgent(
  wallet: Signer,
  params: Omit<RegisterAgentParams, 'user' | 'accountKind'>,
  network: SigningFor,
  settings: AsterEncodingSettings = DEFAULT_ASTER_SETTINGS,
): Promise<SignedAsterRequest> {
  const request = registerAndApproveAgentMessage(
    { ...params, user: wallet.address, accountKind: wallet.kind },
    settings,
  );
  return signed(
    request,
    await signAsterMessage(
      wallet,
      request.msg,
      network,
      wallet.kind === 'evm' ? signingDomains(network).agentApproval : AGENT_APPROVAL_CHAIN_ID.solana,
    ),
  );
}

/** An EVM withdrawal: the master wallet signs the `Action`, its API wallet signs the request. */
export async function signedEvmWithdrawal(
  keys: { wallet: Signer; agent: Signer },
  params: EvmWithdrawalParams & { nonce: AgentCallParams['nonce']; wallet?: 'futures' | 'spot' },
  network: SigningFor,
  settings: AsterEncodingSettings = DEFAULT_ASTER_SETTINGS,
): Promise<SignedAsterRequest> {
  const wallet = requireEvm(keys.wallet, 'An EVM withdrawal');
  const userSignature = await wallet.signTypedData(evmWithdrawalTypedData(params));
  const request = withdrawRequestMessage(
    { ...params, userSignature, user: wallet.address, signer: keys.agent.address },
    { wallet: params.wallet ?? 'futures' },
    settings,
  );
  return signAgentRequest(keys.agent, request, network);
}

/** A Solana withdrawal: the Solana master signs the withdrawal text (Base58), its API wallet the request. */
export async function signedSolanaWithdrawal(
  keys: { wallet: Signer; agent: Signer },
  params: SolanaWithdrawalParams & { nonce: AgentCallParams['nonce'] },
  network: SigningFor,
  settings: AsterEncodingSettings = DEFAULT_ASTER_SETTINGS,
): Promise<SignedAsterRequest> {
  if (keys.wallet.kind !== 'solana') throw new AsterMessageError('A Solana withdrawal needs the Solana key.');
  const wallet: SolanaSigner = keys.wallet;
  const userSignature = await wallet.signMessage(solanaWithdrawalText(params));
  const request = withdrawRequestMessage(
    {
      ...params,
      chainId: SOLANA_WITHDRAWAL_CHAIN_ID,
      userSignature,
      user: wallet.address,
      signer: keys.agent.address,
    },
    {},
    settings,
  );
  return signAgentRequest(keys.agent, request, network);
}

/** The login signature (§7): EVM personal_sign, Solana signMessage + Base58. */
export function signLogin(signer: Signer, nonce: string | number): Promise<string> {
  return signer.signMessage(loginText(nonce));
}
