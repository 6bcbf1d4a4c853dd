import bs58 from 'bs58';
import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { announceAccountsChanged } from '@/lib/background/accounts-changed';
import { decodeSigningRequest, type SigningRequest, type SigningSummary } from '@/lib/aster/decode';
import { isAsterLoginMessage } from '@/lib/aster/endpoints/login';
import type { AsterAccount, VerdictCode } from '@/lib/aster/rules';
import { parsePrivateKey, sameAccountAddress } from '@/lib/accounts/keys';
import type { Account } from '@/lib/accounts/model';
import { fromBase64, toBase64 } from '@/lib/crypto/bytes';
import { promptFramableAt } from '@/lib/exchange-origins';
import {
  PAGE_EVENT_CHANNEL,
  type PageEvent,
  type ProviderState,
  type SwitcherAccount,
  type SwitcherState,
} from '@/lib/messaging/page-api';
import { createSigner } from '@/lib/signers';
import type { EvmSigner, SolanaSigner, TypedData } from '@/lib/signers/types';
import type { AccountStore } from '@/lib/vault/accounts';
import type { Connection } from '@/lib/vault/db';
import { RpcError } from '@/lib/messaging/rpc';
import { VaultError } from '@/lib/vault/errors';
import type { Vault } from '@/lib/vault/vault';
import type { ApprovalQueue } from './approvals';
import { ProviderErrors } from './errors';
import { summarizeSolanaTransaction } from '@/lib/solana/transaction-summary';
import { asterAccountOf } from '../aster-account';
import { ownField } from './own-field';
import { personalSignOrder } from './personal-sign-order';
import { prepareSolanaSigning } from './solana-transaction';
import { t } from '@/lib/i18n';

/** Aster's deposit chains (reference §9): the chains a page may switch the provider to. */
export const SUPPORTED_CHAINS: Record<string, string> = {
  '0x1': 'Ethereum',
  '0x38': 'BNB Chain',
  '0xa4b1': 'Arbitrum',
};
const DEFAULT_CHAIN = '0x38';
const TABS_KEY = 'dapp.tabs';
const CHAINS_KEY = 'dapp.chains';

/** The shape eth_signTypedData_v4 data must have before it is decoded or shown (EIP-712). */
const typedDataShape = v.object({
  domain: v.record(v.string(), v.unknown()),
  types: v.record(v.string(), v.array(v.object({ name: v.string(), type: v.string() }))),
  primaryType: v.string(),
  message: v.record(v.string(), v.unknown()),
});

const NO_TRANSACTIONS =
  'Aster Companion signs Aster messages only; it sends no on-chain transactions. Use your main wallet for that.';

/** The accounts a site sees, by kind, the current one first. */
export interface Exposure {
  evm: Account[];
  solana: Account[];
}

/** A site's provider state: its chain (BNB Chain unless it switched) and the addresses it sees. */
function providerStateOf(origin: string, exposed: Exposure, chains: Record<string, string>): ProviderState {
  return {
    chainId: chains[origin] ?? DEFAULT_CHAIN,
    evmAccounts: exposed.evm.map((a) => a.address.toLowerCase()),
    solanaAccounts: exposed.solana.map((a) => a.address),
  };
}

export interface PageContext {
  origin: string;
  tabId: number;
}

/**
 * The bytes `personal_sign` signs and the text shown for them, from one parse: `0x` + even-length hex is the
 * bytes (as EIP-1193 sends them), any other `0x…` is refused (it would sign something other than what it
 * shows), anything else is UTF-8 text.
 */
export function personalSignPayload(message: string): { bytes: Uint8Array; text: string | null } {
  if (/^0x/i.test(message)) {
    if (!/^0x([0-9a-fA-F]{2})*$/.test(message)) {
      throw ProviderErrors.invalidParams('personal_sign: a 0x message must be even-length hexadecimal.');
    }
    const bytes = Uint8Array.from(message.slice(2).match(/../g) ?? [], (h) => parseInt(h, 16));
    return { bytes, text: utf8Text(bytes) };
  }
  const bytes = new TextEncoder().encode(message);
  return { bytes, text: message };
}

