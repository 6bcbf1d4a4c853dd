import { randomBytes, randomInt } from 'node:crypto';
import { isAddress } from 'viem';
import { fromUnits, isAmount, toUnits } from './decimal';
import { CODES, fail, SimError } from './errors';
import {
  addressKey,
  demoStateFile,
  normaliseState,
  same,
  type HistoryEntry,
  type SimAccount,
  type SimAgent,
  type SimState,
  type SimStateFile,
  type Wallet,
} from './state';
import { verifyAsterMessage, verifyPersonalSign, verifySolanaText, verifyWithdrawAction } from './verify';
import { feeTierOf, futuresCommissionRate, spotCommissionRate } from './routes/fees';
import { getSubAccountList } from './routes/sub-account-list';
import { signedFieldsProblem } from './signed-fields';
import { DEFAULT_VARIANTS, withVariant, type SimVariant } from './variant';
import { assetExchange } from './routes/asset-exchange';
import { agentDelete, agentList } from './routes/agents';
import { tickerPrice } from './routes/ticker-price';
import { serverTime } from './routes/time';
import * as history from './routes/history';

/**
 * The simulated exchange: every endpoint of aster-protocol.md, each verifying its signatures (./verify.ts),
 * its nonce (window and replay) and the seed rules before it changes any balance.
 */

export interface EngineOptions {
  state?: SimStateFile;
  /** Which network's default variant (chain ids etc., ./variant.ts) the server starts with: mainnet (default). */
  network?: 'mainnet' | 'testnet';
  /** Allowed distance between a nonce and the server clock. Default ±60 s (PR #157, §10). */
  nonceWindowMs?: number;
  /** Whether signed messages carry values raw (default) or percent-encoded (the UNCERTAIN point of §2). */
  signedEncoding?: 'raw' | 'percent';
  /** The open points of §10 (over the network's defaults); tests change them with POST /__sim/variant. */
  variant?: Partial<SimVariant>;
  now?: () => number;
}

export interface SimRequest {
  method: string;
  path: string;
  /** Form body (POST) or query (GET), in the order sent. */
  params: URLSearchParams;
  json?: unknown;
  headers: Record<string, string | undefined>;
  ip: string;
}

export interface SimResponse {
  status: number;
  body: unknown;
}

const NONCES_KEPT = 100;
/** Agent endpoints answer whether or not the master ever deposited (§10). */
const DEPOSIT_GATE_EXEMPT: ReadonlySet<string> = new Set([
  '/fapi/v3/agent',
  '/fapi/v3/registerAndApproveAgent',
]);
const MIN_VIP = 2;
const MAX_SUBS = 15;
const API_KEY_LIMIT = { master: 30, sub: 10 } as const;
const CHAIN_NAMES: Record<string, string> = { '1': 'ETH', '56': 'BSC', '42161': 'Arbitrum' };
const WITHDRAW_FEES: Record<string, string> = { '1': '2', '56': '0.5', '42161': '0.8', '101': '0.6' };
const KIND_TYPES: Record<string, [Wallet, Wallet]> = {
  FUTURE_FUTURE: ['futures', 'futures'],
  FUTURE_SPOT: ['futures', 'spot'],
  SPOT_FUTURE: ['spot', 'futures'],
  SPOT_SPOT: ['spot', 'spot'],
};

interface AgentAuth {
  account: SimAccount;
  /** null when the account's own wallet signed (`signer == user`). */
  agent: SimAgent | null;
}

export class Engine {
  state: SimState;
  readonly network: 'mainnet' | 'testnet';
  nonceWindowMs: number;
  readonly signedEncoding: 'raw' | 'percent';
  /** How this server settles the open points of §10 (./variant.ts); `reset` restores the one it started with. */
  variant: SimVariant;
  private readonly initialVariant: SimVariant;
  /** Added to the clock (tests move time with POST /__sim/clock). */
  clockOffsetMs = 0;
  private readonly baseNow: () => number;
  private initial: SimStateFile;
  private nonces = new Map<string, number[]>();
  /**
   * Every nonce refused since the last reset, with why: `repeat` (already used by this signer), `window`
   * (behind the server clock's window) or `stale` (older than the smallest kept), all -4225; `ahead` (-1021). Test evidence that a
   * client never reuses a nonce; served by GET /__sim/state.
   */
  readonly nonceRefusals: {
    signer: string;
    nonce: string;
    reason: 'repeat' | 'window' | 'stale' | 'ahead';
  }[] = [];
  private userNonces = new Map<string, Set<string>>();
  private loginNonces = new Map<string, { nonce: string; expires: number }>();
  private sessions = new Map<string, string>();
  private nextTranId = 1;

  constructor(options: EngineOptions = {}) {
    this.initial = options.state ?? demoStateFile();
    this.state = normaliseState(this.initial);
    this.network = options.network ?? 'mainnet';
    this.nonceWindowMs = options.nonceWindowMs ?? 60_000;
    this.signedEncoding = options.signedEncoding ?? 'raw';
    this.initialVariant = withVariant(DEFAULT_VARIANTS[this.network], options.variant ?? {});
    this.variant = this.initialVariant;
    this.baseNow = options.now ?? Date.now;
  }

  now(): number {
    return this.baseNow() + this.clockOffsetMs;
  }

  reset(state?: SimStateFile): void {
    if (state) this.initial = state;
    this.state = normaliseState(this.initial);
    this.nonces.clear();
    this.nonceRefusals.length = 0;
    this.userNonces.clear();
    this.loginNonces.clear();
    this.sessions.clear();
    this.nextTranId = 1;
    this.clockOffsetMs = 0;
    this.variant = this.initialVariant;
  }

  account(address: string | null | undefined): SimAccount | undefined {
    if (!address) return undefined;
    return this.state.accounts.find((a) => same(a.address, address));
  }

