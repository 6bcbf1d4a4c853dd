import * as v from 'valibot';
import type { Account } from '@/lib/accounts/model';
import { compareDecimal, isDecimal } from '@/lib/aster/decimal';
import type { AsterProtocolProfile } from '@/lib/aster/profile';
import type { SigningSummary } from '@/lib/aster/decode';
import type { AssetBalance, Verdict } from '@/lib/aster/rules';
import type { CompatibilityReport } from './compatibility-report';
import type { HomeSnapshot } from './home-api';
import { returns, type Contract } from './rpc';

/**
 * Sub-account operations on Aster (issue 6): the popup ↔ background contract. Every call runs in the
 * background with keys from the vault; pages get names, balances, verdicts and Aster's ids, never a key.
 */

export type NetworkName = 'mainnet' | 'testnet' | 'simulator';

export interface NetworkInfo {
  network: NetworkName;
  /** The simulator's URL (loopback only), when `network` is `simulator`. */
  simulatorUrl: string | null;
  /** The signing domain (1666 mainnet / 714 testnet) requests are signed for. */
  signing: 'mainnet' | 'testnet';
  /** Futures and spot base URLs the background calls. */
  hosts: { futures: string; spot: string };
}

/** A network's protocol profile as the popup sees it. */
export interface ProfileInfo {
  /** The network id the profile belongs to (`mainnet`, `testnet`, `simulator:<url>`). */
  networkId: string;
  profile: AsterProtocolProfile;
  /** The reference's defaults for this network, to show what was changed. */
  defaults: AsterProtocolProfile;
  origin: 'default' | 'trader' | 'probe';
  updatedAt: number;
  /** The last "Check compatibility with Aster" on this network (null: never, or reset since). */
  lastCheck: CompatibilityReport | null;
}

export type WalletName = 'futures' | 'spot';

export interface AccountBalances {
  accountId: string;
  futures: AssetBalance[];
  spot: AssetBalance[];
}

export interface PortfolioAccount {
  accountId: string;
  name: string;
  role: 'master' | 'sub';
  status: 'NORMAL' | 'FROZEN';
  balances: AccountBalances | null;
  /** Why the balances could not be read, in words. */
  error: string | null;
}

export interface AssetTotal {
  asset: string;
  /** Sum over the family's accounts and both wallets, exact decimal. */
  total: string;
  negative: boolean;
}

export interface Portfolio {
  masterId: string;
  accounts: PortfolioAccount[];
  totals: AssetTotal[];
  readAt: number;
}

/** How a vault sub-account was matched to Aster's list: an address is proof, a name only a fallback. */
export type SubAccountMatch = 'address' | 'account-id' | 'name';

export interface SubAccountBalance {
  asset: string;
  balance: string;
}

export interface SyncReport {
  masterId: string;
  /** Sub-accounts Aster lists for this master (its own entry, when listed, is not counted). */
  asterCount: number;
  vaultCount: number;
  /** Which field of Aster's answer carried addresses; `names` when none did (matching fell back to names). */
  listShape: 'address' | 'sourceAddr' | 'names';
  /** Aster listed the master's own entry (left out of the count). */
  listedMaster: boolean;
  matched: {
    accountId: string;
    name: string;
    /** null when Aster left the name out. */
    asterName: string | null;
    asterAccountId: number | null;
    by: SubAccountMatch;
    /** Aster's `futureBalanceList`, when it sent one. */
    balances: SubAccountBalance[] | null;
  }[];
  /** Same account (by address or remembered id), another name on Aster. */
  renamed: {
    accountId: string;
    vaultName: string;
    asterName: string;
    asterAccountId: number | null;
    by: SubAccountMatch;
  }[];
  /** In the companion, not on Aster (`pending`: generated here, not created on Aster yet). */
  onlyInVault: { accountId: string; name: string; pending: boolean }[];
  /** On Aster, with no key in the companion. */
  onlyOnAster: {
    name: string | null;
    asterAccountId: number | null;
    address: string | null;
    balances: SubAccountBalance[] | null;
  }[];
  /** A name shared by more than one account on either side (Aster gave no addresses): not guessed. */
  ambiguous: { name: string; accountIds: string[]; asterAccountIds: (number | null)[] }[];
}

