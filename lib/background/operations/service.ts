import { generateKey } from '@/lib/accounts/keys';
import type { Account } from '@/lib/accounts/model';
import {
  AsterClient,
  confirmTransferOutcome,
  unexpectedAnswer,
  type TransferIdentity,
} from '@/lib/aster/client';
import { ENDPOINTS, type AsterEndpoint } from '@/lib/aster/endpoints';
import {
  AsterApiError,
  AsterBannedError,
  AsterNetworkError,
  AsterOutcomeUnknownError,
  AsterRateLimitError,
} from '@/lib/aster/errors';
import { newClientTranId, type AgentRequestParam, type TransferKindType } from '@/lib/aster/messages';
import { NonceManager } from '@/lib/aster/nonce';
import {
  block,
  checkAgentApproval,
  checkCreateSubAccount,
  checkManageSubAccount,
  checkSubAccountName,
  checkTransfer,
  checkWithdrawal,
  combineVerdicts,
  OK,
  transferableAssets,
  warn,
  type AssetBalance,
  type AsterAccount,
  type Verdict,
} from '@/lib/aster/rules';
import {
  signedAgentRequest,
  signedCreateSubAccount,
  signedEvmWithdrawal,
  signedRegisterAndApproveAgent,
  signedSolanaWithdrawal,
  signedSubAccountTransfer,
  signedUpdateSubAccount,
  type SignedAsterRequest,
} from '@/lib/aster/sign';
import { compareDecimal, isPositiveDecimal } from '@/lib/aster/decimal';
import {
  addDecimals,
  portfolioTotals,
  WITHDRAW_CHAIN_NAMES,
  type AccountBalances,
  type AgentInfo,
  type CreatedSubAccount,
  type NetworkInfo,
  type OperationRecord,
  type PendingSubAccount,
  type Portfolio,
  type PortfolioAccount,
  type PreparedSubAccount,
  type SweepItem,
  type SweepItemResult,
  type SyncReport,
  type TransferPreview,
  type TransferResult,
  type WalletName,
  type WithdrawChainId,
  type WithdrawPreview,
  type WithdrawResult,
} from '@/lib/messaging/operations-api';
import { RpcError } from '@/lib/messaging/rpc';
import { createEvmSigner, createSigner, type Signer } from '@/lib/signers';
import type { AccountStore } from '@/lib/vault/accounts';
import { AgentStore } from '@/lib/vault/agents';
import type { AgentRecord } from '@/lib/vault/db';
import { VaultError } from '@/lib/vault/errors';
import { DexieNonceStore } from '@/lib/vault/nonce-store';
import type { Vault } from '@/lib/vault/vault';
import { toRpcError } from './errors';
import {
  alreadySent,
  publicRecord,
  TransferJournal,
  withdrawalBlocked,
  type JournalOutcome,
} from './journal';
import { hostsOf, loadNetwork, networkId, networkInfo, saveNetwork, type NetworkSettings } from './network';
import { Registry, type JournalEntry } from './registry';

/** What one call runs against: the network chosen now, its client and its signing domain. */
interface Context {
  settings: NetworkSettings;
  id: string;
  client: AsterClient;
  signing: 'mainnet' | 'testnet';
}

export interface OperationsOptions {
  fetch?: typeof fetch;
  now?: () => number;
  /** Per attempt (default 10 s). */
  timeoutMs?: number;
  /** First read backoff (default 250 ms). */
  backoffMs?: number;
  /** Pause between history reads when settling an unknown outcome (default 800 ms). */
  settleDelayMs?: number;
}

export interface TransferRequest {
  fromId: string;
  toId: string;
  asset: string;
  amount?: string;
  fromWallet: WalletName;
  toWallet: WalletName;
}

/** A transfer as the trader asked for it (`operationId`: the page's id for it, one per click). */
export type TransferOrder = TransferRequest & {
  amount: string;
  acceptWarnings?: boolean;
  clientTranId?: string;
  operationId?: string;
};

/** A withdrawal as the trader asked for it (`operationId`: the page's id for it, one per click). */
export interface WithdrawOrder {
  accountId: string;
  asset: string;
  amount: string;
  chainId: WithdrawChainId;
  receiver: string;
  operationId?: string;
}

interface TransferPlan {
  ctx: Context;
  preview: TransferPreview;
  from: Account;
  to: Account;
  /** The account whose wallet key signs a sub-account transfer (`user`). */
  user: Account;
  fromAccountAddress?: string;
  kindType: TransferKindType;
}

const AGENT_EXPIRY_MARGIN_MS = 60_000;
const WITHDRAW_CHAIN_KIND: Record<number, 'evm' | 'solana'> = {
  1: 'evm',
  56: 'evm',
  42161: 'evm',
  101: 'solana',
};

const kindTypeOf = (from: WalletName, to: WalletName) =>
  `${from === 'futures' ? 'FUTURE' : 'SPOT'}_${to === 'futures' ? 'FUTURE' : 'SPOT'}` as TransferKindType;

const quoted = (account: Account) => `"${account.name}"`;

/**
 * Sub-account operations on Aster, in the background. Keys come from the vault right when a request is signed
 * and are wiped at once (the signer object is dropped when the signing function returns, before any network
 * I/O); pages only ever see names, balances, verdicts and Aster's ids.
 */
export class OperationsService {
  readonly agents: AgentStore;
  readonly nonces: NonceManager;
  readonly registry = new Registry();
  readonly journal: TransferJournal;
  private readonly clients = new Map<string, AsterClient>();
  private readonly now: () => number;
  /** Journal entries being settled from the history now (one history read per entry at a time). */
  private readonly settling = new Map<string, Promise<JournalEntry>>();

  constructor(
    private readonly vault: Vault,
    private readonly accounts: AccountStore,
    private readonly options: OperationsOptions = {},
  ) {
    this.agents = new AgentStore(vault);
    this.nonces = new NonceManager({ store: new DexieNonceStore(vault.database) });
    this.now = options.now ?? Date.now;
    this.journal = new TransferJournal(this.registry, this.now);
  }

  // --- Network ---

  async network(): Promise<NetworkInfo> {
    return networkInfo(await loadNetwork());
  }

  async setNetwork(choice: Parameters<typeof saveNetwork>[0]): Promise<NetworkInfo> {
    return networkInfo(await saveNetwork(choice));
  }

  private async context(): Promise<Context> {
    const settings = await loadNetwork();
    const id = networkId(settings);
    let client = this.clients.get(id);
    if (!client) {
      client = new AsterClient({
        hosts: hostsOf(settings),
        ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
        timeoutMs: this.options.timeoutMs ?? 10_000,
        backoffMs: this.options.backoffMs ?? 250,
      });
      this.clients.set(id, client);
    }
    return { settings, id, client, signing: settings.signing };
  }

