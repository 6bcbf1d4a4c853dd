import { readFileSync } from 'node:fs';
import { isAmount } from './decimal';
import { DEMO_KEYS } from './keys';

export type Kind = 'evm' | 'solana';
export type Wallet = 'futures' | 'spot';

export interface SimAgent {
  address: string;
  name: string;
  /** Epoch ms. */
  expired: number;
  canSpotTrade: boolean;
  canPerpTrade: boolean;
  canWithdraw: boolean;
  ipWhitelist: string[];
}

export interface SimAccount {
  address: string;
  kind: Kind;
  role: 'master' | 'sub';
  parent?: string;
  name: string;
  status: 'NORMAL' | 'FROZEN';
  /** Masters only; sub-accounts share their master's tier (subs:239-241). */
  vipLevel: number;
  isMarketMaker?: boolean;
  accountId: number;
  positionMode: 'one-way' | 'hedge';
  futures: Record<string, string>;
  spot: Record<string, string>;
  agents: SimAgent[];
  /**
   * Masters: whether this wallet ever deposited (-5050 gate, §10). Absent counts as deposited, so every
   * existing state keeps working; a state file or POST /__sim/deposited sets `false`.
   */
  deposited?: boolean;
}

export type HistoryType =
  'SUB_ACCOUNT_TRANSFER' | 'WALLET_TRANSFER' | 'AUTO_CONVERSION' | 'WITHDRAW' | 'DEPOSIT';

export interface HistoryEntry {
  tranId: string;
  type: HistoryType;
  /** Human label; rebalancing shows as "auto-conversion" (funds:79). */
  label: string;
  asset: string;
  amount: string;
  fromAccount?: string;
  toAccount?: string;
  kindType?: string;
  nonce?: string;
  clientTranId?: string;
  user?: string;
  /** Deposits and withdrawals: the chain, the wallet (futures = `perp` in Aster's history), the transaction. */
  chainId?: number;
  wallet?: Wallet;
  hash?: string;
  time: number;
  status: 'SUCCESS';
}

export interface SimState {
  accounts: SimAccount[];
  history: HistoryEntry[];
  /** Masters Aster has whitelisted for sub-accounts/bind (§4). */
  bindWhitelist: string[];
  /** USDT value of one unit, for rebalance and sorting. */
  prices: Record<string, string>;
}

/** The JSON accepted through ASTER_SIM_STATE: like SimState, most fields optional. */
export interface SimStateFile {
  accounts: Array<Partial<SimAccount> & { address: string; kind: Kind; role: 'master' | 'sub' }>;
  history?: HistoryEntry[];
  bindWhitelist?: string[];
  prices?: Record<string, string>;
}

export const DEFAULT_PRICES: Record<string, string> = {
  USDT: '1',
  USDC: '1',
  ASTER: '1.5',
  BNB: '600',
  ETH: '3000',
  SOL: '150',
};

const FAR_FUTURE = Date.UTC(2099, 0, 1);
const LOCAL_IPS = ['127.0.0.1', '::1'];

/** The deterministic demo: see simulator/README.md. */
export function demoStateFile(): SimStateFile {
  const k = DEMO_KEYS;
  const agent = (address: string, name: string, rights: Partial<SimAgent>): SimAgent => ({
    address,
    name,
    expired: FAR_FUTURE,
    canSpotTrade: true,
    canPerpTrade: true,
    canWithdraw: false,
    ipWhitelist: [],
    ...rights,
  });
  return {
    accounts: [
      {
        address: k.evmMaster.address,
        kind: 'evm',
        role: 'master',
        name: 'MainDesk',
        vipLevel: 2,
        futures: { USDT: '10000', ASTER: '2500', BNB: '3.5' },
        spot: { USDT: '1500', ASTER: '100' },
        agents: [
          agent(k.evmMasterAgent.address, 'demo-agent', { canWithdraw: true, ipWhitelist: LOCAL_IPS }),
        ],
      },
      {
        address: k.evmSubGrid.address,
        kind: 'evm',
        role: 'sub',
        parent: k.evmMaster.address,
        name: 'Grid01',
        futures: { USDT: '500' },
        agents: [agent(k.evmSubAgent.address, 'grid-bot', {})],
      },
      {
        address: k.evmSubHedge.address,
        kind: 'evm',
        role: 'sub',
        parent: k.evmMaster.address,
        name: 'Hedge02',
        positionMode: 'hedge',
        futures: { USDT: '250', BNB: '0.5' },
      },
      {
        address: k.evmLossMaster.address,
        kind: 'evm',
        role: 'master',
        name: 'LossDesk',
        vipLevel: 0,
        futures: { USDT: '-42.5', BNB: '1.2' },
        agents: [agent(k.evmLossAgent.address, 'loss-agent', { canWithdraw: true, ipWhitelist: LOCAL_IPS })],
      },
      {
        address: k.solanaMaster.address,
        kind: 'solana',
        role: 'master',
        name: 'SolDesk',
        vipLevel: 2,
        futures: { USDT: '2000', ASTER: '300' },
        agents: [
          agent(k.solanaMasterAgent.address, 'sol-agent', { canWithdraw: true, ipWhitelist: LOCAL_IPS }),
        ],
      },
      {
        address: k.solanaSub.address,
        kind: 'solana',
        role: 'sub',
        parent: k.solanaMaster.address,
        name: 'SolGrid1',
        futures: { USDT: '100' },
      },
    ],
    bindWhitelist: [k.evmMaster.address],
  };
}

