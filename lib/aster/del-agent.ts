import type { Signer, TypedData } from '@/lib/signers/types';
import { ENDPOINTS } from './endpoints/paths';
import { AsterMessageError, type Nonce } from './messages';
import { ZERO_ADDRESS } from './typed-data';

/**
 * Revoking an API wallet: `DELETE /fapi/v3/agent`, signed by the ACCOUNT's EVM wallet with Aster's "dynamic"
 * EIP-712 types (aster-protocol.md §10). UNCERTAIN: known from a demo script only, not from an API document.
 *
 * Source: asterdex/api-docs `demo/aster-code.py` (commit 265e024). Its `delAgent` config has params
 * `{agentAddress}`; `send_by_url` appends `asterChain` ('Mainnet', or 'Testnet' beside chain_id 714), `user`
 * and `nonce` (an int), in that order; `sign_v3_eip712` upper-cases the first letter of every name, types each
 * value by its Python type (int → uint256, bool → bool, else string), and signs with primaryType `DelAgent` in the
 * domain {name "AsterSignTransaction", version "1", chainId 56, verifyingContract 0x0}. The request then sends
 * every field, `signature` and `signatureChainId=56` as the form body of the DELETE.
 *
 * For a Solana account the only public trace is `demo/sol_agent.py`: Ed25519 over the url-encoded
 * `agentAddress=…&nonce=…&user=…`, Base58, sent as a query. One demo, never checked against the server: not built.
 */

export type AsterChainName = 'Mainnet' | 'Testnet';

/** Field order is part of the type hash: the demo's insertion order. */
export const DEL_AGENT_TYPES = {
  DelAgent: [
    { name: 'AgentAddress', type: 'string' },
    { name: 'AsterChain', type: 'string' },
    { name: 'User', type: 'string' },
    { name: 'Nonce', type: 'uint256' },
  ],
} as const;

export interface DelAgentParams {
  /** The API wallet to revoke (an EVM address: API wallets are EVM keys). */
  agentAddress: string;
  /** The account's own EVM address (its wallet signs). */
  user: string;
  nonce: Nonce;
  asterChain: AsterChainName;
  /** Domain chain id and `signatureChainId` (56 in the demo; the profile's agent-approval chain id). */
  chainId: number;
}

const EVM_ADDRESS = /^0x[0-9a-fA-F]{40}$/;

function checked(p: DelAgentParams): { nonce: string } {
  if (!EVM_ADDRESS.test(p.agentAddress))
    throw new AsterMessageError('"agentAddress" must be an EVM address: API wallets are EVM keys.');
  if (!EVM_ADDRESS.test(p.user))
    throw new AsterMessageError(
      'Revoking an API wallet is signed by an EVM account: the format for Solana accounts is not known.',
    );
  const nonce = String(p.nonce);
  if (!/^[1-9]\d{0,20}$/.test(nonce)) throw new AsterMessageError('"nonce" must be a positive integer.');
  if (p.asterChain !== 'Mainnet' && p.asterChain !== 'Testnet')
    throw new AsterMessageError('"asterChain" is Mainnet or Testnet.');
  if (!Number.isSafeInteger(p.chainId) || p.chainId <= 0)
    throw new AsterMessageError('"chainId" must be a positive integer.');
  return { nonce };
}

/** The typed data the account's wallet signs. */
export function delAgentTypedData(p: DelAgentParams): TypedData {
  const { nonce } = checked(p);
  return {
    domain: {
      name: 'AsterSignTransaction',
      version: '1',
      chainId: p.chainId,
      verifyingContract: ZERO_ADDRESS,
    },
    types: { DelAgent: DEL_AGENT_TYPES.DelAgent.map((field) => ({ ...field })) },
    primaryType: 'DelAgent',
    message: { AgentAddress: p.agentAddress, AsterChain: p.asterChain, User: p.user, Nonce: BigInt(nonce) },
  };
}

/** The DELETE's form body, in the demo's order: the signed fields, `signature`, then `signatureChainId`. */
export function delAgentBody(p: DelAgentParams, signature: string): string {
  const { nonce } = checked(p);
  if (!/^0x[0-9a-fA-F]{130}$/.test(signature))
    throw new AsterMessageError('The signature must be 65 bytes of 0x hex.');
  const pairs: Array<[string, string]> = [
    ['agentAddress', p.agentAddress],
    ['asterChain', p.asterChain],
    ['user', p.user],
    ['nonce', nonce],
    ['signature', signature],
    ['signatureChainId', String(p.chainId)],
  ];
  return pairs.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
}

export interface SignedDelAgent {
  endpoint: typeof ENDPOINTS.agentDelete;
  body: string;
}

/** Signs the revocation with the account's wallet (`wallet.address` must be `user`). */
export async function signedDelAgent(
  wallet: Signer,
  p: Omit<DelAgentParams, 'user'>,
): Promise<SignedDelAgent> {
  if (wallet.kind !== 'evm')
    throw new AsterMessageError(
      'Revoking an API wallet is signed by an EVM account: the format for Solana accounts is not known.',
    );
  const full = { ...p, user: wallet.address };
  const signature = await wallet.signTypedData(delAgentTypedData(full));
  return { endpoint: ENDPOINTS.agentDelete, body: delAgentBody(full, signature) };
}