  /** Runs one operation; Aster's errors become RPC errors that name the network. */
  async run<T>(operation: (ctx: Context) => Promise<T>): Promise<T> {
    if ((await this.vault.state()).status !== 'unlocked')
      throw new VaultError('locked', 'The vault is locked: unlock it first.');
    const ctx = await this.context();
    try {
      return await operation(ctx);
    } catch (error) {
      throw toRpcError(error, `${ctx.settings.network} at ${ctx.client.hosts.futures}.`);
    }
  }

  /** Any HTTP answer proves Aster reachable; only a failed connection throws (AsterNetworkError). */
  private async ping(ctx: Context): Promise<void> {
    try {
      await ctx.client.call({ endpoint: { method: 'GET', path: '/fapi/v1/ping' }, kind: 'read' });
    } catch (error) {
      // An error payload, or an HTTP error page, still came from the server.
      if (error instanceof AsterApiError) return;
      if (error instanceof AsterNetworkError && error.message.startsWith('Aster answered HTTP')) return;
      throw error;
    }
  }

  // --- Keys: read, used, wiped ---

  private async withAccountSigner<T>(accountId: string, use: (signer: Signer) => Promise<T>): Promise<T> {
    const { account, secret } = await this.accounts.readKey(accountId);
    let signer: Signer;
    try {
      signer = createSigner(account.kind, secret);
    } finally {
      secret.fill(0);
    }
    return use(signer);
  }

  private async withAgentSigner<T>(agentId: string, use: (signer: Signer) => Promise<T>): Promise<T> {
    const { secret } = await this.agents.readKey(agentId);
    let signer: Signer;
    try {
      signer = createEvmSigner(secret);
    } finally {
      secret.fill(0);
    }
    return use(signer);
  }

  /** An approved, unexpired API wallet of `account` on this network (`withdraw`: one allowed to withdraw). */
  private async liveAgent(
    ctx: Context,
    account: Account,
    withdraw = false,
  ): Promise<AgentRecord | undefined> {
    const records = await this.registry.read(ctx.id);
    const agents = await this.agents.list(account.id);
    return agents.find(
      (agent) =>
        agent.approved &&
        records.agents[agent.id] &&
        agent.expiresAt > this.now() + AGENT_EXPIRY_MARGIN_MS &&
        (!withdraw || agent.canWithdraw),
    );
  }

  private noAgent(account: Account): RpcError {
    return new RpcError(
      'api-wallet-needed',
      account.hasKey
        ? `Create an API wallet for ${quoted(account)} first: Aster's account requests are signed by an API wallet (a Solana key cannot sign them).`
        : `${quoted(account)} is watch-only and has no API wallet here: nothing can be signed for it.`,
    );
  }

  /**
   * An agent-signed V3 request for `account`: by its approved API wallet, or (EVM accounts) by its own wallet
   * key with `signer == user`, which Aster accepts for a wallet signing for itself.
   */
  private async signForAccount(
    ctx: Context,
    account: Account,
    endpoint: AsterEndpoint,
    params: Readonly<Record<string, AgentRequestParam>>,
  ): Promise<SignedAsterRequest> {
    const agent = await this.liveAgent(ctx, account);
    const sign = async (signer: Signer) =>
      signedAgentRequest(
        signer,
        endpoint,
        params,
        { nonce: await this.nonces.next(signer.address), user: account.address },
        ctx.signing,
      );
    if (agent) return this.withAgentSigner(agent.id, sign);
    if (account.kind === 'evm' && account.hasKey) return this.withAccountSigner(account.id, sign);
    throw this.noAgent(account);
  }

  /** The `signer` field of wallet-signed bodies: an approved API wallet of the account, or the account itself. */
  private async signerField(ctx: Context, account: Account): Promise<string> {
    const agent = await this.liveAgent(ctx, account);
    if (agent) return agent.address;
    if (account.kind === 'evm') return account.address;
    throw this.noAgent(account);
  }

  // --- Accounts as the rules see them ---

  private async family(account: Account): Promise<{ master: Account; subs: Account[]; all: Account[] }> {
    const all = await this.accounts.list();
    const master = account.role === 'master' ? account : all.find((a) => a.id === account.parentId);
    if (!master) throw new VaultError('not-found', `The master of ${quoted(account)} is not in the vault.`);
    return { master, subs: all.filter((a) => a.parentId === master.id), all };
  }

  private asAster(account: Account, all: Account[]): AsterAccount {
    const parent = account.parentId ? all.find((a) => a.id === account.parentId) : undefined;
    return {
      address: account.address,
      name: account.name,
      role: account.role,
      kind: account.kind,
      status: account.status,
      ...(parent ? { parent: parent.address } : {}),
    };
  }

  private requireKey(account: Account, what: string): void {
    if (!account.hasKey)
      throw new RpcError(
        'key-needed',
        `${what} needs the key of ${quoted(account)}, which is watch-only in the companion.`,
      );
  }

  // --- Balances and portfolio ---

  private async readBalances(ctx: Context, account: Account): Promise<AccountBalances> {
    const futuresRequest = await this.signForAccount(ctx, account, ENDPOINTS.futuresAccount, {});
    const futures = await ctx.client.sendSigned<{ assets?: unknown }>(futuresRequest);
    // Balances of the wrong form are an error, never "no balances".
    if (!Array.isArray(futures?.assets)) throw unexpectedAnswer("an account's futures balances");
    const spotRequest = await this.signForAccount(ctx, account, ENDPOINTS.spotAccount, {});
    const spot = await ctx.client.sendSigned<{ balances?: unknown }>(spotRequest);
    if (!Array.isArray(spot?.balances)) throw unexpectedAnswer("an account's spot balances");
    const futureAssets = (futures.assets as unknown[]).filter(isRecord);
    const spotAssets = (spot.balances as unknown[]).filter(isRecord);
    const text = (value: unknown) => (typeof value === 'string' ? value : '0');
    const nonZero = (b: AssetBalance) => compareDecimal(b.balance, '0') !== 0;
    return {
      accountId: account.id,
      futures: futureAssets
        .map((a) => ({
          asset: text(a.asset),
          balance: text(a.walletBalance),
          withdrawable: text(a.maxWithdrawAmount ?? a.availableBalance),
        }))
        .filter(nonZero),
      spot: spotAssets
        .map((a) => ({
          asset: text(a.asset),
          balance: addDecimals([text(a.free), text(a.locked)]),
          withdrawable: text(a.free),
        }))
        .filter(nonZero),
    };
  }

  balances(id: string): Promise<AccountBalances> {
    return this.run(async (ctx) => this.readBalances(ctx, await this.accounts.get(id)));
  }

