import type { DecodeContext } from '@/lib/aster/decode';
import {
  evmWithdrawalTypedData,
  registerAndApproveAgentMessage,
  solanaWithdrawalText,
  subAccountTransferMessage,
  walletTransferMessage,
  withdrawRequestMessage,
} from '@/lib/aster/messages';
import type { AssetBalance, AsterAccount } from '@/lib/aster/rules';
import { asterMessageTypedData } from '@/lib/aster/typed-data';

/** The vault the decoder's tests read requests against: addresses, names and balances. */
export const MASTER = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
export const SUB_A = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
export const SUB_B = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
export const LOSS = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';
export const AGENT = '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65';
export const STRANGER = '0x000000000000000000000000000000000000dEaD';
export const SOL = 'FVen3X669xLzsi6N2V91DoiyzHzg1uAgqiT8jZ9nS96Z';
export const SOL_SUB = '586Z7H2vpX9qNhN2T4e9Utugie3ogjbxzGaMtM3E6HR5';
export const N = 1763770000000000;

export const ACCOUNTS: AsterAccount[] = [
  { address: MASTER, name: 'MainDesk', role: 'master', kind: 'evm' },
  { address: SUB_A, name: 'Grid01', role: 'sub', kind: 'evm', parent: MASTER, status: 'NORMAL' },
  { address: SUB_B, name: 'Hedge02', role: 'sub', kind: 'evm', parent: MASTER, status: 'FROZEN' },
  { address: LOSS, name: 'LossDesk', role: 'master', kind: 'evm' },
  { address: SOL, name: 'SolDesk', role: 'master', kind: 'solana' },
  { address: SOL_SUB, name: 'SolGrid1', role: 'sub', kind: 'solana', parent: SOL },
];
export const BALANCES: Record<string, AssetBalance[]> = {
  [MASTER]: [{ asset: 'USDT', balance: '1000' }],
  [SUB_A]: [{ asset: 'USDT', balance: '50' }],
  [LOSS]: [
    { asset: 'USDT', balance: '-42.5' },
    { asset: 'BNB', balance: '1' },
  ],
  [SOL]: [{ asset: 'USDT', balance: '2000' }],
};

export const decodeContext = (extra: Partial<DecodeContext> = {}): DecodeContext => ({
  lookup: (address) => ACCOUNTS.find((a) => a.address.toLowerCase() === address.toLowerCase()),
  balances: (address) => BALANCES[address],
  ...extra,
});
/** An Aster `Message{msg}` signing request as a page sends it. */
export const typed = (msg: string, chainId = 1666) => ({
  method: 'eth_signTypedData_v4' as const,
  typedData: asterMessageTypedData(msg, chainId),
});
export const utf8 = (text: string) => new TextEncoder().encode(text);

/*
 * The requests the decoder's tests read, with the fixture's usual values (MainDesk signing through AGENT at
 * nonce N); a test overrides only what it is about.
 */
type Overrides<F extends (p: never) => unknown> = Partial<Parameters<F>[0]>;

/** A sub-account transfer body: 10 USDT from MainDesk's perp to Grid01's spot. */
export const transferBody = (p: Overrides<typeof subAccountTransferMessage> = {}) =>
  subAccountTransferMessage({
    toAccountAddress: SUB_A,
    asset: 'USDT',
    amount: '10',
    kindType: 'FUTURE_SPOT',
    nonce: N,
    user: MASTER,
    signer: AGENT,
    ...p,
  }).msg;

/** A perp ↔ spot body: 5 USDT from MainDesk's spot to its perp. */
export const perpSpotBody = (p: Overrides<typeof walletTransferMessage> = {}) =>
  walletTransferMessage({
    amount: '5',
    asset: 'USDT',
    clientTranId: 'abc',
    kindType: 'SPOT_FUTURE',
    nonce: N,
    user: MASTER,
    signer: AGENT,
    ...p,
  }).msg;

/** A withdrawal request body: 1 USDT (fee 0.5) from MainDesk to itself on chain 56. */
export const withdrawRequestBody = (p: Overrides<typeof withdrawRequestMessage> = {}) =>
  withdrawRequestMessage({
    chainId: 56,
    asset: 'USDT',
    amount: '1',
    fee: '0.5',
    receiver: MASTER,
    userNonce: N,
    userSignature: '0x',
    nonce: N,
    user: MASTER,
    signer: AGENT,
    ...p,
  }).msg;

/** An API wallet approval body: "bot1" for MainDesk, perp trading only, until 2030-01-02. */
export const agentApprovalBody = (p: Overrides<typeof registerAndApproveAgentMessage> = {}) =>
  registerAndApproveAgentMessage({
    user: MASTER,
    nonce: N,
    agentName: 'bot1',
    agentAddress: AGENT,
    expired: Date.UTC(2030, 0, 2),
    accountKind: 'evm',
    canSpotTrade: false,
    canPerpTrade: true,
    canWithdraw: false,
    ...p,
  }).msg;

/** An EVM withdrawal's typed data (Action): 100 USDT (fee 0.5) to STRANGER on chain 56. */
export const evmWithdrawalAction = (p: Overrides<typeof evmWithdrawalTypedData> = {}) =>
  evmWithdrawalTypedData({
    chainId: 56,
    receiver: STRANGER,
    asset: 'USDT',
    amount: '100',
    fee: '0.5',
    userNonce: N,
    ...p,
  });

/** A Solana withdrawal text: 12.50 USDT (fee 0.6) to SolDesk. */
export const solanaWithdrawal = (p: Overrides<typeof solanaWithdrawalText> = {}) =>
  solanaWithdrawalText({ receiver: SOL, asset: 'USDT', amount: '12.50', fee: '0.6', userNonce: N, ...p });
