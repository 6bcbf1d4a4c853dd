import type { Account } from '@/lib/accounts/model';
import { AsterClient, type RequestKind } from '@/lib/aster/client';
import {
  clockRefusalMessage,
  isClockRefusal,
  nonceOf,
  nonceSkewMs,
  refusedForClock,
} from '@/lib/aster/clock-skew';
import type { AsterEndpoint } from '@/lib/aster/endpoints';
import { AsterApiError, AsterNetworkError } from '@/lib/aster/errors';
import type { AgentRequestParam } from '@/lib/aster/messages';
import { NonceManager } from '@/lib/aster/nonce';
import type { AsterAccount } from '@/lib/aster/rules';
import { signingDomainsOf, type AsterProtocolProfile, type AsterSigningDomains } from '@/lib/aster/profile';
import { serverClockOf, type ServerClock } from '@/lib/aster/server-clock';
import { signedAgentRequest, type SignedAsterRequest } from '@/lib/aster/sign';
import { RpcError } from '@/lib/messaging/rpc';
import { createEvmSigner, createSigner, type Signer } from '@/lib/signers';
import type { AccountStore } from '@/lib/vault/accounts';
import { AgentStore } from '@/lib/vault/agents';
import type { AgentRecord } from '@/lib/vault/db';
import { VaultError } from '@/lib/vault/errors';
import { DexieNonceStore } from '@/lib/vault/nonce-store';
import type { Vault } from '@/lib/vault/vault';
import { asterAccountOf } from '../aster-account';
import { t } from '@/lib/i18n';
import { toRpcError } from './errors';
import { TransferJournal } from './journal';
import { hostsOf, loadNetwork, networkId, type NetworkSettings } from './network';
import { loadProfile } from './profile-store';
import { Registry, type JournalEntry } from './registry';

/** A signed request as it goes on the wire: its endpoint and its body (or query string), signature included. */
export type SentRequest = Pick<SignedAsterRequest, 'endpoint' | 'body'>;

/** What one call runs against: the network chosen now, its client, its protocol profile and signing domains. */
export interface Context {
  settings: NetworkSettings;
  id: string;
  client: AsterClient;
  /** Aster's clock on this network: nonces are corrected by its offset (§10). */
  clock: ServerClock;
  /** The network's open points, as the trader or the compatibility probe settled them (§10). */
  profile: AsterProtocolProfile;
  /** The chain id of each signature family, from `profile`. */
  signing: AsterSigningDomains;
}

export interface OperationsOptions {
  fetch?: typeof fetch;
  now?: () => number;
  /** Per attempt (default 10 s). */
  timeoutMs?: number;
  /** First read backoff (default 250 ms). */
  backoffMs?: number;
  /** Pause between ledger reads when settling an unknown outcome (default 800 ms). */
  settleDelayMs?: number;
}

const AGENT_EXPIRY_MARGIN_MS = 60_000;

export const quoted = (account: Account) => `"${account.name}"`;

/**
 * What every operation shares: the vault's stores, nonces, the per-network registry and journal, one Aster
 * client per network, and the ways keys are read, used and wiped. The operations themselves live one per
 * file beside it and take it as their first argument (the way viem's actions take a client).
 */
export class OperationsCore {
  readonly agents: AgentStore;
  readonly nonces: NonceManager;
  readonly registry = new Registry();
  readonly journal: TransferJournal;
  readonly clients = new Map<string, AsterClient>();
  /** One measured offset to Aster's clock per network (a simulator and mainnet disagree). */
  readonly clocks = new Map<string, ServerClock>();
  readonly now: () => number;
  /** Journal entries being settled from Aster's ledgers now (one read per entry at a time). */
  readonly settling = new Map<string, Promise<JournalEntry>>();

  constructor(
    readonly vault: Vault,
    readonly accounts: AccountStore,
    readonly options: OperationsOptions = {},
  ) {
    this.agents = new AgentStore(vault);
    this.nonces = new NonceManager({ store: new DexieNonceStore(vault.database) });
    this.now = options.now ?? Date.now;
    this.journal = new TransferJournal(this.registry, this.now);
  }

  async context(): Promise<Context> {
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
    let clock = this.clocks.get(id);
    if (!clock) {
      clock = serverClockOf(client);
      this.clocks.set(id, clock);
    }
    const { profile } = await loadProfile(id, settings.signing);
    return { settings, id, client, clock, profile, signing: signingDomainsOf(profile) };
  }

  /** Runs one operation; Aster's errors become RPC errors that name the network. */
  async run<T>(operation: (ctx: Context) => Promise<T>): Promise<T> {
    if ((await this.vault.state()).status !== 'unlocked')
      throw new VaultError('locked', t('background.core.locked'));
    const ctx = await this.context();
    try {
      return await operation(ctx);
    } catch (error) {
      throw toRpcError(error, `${ctx.settings.network} at ${ctx.client.hosts.futures}.`);
    }
  }

  /** Any HTTP answer proves Aster reachable; only a failed connection throws (AsterNetworkError). */
  async ping(ctx: Context): Promise<void> {
    try {
      await ctx.client.call({ endpoint: { method: 'GET', path: '/fapi/v1/ping' }, kind: 'read' });
    } catch (error) {
      // An error payload, or an HTTP error page, still came from the server.
      if (error instanceof AsterApiError) return;
      if (error instanceof AsterNetworkError && error.httpStatus !== undefined) return;
      throw error;
    }
  }

  // --- Nonces on Aster's clock, and the one retry when the clocks disagree ---

  /** The next request nonce of `signer`, on this network's clock (strictly increasing, persisted). */
  async nonce(ctx: Context, signer: string): Promise<number> {
    return this.nonces.next(signer, await ctx.clock.offsetMs());
  }