  portfolio(masterId: string): Promise<Portfolio> {
    return this.run(async (ctx) => {
      const master = await this.accounts.get(masterId);
      if (master.role !== 'master') throw new RpcError('invalid-input', 'Choose a master account.');
      const { subs } = await this.family(master);
      const accounts: PortfolioAccount[] = [];
      for (const account of [master, ...subs]) {
        const entry: PortfolioAccount = {
          accountId: account.id,
          name: account.name,
          role: account.role,
          status: account.status,
          balances: null,
          error: null,
        };
        try {
          entry.balances = await this.readBalances(ctx, account);
        } catch (error) {
          const described = toRpcError(error, ctx.client.hosts.futures);
          entry.error = described instanceof Error ? described.message : 'The balances could not be read.';
        }
        accounts.push(entry);
      }
      const read = accounts.flatMap((a) => (a.balances ? [a.balances] : []));
      if (read.length === 0 && accounts.length > 0) throw new RpcError('network', accounts[0]!.error ?? '');
      return { masterId, accounts, totals: portfolioTotals(read), readAt: this.now() };
    });
  }

  // --- Keeping in step with Aster ---

  private async asterSubAccounts(
    ctx: Context,
    master: Account,
  ): Promise<{ accountId: number; subAccountName: string }[]> {
    const request = await this.signForAccount(ctx, master, ENDPOINTS.getSubAccountList, {});
    const list = await ctx.client.sendSigned<unknown>(request);
    // Not a list: an error, never "no sub-accounts" (the 15 limit is counted from it).
    if (!Array.isArray(list)) throw unexpectedAnswer('a list of sub-accounts');
    return list.flatMap((entry) => {
      const e = entry as Record<string, unknown>;
      return typeof e.subAccountName === 'string'
        ? [{ accountId: Number(e.accountId), subAccountName: e.subAccountName }]
        : [];
    });
  }

  syncSubAccounts(masterId: string): Promise<SyncReport> {
    return this.run(async (ctx) => {
      const master = await this.accounts.get(masterId);
      if (master.role !== 'master') throw new RpcError('invalid-input', 'Choose a master account.');
      const { subs } = await this.family(master);
      const onAster = await this.asterSubAccounts(ctx, master);
      const records = await this.registry.read(ctx.id);
      const report: SyncReport = {
        masterId,
        asterCount: onAster.length,
        vaultCount: subs.length,
        matched: [],
        renamed: [],
        onlyInVault: [],
        onlyOnAster: [],
      };
      const unmatched = [...onAster];
      const take = (predicate: (e: (typeof onAster)[number]) => boolean) => {
        const index = unmatched.findIndex(predicate);
        return index < 0 ? undefined : unmatched.splice(index, 1)[0];
      };
      const links: Record<string, { asterAccountId: number | null; asterName: string }> = {};
      for (const sub of subs) {
        if (records.pending[sub.id]) {
          report.onlyInVault.push({ accountId: sub.id, name: sub.name, pending: true });
          continue;
        }
        const known = records.links[sub.id]?.asterAccountId;
        const byId = known != null ? take((e) => e.accountId === known) : undefined;
        if (byId && byId.subAccountName.toLowerCase() !== sub.name.toLowerCase()) {
          report.renamed.push({
            accountId: sub.id,
            vaultName: sub.name,
            asterName: byId.subAccountName,
            asterAccountId: byId.accountId,
          });
          links[sub.id] = { asterAccountId: byId.accountId, asterName: byId.subAccountName };
          continue;
        }
        const match = byId ?? take((e) => e.subAccountName.toLowerCase() === sub.name.toLowerCase());
        if (match) {
          report.matched.push({ accountId: sub.id, name: sub.name, asterAccountId: match.accountId });
          links[sub.id] = { asterAccountId: match.accountId, asterName: match.subAccountName };
        } else report.onlyInVault.push({ accountId: sub.id, name: sub.name, pending: false });
      }
      report.onlyOnAster = unmatched.map((e) => ({ name: e.subAccountName, asterAccountId: e.accountId }));
      await this.registry.change(ctx.id, (r) => Object.assign(r.links, links));
      return report;
    });
  }

  // --- Creating sub-accounts ---

  pendingSubAccounts(): Promise<PendingSubAccount[]> {
    return this.run(async (ctx) => {
      const records = await this.registry.read(ctx.id);
      const all = await this.accounts.list();
      return all
        .filter((a) => records.pending[a.id])
        .map((a) => ({ accountId: a.id, name: a.name, masterId: a.parentId ?? '' }));
    });
  }

  private async checkCreation(
    ctx: Context,
    master: Account,
    name: string,
    vipLevel: number,
    isMarketMaker: boolean,
    excluding?: string,
  ): Promise<string[]> {
    const { subs, all } = await this.family(master);
    const onAster = await this.asterSubAccounts(ctx, master);
    const vaultCount = subs.filter((s) => s.id !== excluding).length;
    const verdicts: Verdict[] = [
      checkCreateSubAccount({
        creator: this.asAster(master, all),
        vipLevel,
        isMarketMaker,
        existingSubAccounts: Math.max(onAster.length, vaultCount),
        name,
        childKind: master.kind,
      }),
    ];
    if (onAster.some((e) => e.subAccountName.toLowerCase() === name.toLowerCase()))
      verdicts.push(block(`Aster already has a sub-account named "${name}" under ${quoted(master)}.`));
    const verdict = combineVerdicts(...verdicts);
    if (verdict.level === 'block') throw new RpcError('rules', verdict.reasons.join(' '));
    return [
      `Name "${name}": 6–20 letters or digits, at least one letter.`,
      `${onAster.length} of 15 sub-accounts on Aster.`,
      isMarketMaker ? 'Market maker account.' : `VIP ${vipLevel} (VIP 2 or above needed).`,
    ];
  }

  prepareSubAccount(params: {
    masterId: string;
    name: string;
    vipLevel: number;
    isMarketMaker: boolean;
  }): Promise<PreparedSubAccount> {
    return this.run(async (ctx) => {
      const name = params.name.trim();
      const master = await this.accounts.get(params.masterId);
      if (master.role !== 'master')
        throw new RpcError('rules', 'A sub-account cannot create sub-accounts: nesting is not supported.');
      this.requireKey(master, 'Creating a sub-account');
      const nameVerdict = checkSubAccountName(name);
      if (nameVerdict.level === 'block') throw new RpcError('rules', nameVerdict.reasons.join(' '));
      const checks = await this.checkCreation(ctx, master, name, params.vipLevel, params.isMarketMaker);
      const key = generateKey(master.kind);
      let account: Account;
      try {
        account = await this.accounts.add({ role: 'sub', parentId: master.id, name, key });
      } finally {
        key.secret.fill(0);
      }
      await this.registry.change(ctx.id, (r) => {
        r.pending[account.id] = {
          masterId: master.id,
          name,
          vipLevel: params.vipLevel,
          isMarketMaker: params.isMarketMaker,
        };
      });
      return { account, checks };
    });
  }