  async handle(request: SimRequest): Promise<SimResponse> {
    try {
      const key = `${request.method} ${request.path}`;
      const route = Object.hasOwn(ROUTES, key) ? ROUTES[key] : undefined;
      if (!route)
        return {
          status: 404,
          body: { code: -1, msg: `No such endpoint: ${request.method} ${request.path}` },
        };
      const fieldsProblem = signedFieldsProblem(key, request.params, this.variant);
      if (fieldsProblem)
        fail(
          fieldsProblem.code === 'missing' ? CODES.missingParameter : CODES.tooManyParameters,
          fieldsProblem.message,
        );
      return { status: 200, body: await route.call(this, request) };
    } catch (error) {
      if (error instanceof SimError)
        return { status: error.httpStatus, body: { code: error.code, msg: error.message } };
      console.error('[simulator] internal error', error instanceof Error ? error.message : error);
      return { status: 500, body: { code: -1000, msg: 'Internal simulator error.' } };
    }
  }

  // --- Parameters and messages ---

  required(params: URLSearchParams, name: string): string {
    const value = params.get(name);
    if (value === null || value === '')
      fail(
        CODES.missingParameter,
        `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`,
      );
    return value!;
  }

  private encode(value: string): string {
    return this.signedEncoding === 'percent' ? encodeURIComponent(value) : value;
  }

  /** `msg` as sent: every parameter in order except `signature`. */
  sentMsg(params: URLSearchParams): string {
    const pairs: string[] = [];
    for (const [name, value] of params) if (name !== 'signature') pairs.push(`${name}=${this.encode(value)}`);
    return pairs.join('&');
  }

  /** `msg` in a fixed field order, whatever order the form came in (sub-account endpoints, §4). */
  fixedMsg(params: URLSearchParams, order: readonly string[]): string {
    return order
      .filter((name) => (params.get(name) ?? '') !== '')
      .map((name) => `${name}=${this.encode(params.get(name)!)}`)
      .join('&');
  }

  // --- Nonces (§3) ---

  /**
   * Window ±nonceWindowMs, then the last 100 nonces per signer: a repeat, or an older one when full, fails.
   * Ahead of the clock beyond the window is -1021 (Aster's "Timestamp for this request was 1000ms ahead of the
   * server's time."); behind it, a repeat or stale is -4225.
   */
  useNonce(signer: string, nonceText: string): void {
    if (!/^\d{1,19}$/.test(nonceText)) fail(CODES.invalidParameter, "Parameter 'nonce' is not a number.");
    const nonce = Number(nonceText);
    const refuse = (reason: 'repeat' | 'window' | 'stale') => {
      this.nonceRefusals.push({ signer, nonce: nonceText, reason });
      return fail(CODES.nonceExpired, 'Nonce Expired');
    };
    const skewMs = nonce / 1000 - this.now();
    if (Number.isSafeInteger(nonce) && skewMs > this.nonceWindowMs) {
      this.nonceRefusals.push({ signer, nonce: nonceText, reason: 'ahead' });
      fail(
        CODES.invalidTimestamp,
        `Timestamp for this request was ${Math.floor(skewMs)}ms ahead of the server's time.`,
      );
    }
    if (!Number.isSafeInteger(nonce) || -skewMs > this.nonceWindowMs) refuse('window');
    const key = addressKey(signer);
    const kept = this.nonces.get(key) ?? [];
    if (kept.includes(nonce)) refuse('repeat');
    if (kept.length >= NONCES_KEPT && nonce < kept[0]!) refuse('stale');
    kept.push(nonce);
    kept.sort((a, b) => a - b);
    if (kept.length > NONCES_KEPT) kept.splice(0, kept.length - NONCES_KEPT);
    this.nonces.set(key, kept);
  }

  // --- Signatures ---

  /**
   * A wallet key's signature over `msg`: EIP-712 Message (EVM) or Ed25519/Base58 (Solana). The chain id is the
   * sub-account bodies' (`variant.subAccountChainId`) unless the caller names another.
   */
  async walletSigned(
    address: string,
    kind: 'evm' | 'solana',
    msg: string,
    signature: string,
    chainId = this.variant.subAccountChainId,
  ): Promise<boolean> {
    return kind === 'evm'
      ? verifyAsterMessage(address, msg, chainId, signature)
      : verifySolanaText(address, msg, signature);
  }

  private liveAgent(account: SimAccount, address: string): SimAgent | undefined {
    return account.agents.find((a) => same(a.address, address) && a.expired > this.now());
  }

  /** Agent-signed V3 requests: EIP-712 by `signer`, nonce per signer, agent approved for `user`, IP, permission. */
  async authAgent(
    request: SimRequest,
    permission?: 'perp' | 'spot' | 'withdraw',
    chainId = this.variant.agentChainId,
  ): Promise<AgentAuth> {
    const { params } = request;
    const signer = this.required(params, 'signer');
    const signature = this.required(params, 'signature');
    const nonce = this.required(params, 'nonce');
    if (!(await verifyAsterMessage(signer, this.sentMsg(params), chainId, signature)))
      fail(CODES.invalidSignature, 'Signature for this request is not valid.');
    this.useNonce(signer, nonce);
    const user = params.get('user');
    const account = user
      ? this.account(user)
      : this.state.accounts.find((a) => a.agents.some((g) => same(g.address, signer)));
    if (!account) fail(CODES.permission, 'Invalid API-key, IP, or permissions for action.');
    const owner = account!;
    if (owner.kind === 'evm' && same(owner.address, signer)) {
      this.requireDeposit(owner, request.path);
      return { account: owner, agent: null };
    }
    const agent = this.liveAgent(owner, signer);
    if (!agent) fail(CODES.permission, 'Invalid API-key, IP, or permissions for action.');
    const ips = agent!.ipWhitelist;
    if (ips.length > 0 && !ips.includes(request.ip))
      fail(CODES.ipNotWhitelisted, 'This IP cannot access this route.');
    const allowed =
      permission === undefined ||
      (permission === 'perp' && agent!.canPerpTrade) ||
      (permission === 'spot' && agent!.canSpotTrade) ||
      (permission === 'withdraw' && agent!.canWithdraw);
    if (!allowed) fail(CODES.permission, 'Invalid API-key, IP, or permissions for action.');
    this.requireDeposit(owner, request.path);
    return { account: owner, agent: agent! };
  }