/** A master's fee tier as Aster reports it: the hint for its VIP level before creating a sub-account. */
export interface FeeTierHint {
  masterId: string;
  /** `feeTier` of the futures account answer. */
  feeTier: number;
  /** Futures commission rates of one symbol at this tier (decimal fractions); null when they could not be read. */
  rates: { symbol: string; maker: string; taker: string } | null;
  readAt: number;
}

export interface PendingSubAccount {
  accountId: string;
  name: string;
  masterId: string;
}

export interface PreparedSubAccount {
  account: Account;
  /** What was checked before the key was generated. */
  checks: string[];
  /** The creation body as the new sub-account's key will sign it first, decoded as the approval prompt does. */
  summary?: SigningSummary;
}

/** A rename or freeze/unfreeze checked, before anything is signed. */
export interface SubAccountUpdatePreview {
  /** The rules that were checked, in words. */
  checks: string[];
  /** The updateSubAccount body the master's key would sign, decoded as the approval prompt does. */
  summary: SigningSummary;
}

export interface CreatedSubAccount {
  account: Account;
  asterAccountId: number | null;
  /** True when a lost answer was settled by reading the sub-account list. */
  settledFromList: boolean;
}

export interface TransferPreview {
  verdict: Verdict;
  /** Who signs, in words (e.g. "MainDesk's key"). */
  signedBy: string;
  kind: 'sub-account-transfer' | 'perp-spot';
  /** Positive balances of the source wallet, largest first (what may be sent). */
  transferable: AssetBalance[];
  /**
   * The body it would sign, in the approval prompt's words (decoded from that body); null when none can be
   * built yet (no valid amount, or nothing to sign with).
   */
  summary: SigningSummary | null;
}

export interface TransferResult {
  tranId: string;
  asset: string;
  amount: string;
  /** True when Aster's answer was lost (503/timeout) and Aster's ledger showed the transfer made. */
  confirmedFromHistory: boolean;
  /** Then: when Aster's ledger stamped it (epoch ms, Aster's clock), and which ledger entry shows it, in words. */
  confirmedAt?: number;
  proof?: string;
  clientTranId: string | null;
}

/**
 * An operation as the companion journals it: written before the request leaves, finished with its outcome. One
 * still `sending` that no running worker is sending was interrupted (the worker stopped): it is settled when
 * next asked about, a transfer from Aster's futures income ledger or spot transaction history, a withdrawal from
 * its deposit and withdrawal history; what those cannot settle stays `unknown`, with why, until the trader has
 * checked on Aster's site and dismisses it.
 */
interface JournalledOperation {
  id: string;
  /**
   * `sending`: on its way (or interrupted); `unknown`: Aster's ledger could not settle it yet (not there yet,
   * two candidates, unreadable), `message` says why.
   */
  status: 'sending' | 'made' | 'not-made' | 'unknown';
  /** The worker stopped before the answer came back. */
  interrupted: boolean;
  /** The account the funds leave. */
  fromName: string;
  asset: string;
  amount: string;
  startedAt: number;
  finishedAt: number | null;
  /** The outcome in words (what happened, what to do). */
  message: string | null;
}

export interface TransferRecord extends JournalledOperation {
  kind: 'transfer';
  toName: string;
  fromWallet: WalletName;
  toWallet: WalletName;
  /** Aster's transfer id, once made. */
  tranId: string | null;
}

export interface WithdrawalRecord extends JournalledOperation {
  kind: 'withdrawal';
  /** Aster's fee, in `asset`. */
  fee: string;
  chainId: WithdrawChainId;
  receiver: string;
  /** Aster's withdrawal id, once made. */
  withdrawId: string | null;
}