  createSubAccount(id: string): Promise<CreatedSubAccount> {
    return this.run(async (ctx) => {
      const sub = await this.accounts.get(id);
      const records = await this.registry.read(ctx.id);
      const pending = records.pending[id];
      if (!pending)
        throw new RpcError(
          'not-pending',
          `${quoted(sub)} was not prepared here for creation on this network (or is already on Aster).`,
        );
      if (sub.backup.state !== 'backed-up')
        throw new RpcError(
          'backup-required',
          `Finish the one-time backup of ${quoted(sub)} first: a key is never registered on Aster without a backup.`,
        );
      const master = await this.accounts.get(pending.masterId);
      await this.checkCreation(ctx, master, sub.name, pending.vipLevel, pending.isMarketMaker, sub.id);
      const signer = await this.signerField(ctx, master);
      const nonce = await this.nonces.next(master.address);
      const request = await this.withAccountSigner(master.id, (masterSigner) =>
        this.withAccountSigner(sub.id, (child) =>
          signedCreateSubAccount(
            { master: masterSigner, child },
            { subAccountName: sub.name, nonce, signer },
            ctx.signing,
          ),
        ),
      );
      let asterAccountId: number | null = null;
      let settledFromList = false;
      try {
        const answer = await ctx.client.sendSigned<{ accountId?: unknown }>(request, 'write');
        asterAccountId = typeof answer?.accountId === 'number' ? answer.accountId : null;
      } catch (error) {
        if (!(error instanceof AsterOutcomeUnknownError)) throw error;
        // The answer was lost: the list says whether the sub-account exists now.
        const list = await this.asterSubAccounts(ctx, master).catch(() => null);
        const found = list?.find((e) => e.subAccountName.toLowerCase() === sub.name.toLowerCase());
        if (!found) throw error;
        asterAccountId = found.accountId;
        settledFromList = true;
      }
      await this.registry.change(ctx.id, (r) => {
        delete r.pending[id];
        r.links[id] = { asterAccountId, asterName: sub.name };
      });
      return { account: sub, asterAccountId, settledFromList };
    });
  }

  // --- Rename, freeze ---

  updateSubAccount(params: { id: string; name?: string; status?: 'NORMAL' | 'FROZEN' }): Promise<Account> {
    return this.run(async (ctx) => {
      const sub = await this.accounts.get(params.id);
      const { master, subs, all } = await this.family(sub);
      const name = params.name?.trim();
      const newName = name !== undefined && name !== sub.name ? name : undefined;
      const newStatus =
        params.status !== undefined && params.status !== sub.status ? params.status : undefined;
      if (newName === undefined && newStatus === undefined)
        throw new RpcError('invalid-input', 'Nothing to change: give a new name or status.');
      const verdict = checkManageSubAccount(this.asAster(master, all), this.asAster(sub, all), newName);
      if (verdict.level === 'block') throw new RpcError('rules', verdict.reasons.join(' '));
      if (
        newName !== undefined &&
        subs.some((s) => s.id !== sub.id && s.name.toLowerCase() === newName.toLowerCase())
      )
        throw new RpcError('rules', `Another sub-account of ${quoted(master)} is named "${newName}".`);
      this.requireKey(master, 'Managing a sub-account');
      await this.ping(ctx);
      const signer = await this.signerField(ctx, master);
      const nonce = await this.nonces.next(master.address);
      const request = await this.withAccountSigner(master.id, (masterSigner) =>
        signedUpdateSubAccount(
          masterSigner,
          {
            subSourceAddr: sub.address,
            nonce,
            signer,
            ...(newName !== undefined ? { subAccountName: newName } : {}),
            ...(newStatus !== undefined ? { status: newStatus } : {}),
          },
          ctx.signing,
        ),
      );
      try {
        await ctx.client.sendSigned(request, 'write');
      } catch (error) {
        if (error instanceof AsterOutcomeUnknownError)
          throw new RpcError(
            'outcome-unknown',
            `${error.message} Sync ${quoted(master)}'s sub-accounts to see whether the change was made.`,
          );
        throw error;
      }
      // Aster changed it: the vault follows in one transaction (name and status together).
      const db = this.vault.database;
      const updated = await db.transaction('rw', db.accounts, async () => {
        const current = await db.accounts.get(sub.id);
        if (!current) throw new VaultError('not-found', 'That account is not in the vault.');
        const next: Account = {
          ...current,
          ...(newName !== undefined ? { name: newName } : {}),
          ...(newStatus !== undefined ? { status: newStatus } : {}),
          updatedAt: this.now(),
        };
        await db.accounts.put(next);
        return next;
      });
      if (newName !== undefined)
        await this.registry.change(ctx.id, (r) => {
          r.links[sub.id] = { asterAccountId: r.links[sub.id]?.asterAccountId ?? null, asterName: newName };
        });
      return updated;
    });
  }

  // --- Transfers ---

  private async planTransfer(ctx: Context, t: TransferRequest): Promise<TransferPlan> {
    const from = await this.accounts.get(t.fromId);
    const to = await this.accounts.get(t.toId);
    const { master, all } = await this.family(from);
    const kindType = kindTypeOf(t.fromWallet, t.toWallet);
    if (from.id === to.id) {
      if (t.fromWallet === t.toWallet)
        throw new RpcError('rules', 'Source and destination are the same wallet of the same account.');
      const balances = await this.readBalances(ctx, from);
      const source = balances[t.fromWallet];
      const verdict = amountVerdict(t.asset, t.amount, source);
      const agent = await this.liveAgent(ctx, from);
      return {
        ctx,
        from,
        to,
        user: from,
        kindType,
        preview: {
          verdict,
          signedBy: agent ? `API wallet "${agent.name}"` : `${quoted(from)}'s key`,
          kind: 'perp-spot',
          transferable: transferableAssets(source),
        },
      };
    }
    let user: Account;
    let fromAccountAddress: string | undefined;
    if (from.role === 'master') user = from;
    else if (to.role === 'master') user = from;
    else if (master.hasKey) {
      user = master;
      fromAccountAddress = from.address;
    } else user = from;
    const balances = await this.readBalances(ctx, from);
    const source = balances[t.fromWallet];
    const verdicts: Verdict[] = [
      checkTransfer({
        loggedIn: this.asAster(user, all),
        from: this.asAster(from, all),
        to: this.asAster(to, all),
        asset: t.asset,
        ...(t.amount !== undefined ? { amount: t.amount } : {}),
        sourceBalances: source,
      }),
    ];
    if (!user.hasKey)
      verdicts.push(block(`This transfer is signed by ${quoted(user)}, which is watch-only here.`));
    if (to.backup.state === 'not-backed-up')
      verdicts.push(
        warn(
          `${quoted(to)}'s key is not backed up: if this computer fails, whatever you send there is lost with it. Back it up first.`,
        ),
      );
    return {
      ctx,
      from,
      to,
      user,
      kindType,
      ...(fromAccountAddress ? { fromAccountAddress } : {}),
      preview: {
        verdict: combineVerdicts(...verdicts),
        signedBy: `${quoted(user)}'s key`,
        kind: 'sub-account-transfer',
        transferable: transferableAssets(source),
      },
    };
  }