export class StateFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StateFileError';
  }
}

/** Fills defaults and checks what would break the simulator; throws StateFileError with the offending field. */
export function normaliseState(file: SimStateFile): SimState {
  if (!file || !Array.isArray(file.accounts)) throw new StateFileError('"accounts" must be an array.');
  const accounts: SimAccount[] = file.accounts.map((a, i) => {
    const where = `accounts[${i}]`;
    if (typeof a.address !== 'string' || a.address === '')
      throw new StateFileError(`${where}.address is required.`);
    if (a.kind !== 'evm' && a.kind !== 'solana')
      throw new StateFileError(`${where}.kind is "evm" or "solana".`);
    if (a.role !== 'master' && a.role !== 'sub')
      throw new StateFileError(`${where}.role is "master" or "sub".`);
    if (a.role === 'sub' && typeof a.parent !== 'string')
      throw new StateFileError(`${where}.parent is required for a sub.`);
    for (const wallet of ['futures', 'spot'] as const)
      for (const [asset, amount] of Object.entries(a[wallet] ?? {}))
        if (!isAmount(amount))
          throw new StateFileError(`${where}.${wallet}.${asset} is not a decimal string.`);
    return {
      address: a.address,
      kind: a.kind,
      role: a.role,
      ...(a.parent === undefined ? {} : { parent: a.parent }),
      name: a.name ?? `Account${i + 1}`,
      status: a.status ?? 'NORMAL',
      vipLevel: a.vipLevel ?? 0,
      ...(a.isMarketMaker === undefined ? {} : { isMarketMaker: a.isMarketMaker }),
      accountId: a.accountId ?? 1001 + i,
      positionMode: a.positionMode ?? 'one-way',
      futures: { ...(a.futures ?? {}) },
      spot: { ...(a.spot ?? {}) },
      agents: (a.agents ?? []).map((agent) => ({ ...agent, ipWhitelist: [...(agent.ipWhitelist ?? [])] })),
      ...(a.deposited === false ? { deposited: false } : {}),
    };
  });
  for (const account of accounts)
    if (
      account.role === 'sub' &&
      !accounts.some((m) => m.role === 'master' && same(m.address, account.parent))
    )
      throw new StateFileError(`The master of ${account.address} is not in the state.`);
  return {
    accounts,
    history: [...(file.history ?? [])],
    bindWhitelist: [...(file.bindWhitelist ?? [])],
    prices: { ...DEFAULT_PRICES, ...(file.prices ?? {}) },
  };
}

export function loadStateFile(path: string): SimStateFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new StateFileError(`Cannot read the state file ${path}.`);
  }
  try {
    return JSON.parse(text) as SimStateFile;
  } catch {
    throw new StateFileError(`The state file ${path} is not valid JSON.`);
  }
}

/** EVM addresses compare case-insensitively, Solana's exactly. */
export function same(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  return a.startsWith('0x') || a.startsWith('0X') ? a.toLowerCase() === b.toLowerCase() : a === b;
}

export function addressKey(address: string): string {
  return /^0x[0-9a-fA-F]{40}$/.test(address) ? address.toLowerCase() : address;
}