  /**
   * The -5050 gate (§10): every authenticated V3 trading/account-data call of an account whose master never
   * deposited; the API-wallet endpoints are exempt (a new trader must be able to make one first).
   */
  requireDeposit(account: SimAccount, path: string): void {
    if (DEPOSIT_GATE_EXEMPT.has(path)) return;
    if (this.masterOf(account)?.deposited === false)
      fail(CODES.depositFirst, 'This function can only be used after deposit');
  }

  // --- Family and balances ---

  masterOf(account: SimAccount): SimAccount | undefined {
    return account.role === 'master' ? account : this.account(account.parent);
  }

  subsOf(master: SimAccount): SimAccount[] {
    return this.state.accounts.filter((a) => a.role === 'sub' && same(a.parent, master.address));
  }

  balance(account: SimAccount, wallet: Wallet, asset: string): bigint {
    const text = account[wallet][asset];
    return text === undefined ? 0n : toUnits(text);
  }

  setBalance(account: SimAccount, wallet: Wallet, asset: string, units: bigint): void {
    account[wallet][asset] = fromUnits(units);
  }

  amount(params: URLSearchParams, name = 'amount'): bigint {
    const text = this.required(params, name);
    if (!isAmount(text) || text.startsWith('-'))
      fail(CODES.invalidParameter, `Parameter '${name}' is not a valid amount.`);
    const units = toUnits(text);
    if (name === 'amount' && units <= 0n)
      fail(CODES.invalidParameter, `Parameter '${name}' must be above zero.`);
    return units;
  }

  negativeAssets(account: SimAccount): string[] {
    const out: string[] = [];
    for (const wallet of ['futures', 'spot'] as const)
      for (const [asset, text] of Object.entries(account[wallet])) if (toUnits(text) < 0n) out.push(asset);
    return out;
  }

  nextAccountId(): number {
    return Math.max(1000, ...this.state.accounts.map((a) => a.accountId)) + 1;
  }

  record(entry: Omit<HistoryEntry, 'tranId' | 'time' | 'status'>): HistoryEntry {
    const full: HistoryEntry = {
      ...entry,
      tranId: String(this.nextTranId++),
      time: this.now(),
      status: 'SUCCESS',
    };
    this.state.history.push(full);
    return full;
  }

  checkName(name: string): void {
    // subs:47-55
    if (name.length < 6 || name.length > 20)
      fail(CODES.invalidName, 'Sub-account name must be 6 to 20 characters.');
    if (!/^[A-Za-z0-9]+$/.test(name))
      fail(CODES.invalidName, 'Sub-account name may only contain letters and digits.');
    if (!/[A-Za-z]/.test(name)) fail(CODES.invalidName, 'Sub-account name must include at least one letter.');
  }

  /**
   * A body signed by the wallet of `user`: the signature is checked first (the key kind follows from the
   * address format), so any change to the body is -1022 before anything else is looked at.
   */
  async walletSignedAccount(
    params: URLSearchParams,
    msg: string,
    chainId = this.variant.subAccountChainId,
  ): Promise<SimAccount> {
    const user = params.get('user')!;
    const kind = isAddress(user, { strict: false }) ? 'evm' : 'solana';
    if (!(await this.walletSigned(user, kind, msg, params.get('signature')!, chainId)))
      fail(CODES.invalidSignature, 'Signature for this request is not valid.');
    const account = this.account(user);
    if (!account) return fail(CODES.noSuchAccount, 'The account does not exist.');
    return account;
  }

  /** `signer` in wallet-signed bodies names an API wallet of `user` (or `user` itself). */
  checkSignerField(master: SimAccount, signer: string): void {
    if (!same(signer, master.address) && !this.liveAgent(master, signer))
      fail(CODES.permission, 'Invalid API-key, IP, or permissions for action.');
  }

  // --- Sub-accounts (§4) ---

  async createSubAccount({ params }: SimRequest): Promise<unknown> {
    const order = ['subAccountName', 'subSourceAddr', 'nonce', 'user', 'signer'];
    for (const name of [...order, 'childSignature', 'signature']) this.required(params, name);
    const childMsg = this.fixedMsg(params, order);
    const masterMsg = `${childMsg}&childSignature=${this.encode(params.get('childSignature')!)}`;
    const master = await this.walletSignedAccount(params, masterMsg);
    const child = params.get('subSourceAddr')!;
    const childKind = isAddress(child, { strict: false }) ? 'evm' : 'solana';
    if (childKind !== master.kind)
      fail(CODES.kindMismatch, 'A sub-account must be the same kind as its master.'); // subs:39
    if (!(await this.walletSigned(child, childKind, childMsg, params.get('childSignature')!)))
      fail(CODES.signatureCheckFailed, 'Signature check failed');
    this.useNonce(master.address, params.get('nonce')!);
    this.checkSignerField(master, params.get('signer')!);
    this.requireDeposit(master, '/fapi/v3/createSubAccount');
    if (master.role !== 'master') fail(CODES.nestingNotSupported, 'Sub-account nesting is not supported.'); // subs:21-23
    if (master.vipLevel < MIN_VIP && !master.isMarketMaker)
      fail(CODES.vipTooLow, 'VIP 2 or above is required to create sub-accounts.'); // subs:15
    const subs = this.subsOf(master);
    if (subs.length >= MAX_SUBS)
      fail(CODES.tooManySubAccounts, 'A master account can have at most 15 sub-accounts.'); // subs:19
    const name = params.get('subAccountName')!;
    this.checkName(name);
    if (subs.some((s) => s.name.toLowerCase() === name.toLowerCase()))
      fail(CODES.invalidName, 'A sub-account already has this name.');
    if (this.account(child)) fail(CODES.noSuchAccount, 'This address is already an Aster account.');
    const sub: SimAccount = {
      address: child,
      kind: master.kind,
      role: 'sub',
      parent: master.address,
      name,
      status: 'NORMAL',
      vipLevel: master.vipLevel,
      accountId: this.nextAccountId(),
      positionMode: 'one-way',
      futures: {},
      spot: {},
      agents: [],
    };
    this.state.accounts.push(sub);
    return { accountId: sub.accountId, subAccountName: name, subSourceAddr: child };
  }

