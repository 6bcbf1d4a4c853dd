import type { DecodeContext } from '@/lib/aster/decode';
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