/** Exact UTF-8 text of the bytes, or null (a BOM is kept, so BOM + login text is not the login text). */
function utf8Text(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * The exchange page's wallet: connections per origin, the active account (switching), and every provider
 * request — permission, the `from` check, the decoder's summary, approval, then the signer. The origin is
 * always the browser's record of the sender, never anything the page wrote.
 */
/**
 * A token bucket per origin: bursts of `capacity` requests, then `perSecond`. A page flooding the provider
 * gets -32005 instead of tying up the worker (prompts are limited separately: one waiting per site).
 */
export class OriginRateLimit {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly capacity = 60,
    private readonly perSecond = 30,
    private readonly now: () => number = Date.now,
  ) {}

  take(origin: string): boolean {
    const now = this.now();
    const bucket = this.buckets.get(origin) ?? { tokens: this.capacity, at: now };
    bucket.tokens = Math.min(this.capacity, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    this.buckets.set(origin, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}

export class DappService {
  private readonly rateLimit = new OriginRateLimit();

  constructor(
    private readonly vault: Vault,
    private readonly accounts: AccountStore,
    private readonly approvals: ApprovalQueue,
  ) {}

  private get db() {
    return this.vault.database;
  }

  // --- Active account and exposure -------------------------------------------------------------

  async activeAccount(): Promise<Account | null> {
    // Switching and every page request ask for it: the id and the cached accounts, at any vault size.
    const [id, index] = await Promise.all([this.db.getMeta('activeAccountId'), this.accounts.index()]);
    const active = id === undefined ? undefined : index.get(id);
    if (active) return active;
    return index.list.find((a) => a.hasKey) ?? index.list[0] ?? null;
  }

  async setActive(id: string): Promise<Account> {
    // One switch at a time: the state a tab receives last is the account stored last.
    const switched = this.switching.then(() => this.switchTo(id));
    this.switching = switched.catch(() => undefined);
    return switched;
  }

  private switching: Promise<unknown> = Promise.resolve();

  private async switchTo(id: string): Promise<Account> {
    const account = await this.accounts.get(id);
    // The tabs' new state needs no read of the id being written: it is built while the write commits, and
    // sent once it has (a failed write tells no tab).
    const [, states] = await Promise.all([this.db.putMeta('activeAccountId', id), this.tabStates(account)]);
    await this.sendStates(states);
    // After the exchange tabs (what the trader waits for): open extension pages take the id alone, so a
    // switch re-reads no list there while the exchange signs in again.
    announceAccountsChanged(id);
    return account;
  }

  /** Moves the active account by `step` through the accounts' list order (keyboard shortcuts). */
  async cycleActive(step: 1 | -1): Promise<Account | null> {
    const all = (await this.accounts.list()).filter((a) => a.hasKey);
    if (all.length === 0) return null;
    const current = await this.activeAccount();
    const index = Math.max(
      0,
      all.findIndex((a) => a.id === current?.id),
    );
    return this.setActive(all[(index + step + all.length) % all.length]!.id);
  }

  async connection(origin: string): Promise<Connection | undefined> {
    return this.db.connections.get(origin);
  }

  /** The accounts `origin` sees, the current one first; none while locked or not connected. */
  async exposed(origin: string): Promise<Exposure> {
    const { connection, unlocked, active } = await this.siteView(origin);
    return this.exposure(connection, unlocked, active);
  }

  /** What decides a site's view, read at once: its connection, whether the vault is unlocked, the active account. */
  private async siteView(
    origin: string,
  ): Promise<{ connection: Connection | undefined; unlocked: boolean; active: Account | null }> {
    const [connection, state, active] = await Promise.all([
      this.connection(origin),
      this.vault.state(),
      this.activeAccount(),
    ]);
    return { connection, unlocked: state.status === 'unlocked', active };
  }

  /** What a connection shows: the active account or the fixed ones (the active first), with a key only. */
  private async exposure(
    connection: Connection | undefined,
    unlocked: boolean,
    active: Account | null,
  ): Promise<Exposure> {
    if (!connection || !unlocked) return { evm: [], solana: [] };
    const chosen =
      connection.mode === 'active'
        ? active
          ? [active]
          : []
        : await this.accounts.index().then((index) =>
            connection.accountIds
              .map((id) => index.get(id))
              .filter((a): a is Account => a !== undefined)
              .sort((a, b) => Number(b.id === active?.id) - Number(a.id === active?.id)),
          );
    const usable = chosen.filter((a) => a.hasKey);
    return { evm: usable.filter((a) => a.kind === 'evm'), solana: usable.filter((a) => a.kind === 'solana') };
  }

  async providerState(origin: string): Promise<ProviderState> {
    const [exposed, stored] = await Promise.all([
      this.exposed(origin),
      browser.storage.session.get(CHAINS_KEY),
    ]);
    return providerStateOf(origin, exposed, (stored[CHAINS_KEY] ?? {}) as Record<string, string>);
  }

  /** Remembers a tab that runs the provider, so switching can reach it. */
  async registerTab({ tabId, origin }: PageContext): Promise<void> {
    const tabs = ((await browser.storage.session.get(TABS_KEY))[TABS_KEY] ?? {}) as Record<string, string>;
    if (tabs[tabId] === origin) return;
    await browser.storage.session.set({ [TABS_KEY]: { ...tabs, [tabId]: origin } });
  }

  /**
   * Sends every provider tab its current state: after a switch, a lock, a connection change. The switcher's
   * closed state goes with it, so no tab has to ask for it back while its page signs in again.
   */
  async broadcast(): Promise<void> {
    await this.sendStates(await this.tabStates());
  }

  /**
   * Every provider tab's state event, each input read once for all of them (vault state, active account,
   * the session's tabs and chains; one connection per site). `active` when the caller already knows it.
   */
  private async tabStates(active?: Account | null): Promise<Map<string, PageEvent>> {
    const [vaultState, current, stored] = await Promise.all([
      this.vault.state(),
      active === undefined ? this.activeAccount() : active,
      browser.storage.session.get([TABS_KEY, CHAINS_KEY]),
    ]);
    const unlocked = vaultState.status === 'unlocked';
    const tabs = (stored[TABS_KEY] ?? {}) as Record<string, string>;
    const chains = (stored[CHAINS_KEY] ?? {}) as Record<string, string>;
    const origins = [...new Set(Object.values(tabs))];
    const [switcher, exposures] = await Promise.all([
      this.switcherOf(unlocked, current),
      Promise.all(
        origins.map(async (origin) => this.exposure(await this.connection(origin), unlocked, current)),
      ),
    ]);
    const states = new Map(
      origins.map((origin, i) => [origin, providerStateOf(origin, exposures[i]!, chains)]),
    );
    return new Map(
      Object.entries(tabs).map(([tabId, origin]) => [
        tabId,
        { channel: PAGE_EVENT_CHANNEL, event: 'state', state: states.get(origin)!, switcher },
      ]),
    );
  }

  /** Sends each tab its event; tabs that are gone are forgotten. */
  private async sendStates(events: Map<string, PageEvent>): Promise<void> {
    const gone: string[] = [];
    await Promise.all(
      [...events].map(([tabId, event]) =>
        browser.tabs.sendMessage(Number(tabId), event, { frameId: 0 }).catch(() => gone.push(tabId)),
      ),
    );
    if (gone.length > 0) {
      const current = ((await browser.storage.session.get(TABS_KEY))[TABS_KEY] ?? {}) as Record<
        string,
        string
      >;
      for (const tabId of gone) delete current[tabId];
      await browser.storage.session.set({ [TABS_KEY]: current });
    }
  }

  async toggleSwitcherInActiveTab(): Promise<void> {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return;
    const event: PageEvent = { channel: PAGE_EVENT_CHANNEL, event: 'toggle-switcher' };
    await browser.tabs.sendMessage(tab.id, event, { frameId: 0 }).catch(() => undefined);
  }

  // --- Connections ---------------------------------------------------------------------------

  async listConnections(): Promise<Connection[]> {
    return this.db.connections.toArray();
  }

  async revoke(origin: string): Promise<void> {
    await this.db.connections.delete(origin);
    await this.broadcast();
  }

  async setAutoLogin(origin: string, autoLogin: boolean): Promise<Connection> {
    const connection = await this.connection(origin);
    if (!connection) throw new VaultError('not-found', t('background.dappService.notConnected', { origin }));
    const updated = { ...connection, autoLogin };
    await this.db.connections.put(updated);
    return updated;
  }

  /** Asks the trader to connect `origin` (showing the account it would see); resolves once connected. */
  private async connect(page: PageContext, kind: 'evm' | 'solana'): Promise<void> {
    if (await this.connection(page.origin)) return;
    const active = await this.activeAccount();
    const view = (a: Account) => ({ id: a.id, name: a.name, address: a.address, kind: a.kind });
    const decision = await this.ask(page, {
      origin: page.origin,
      kind: 'connect',
      account: active ? view(active) : null,
      choices: (await this.accounts.list()).filter((a) => a.hasKey && a.kind === kind).map(view),
    });
    const chosen = decision.accountId ? await this.accounts.get(decision.accountId) : null;
    await this.db.connections.put({
      origin: page.origin,
      // 'active' follows switching; 'fixed' shows only the account the trader picked.
      mode: chosen ? 'fixed' : 'active',
      accountIds: chosen ? [chosen.id] : active ? [active.id] : [],
      autoLogin: decision.autoLogin === true,
      connectedAt: Date.now(),
    });
    await this.broadcast();
  }

  /**
   * Asks the trader. While the vault is locked the prompt opens in a popup window, never inside the page:
   * a password should only ever be typed into the extension's own window.
   */
  private async ask(
    page: PageContext,
    view: Parameters<ApprovalQueue['request']>[0],
  ): ReturnType<ApprovalQueue['request']> {
    const locked = (await this.vault.state()).status !== 'unlocked';
    // A site added in Settings cannot frame prompt.html (web-accessible only to the built-in sites).
    return this.approvals.request(view, page.tabId, { inWindow: locked || !promptFramableAt(page.origin) });
  }

  /** The in-page prompt of this tab's approval could not be proven seen: it moves to a popup window. */
  async approvalToWindow(page: PageContext, approvalId: string): Promise<void> {
    await this.approvals.moveToWindow(approvalId, page.tabId);
  }

  /** The page (re)loaded in this tab: approvals its previous document waited for are over. */
  async hello(page: PageContext, documentStartedAt = Date.now()): Promise<ProviderState> {
    // Only what the previous document left: the new one's first request may be handled before this hello.
    await this.approvals.rejectTab(
      page.tabId,
      'The page was reloaded.',
      Math.min(documentStartedAt, Date.now()),
    );
    await this.registerTab(page);
    return this.providerState(page.origin);
  }

  // --- Provider requests ---------------------------------------------------------------------

  async request(page: PageContext, method: string, params: unknown): Promise<unknown> {
    if (!this.rateLimit.take(page.origin)) {
      throw new RpcError('-32005', `Too many requests from ${page.origin}; slow down.`);
    }
    await this.registerTab(page);
    const args = Array.isArray(params) ? params : [];
    switch (method) {
      case 'eth_chainId':
        return (await this.providerState(page.origin)).chainId;
      case 'net_version':
        return String(parseInt((await this.providerState(page.origin)).chainId, 16));
      case 'eth_accounts':
        return (await this.providerState(page.origin)).evmAccounts;
      case 'eth_requestAccounts':
        await this.connect(page, 'evm');
        return this.requireEvmAccounts(page.origin);
      case 'wallet_requestPermissions':
        await this.connect(page, 'evm');
        return [{ parentCapability: 'eth_accounts', date: Date.now() }];
      case 'wallet_getPermissions':
        return (await this.connection(page.origin)) ? [{ parentCapability: 'eth_accounts' }] : [];
      case 'wallet_revokePermissions':
        await this.revoke(page.origin);
        return null;
      case 'wallet_switchEthereumChain':
        return this.switchChain(page.origin, args[0]);
      case 'personal_sign':
        return this.personalSign(page, args);
      case 'eth_signTypedData_v4':
        return this.signTypedData(page, args);
      case 'solana:connect':
        return this.solanaConnect(page, params);
      case 'solana:disconnect':
        return null;
      case 'solana:signMessage':
        return this.solanaSignMessage(page, params);
      case 'solana:signTransaction':
        return this.solanaSignTransaction(page, params);
      case 'eth_sendTransaction':
      case 'eth_sendRawTransaction':
      case 'eth_signTransaction':
      case 'eth_sign':
        throw ProviderErrors.unsupported(NO_TRANSACTIONS);
      default:
        throw ProviderErrors.unsupported(`Aster Companion does not support "${method}". ${NO_TRANSACTIONS}`);
    }
  }

  private async requireEvmAccounts(origin: string): Promise<string[]> {
    const { evmAccounts } = await this.providerState(origin);
    if (evmAccounts.length === 0) {
      throw ProviderErrors.unauthorized(
        'The active account is not an EVM account: switch to one in Aster Companion.',
      );
    }
    return evmAccounts;
  }

  private async switchChain(origin: string, arg: unknown): Promise<null> {
    const raw = ownField(arg, 'chainId');
    const chainId = typeof raw === 'string' ? raw.toLowerCase() : '';
    // Own keys only: "constructor" or "toString" are not chains (Object.prototype would say they are).
    if (!Object.hasOwn(SUPPORTED_CHAINS, chainId)) {
      throw ProviderErrors.unrecognizedChain(/^0x[0-9a-f]{1,16}$/.test(chainId) ? chainId : 'that');
    }
    const chains = ((await browser.storage.session.get(CHAINS_KEY))[CHAINS_KEY] ?? {}) as Record<
      string,
      string
    >;
    await browser.storage.session.set({ [CHAINS_KEY]: { ...chains, [origin]: chainId } });
    await this.broadcast();
    return null;
  }

  /**
   * The connected account that must sign: `from` must be it (users' top complaint about other wallets). The
   * connection comes with it: the standing consent to Aster's login is read from the same record.
   */
  private async signingAccount(
    page: PageContext,
    from: unknown,
    kind: 'evm' | 'solana',
  ): Promise<{ account: Account; connection: Connection }> {
    const { connection, unlocked, active } = await this.siteView(page.origin);
    if (!connection) throw ProviderErrors.unauthorized();
    const current = (await this.exposure(connection, unlocked, active))[kind][0];
    if (!current)
      throw ProviderErrors.unauthorized('Unlock Aster Companion and choose an account of this kind first.');
    if (typeof from !== 'string' || !sameAccountAddress(kind, from, current.address)) {
      throw ProviderErrors.unauthorized(
        `This request names ${typeof from === 'string' ? from : 'no account'}, but the connected account is ${current.address} ("${current.name}"). Nothing was signed.`,
      );
    }
    return { account: current, connection };
  }

  /** The decoder's view of the vault: any address the request names, found in the indexed accounts. */
  private async lookupContext(signer: Account) {
    const index = await this.accounts.index();
    const lookup = (address: string): AsterAccount | undefined => {
      const account = index.findByAddress(address);
      if (!account) return undefined;
      return asterAccountOf(account, account.parentId ? index.get(account.parentId)?.address : undefined);
    };
    return { lookup, signer: signer.address };
  }

  /**
   * Decodes, asks for approval (unless `signedBytes` are exactly Aster's login text and the site has standing
   * consent), then signs. `signedBytes` are the bytes the signer will sign, null for typed data.
   */
  private async approveAndSign<T>(
    page: PageContext,
    { account, connection }: { account: Account; connection: Connection },
    request: SigningRequest,
    signedBytes: Uint8Array | null,
    sign: () => Promise<T>,
  ): Promise<T> {
    const isLogin = signedBytes !== null && isAsterLoginMessage(signedBytes);
    if (isLogin && connection.autoLogin) return sign();
    const summary = await this.withBackupWarnings(
      decodeSigningRequest(request, await this.lookupContext(account)),
    );
    await this.ask(page, {
      origin: page.origin,
      kind: 'sign',
      summary,
      signer: { name: account.name, address: account.address },
    });
    if (summary.verdict.level === 'block') {
      throw ProviderErrors.userRejected(`Blocked: ${summary.verdict.reasons.join(' ')}`);
    }
    return sign();
  }

  /** Funds sent to a key that is not backed up could be lost with it: the prompt says so (issue: one-time backup). */
  private async withBackupWarnings(summary: SigningSummary): Promise<SigningSummary> {
    if (summary.kind !== 'transfer') return summary;
    const index = await this.accounts.index();
    const reasons = summary.parties
      .filter((party) => party.role === 'to')
      .map((party) => index.findByAddress(party.address))
      .filter((account): account is Account => account?.backup.state === 'not-backed-up')
      .map((account) => t('background.dappService.recipientNotBackedUp', { name: account.name }));
    if (reasons.length === 0) return summary;
    const level = summary.verdict.level === 'block' ? 'block' : 'warn';
    const codes = reasons.map((): VerdictCode => 'recipient-not-backed-up');
    return {
      ...summary,
      verdict: {
        level,
        reasons: [...summary.verdict.reasons, ...reasons],
        codes: [...summary.verdict.codes, ...codes],
      },
    };
  }

  private async evmSigner(account: Account): Promise<EvmSigner> {
    const { secret } = await this.accounts.readKey(account.id);
    try {
      return createSigner('evm', secret) as EvmSigner;
    } finally {
      secret.fill(0);
    }
  }

  private async solanaSigner(account: Account): Promise<SolanaSigner> {
    const { secret } = await this.accounts.readKey(account.id);
    try {
      return createSigner('solana', secret) as SolanaSigner;
    } finally {
      secret.fill(0);
    }
  }

  private async personalSign(page: PageContext, args: unknown[]): Promise<string> {
    const { message, from } = personalSignOrder(args);
    if (message.length > 16_384) {
      throw ProviderErrors.invalidParams('personal_sign takes [message, address].');
    }
    const { bytes } = personalSignPayload(message);
    const signing = await this.signingAccount(page, from, 'evm');
    return this.approveAndSign(page, signing, { method: 'personal_sign', message }, bytes, async () => {
      const signer = await this.evmSigner(signing.account);
      return signer.signMessage(bytes);
    });
  }

  private async signTypedData(page: PageContext, args: unknown[]): Promise<string> {
    const [from, raw] = args;
    const signing = await this.signingAccount(page, from, 'evm');
    let typedData: unknown;
    try {
      typedData = typeof raw === 'string' ? JSON.parse(raw) : raw;
    } catch {
      throw ProviderErrors.invalidParams('The typed data is not valid JSON.');
    }
    if (!v.is(typedDataShape, typedData)) {
      throw ProviderErrors.invalidParams(
        'eth_signTypedData_v4 takes [address, typedData] with domain, types, primaryType and message.',
      );
    }
    return this.approveAndSign(
      page,
      signing,
      { method: 'eth_signTypedData_v4', typedData },
      null,
      async () => {
        const signer = await this.evmSigner(signing.account);
        const { types, ...rest } = typedData as TypedData;
        // viem derives the EIP712Domain type from the domain itself.
        const { EIP712Domain, ...otherTypes } = types;
        return signer.signTypedData({ ...rest, types: otherTypes });
      },
    );
  }

  private async solanaConnect(page: PageContext, params: unknown): Promise<string[]> {
    const silent = ownField(params, 'silent') === true;
    if (!(await this.connection(page.origin))) {
      if (silent) return [];
      await this.connect(page, 'solana');
    }
    return (await this.providerState(page.origin)).solanaAccounts;
  }

  private solanaParams(
    params: unknown,
    field: 'message' | 'transaction',
  ): { address: unknown; bytes: Uint8Array<ArrayBuffer> } {
    const value = ownField(params, field);
    if (typeof value !== 'string' || value.length > 65_536)
      throw ProviderErrors.invalidParams(`Missing ${field}.`);
    try {
      return { address: ownField(params, 'address'), bytes: fromBase64(value) };
    } catch {
      throw ProviderErrors.invalidParams(`The ${field} is not base64.`);
    }
  }

  private async solanaSignMessage(page: PageContext, params: unknown): Promise<{ signature: string }> {
    const { address, bytes } = this.solanaParams(params, 'message');
    const signing = await this.signingAccount(page, address, 'solana');
    return this.approveAndSign(
      page,
      signing,
      { method: 'solana_signMessage', message: bytes },
      bytes,
      async () => {
        const signer = await this.solanaSigner(signing.account);
        return { signature: toBase64(await signer.signBytes(bytes)) };
      },
    );
  }

  private async solanaSignTransaction(page: PageContext, params: unknown): Promise<{ transaction: string }> {
    const { address, bytes } = this.solanaParams(params, 'transaction');
    const { account } = await this.signingAccount(page, address, 'solana');
    let prepared: ReturnType<typeof prepareSolanaSigning>;
    try {
      prepared = prepareSolanaSigning(bytes, bs58.decode(account.address));
    } catch (error) {
      throw ProviderErrors.invalidParams(
        error instanceof Error ? error.message : 'This is not a Solana transaction.',
      );
    }
    // Decoded from the exact bytes that are signed; a SOL transfer to a key not backed up warns as Aster's do.
    const summary = await this.withBackupWarnings(
      summarizeSolanaTransaction(prepared.message, await this.lookupContext(account)),
    );
    await this.ask(page, {
      origin: page.origin,
      kind: 'sign',
      summary,
      signer: { name: account.name, address: account.address },
    });
    if (summary.verdict.level === 'block') {
      throw ProviderErrors.userRejected(`Blocked: ${summary.verdict.reasons.join(' ')}`);
    }
    const signer = await this.solanaSigner(account);
    return { transaction: toBase64(prepared.place(await signer.signBytes(prepared.message))) };
  }

  // --- In-page switcher and key capture -------------------------------------------------------

  /** The closed switcher's state: the active account and whether there is any to switch to. */
  async switcherState(): Promise<SwitcherState> {
    const [state, active] = await Promise.all([this.vault.state(), this.activeAccount()]);
    return this.switcherOf(state.status === 'unlocked', active);
  }

  private async switcherOf(unlocked: boolean, active: Account | null): Promise<SwitcherState> {
    if (!unlocked) return { locked: true, active: null, hasAccounts: false };
    if (active?.hasKey)
      return { locked: false, active: { id: active.id, name: active.name }, hasAccounts: true };
    const { list } = await this.accounts.index();
    return { locked: false, active: null, hasAccounts: list.some((a) => a.hasKey) };
  }

  /** The accounts the open switcher lists: every one with a key, in list order (none while locked). */
  async switcherAccounts(): Promise<SwitcherAccount[]> {
    if ((await this.vault.state()).status !== 'unlocked') return [];
    const index = await this.accounts.index();
    return index.list
      .filter((a) => a.hasKey)
      .map((a) => ({
        id: a.id,
        name: a.name,
        kind: a.kind,
        role: a.role,
        address: a.address,
        ...(a.parentId ? { masterName: index.get(a.parentId)?.name } : {}),
      }));
  }

  async captureMasters(): Promise<SwitcherAccount[]> {
    return (await this.switcherAccounts()).filter((a) => a.role === 'master');
  }

  /** Saves a key the trader chose to capture from the exchange's own dialog, then opens its backup. */
  async captureSave(key: string, name: string, parentId: string): Promise<{ id: string; name: string }> {
    const master = await this.accounts.get(parentId);
    const parsed = parsePrivateKey(key, master.kind);
    if (!parsed.ok) throw new VaultError('invalid-input', parsed.reason);
    try {
      const account = await this.accounts.add({ role: 'sub', parentId, name, key: parsed });
      await browser.tabs.create({ url: browser.runtime.getURL(`/popup.html?tab=1#/backup/${account.id}`) });
      return { id: account.id, name: account.name };
    } finally {
      parsed.secret.fill(0);
    }
  }
}