  async bindSubAccount({ params }: SimRequest): Promise<unknown> {
    const order = ['childAddress', 'name', 'nonce', 'user'];
    for (const name of [...order, 'childSignature', 'signature']) this.required(params, name);
    const childMsg = this.fixedMsg(params, order);
    const masterMsg = `${childMsg}&childSignature=${this.encode(params.get('childSignature')!)}`;
    const master = await this.walletSignedAccount(params, masterMsg);
    const child = params.get('childAddress')!;
    const childKind = isAddress(child, { strict: false }) ? 'evm' : 'solana';
    if (childKind !== master.kind)
      fail(CODES.kindMismatch, 'A sub-account must be the same kind as its master.');
    if (!(await this.walletSigned(child, childKind, childMsg, params.get('childSignature')!)))
      fail(CODES.signatureCheckFailed, 'Signature check failed');
    this.useNonce(master.address, params.get('nonce')!);
    if (!this.state.bindWhitelist.some((a) => same(a, master.address)))
      fail(CODES.bindNotWhitelisted, 'This master account is not whitelisted for binding.');
    if (master.role !== 'master') fail(CODES.nestingNotSupported, 'Sub-account nesting is not supported.');
    if (this.subsOf(master).length >= MAX_SUBS)
      fail(CODES.tooManySubAccounts, 'A master account can have at most 15 sub-accounts.');
    const name = params.get('name')!;
    this.checkName(name);
    const existing = this.account(child);
    if (existing && (existing.role === 'sub' || this.subsOf(existing).length > 0))
      fail(CODES.nestingNotSupported, 'This account is already part of a sub-account family.');
    if (existing) Object.assign(existing, { role: 'sub', parent: master.address, name, status: 'NORMAL' });
    else
      this.state.accounts.push({
        address: child,
        kind: master.kind,
        role: 'sub',
        parent: master.address,
        name,
        status: 'NORMAL',
        vipLevel: master.vipLevel,
        accountId: this.nextAccountId(),
        positionMode: 'one-way',
        futures: {},
        spot: {},
        agents: [],
      });
    return { code: 200, msg: 'success' };
  }

  async updateSubAccount({ params }: SimRequest): Promise<unknown> {
    const order = ['subSourceAddr', 'nonce', 'user', 'signer', 'subAccountName', 'status'];
    for (const name of ['subSourceAddr', 'nonce', 'user', 'signer', 'signature']) this.required(params, name);
    const master = await this.walletSignedAccount(params, this.fixedMsg(params, order));
    this.useNonce(master.address, params.get('nonce')!);
    this.checkSignerField(master, params.get('signer')!);
    this.requireDeposit(master, '/fapi/v3/updateSubAccount');
    if (master.role !== 'master')
      fail(CODES.nestingNotSupported, 'Only a master account manages sub-accounts.'); // subs:291
    const sub = this.account(params.get('subSourceAddr'));
    if (!sub || sub.role !== 'sub' || !same(sub.parent, master.address))
      fail(CODES.outsideFamily, 'This is not a sub-account of this master.');
    const name = params.get('subAccountName');
    const status = params.get('status');
    if (!name && !status)
      fail(CODES.missingParameter, "Mandatory parameter 'subAccountName' or 'status' was not sent.");
    if (status && status !== 'NORMAL' && status !== 'FROZEN')
      fail(CODES.invalidParameter, "Parameter 'status' is NORMAL or FROZEN.");
    if (name) {
      this.checkName(name);
      if (this.subsOf(master).some((s) => s !== sub && s.name.toLowerCase() === name.toLowerCase()))
        fail(CODES.invalidName, 'A sub-account already has this name.');
      sub!.name = name;
    }
    if (status) sub!.status = status as 'NORMAL' | 'FROZEN';
    return { subSourceAddr: sub!.address, subAccountName: sub!.name, status: sub!.status };
  }

