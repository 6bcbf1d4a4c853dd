import { WITHDRAW_ACTION_TYPES, WITHDRAWAL_CHAINS, ZERO_ADDRESS } from '../typed-data';
import { REQUEST_CHAIN_IDS } from './common';
import { AGENT_APPROVAL_CHAIN_ID } from '../typed-data';

/**
 * The two EIP-712 shapes Aster uses (§1), described exactly: domain keys and values, the EIP712Domain type
 * list when a wallet sends one, and the primary type. Anything else (a salt, an extra domain key, another
 * verifying contract, an extra type) is not Aster's and is refused.
 */
export interface TypedDataShape {
  readonly domainName: string;
  readonly version: '1';
  readonly chainIds: readonly number[];
  readonly primaryType: string;
  readonly types: readonly { readonly name: string; readonly type: string }[];
}

/** EIP712Domain as derived from `{name, version, chainId, verifyingContract}`, in the standard order. */
export const EIP712_DOMAIN_TYPES = [
  { name: 'name', type: 'string' },
  { name: 'version', type: 'string' },
  { name: 'chainId', type: 'uint256' },
  { name: 'verifyingContract', type: 'address' },
] as const;

export const DOMAIN_KEYS = ['name', 'version', 'chainId', 'verifyingContract'] as const;
export const VERIFYING_CONTRACT = ZERO_ADDRESS;

/** `Message{string msg}`: every signed V3 body (1666/714), and registerAndApproveAgent (56). */
export const ASTER_MESSAGE_SHAPE: TypedDataShape = {
  domainName: 'AsterSignTransaction',
  version: '1',
  chainIds: [...REQUEST_CHAIN_IDS, AGENT_APPROVAL_CHAIN_ID.evm],
  primaryType: 'Message',
  types: [{ name: 'msg', type: 'string' }],
};

/** The EVM withdrawal `Action` signed as `userSignature`; domain chain id = destination chain. */
export const WITHDRAW_ACTION_SHAPE: TypedDataShape = {
  domainName: 'Aster',
  version: '1',
  chainIds: Object.keys(WITHDRAWAL_CHAINS).map(Number),
  primaryType: 'Action',
  types: WITHDRAW_ACTION_TYPES.Action,
};