export type OperationRecord = TransferRecord | WithdrawalRecord;

export type WithdrawChainId = 1 | 56 | 42161 | 101;

/** The chains a withdrawal goes to, by name. */
export const WITHDRAW_CHAIN_NAMES: Readonly<Record<WithdrawChainId, string>> = {
  1: 'Ethereum',
  56: 'BSC',
  42161: 'Arbitrum',
  101: 'Solana',
};

export interface SweepItem {
  asset: string;
  wallet: WalletName;
  amount: string;
  /** The transfer it would sign, in the approval prompt's words (null when none can be built). */
  summary?: SigningSummary | null;
}

export interface SweepItemResult extends SweepItem {
  status: 'moved' | 'failed';
  tranId: string | null;
  error: string | null;
}

export interface AgentInfo {
  id: string;
  accountId: string;
  name: string;
  address: string;
  canSpotTrade: boolean;
  canPerpTrade: boolean;
  canWithdraw: boolean;
  expiresAt: number;
  approved: boolean;
  /** The network it was approved on (null: not approved yet). */
  network: string | null;
}

/** One API wallet as Aster lists it (GET /fapi/v3/agent), reconciled with the vault. */
export interface AsterAgentRow {
  address: string;
  name: string | null;
  ipWhitelist: string[];
  /** Epoch ms (null: Aster did not say). */
  expiresAt: number | null;
  expired: boolean;
  /** Where Aster says it was made (free text). */
  source: string | null;
  canRead: boolean | null;
  canSpotTrade: boolean | null;
  canPerpTrade: boolean | null;
  canWithdraw: boolean | null;
  /** The vault's record of it (its key is in this vault), or null: made elsewhere. */
  vaultAgentId: string | null;
  /** Where Aster and the vault disagree, in words. */
  differences: string[];
}

export interface AsterAgentsReport {
  accountId: string;
  /** Whose signature read the list: an API wallet of the vault, or the account's own EVM key. */
  readWith: 'api-wallet' | 'account-key';
  agents: AsterAgentRow[];
  /** API wallets in the vault that Aster does not list, each with what that means. */
  missingOnAster: { agentId: string; name: string; address: string; note: string }[];
  /** Entries of Aster's answer that could not be read, and notes on how the list was read. */
  notes: string[];
  /** Whether Revoke may be offered, and why not. */
  revoke: { available: boolean; reason: string | null };
}

/** An API wallet checked and generated into the vault, not yet approved, with what approving it would sign. */
export interface PreparedAgent {
  agent: AgentInfo;
  /** The rules that were checked, in words. */
  checks: string[];
  /** The registerAndApproveAgent body the account's key would sign, decoded as the approval prompt does. */
  summary: SigningSummary;
}

export interface RevokeAgentResult {
  agentAddress: string;
  /** The vault's API wallet that was removed with its key (null: it was made elsewhere). */
  removedFromVault: string | null;
  /** Kept because it is still recorded as approved on another network. */
  keptForNetworks: string[];
}

export interface WithdrawPreview {
  verdict: Verdict;
  fee: string | null;
  balances: AssetBalance[];
  /**
   * What the master's key would sign, decoded as the approval prompt decodes it (given an amount and a
   * receiver the request can be built for).
   */
  summary?: SigningSummary;
}

/** What Rebalance (assetExchange) left: the account's balances read again afterwards. */
export interface RebalanceResult {
  balances: AccountBalances;
  /** No negative balance is left. */
  cleared: boolean;
  /** The outcome in words. */
  message: string;
}

export interface WithdrawResult {
  withdrawId: string;
  fee: string;
  /** When Aster's answer was lost and its withdrawal history showed the withdrawal: that, in words. */
  proof?: string;
}

