/**
 * What the page asks wallets to sign, written from aster-protocol.md §1 and §7 (the simulator and its page
 * stay independent of lib/aster, so a format mistake there cannot be mirrored here).
 */

export const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000';

export const loginText = (nonce: string): string => `You are signing into Astherus ${nonce}`;

/** EIP-712 `Message{string msg}`: sub-account create/update and transfers (chain 1666 mainnet, 714 testnet). */
export function asterMessageTypedData(msg: string, chainId: number) {
  return {
    domain: { name: 'AsterSignTransaction', version: '1', chainId, verifyingContract: ZERO_ADDRESS },
    types: { Message: [{ name: 'msg', type: 'string' }] },
    primaryType: 'Message',
    message: { msg },
  } as const;
}

export interface Withdrawal {
  /** Destination chain: 1 ETH, 56 BSC, 42161 Arbitrum, 101 Solana. */
  chainId: number;
  asset: string;
  amount: string;
  fee: string;
  receiver: string;
  /** Microseconds, single use. */
  userNonce: string;
}

export const WITHDRAWAL_CHAINS: ReadonlyArray<{ chainId: number; name: string; kind: 'evm' | 'solana' }> = [
  { chainId: 56, name: 'BSC', kind: 'evm' },
  { chainId: 1, name: 'ETH', kind: 'evm' },
  { chainId: 42161, name: 'Arbitrum', kind: 'evm' },
  { chainId: 101, name: 'Solana', kind: 'solana' },
];

/** The EVM withdrawal `Action` (two field names contain a space; the order is part of the type hash). */
export function withdrawActionTypedData(w: Withdrawal) {
  const chain = WITHDRAWAL_CHAINS.find((c) => c.chainId === w.chainId && c.kind === 'evm');
  if (!chain) throw new Error(`Chain ${w.chainId} is not an EVM withdrawal chain.`);
  return {
    domain: { name: 'Aster', version: '1', chainId: w.chainId, verifyingContract: ZERO_ADDRESS },
    types: {
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
    },
    primaryType: 'Action',
    message: {
      type: 'Withdraw',
      destination: w.receiver as `0x${string}`,
      'destination Chain': chain.name,
      token: w.asset,
      amount: w.amount,
      fee: w.fee,
      nonce: BigInt(w.userNonce),
      'aster chain': 'Mainnet',
    },
  } as const;
}

/** `1.20` → `1.2`, `3.0` → `3`: Aster strips trailing zeros of Amount and Fee in the Solana text. */
const stripZeros = (text: string): string =>
  text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;

/** The Solana withdrawal text (§1). */
export const solanaWithdrawalText = (w: Withdrawal): string =>
  `PrimaryType=Withdraw,AsterChain=Mainnet,Destination=${w.receiver},DestinationChain=Solana,` +
  `Token=${w.asset},Amount=${stripZeros(w.amount)},Fee=${stripZeros(w.fee)},Nonce=${w.userNonce}`;