  async subAccountTransfer({ params }: SimRequest): Promise<unknown> {
    const order = [
      'toAccountAddress',
      'asset',
      'amount',
      'kindType',
      'nonce',
      'user',
      'signer',
      'fromAccountAddress',
    ];
    // Whether `signer` must, may or must not be there is `variant.transferSigner` (signed-fields.ts checks it
    // before this runs); a field left out of the request is left out of the signed body (PR #162, §10).
    for (const name of ['toAccountAddress', 'asset', 'amount', 'kindType', 'nonce', 'user', 'signature'])
      this.required(params, name);
    const msg = this.fixedMsg(params, order);
    const userAddress = params.get('user')!;
    const signer = params.get('signer') || undefined;
    const signature = params.get('signature')!;
    // §4: the wallet key of `user`; an approved agent's key named in `signer` is also accepted (since 2026-08).
    const userKind = isAddress(userAddress, { strict: false }) ? 'evm' : 'solana';
    let signedBy: string | undefined;
    if (await this.walletSigned(userAddress, userKind, msg, signature)) signedBy = userAddress;
    else if (
      signer !== undefined &&
      (await verifyAsterMessage(signer, msg, this.variant.subAccountChainId, signature))
    )
      signedBy = signer;
    if (!signedBy) return fail(CODES.invalidSignature, 'Signature for this request is not valid.');
    const user = this.account(userAddress);
    if (!user) return fail(CODES.noSuchAccount, 'The account does not exist.');
    if (signedBy === signer && !same(signer, user.address) && !this.liveAgent(user, signer))
      fail(CODES.permission, 'Invalid API-key, IP, or permissions for action.');
    this.useNonce(signedBy, params.get('nonce')!);
    if (signer !== undefined) this.checkSignerField(user, signer);
    this.requireDeposit(user, '/fapi/v3/subAccountTransfer');

    const from = this.account(params.get('fromAccountAddress') ?? user.address);
    const to = this.account(params.get('toAccountAddress'));
    if (!from || !to) return fail(CODES.noSuchAccount, 'The source or destination account does not exist.');
    if (from === to) fail(CODES.outsideFamily, 'Source and destination are the same account.');
    const family = this.masterOf(user);
    if (!family || this.masterOf(from) !== family || this.masterOf(to) !== family)
      fail(
        CODES.outsideFamily,
        'Transfers are only possible within one master account and its sub-accounts.',
      ); // §4
    if (from !== user && user.role !== 'master')
      fail(CODES.outsideFamily, 'A sub-account can only move its own funds.');
    for (const account of [from, to])
      if (account.status === 'FROZEN') fail(CODES.frozen, `Sub-account ${account.name} is frozen.`); // §4, subs:196-210
    const wallets = KIND_TYPES[params.get('kindType')!];
    if (!wallets) return fail(CODES.invalidParameter, "Parameter 'kindType' is not valid.");
    const asset = params.get('asset')!;
    const amount = this.amount(params);
    const available = this.balance(from, wallets[0], asset);
    if (available < amount)
      fail(CODES.insufficientBalance, 'Insufficient balance: the amount exceeds the withdrawable balance.'); // subs:119
    this.setBalance(from, wallets[0], asset, available - amount);
    this.setBalance(to, wallets[1], asset, this.balance(to, wallets[1], asset) + amount);
    const entry = this.record({
      type: 'SUB_ACCOUNT_TRANSFER',
      label: 'internal transfer',
      asset,
      amount: fromUnits(amount),
      fromAccount: from.address,
      toAccount: to.address,
      kindType: params.get('kindType')!,
      nonce: params.get('nonce')!,
      user: user.address,
    });
    return { tranId: entry.tranId, status: 'SUCCESS' };
  }

  // --- API wallets (§5) ---

  async registerAndApproveAgent({ params }: SimRequest): Promise<unknown> {
    for (const name of [
      'user',
      'nonce',
      'agentName',
      'agentAddress',
      'expired',
      'signatureChainId',
      'signature',
    ])
      this.required(params, name);
    const chainId = params.get('signatureChainId')!;
    if (!/^\d{1,6}$/.test(chainId))
      fail(CODES.invalidParameter, "Parameter 'signatureChainId' is not valid.");
    const account = await this.walletSignedAccount(params, this.sentMsg(params), Number(chainId));
    if (chainId !== (account.kind === 'evm' ? '56' : '101'))
      fail(
        CODES.invalidParameter,
        `Parameter 'signatureChainId' must be ${account.kind === 'evm' ? 56 : 101} for this account.`,
      );
    this.useNonce(account.address, params.get('nonce')!);
    const agentAddress = params.get('agentAddress')!;
    if (!isAddress(agentAddress, { strict: false }))
      fail(CODES.invalidParameter, "Parameter 'agentAddress' must be an EVM address.");
    const flag = (name: string) => /^true$/i.test(params.get(name) ?? '');
    const canWithdraw = flag('canWithdraw');
    const ipWhitelist = (params.get('ipWhitelist') ?? '')
      .split(',')
      .map((ip) => ip.trim())
      .filter((ip) => ip !== '');
    if (canWithdraw && account.role === 'sub')
      fail(CODES.permission, 'Withdrawal permission is permanently disabled for sub-account API keys.'); // subs:183, subs:226
    if (canWithdraw && ipWhitelist.length === 0)
      fail(CODES.invalidParameter, 'An API key with withdrawal permission needs an IP whitelist.'); // §5
    const expired = Number(params.get('expired'));
    if (!Number.isSafeInteger(expired) || expired <= this.now())
      fail(CODES.invalidParameter, "Parameter 'expired' must be in the future.");
    const others = account.agents.filter((a) => !same(a.address, agentAddress));
    const limit = API_KEY_LIMIT[account.role];
    if (others.length >= limit) fail(CODES.apiKeyLimit, `API key limit reached (${limit}).`); // subs:175-177, subs:222
    account.agents = [
      ...others,
      {
        address: agentAddress,
        name: params.get('agentName')!,
        expired,
        canSpotTrade: flag('canSpotTrade'),
        canPerpTrade: flag('canPerpTrade'),
        canWithdraw,
        ipWhitelist,
      },
    ];
    return { code: 200, msg: 'success' };
  }

  // --- Perp ↔ spot (§4) ---

  async walletTransfer(request: SimRequest): Promise<unknown> {
    const { account } = await this.authAgent(request);
    const { params } = request;
    const clientTranId = params.get('clientTranId') ?? '';
    if (clientTranId === '' || clientTranId.length >= 64)
      fail(CODES.clientTranIdInvalid, 'clientTranId is not valid.');
    if (this.state.history.some((h) => h.clientTranId === clientTranId && same(h.user, account.address)))
      fail(CODES.clientTranIdDuplicate, 'clientTranId is duplicated.');
    const kindType = this.required(params, 'kindType');
    if (kindType !== 'FUTURE_SPOT' && kindType !== 'SPOT_FUTURE')
      fail(CODES.invalidParameter, "Parameter 'kindType' is not valid.");
    const [source, destination] = KIND_TYPES[kindType]!;
    const asset = this.required(params, 'asset');
    const amount = this.amount(params);
    const available = this.balance(account, source, asset);
    if (available < amount) fail(CODES.insufficientBalance, 'Insufficient balance.');
    this.setBalance(account, source, asset, available - amount);
    this.setBalance(account, destination, asset, this.balance(account, destination, asset) + amount);
    const entry = this.record({
      type: 'WALLET_TRANSFER',
      label: kindType === 'FUTURE_SPOT' ? 'perp to spot' : 'spot to perp',
      asset,
      amount: fromUnits(amount),
      fromAccount: account.address,
      toAccount: account.address,
      kindType,
      nonce: params.get('nonce')!,
      clientTranId,
      user: account.address,
    });
    return { tranId: entry.tranId, status: 'SUCCESS' };
  }