  /** The next withdrawal `userNonce` of `signer`, on this network's clock. */
  async userNonce(ctx: Context, signer: string): Promise<number> {
    return this.nonces.nextUserNonce(signer, await ctx.clock.offsetMs());
  }

  /**
   * Sends a signed request — the one place every signed request leaves through. When Aster refuses it for the
   * time (-1021, or -4225 on a nonce far from its clock), its clock is measured again and `resign` makes ONE new
   * request (new nonce, new signatures): a refused request was not executed, so this is safe. A -4225 on a
   * nonce in step with Aster's clock is a real duplicate and is not retried.
   */
  async send<T = unknown>(
    ctx: Context,
    first: SentRequest,
    resign: () => Promise<SentRequest>,
    kind?: RequestKind,
  ): Promise<T> {
    try {
      return await ctx.client.sendSigned<T>(first, kind);
    } catch (error) {
      if (!isClockRefusal(error)) throw error;
      try {
        await ctx.clock.measure();
      } catch {
        throw error; // Aster's clock unreadable: nothing to correct by.
      }
      if (!refusedForClock(error, nonceOf(first), ctx.clock.serverNow())) throw error;
    }
    const second = await resign();
    try {
      return await ctx.client.sendSigned<T>(second, kind);
    } catch (error) {
      if (!isClockRefusal(error)) throw error;
      const ahead = nonceSkewMs(nonceOf(second) ?? 0, ctx.clock.serverNow());
      throw new AsterApiError(error.code, error.httpStatus, error.serverMessage, clockRefusalMessage(ahead));
    }
  }

  /** signForAccount, sent through `send` (re-signed once if Aster refuses it for the time). */
  async signAndSend<T = unknown>(
    ctx: Context,
    account: Account,
    endpoint: AsterEndpoint,
    params: Readonly<Record<string, AgentRequestParam>>,
    kind?: RequestKind,
  ): Promise<T> {
    const sign = () => this.signForAccount(ctx, account, endpoint, params);
    return this.send<T>(ctx, await sign(), sign, kind);
  }

  // --- Keys: read, used, wiped ---

  async withAccountSigner<T>(accountId: string, use: (signer: Signer) => Promise<T>): Promise<T> {
    const { account, secret } = await this.accounts.readKey(accountId);
    let signer: Signer;
    try {
      signer = createSigner(account.kind, secret);
    } finally {
      secret.fill(0);
    }
    return use(signer);
  }

  async withAgentSigner<T>(agentId: string, use: (signer: Signer) => Promise<T>): Promise<T> {
    const { secret } = await this.agents.readKey(agentId);
    let signer: Signer;
    try {
      signer = createEvmSigner(secret);
    } finally {
      secret.fill(0);
    }
    return use(signer);
  }

  /**
   * An approved, unexpired API wallet of `account` on this network (`withdraw`: one allowed to withdraw). For
   * other requests one without withdrawal permission comes first: a withdraw-capable one is bound to a fixed IP
   * whitelist (§10) and fails from a changing home IP, so an EVM account with its key signs itself rather than
   * use only such a one.
   */
  async liveAgent(ctx: Context, account: Account, withdraw = false): Promise<AgentRecord | undefined> {
    const records = await this.registry.read(ctx.id);
    const agents = (await this.agents.list(account.id)).filter(
      (agent) =>
        agent.approved &&
        records.agents[agent.id] &&
        agent.expiresAt > this.now() + AGENT_EXPIRY_MARGIN_MS &&
        (!withdraw || agent.canWithdraw),
    );
    if (withdraw) return agents[0];
    const unbound = agents.find((agent) => !agent.canWithdraw);
    if (unbound || (account.kind === 'evm' && account.hasKey)) return unbound;
    return agents[0];
  }

  noAgent(account: Account): RpcError {
    return new RpcError(
      'api-wallet-needed',
      account.hasKey
        ? t('background.core.createAgentFirst', { account: quoted(account) })
        : t('background.core.watchOnly', { account: quoted(account) }),
    );
  }

  /**
   * An agent-signed V3 request for `account`: by its approved API wallet, or (EVM accounts) by its own wallet
   * key with `signer == user`, which Aster accepts for a wallet signing for itself.
   */
  async signForAccount(
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
        { nonce: await this.nonce(ctx, signer.address), user: account.address },
        ctx.signing,
      );
    if (agent) return this.withAgentSigner(agent.id, sign);
    if (account.kind === 'evm' && account.hasKey) return this.withAccountSigner(account.id, sign);
    throw this.noAgent(account);
  }

  /** The `signer` field of wallet-signed bodies: an approved API wallet of the account, or the account itself. */
  async signerField(ctx: Context, account: Account): Promise<string> {
    const agent = await this.liveAgent(ctx, account);
    if (agent) return agent.address;
    if (account.kind === 'evm') return account.address;
    throw this.noAgent(account);
  }

  // --- Accounts as the rules see them ---

  async family(account: Account): Promise<{ master: Account; subs: Account[]; all: Account[] }> {
    const all = await this.accounts.list();
    const master = account.role === 'master' ? account : all.find((a) => a.id === account.parentId);
    if (!master)
      throw new VaultError('not-found', t('background.core.noMaster', { account: quoted(account) }));
    return { master, subs: all.filter((a) => a.parentId === master.id), all };
  }

  asAster(account: Account, all: Account[]): AsterAccount {
    const parent = account.parentId ? all.find((a) => a.id === account.parentId) : undefined;
    return asterAccountOf(account, parent?.address);
  }

  requireKey(account: Account, what: string): void {
    if (!account.hasKey)
      throw new RpcError('key-needed', t('background.core.keyNeeded', { what, account: quoted(account) }));
  }
}