  checkTransfer(t: TransferRequest): Promise<TransferPreview> {
    return this.run(async (ctx) => (await this.planTransfer(ctx, t)).preview);
  }

  transfer(t: TransferOrder): Promise<TransferResult> {
    return this.run((ctx) => this.transferIn(ctx, t));
  }

  private async transferIn(ctx: Context, t: TransferOrder): Promise<TransferResult> {
    const operationId = t.operationId ?? crypto.randomUUID();
    // Asked again for a transfer already sent (a page retrying after a lost answer): never a second send.
    if (this.journal.isLive(operationId) || (await this.journal.get(ctx.id, operationId)))
      throw alreadySent();
    const plan = await this.planTransfer(ctx, t);
    const { verdict } = plan.preview;
    if (verdict.level === 'block') throw new RpcError('blocked', verdict.reasons.join(' '));
    if (verdict.level === 'warn' && !t.acceptWarnings)
      throw new RpcError('needs-confirmation', verdict.reasons.join(' '));
    return plan.preview.kind === 'perp-spot'
      ? this.walletTransfer(plan, t, t.clientTranId ?? newClientTranId(), operationId)
      : this.subAccountTransfer(plan, t, operationId);
  }

  private async subAccountTransfer(
    plan: TransferPlan,
    t: TransferOrder,
    operationId: string,
  ): Promise<TransferResult> {
    const { ctx, user, to } = plan;
    const { asset, amount } = t;
    const signer = await this.signerField(ctx, user);
    const nonce = await this.nonces.next(user.address);
    const identity: TransferIdentity = {
      user: user.address,
      nonce: String(nonce),
      asset,
      amount,
      toAccountAddress: to.address,
      ...(plan.fromAccountAddress ? { fromAccountAddress: plan.fromAccountAddress } : {}),
      sentAt: this.now(),
    };
    return this.journalled(plan, t, operationId, identity, user, null, async () => {
      const request = await this.withAccountSigner(user.id, (wallet) =>
        signedSubAccountTransfer(
          wallet,
          {
            toAccountAddress: to.address,
            asset,
            amount,
            kindType: plan.kindType,
            nonce,
            signer,
            ...(plan.fromAccountAddress ? { fromAccountAddress: plan.fromAccountAddress } : {}),
          },
          ctx.signing,
        ),
      );
      return ctx.client.sendSigned<{ tranId?: unknown }>(request, 'transfer');
    });
  }

  /**
   * Sends a transfer under its journal entry: written before the request leaves, finished with the outcome.
   * An answer that is lost, or without a transfer id, is settled from the history (never sent again).
   */
  private async journalled(
    plan: TransferPlan,
    t: TransferOrder,
    operationId: string,
    identity: TransferIdentity,
    reader: Account,
    clientTranId: string | null,
    send: () => Promise<{ tranId?: unknown } | null | undefined>,
  ): Promise<TransferResult> {
    const { ctx } = plan;
    await this.journal.begin(ctx.id, {
      id: operationId,
      kind: 'transfer',
      fromName: plan.from.name,
      toName: plan.to.name,
      fromWallet: t.fromWallet,
      toWallet: t.toWallet,
      asset: t.asset,
      amount: t.amount,
      startedAt: identity.sentAt ?? this.now(),
      identity,
      readerId: reader.id,
    });
    let result: TransferResult;
    try {
      try {
        const answer = await send();
        const tranId = answer?.tranId;
        // 200 without a transfer id: not Aster's "done", so the history decides.
        if ((typeof tranId !== 'string' && typeof tranId !== 'number') || String(tranId) === '')
          throw new AsterOutcomeUnknownError(
            (identity.clientTranId ? ENDPOINTS.walletTransfer : ENDPOINTS.subAccountTransfer).path,
            'unreadable-answer',
          );
        result = {
          tranId: String(tranId),
          asset: t.asset,
          amount: t.amount,
          confirmedFromHistory: false,
          clientTranId,
        };
      } catch (error) {
        if (!(error instanceof AsterOutcomeUnknownError)) throw error;
        result = await this.settle(ctx, reader, identity, error);
      }
    } catch (error) {
      await this.journal.finish(ctx.id, operationId, failureOutcome(error)).catch(() => undefined);
      throw error;
    }
    await this.journal
      .finish(ctx.id, operationId, {
        status: 'made',
        tranId: result.tranId,
        message: result.confirmedFromHistory
          ? `Aster's answer was lost; its history shows the transfer made (transfer ${result.tranId}).`
          : `Transferred: Aster's transfer id ${result.tranId}.`,
      })
      .catch(() => undefined);
    return result;
  }

  private async walletTransfer(
    plan: TransferPlan,
    t: TransferOrder,
    clientTranId: string,
    operationId: string,
  ): Promise<TransferResult> {
    const { ctx, from } = plan;
    const { asset, amount } = t;
    const identity: TransferIdentity = {
      user: from.address,
      nonce: '0',
      asset,
      amount,
      clientTranId,
      sentAt: this.now(),
    };
    try {
      return await this.journalled(plan, t, operationId, identity, from, clientTranId, async () =>
        ctx.client.sendSigned<{ tranId?: unknown }>(
          await this.signForAccount(ctx, from, ENDPOINTS.walletTransfer, {
            amount,
            asset,
            clientTranId,
            kindType: plan.kindType,
          }),
          'transfer',
        ),
      );
    } catch (error) {
      if (error instanceof AsterApiError && error.code === -4115) {
        const outcome = await this.historyLookup(ctx, from, identity).catch(() => null);
        throw new RpcError(
          'aster:-4115',
          outcome?.status === 'executed'
            ? `${error.message} Aster's history shows it: transfer ${outcome.record.tranId}, ${outcome.record.amount} ${outcome.record.asset}. Nothing was sent again.`
            : `${error.message} Nothing was sent again.`,
        );
      }
      throw error;
    }
  }

  private historyLookup(ctx: Context, reader: Account, identity: TransferIdentity) {
    const startTime = Math.max(0, (identity.sentAt ?? this.now()) - 120_000);
    return confirmTransferOutcome(
      ctx.client,
      identity,
      () => this.signForAccount(ctx, reader, ENDPOINTS.transferHistory, { startTime, limit: 200 }),
      { attempts: 2, delayMs: this.options.settleDelayMs ?? 800 },
    );
  }