  // --- Withdrawals (§6) ---

  private async withdraw(request: SimRequest, wallet: Wallet, solana: boolean): Promise<unknown> {
    const { account } = await this.authAgent(request, 'withdraw');
    return this.withdrawFor(account, request.params, wallet, solana, request.params.get('nonce')!);
  }

  /** The withdrawal itself, once the caller is known (an agent-signed request or a web session). */
  private async withdrawFor(
    account: SimAccount,
    params: URLSearchParams,
    wallet: Wallet,
    solana: boolean,
    historyNonce: string,
  ): Promise<unknown> {
    if (account.role === 'sub')
      fail(CODES.permission, 'Sub-accounts cannot withdraw: transfer to the master account first.'); // subs:126, subs:226
    const chainId = this.required(params, 'chainId');
    const asset = this.required(params, 'asset');
    const amountText = this.required(params, 'amount');
    const feeText = this.required(params, 'fee');
    const receiver = this.required(params, 'receiver');
    const userNonce = this.required(params, 'userNonce');
    const userSignature = this.required(params, 'userSignature');
    const amount = this.amount(params);
    const fee = this.amount(params, 'fee');
    if (!/^\d{1,30}$/.test(userNonce)) fail(CODES.invalidParameter, "Parameter 'userNonce' is not valid.");
    // §10: `EOA` (the default) or `SafeWallet`; only plain-key signatures are verified here.
    const signatureType = params.get('signatureType');
    if (signatureType !== null && (solana || signatureType !== 'EOA'))
      fail(CODES.invalidParameter, "Parameter 'signatureType' is not valid.");
    let valid: boolean;
    if (solana) {
      if (chainId !== '101')
        fail(CODES.invalidParameter, "Parameter 'chainId' must be 101 for a Solana withdrawal.");
      if (account.kind !== 'solana') fail(CODES.kindMismatch, 'This account is not a Solana account.');
      const strip = (text: string) =>
        text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
      const text =
        `PrimaryType=Withdraw,AsterChain=Mainnet,Destination=${receiver},DestinationChain=Solana,` +
        `Token=${asset},Amount=${strip(amountText)},Fee=${strip(feeText)},Nonce=${userNonce}`;
      valid = verifySolanaText(account.address, text, userSignature);
    } else {
      const chainName = CHAIN_NAMES[chainId];
      if (!chainName) return fail(CODES.invalidParameter, "Parameter 'chainId' is not a supported chain.");
      if (account.kind !== 'evm') fail(CODES.kindMismatch, 'Use the Solana withdrawal for a Solana account.');
      valid = await verifyWithdrawAction(
        account.address,
        {
          chainId: Number(chainId),
          destination: receiver,
          destinationChain: chainName,
          token: asset,
          amount: amountText,
          fee: feeText,
          nonce: BigInt(userNonce),
        },
        userSignature,
      );
    }
    if (!valid) fail(CODES.signatureCheckFailed, 'Signature check failed');
    const used = this.userNonces.get(addressKey(account.address)) ?? new Set<string>();
    if (used.has(userNonce)) {
      this.nonceRefusals.push({ signer: account.address, nonce: userNonce, reason: 'repeat' });
      fail(CODES.nonceExpired, 'Nonce Expired');
    }
    used.add(userNonce);
    this.userNonces.set(addressKey(account.address), used);
    const negative = this.negativeAssets(account);
    if (negative.length > 0)
      fail(
        CODES.negativeBalance,
        `Negative balance in ${negative.join(', ')}: rebalance first, then withdraw.`,
      ); // funds:53
    if (fee < toUnits(WITHDRAW_FEES[chainId] ?? '0'))
      fail(CODES.invalidParameter, 'The fee is below the current withdrawal fee.');
    const available = this.balance(account, wallet, asset);
    if (available < amount + fee)
      fail(CODES.insufficientBalance, 'Insufficient balance for this amount plus the fee.');
    this.setBalance(account, wallet, asset, available - amount - fee);
    const entry = this.record({
      type: 'WITHDRAW',
      label: 'withdrawal',
      asset,
      amount: fromUnits(amount),
      fromAccount: account.address,
      toAccount: receiver,
      nonce: historyNonce,
      user: account.address,
      chainId: Number(chainId),
      wallet,
      hash: `0x${randomBytes(32).toString('hex')}`,
    });
    return { withdrawId: entry.tranId, hash: entry.hash };
  }

  userWithdraw(request: SimRequest): Promise<unknown> {
    return this.withdraw(request, 'futures', false);
  }

  spotUserWithdraw(request: SimRequest): Promise<unknown> {
    return this.withdraw(request, 'spot', false);
  }

  solanaWithdraw(request: SimRequest): Promise<unknown> {
    return this.withdraw(request, 'futures', true);
  }

  async estimateFee({ params }: SimRequest): Promise<unknown> {
    const chainId = this.required(params, 'chainId');
    this.required(params, 'asset');
    const fee = WITHDRAW_FEES[chainId];
    if (!fee) fail(CODES.invalidParameter, "Parameter 'chainId' is not a supported chain.");
    return { chainId: Number(chainId), asset: params.get('asset'), fee };
  }

