import type { TypedData } from '@/lib/signers/types';

/** Networks the companion signs for. Chain ids 1666/714 are off-chain signing ids, not deposit chains (§1). */
export type AsterNetwork = 'mainnet' | 'testnet';

export const ASTER_SIGNING_CHAIN_ID: Readonly<Record<AsterNetwork, number>> = { mainnet: 1666, testnet: 714 };

/** `signatureChainId` of registerAndApproveAgent: 56 for EVM accounts, 101 for Solana ones (§5). */
export const AGENT_APPROVAL_CHAIN_ID = { evm: 56, solana: 101 } as const;

export const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000';

export const MESSAGE_TYPES = { Message: [{ name: 'msg', type: 'string' }] } as const;

/** Aster's `Message{string msg}` typed data (§1): what EVM wallets and agents sign for every V3 request. */
export function asterMessageTypedData(msg: string, chainId: number): TypedData {
  return {
    domain: { name: 'AsterSignTransaction', version: '1', chainId, verifyingContract: ZERO_ADDRESS },
    types: { Message: [...MESSAGE_TYPES.Message] },
    primaryType: 'Message',
    message: { msg },
  };
}

/** Deposit/withdrawal chains and the name the withdrawal `Action` gives each (§1, §9). */
export const WITHDRAWAL_CHAINS: Readonly<Record<number, 'ETH' | 'BSC' | 'Arbitrum'>> = {
  1: 'ETH',
  56: 'BSC',
  42161: 'Arbitrum',
};

export const SOLANA_WITHDRAWAL_CHAIN_ID = 101;

/** Field order is part of the type hash: exactly as Aster lists it, two names with a space (§1). */
export const WITHDRAW_ACTION_TYPES = {
  Action: [
    { name: 'type', type: 'string' },
    { name: 'destination', type: 'address' },
    { name: 'destination Chain', type: 'string' },
    { name: 'token', type: 'string' },
    { name: 'amount', type: 'string' },
    { name: 'fee', type: 'string' },
    { name: 'nonce', type: 'uint256' },
    { name: 'aster chain', type: 'string' },
  ],
} as const;