  /** A 503 or timeout: the history decides. Executed → its id; absent → not made, nothing resent. */
  private async settle(
    ctx: Context,
    reader: Account,
    identity: TransferIdentity,
    cause: AsterOutcomeUnknownError,
  ): Promise<TransferResult> {
    let outcome: Awaited<ReturnType<OperationsService['historyLookup']>>;
    try {
      outcome = await this.historyLookup(ctx, reader, identity);
    } catch {
      throw new RpcError(
        'outcome-unknown',
        `${cause.message} The transfer history could not be read either: check it on Aster before sending again.`,
      );
    }
    if (outcome.status === 'executed')
      return {
        tranId: outcome.record.tranId,
        asset: identity.asset,
        amount: identity.amount,
        confirmedFromHistory: true,
        clientTranId: identity.clientTranId ?? null,
      };
    throw new RpcError(
      'not-executed',
      'Aster did not confirm the transfer and its history does not show it: nothing moved. You can send it again (a new request will be signed).',
    );
  }

  // --- The journal: interrupted transfers settled from the history, withdrawals explained ---

  /** Settles an entry nobody is sending any more (or still unknown) from the history; one read at a time. */
  private settleEntry(ctx: Context, entry: JournalEntry): Promise<JournalEntry> {
    const running = this.settling.get(entry.id);
    if (running) return running;
    const settled = this.settleEntryNow(ctx, entry).finally(() => this.settling.delete(entry.id));
    this.settling.set(entry.id, settled);
    return settled;
  }

  private async settleEntryNow(ctx: Context, entry: JournalEntry): Promise<JournalEntry> {
    const interrupted = entry.interrupted || entry.status === 'sending';
    if (entry.kind === 'withdrawal') {
      // No withdrawal history to read: the trader is told to check on Aster's site.
      const outcome: JournalOutcome = {
        status: 'unknown',
        message: withdrawalUnknownMessage("Aster Companion stopped before Aster's answer came back", entry),
        interrupted: true,
      };
      return (await this.journal.finish(ctx.id, entry.id, outcome)) ?? { ...entry, ...outcome, interrupted };
    }
    const lead = interrupted
      ? "Aster Companion stopped before Aster's answer came back"
      : 'Aster did not confirm the transfer';
    let outcome: JournalOutcome;
    const reader = await this.accounts.get(entry.readerId).catch(() => null);
    if (!reader)
      outcome = {
        status: 'unknown',
        tranId: null,
        message: `${lead}, and the account that signed it is no longer in the vault: check its transfer history on Aster before sending it again.`,
      };
    else {
      try {
        const found = await this.historyLookup(ctx, reader, entry.identity);
        outcome =
          found.status === 'executed'
            ? {
                status: 'made',
                tranId: found.record.tranId,
                message: `${lead}; Aster's history shows the transfer made (transfer ${found.record.tranId}).`,
              }
            : {
                status: 'not-made',
                tranId: null,
                message: `${lead}, and Aster's history does not show the transfer: nothing moved. You can send it again (a new request will be signed).`,
              };
      } catch {
        outcome = {
          status: 'unknown',
          tranId: null,
          message: `${lead}, and Aster's transfer history could not be read: check again before sending it again.`,
        };
      }
    }
    const finished = await this.journal.finish(ctx.id, entry.id, { ...outcome, interrupted });
    return finished ?? { ...entry, ...outcome, interrupted };
  }

  /** Interrupted (nobody sends it any more), or a transfer whose history could not be read yet. */
  private needsSettling(entry: JournalEntry): boolean {
    return this.journal.interrupted(entry) || (entry.kind === 'transfer' && entry.status === 'unknown');
  }

  /** A journalled operation (null: this id was never signed); settled first if interrupted or unknown. */
  operation(id: string): Promise<OperationRecord | null> {
    return this.run(async (ctx) => {
      const entry = await this.journal.get(ctx.id, id);
      if (!entry) return null;
      return publicRecord(this.needsSettling(entry) ? await this.settleEntry(ctx, entry) : entry);
    });
  }

  /**
   * Operations interrupted by a worker stop, or still unknown: transfers settled from the history first,
   * withdrawals (no history to read) marked unknown.
   */
  interruptedOperations(): Promise<OperationRecord[]> {
    return this.run(async (ctx) => {
      const records: OperationRecord[] = [];
      for (const entry of await this.journal.needingAttention(ctx.id))
        records.push(publicRecord(this.needsSettling(entry) ? await this.settleEntry(ctx, entry) : entry));
      return records;
    });
  }

  dismissOperation(id: string): Promise<OperationRecord[]> {
    return this.run(async (ctx) => {
      await this.journal.dismiss(ctx.id, id);
      return (await this.journal.needingAttention(ctx.id)).map(publicRecord);
    });
  }

  // --- Sweep ---

  private async sweepItems(ctx: Context, sub: Account): Promise<SweepItem[]> {
    if (sub.role !== 'sub') throw new RpcError('invalid-input', 'Only a sub-account is swept to its master.');
    if (sub.status === 'FROZEN')
      throw new RpcError('blocked', `${quoted(sub)} is frozen: unfreeze it before sweeping.`);
    const balances = await this.readBalances(ctx, sub);
    return (['futures', 'spot'] as const).flatMap((wallet) =>
      transferableAssets(balances[wallet]).map((b) => ({
        asset: b.asset,
        wallet,
        amount: b.withdrawable ?? b.balance,
      })),
    );
  }

  sweepPlan(id: string): Promise<SweepItem[]> {
    return this.run(async (ctx) => this.sweepItems(ctx, await this.accounts.get(id)));
  }

  sweep(params: { id: string; asset?: string; wallet?: WalletName }): Promise<SweepItemResult[]> {
    return this.run(async (ctx) => {
      const sub = await this.accounts.get(params.id);
      const { master } = await this.family(sub);
      const items = (await this.sweepItems(ctx, sub)).filter(
        (item) =>
          (params.asset === undefined || item.asset === params.asset) &&
          (params.wallet === undefined || item.wallet === params.wallet),
      );
      const results: SweepItemResult[] = [];
      for (const item of items) {
        try {
          const done = await this.transferIn(ctx, {
            fromId: sub.id,
            toId: master.id,
            asset: item.asset,
            amount: item.amount,
            fromWallet: item.wallet,
            toWallet: item.wallet,
            acceptWarnings: true,
          });
          results.push({ ...item, status: 'moved', tranId: done.tranId, error: null });
        } catch (error) {
          const described = toRpcError(error, ctx.client.hosts.futures);
          results.push({
            ...item,
            status: 'failed',
            tranId: null,
            error: described instanceof Error ? described.message : 'The transfer failed.',
          });
        }
      }
      return results;
    });
  }

  // --- API wallets ---

  private async agentInfo(agent: AgentRecord): Promise<AgentInfo> {
    const ctx = await this.context();
    const records = await this.registry.read(ctx.id);
    return {
      id: agent.id,
      accountId: agent.accountId,
      name: agent.name,
      address: agent.address,
      canSpotTrade: agent.canSpotTrade,
      canPerpTrade: agent.canPerpTrade,
      canWithdraw: agent.canWithdraw,
      expiresAt: agent.expiresAt,
      approved: agent.approved && Boolean(records.agents[agent.id]),
      network: records.agents[agent.id] ? ctx.id : null,
    };
  }