const id = v.pipe(v.string(), v.uuid());
const asset = v.pipe(v.string(), v.regex(/^[A-Z0-9]{1,20}$/, 'An asset is 1–20 capital letters or digits.'));
const amount = v.pipe(
  v.string(),
  v.maxLength(40),
  v.regex(/^\d+(\.\d+)?$/, 'The amount is a number like 12.5.'),
);
const wallet = v.picklist(['futures', 'spot']);
const subName = v.pipe(v.string(), v.maxLength(40));
const empty = v.strictObject({});
const transferParams = {
  fromId: id,
  toId: id,
  asset,
  amount: v.optional(amount),
  fromWallet: wallet,
  toWallet: wallet,
};

const chainId = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(2 ** 32 - 1));

const ipWhitelist = v.pipe(
  v.array(v.pipe(v.string(), v.maxLength(45), v.regex(/^[0-9a-fA-F.:]+$/, 'Not an IP address.'))),
  v.maxLength(20),
);

const newAgentParams = {
  accountId: id,
  name: v.pipe(v.string(), v.maxLength(40)),
  canSpotTrade: v.boolean(),
  canPerpTrade: v.boolean(),
  canWithdraw: v.boolean(),
  ipWhitelist,
  expiresInDays: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(365)),
};

export const operationsContract = {
  /** The network the operations use (default mainnet). */
  'aster.network': returns<NetworkInfo>()(empty),
  'aster.setNetwork': returns<NetworkInfo>()(
    v.strictObject({
      network: v.picklist(['mainnet', 'testnet', 'simulator']),
      simulatorUrl: v.optional(v.pipe(v.string(), v.maxLength(100))),
      signing: v.optional(v.picklist(['mainnet', 'testnet'])),
    }),
  ),
  /** The current network's protocol profile (aster-protocol.md §10 open points) and where it came from. */
  'aster.profile': returns<ProfileInfo>()(empty),
  /** Changes some of the current network's open points (`reset`: back to the reference's defaults). */
  'aster.setProfile': returns<ProfileInfo>()(
    v.strictObject({
      changes: v.optional(
        v.strictObject({
          agentRequestChainId: v.optional(chainId),
          subAccountChainId: v.optional(chainId),
          agentApprovalChainId: v.optional(chainId),
          withdrawalAsterChain: v.optional(v.picklist(['Mainnet', 'Testnet'])),
          transferSigner: v.optional(v.picklist(['included', 'omitted'])),
          rebalance: v.optional(v.boolean()),
          agentRevoke: v.optional(v.boolean()),
        }),
      ),
      reset: v.optional(v.boolean()),
    }),
  ),
  /**
   * "Check compatibility with Aster": read-only signed calls with each candidate chain id, signed by the
   * account's API wallet; stores what they settle in the current network's profile. Never sends a write.
   */
  'aster.checkCompatibility': returns<CompatibilityReport>()(v.strictObject({ accountId: id })),
  /** One account's futures and spot balances. */
  'aster.balances': returns<AccountBalances>()(v.strictObject({ id })),
  /** Home: every account with its cached balances; `refresh` starts reading them all again in the background. */
  'aster.home': returns<HomeSnapshot>()(v.strictObject({ refresh: v.optional(v.boolean()) })),
  /** The master and every sub-account, with totals per asset. */
  'aster.portfolio': returns<Portfolio>()(v.strictObject({ masterId: id })),
  /** getSubAccountList reconciled with the vault: by address, else by remembered id, else by name. */
  'aster.syncSubAccounts': returns<SyncReport>()(v.strictObject({ masterId: id })),
  /** Sub-accounts generated here and not created on Aster yet (on the current network). */
  'aster.pendingSubAccounts': returns<PendingSubAccount[]>()(empty),
  /** The master's fee tier from Aster (feeTier, commissionRate): the VIP hint before creating a sub-account. */
  'aster.feeTier': returns<FeeTierHint>()(v.strictObject({ masterId: id })),
  /** Checks name, the 15 limit (Aster's own count) and VIP, then generates the key into the vault. */
  'aster.prepareSubAccount': returns<PreparedSubAccount>()(
    v.strictObject({
      masterId: id,
      name: subName,
      vipLevel: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(20)),
      isMarketMaker: v.boolean(),
    }),
  ),
  /** createSubAccount for a prepared sub-account, only once its key is backed up. */
  'aster.createSubAccount': returns<CreatedSubAccount>()(v.strictObject({ id })),
  /** Rename and/or freeze/unfreeze on Aster (updateSubAccount), then in the vault. */
  'aster.updateSubAccount': returns<Account>()(
    v.strictObject({
      id,
      name: v.optional(subName),
      status: v.optional(v.picklist(['NORMAL', 'FROZEN'])),
    }),
  ),
  /** The same checks as aster.updateSubAccount and the decoded body it would sign. Signs nothing. */
  'aster.checkUpdateSubAccount': returns<SubAccountUpdatePreview>()(
    v.strictObject({
      id,
      name: v.optional(subName),
      status: v.optional(v.picklist(['NORMAL', 'FROZEN'])),
    }),
  ),
  /** The rules' verdict on a transfer, with the source's transferable balances. Signs nothing. */
  'aster.checkTransfer': returns<TransferPreview>()(v.strictObject(transferParams)),
  'aster.transfer': returns<TransferResult>()(
    v.strictObject({
      ...transferParams,
      amount,
      /** Proceed although the verdict warns (never when it blocks). */
      acceptWarnings: v.optional(v.boolean()),
      /** perp ↔ spot only: reuse a transfer id to make a retry idempotent (Aster refuses a duplicate). */
      clientTranId: v.optional(v.pipe(v.string(), v.regex(/^[\w-]{1,63}$/))),
      /** The page's id for this transfer (one per click): its journal entry, asked about if the answer is lost. */
      operationId: v.optional(id),
    }),
  ),
  /** A journalled transfer by id (null: never signed); one interrupted by a worker stop is settled first. */
  'aster.operation': returns<OperationRecord | null>()(v.strictObject({ id })),
  /**
   * Operations interrupted by a worker stop, or whose outcome is still unknown: each settled from Aster's
   * ledgers first; what stays unknown is listed, with why, until dismissed.
   */
  'aster.interruptedOperations': returns<OperationRecord[]>()(empty),
  /** The trader has seen the outcome: it leaves the list (an unknown one too, at the trader's word). */
  'aster.dismissOperation': returns<OperationRecord[]>()(v.strictObject({ id })),
  /** What a sweep of this sub-account to its master would move. */
  'aster.sweepPlan': returns<SweepItem[]>()(v.strictObject({ id })),
  /**
   * Moves every positive balance (or one asset) of a sub-account to its master, one transfer per asset.
   * `operationId` (one asset of one wallet only): the page's id for that one transfer, asked about by
   * `aster.operation` if the answer is lost.
   */
  'aster.sweep': returns<SweepItemResult[]>()(
    v.strictObject({ id, asset: v.optional(asset), wallet: v.optional(wallet), operationId: v.optional(id) }),
  ),
  'aster.listAgents': returns<AgentInfo[]>()(v.strictObject({ accountId: id })),
  /** The account's API wallets as Aster lists them (including ones made elsewhere), reconciled with the vault. */
  'aster.asterAgents': returns<AsterAgentsReport>()(v.strictObject({ accountId: id })),
  /**
   * Revokes an API wallet on Aster (DELETE /fapi/v3/agent, signed by the account's EVM wallet; unconfirmed, only
   * when the profile's `agentRevoke` is on), then removes its key from the vault.
   */
  'aster.revokeAgent': returns<RevokeAgentResult>()(
    v.strictObject({
      accountId: id,
      agentAddress: v.pipe(v.string(), v.regex(/^0x[0-9a-fA-F]{40}$/, 'An API wallet is an EVM address.')),
    }),
  ),
  /** Generates an API wallet into the vault and approves it with registerAndApproveAgent. */
  'aster.createAgent': returns<AgentInfo>()(v.strictObject(newAgentParams)),
  /**
   * The same checks, the key generated into the vault unapproved, and the decoded body approving it would sign.
   * Signs nothing: aster.approveAgent approves it, aster.discardAgent removes it.
   */
  'aster.prepareAgent': returns<PreparedAgent>()(v.strictObject(newAgentParams)),
  /** Removes a prepared API wallet that was never approved (its key leaves the vault). */
  'aster.discardAgent': returns<void>()(v.strictObject({ agentId: id })),
  /** Approves again an API wallet whose approval was not confirmed (one that may withdraw needs its IPs again). */
  'aster.approveAgent': returns<AgentInfo>()(
    v.strictObject({ agentId: id, ipWhitelist: v.optional(ipWhitelist) }),
  ),
  /**
   * Rebalance an account's negative balances (`POST /fapi/v3/assetExchange`, UNCERTAIN): only when the network
   * profile's `rebalance` is on; refused in words otherwise, or when Aster does not offer or refuses it.
   */
  'aster.rebalance': returns<RebalanceResult>()(v.strictObject({ accountId: id })),
  'aster.checkWithdrawal': returns<WithdrawPreview>()(
    v.strictObject({
      accountId: id,
      asset,
      amount: v.optional(amount),
      chainId: v.number(),
      /** With it, the preview carries the decoded summary of what would be signed. */
      receiver: v.optional(v.pipe(v.string(), v.maxLength(64))),
    }),
  ),
  /**
   * Masters only; refused for a sub-account (sweep instead), while any balance is negative, and while a
   * withdrawal of the same account and asset has an unknown outcome the trader has not dismissed.
   */
  'aster.withdraw': returns<WithdrawResult>()(
    v.strictObject({
      accountId: id,
      asset,
      amount,
      chainId: v.picklist([1, 56, 42161, 101]),
      receiver: v.pipe(v.string(), v.maxLength(64)),
      /** The page's id for this withdrawal (one per click): journalled, never sent twice. */
      operationId: v.optional(id),
    }),
  ),
} satisfies Contract;