  // --- Orders (frozen rules only, subs:196-210) ---

  async order(request: SimRequest): Promise<unknown> {
    const { account } = await this.authAgent(request, 'perp');
    const { params } = request;
    const symbol = this.required(params, 'symbol');
    const side = this.required(params, 'side');
    const type = this.required(params, 'type');
    if (side !== 'BUY' && side !== 'SELL') fail(CODES.invalidParameter, "Parameter 'side' is BUY or SELL.");
    const positionSide = params.get('positionSide') ?? 'BOTH';
    const reduceOnly = /^true$/i.test(params.get('reduceOnly') ?? '');
    const closePosition = /^true$/i.test(params.get('closePosition') ?? '');
    if (account.positionMode === 'hedge' && positionSide === 'BOTH')
      fail(CODES.invalidParameter, 'Hedge mode orders need positionSide LONG or SHORT.');
    if (account.status === 'FROZEN' && !closePosition) {
      if (account.positionMode === 'one-way' && !reduceOnly)
        fail(CODES.reduceOnlyOnly, 'User can only place reduce only order.'); // subs:208
      const closing =
        (side === 'SELL' && positionSide === 'LONG') || (side === 'BUY' && positionSide === 'SHORT');
      if (account.positionMode === 'hedge' && !closing)
        fail(CODES.cannotOrder, 'User can not place order currently.'); // subs:210
    }
    return {
      orderId: this.nextTranId++,
      symbol,
      side,
      type,
      positionSide,
      reduceOnly,
      status: 'NEW',
      origQty: params.get('quantity') ?? '0',
    };
  }

  // --- Account data ---

  private assets(account: SimAccount, wallet: Wallet) {
    return Object.entries(account[wallet]).map(([asset, text]) => {
      const units = toUnits(text);
      const free = units > 0n ? text : '0';
      return { asset, walletBalance: text, availableBalance: free, maxWithdrawAmount: free };
    });
  }

  async futuresAccount(request: SimRequest): Promise<unknown> {
    const { account } = await this.authAgent(request);
    return {
      feeTier: feeTierOf(this, account),
      accountId: account.accountId,
      canTrade: true,
      canWithdraw: account.role === 'master',
      assets: this.assets(account, 'futures'),
    };
  }

  async futuresBalance(request: SimRequest): Promise<unknown> {
    const { account } = await this.authAgent(request);
    return this.assets(account, 'futures').map(
      ({ asset, walletBalance, availableBalance, maxWithdrawAmount }) => ({
        asset,
        balance: walletBalance,
        availableBalance,
        maxWithdrawAmount,
      }),
    );
  }

  async spotAccount(request: SimRequest): Promise<unknown> {
    const { account } = await this.authAgent(request);
    return {
      feeTier: feeTierOf(this, account),
      accountId: account.accountId,
      balances: this.assets(account, 'spot').map(({ asset, availableBalance }) => ({
        asset,
        free: availableBalance,
        locked: '0',
      })),
    };
  }

  // --- Web login (§7) ---

  private web(data: unknown): unknown {
    return { code: '000000', message: null, messageDetail: null, data, success: true };
  }

  private webJson(request: SimRequest): Record<string, unknown> {
    if (typeof request.json !== 'object' || request.json === null)
      fail(CODES.invalidParameter, 'Expected a JSON body.');
    return request.json as Record<string, unknown>;
  }

  async loginNonce(request: SimRequest): Promise<unknown> {
    const body = this.webJson(request);
    const sourceAddr = body.sourceAddr;
    if (typeof sourceAddr !== 'string' || sourceAddr === '' || body.type !== 'LOGIN')
      fail(CODES.invalidParameter, 'sourceAddr and type LOGIN are required.');
    const nonce = String(randomInt(100_000, 1_000_000));
    this.loginNonces.set(addressKey(sourceAddr as string), { nonce, expires: this.now() + 300_000 });
    return this.web({ nonce });
  }

  async login(request: SimRequest): Promise<unknown> {
    const body = this.webJson(request);
    if (request.headers.clienttype !== 'web')
      fail(CODES.invalidParameter, 'The clientType: web header is required.');
    const { signature, sourceAddr } = body;
    if (typeof signature !== 'string' || typeof sourceAddr !== 'string')
      return fail(CODES.invalidParameter, 'signature and sourceAddr are required.');
    const pending = this.loginNonces.get(addressKey(sourceAddr));
    this.loginNonces.delete(addressKey(sourceAddr)); // one attempt per nonce
    if (!pending || pending.expires < this.now())
      return fail(CODES.loginFailed, 'Request a login nonce first.');
    const text = `You are signing into Astherus ${pending.nonce}`;
    const evm = isAddress(sourceAddr, { strict: false });
    const valid = evm
      ? await verifyPersonalSign(sourceAddr, text, signature)
      : verifySolanaText(sourceAddr, text, signature);
    if (!valid) fail(CODES.signatureCheckFailed, 'Signature check failed');
    let account = this.account(sourceAddr);
    if (!account) {
      // First login registers the wallet, as on Aster.
      account = {
        address: sourceAddr,
        kind: evm ? 'evm' : 'solana',
        role: 'master',
        name: `Wallet${this.state.accounts.length + 1}`,
        status: 'NORMAL',
        vipLevel: 0,
        accountId: this.nextAccountId(),
        positionMode: 'one-way',
        futures: {},
        spot: {},
        agents: [],
      };
      this.state.accounts.push(account);
    }
    const token = randomBytes(24).toString('hex');
    this.sessions.set(token, account.address);
    return this.web({ token, uid: account.accountId });
  }

  /** The account of a web session (header `token`, from login). */
  private sessionAccount(request: SimRequest): SimAccount {
    const account = this.account(this.sessions.get(request.headers.token ?? ''));
    if (!account) return fail(CODES.loginFailed, 'Not logged in.', 401);
    return account;
  }