  listAgents(accountId: string): Promise<AgentInfo[]> {
    return this.run(async () => {
      await this.accounts.get(accountId);
      const agents = await this.agents.list(accountId);
      return Promise.all(agents.map((agent) => this.agentInfo(agent)));
    });
  }

  createAgent(params: {
    accountId: string;
    name: string;
    canSpotTrade: boolean;
    canPerpTrade: boolean;
    canWithdraw: boolean;
    ipWhitelist: string[];
    expiresInDays: number;
  }): Promise<AgentInfo> {
    return this.run(async (ctx) => {
      const account = await this.accounts.get(params.accountId);
      const { all } = await this.family(account);
      this.requireKey(account, 'Approving an API wallet');
      const existing = (await this.agents.list(account.id)).length;
      const ipWhitelist = params.ipWhitelist.map((ip) => ip.trim()).filter((ip) => ip !== '');
      const verdict = checkAgentApproval({
        account: this.asAster(account, all),
        existingAgents: existing,
        canWithdraw: params.canWithdraw,
        ipWhitelist,
      });
      if (verdict.level === 'block') throw new RpcError('rules', verdict.reasons.join(' '));
      await this.ping(ctx);
      const key = generateKey('evm');
      let agent: AgentRecord;
      try {
        agent = await this.agents.add({
          accountId: account.id,
          name: params.name,
          key,
          canSpotTrade: params.canSpotTrade,
          canPerpTrade: params.canPerpTrade,
          canWithdraw: params.canWithdraw,
          expiresAt: this.now() + params.expiresInDays * 86_400_000,
        });
      } finally {
        key.secret.fill(0);
      }
      return this.approve(ctx, account, agent, ipWhitelist, true);
    });
  }

  approveAgent(agentId: string, ipWhitelist: string[] = []): Promise<AgentInfo> {
    return this.run(async (ctx) => {
      const agent = await this.agents.get(agentId);
      const account = await this.accounts.get(agent.accountId);
      if (account.role === 'sub' && agent.canWithdraw)
        throw new RpcError('rules', 'An API wallet of a sub-account can never have withdrawal permission.');
      const ips = ipWhitelist.map((ip) => ip.trim()).filter((ip) => ip !== '');
      // Aster requires the IP whitelist with withdrawal permission; it is not stored, so it is asked again.
      if (agent.canWithdraw && ips.length === 0)
        throw new RpcError(
          'rules',
          'Give the IP whitelist again to approve an API wallet that may withdraw.',
        );
      await this.ping(ctx);
      return this.approve(ctx, account, agent, ips, false);
    });
  }

  private async approve(
    ctx: Context,
    account: Account,
    agent: AgentRecord,
    ipWhitelist: string[],
    removeOnRefusal: boolean,
  ): Promise<AgentInfo> {
    const nonce = await this.nonces.next(account.address);
    const request = await this.withAccountSigner(account.id, (wallet) =>
      signedRegisterAndApproveAgent(
        wallet,
        {
          nonce,
          agentName: agent.name,
          agentAddress: agent.address,
          expired: agent.expiresAt,
          canSpotTrade: agent.canSpotTrade,
          canPerpTrade: agent.canPerpTrade,
          canWithdraw: agent.canWithdraw && account.role === 'master',
          ipWhitelist,
        },
        ctx.signing,
      ),
    );
    try {
      await ctx.client.sendSigned(request, 'write');
    } catch (error) {
      // Refused for sure: the key is of no use, it leaves the vault with its record.
      if (error instanceof AsterApiError && removeOnRefusal) await this.agents.remove(agent.id);
      if (error instanceof AsterOutcomeUnknownError)
        throw new RpcError(
          'outcome-unknown',
          `${error.message} The API wallet "${agent.name}" stays in the vault, not approved: use "Approve again" (approving the same API wallet twice is harmless).`,
        );
      throw error;
    }
    const approved = await this.agents.markApproved(agent.id);
    await this.registry.change(ctx.id, (r) => {
      r.agents[agent.id] = true;
    });
    return this.agentInfo(approved);
  }

  // --- Withdrawals ---

  private async withdrawVerdict(
    ctx: Context,
    account: Account,
    asset: string,
    amount: string | undefined,
    chainId: number,
  ): Promise<WithdrawPreview> {
    const { all } = await this.family(account);
    const aster = this.asAster(account, all);
    if (account.role === 'sub')
      return { verdict: checkWithdrawal({ account: aster }), fee: null, balances: [] };
    const balances = await this.readBalances(ctx, account);
    const verdicts = [checkWithdrawal({ account: aster, balances: [...balances.futures, ...balances.spot] })];
    if (verdicts[0]!.level !== 'block' && amount !== undefined)
      verdicts.push(checkWithdrawal({ account: aster, balances: balances.futures, asset, amount }));
    const chainKind = WITHDRAW_CHAIN_KIND[chainId];
    if (!chainKind)
      verdicts.push(block('Withdrawals go to ETH (1), BSC (56), Arbitrum (42161) or Solana (101).'));
    else if (chainKind !== account.kind)
      verdicts.push(
        block(
          account.kind === 'evm'
            ? 'An EVM account withdraws to ETH, BSC or Arbitrum.'
            : 'A Solana account withdraws to Solana.',
        ),
      );
    let fee: string | null = null;
    if (chainKind) {
      const estimate = await ctx.client.call<{ fee?: unknown }>({
        endpoint: ENDPOINTS.estimateWithdrawFee,
        body: new URLSearchParams({ chainId: String(chainId), asset }).toString(),
      });
      fee = typeof estimate?.fee === 'string' ? estimate.fee : null;
    }
    return { verdict: combineVerdicts(...verdicts), fee, balances: balances.futures };
  }

  checkWithdrawal(params: {
    accountId: string;
    asset: string;
    amount?: string;
    chainId: number;
  }): Promise<WithdrawPreview> {
    return this.run(async (ctx) =>
      this.withdrawVerdict(
        ctx,
        await this.accounts.get(params.accountId),
        params.asset,
        params.amount,
        params.chainId,
      ),
    );
  }