export type OperationsContract = typeof operationsContract;

// --- Shared pure helpers (background and pages) ---

/** Exact sum of decimal strings (no floating point). */
export function addDecimals(values: readonly string[]): string {
  const valid = values.filter(isDecimal);
  const scale = Math.max(0, ...valid.map((text) => (text.includes('.') ? text.split('.')[1]!.length : 0)));
  let sum = 0n;
  for (const text of valid) {
    const negative = text.startsWith('-');
    const [whole = '0', fraction = ''] = (negative ? text.slice(1) : text).split('.');
    const units = BigInt(whole + fraction.padEnd(scale, '0'));
    sum += negative ? -units : units;
  }
  const negative = sum < 0n;
  const digits = (negative ? -sum : sum).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? digits.slice(digits.length - scale).replace(/0+$/, '') : '';
  const text = fraction ? `${whole}.${fraction}` : whole;
  return negative && text !== '0' ? `-${text}` : text;
}

/** Totals per asset over accounts and wallets; assets sorted by name. */
export function portfolioTotals(balances: readonly AccountBalances[]): AssetTotal[] {
  const byAsset = new Map<string, string[]>();
  for (const account of balances)
    for (const entry of [...account.futures, ...account.spot]) {
      const list = byAsset.get(entry.asset) ?? [];
      list.push(entry.balance);
      byAsset.set(entry.asset, list);
    }
  return [...byAsset.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([assetName, values]) => {
      const total = addDecimals(values);
      return { asset: assetName, total, negative: compareDecimal(total, '0') < 0 };
    });
}