  async webBalances(request: SimRequest): Promise<unknown> {
    const account = this.sessionAccount(request);
    const master = account.role === 'sub' ? this.masterOf(account) : undefined;
    return this.web({
      address: account.address,
      name: account.name,
      role: account.role,
      status: account.status,
      futures: this.assets(account, 'futures'),
      spot: this.assets(account, 'spot'),
      subAccounts:
        account.role === 'master'
          ? this.subsOf(account).map((s) => ({ name: s.name, address: s.address, status: s.status }))
          : [],
      master: master ? { name: master.name, address: master.address } : null,
    });
  }

  /**
   * Simulator-defined web withdrawal (the page's): the session names the account, the wallet's
   * `userSignature` (EVM `Action` / Solana text) authorises the withdrawal itself, as on Aster's web app
   * where no API wallet is involved. Every rule of the V3 withdrawal applies (master only, negative
   * balance, fee, single-use userNonce). JSON body `{chainId, asset, amount, fee, receiver, userNonce,
   * userSignature}`.
   */
  async webWithdraw(request: SimRequest): Promise<unknown> {
    const account = this.sessionAccount(request);
    const body = this.webJson(request);
    const params = new URLSearchParams();
    for (const name of ['chainId', 'asset', 'amount', 'fee', 'receiver', 'userNonce', 'userSignature']) {
      const value = body[name];
      if (typeof value === 'string' || typeof value === 'number') params.set(name, String(value));
    }
    const solana = params.get('chainId') === '101';
    return this.web(await this.withdrawFor(account, params, 'futures', solana, 'web'));
  }

  // --- Test controls ---

  deposit(body: Record<string, unknown>): unknown {
    const account = this.account(typeof body.address === 'string' ? body.address : undefined);
    if (!account) return fail(CODES.noSuchAccount, 'No such account.');
    const asset = String(body.asset ?? '');
    const amount = String(body.amount ?? '');
    if (!asset || !isAmount(amount) || toUnits(amount) <= 0n)
      return fail(CODES.invalidParameter, 'asset and a positive amount are required.');
    if (body.network === 'solana' && account.role === 'sub')
      fail(CODES.solanaDepositToSub, 'Solana deposits directly to sub-accounts are not supported.'); // subs:82
    const wallet: Wallet = body.wallet === 'spot' ? 'spot' : 'futures';
    this.setBalance(account, wallet, asset, this.balance(account, wallet, asset) + toUnits(amount));
    if (account.role === 'master') delete account.deposited; // the -5050 gate lifts
    return this.record({
      type: 'DEPOSIT',
      label: 'deposit',
      asset,
      amount,
      toAccount: account.address,
      user: account.address,
      wallet,
      chainId: account.kind === 'solana' ? 101 : 56,
    });
  }
}

type Route = (this: Engine, request: SimRequest) => Promise<unknown>;

const ROUTES: Record<string, Route> = {
  'GET /fapi/v3/time': serverTime,
  'GET /fapi/v3/ticker/price': tickerPrice,
  'POST /fapi/v3/createSubAccount': Engine.prototype.createSubAccount,
  'POST /fapi/v3/sub-accounts/bind': Engine.prototype.bindSubAccount,
  'POST /fapi/v3/updateSubAccount': Engine.prototype.updateSubAccount,
  'GET /fapi/v3/getSubAccountList': function (request) {
    return getSubAccountList(this, request);
  },
  'POST /fapi/v3/subAccountTransfer': Engine.prototype.subAccountTransfer,
  'POST /fapi/v3/asset/wallet/transfer': Engine.prototype.walletTransfer,
  'POST /fapi/v3/registerAndApproveAgent': Engine.prototype.registerAndApproveAgent,
  'GET /fapi/v3/agent': function (request) {
    return agentList(this, request);
  },
  'DELETE /fapi/v3/agent': function (request) {
    return agentDelete(this, request);
  },
  'POST /fapi/v3/aster/user-withdraw': Engine.prototype.userWithdraw,
  'POST /api/v3/aster/user-withdraw': Engine.prototype.spotUserWithdraw,
  'POST /fapi/v3/aster/user-solana-withdraw': Engine.prototype.solanaWithdraw,
  'GET /api/v3/aster/withdraw/estimateFee': Engine.prototype.estimateFee,
  'POST /fapi/v3/assetExchange': function (request) {
    return assetExchange(this, request);
  },
  'POST /fapi/v3/order': Engine.prototype.order,
  'GET /fapi/v3/account': Engine.prototype.futuresAccount,
  'GET /fapi/v3/accountWithJoinMargin': Engine.prototype.futuresAccount,
  'GET /fapi/v3/balance': Engine.prototype.futuresBalance,
  'GET /api/v3/account': Engine.prototype.spotAccount,
  'GET /fapi/v3/commissionRate': function (request) {
    return futuresCommissionRate(this, request);
  },
  'GET /api/v3/commissionRate': function (request) {
    return spotCommissionRate(this, request);
  },
  'GET /fapi/v3/income': function (request) {
    return history.income(this, request);
  },
  'GET /api/v3/transactionHistory': function (request) {
    return history.spotTransactionHistory(this, request);
  },
  'POST /fapi/v3/aster/deposit-withdraw-history': function (request) {
    return history.depositWithdrawHistory(this, request);
  },
  'POST /fapi/v3/aster/user-withdraw-info': function (request) {
    return history.userWithdrawInfo(this, request, WITHDRAW_FEES);
  },
  'POST /bapi/futures/v1/public/future/web3/get-nonce': Engine.prototype.loginNonce,
  'POST /bapi/futures/v1/public/future/web3/ae/login': Engine.prototype.login,
  'GET /bapi/futures/v1/private/future/account/balances': Engine.prototype.webBalances,
  'POST /bapi/futures/v1/private/future/user-withdraw': Engine.prototype.webWithdraw,
};

export const ENDPOINT_LIST = Object.keys(ROUTES);