  withdraw(params: WithdrawOrder): Promise<WithdrawResult> {
    return this.run(async (ctx) => {
      const operationId = params.operationId ?? crypto.randomUUID();
      // Asked again for a withdrawal already sent (a page retrying after a lost answer): never a second send.
      if (this.journal.isLive(operationId) || (await this.journal.get(ctx.id, operationId)))
        throw alreadySent('withdrawal');
      const account = await this.accounts.get(params.accountId);
      // A sub-account key never signs a withdrawal: refused before any key is read.
      if (account.role === 'sub')
        throw new RpcError(
          'sub-cannot-withdraw',
          `Sub-accounts cannot withdraw. Sweep ${quoted(account)} to its master (one transfer per asset), then withdraw from the master.`,
        );
      this.requireKey(account, 'A withdrawal');
      // An earlier withdrawal of this asset whose outcome is unknown: nothing is signed until it is checked.
      const blocking = this.journal.unsettledWithdrawal(
        (await this.registry.read(ctx.id)).operations,
        account.id,
        params.asset,
      );
      if (blocking) throw withdrawalBlocked(blocking, this.journal.isLive(blocking.id));
      const preview = await this.withdrawVerdict(ctx, account, params.asset, params.amount, params.chainId);
      if (preview.verdict.level === 'block') {
        const rebalance = preview.verdict.reasons.some((r) => r.startsWith('Rebalance first'));
        throw new RpcError(rebalance ? 'rebalance-first' : 'blocked', preview.verdict.reasons.join(' '));
      }
      const fee = preview.fee;
      if (fee === null)
        throw new RpcError('network', 'Aster did not give the withdrawal fee: nothing was signed.');
      const solana = params.chainId === 101;
      const validReceiver = solana
        ? /^[1-9A-HJ-NP-Za-km-z]{32,44}$/.test(params.receiver)
        : /^0x[0-9a-fA-F]{40}$/.test(params.receiver);
      if (!validReceiver)
        throw new RpcError('invalid-input', `The receiver is not ${solana ? 'a Solana' : 'an EVM'} address.`);
      const agent = await this.liveAgent(ctx, account, true);
      if (!agent && (solana || account.kind !== 'evm')) throw this.noAgent(account);
      const userNonce = await this.nonces.nextUserNonce(account.address);
      const common = {
        asset: params.asset,
        amount: params.amount,
        fee,
        receiver: params.receiver,
        userNonce,
      };
      const request = await this.withAccountSigner(account.id, async (wallet) => {
        const sign = async (agentSigner: Signer) => {
          const nonce = await this.nonces.next(agentSigner.address);
          return solana
            ? signedSolanaWithdrawal({ wallet, agent: agentSigner }, { ...common, nonce }, ctx.signing)
            : signedEvmWithdrawal(
                { wallet, agent: agentSigner },
                { ...common, chainId: params.chainId, nonce },
                ctx.signing,
              );
        };
        return agent ? this.withAgentSigner(agent.id, sign) : sign(wallet);
      });
      const entry = {
        id: operationId,
        kind: 'withdrawal',
        accountId: account.id,
        fromName: account.name,
        asset: params.asset,
        amount: params.amount,
        fee,
        chainId: params.chainId,
        receiver: params.receiver,
        startedAt: this.now(),
      } as const;
      // Written, and the write awaited, before the signed request leaves (never the signature itself).
      await this.journal.begin(ctx.id, entry);
      let withdrawId: string;
      try {
        const answer = await ctx.client.sendSigned<{ withdrawId?: unknown }>(request, 'transfer');
        const id = answer?.withdrawId;
        // 200 without a withdrawal id: not Aster's "done", and there is no history to ask.
        if ((typeof id !== 'string' && typeof id !== 'number') || String(id) === '')
          throw new AsterOutcomeUnknownError(request.endpoint.path, 'unreadable-answer');
        withdrawId = String(id);
      } catch (error) {
        const outcome = withdrawalFailure(error, entry);
        await this.journal.finish(ctx.id, operationId, outcome).catch(() => undefined);
        if (outcome.status === 'unknown')
          throw new RpcError(
            'outcome-unknown',
            `${outcome.message ?? ''} It is listed under "Interrupted operations".`,
          );
        throw error;
      }
      await this.journal
        .finish(ctx.id, operationId, {
          status: 'made',
          withdrawId,
          message: `Withdrawn: Aster's withdrawal id ${withdrawId}.`,
        })
        .catch(() => undefined);
      return { withdrawId, fee };
    });
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** How a journalled transfer that failed ends: refused for sure (not made), or still to be checked. */
function failureOutcome(error: unknown): JournalOutcome {
  const message = error instanceof Error ? error.message : null;
  const refused =
    error instanceof AsterApiError ||
    error instanceof AsterRateLimitError ||
    error instanceof AsterBannedError ||
    (error instanceof RpcError && (error.code === 'not-executed' || error.code.startsWith('aster:')));
  return refused
    ? { status: 'not-made', tranId: null, message }
    : {
        status: 'unknown',
        tranId: null,
        message:
          error instanceof RpcError && error.code === 'outcome-unknown'
            ? message
            : "The transfer's outcome is not known: check Aster's history before sending it again.",
      };
}

const UNKNOWN_LEADS: Record<AsterOutcomeUnknownError['reason'], string> = {
  'http-503': 'Aster answered 503 (unavailable) after the withdrawal was sent',
  timeout: 'Aster did not answer the withdrawal in time',
  network: "The connection was lost before Aster's answer to the withdrawal came back",
  'unreadable-answer': "Aster's answer to the withdrawal could not be read",
};

/** Why a withdrawal's outcome is unknown, and what the trader must do: Aster has no history to settle it. */
function withdrawalUnknownMessage(
  lead: string,
  w: { amount: string; asset: string; fromName: string; receiver: string; chainId: number },
): string {
  const chain = WITHDRAW_CHAIN_NAMES[w.chainId as WithdrawChainId] ?? `chain ${w.chainId}`;
  return (
    `${lead}: the withdrawal of ${w.amount} ${w.asset} may or may not have gone out. Aster offers no withdrawal history the companion could read, so it cannot be checked from here. ` +
    `Check the withdrawal history on Aster's site (and the receiver ${w.receiver} on ${chain}) before withdrawing again; dismiss this entry once you have checked. ` +
    `Until then, withdrawals of ${w.asset} from "${w.fromName}" are refused.`
  );
}

/** How a journalled withdrawal that failed ends: refused by Aster before executing it, or unknown. */
function withdrawalFailure(
  error: unknown,
  w: Parameters<typeof withdrawalUnknownMessage>[1],
): JournalOutcome {
  const refused =
    error instanceof AsterApiError ||
    error instanceof AsterRateLimitError ||
    error instanceof AsterBannedError;
  if (refused)
    return { status: 'not-made', withdrawId: null, message: `${error.message} Nothing was withdrawn.` };
  const lead =
    error instanceof AsterOutcomeUnknownError
      ? UNKNOWN_LEADS[error.reason]
      : 'The withdrawal failed after it was sent';
  return { status: 'unknown', withdrawId: null, message: withdrawalUnknownMessage(lead, w) };
}

/** perp ↔ spot inside one account: amount against the source wallet only. */
function amountVerdict(asset: string, amount: string | undefined, source: AssetBalance[]): Verdict {
  if (amount === undefined) return OK;
  if (!isPositiveDecimal(amount)) return block('The amount must be a number above zero.');
  const entry = source.find((b) => b.asset === asset);
  const available = entry?.withdrawable ?? entry?.balance ?? '0';
  if (compareDecimal(amount, available) > 0)
    return block(`At most ${available} ${asset} can be transferred now.`);
  return OK;
}
