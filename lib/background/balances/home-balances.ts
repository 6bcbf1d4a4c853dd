import type { Account } from '@/lib/accounts/model';
import { AsterClient } from '@/lib/aster/client';
import { AsterBannedError, AsterRateLimitError } from '@/lib/aster/errors';
import { t } from '@/lib/i18n';
import type { HomeBalance, HomeRefresh, HomeSnapshot } from '@/lib/messaging/home-api';
import { readBalances } from '../operations/balances';
import type { Context, OperationsCore } from '../operations/core';
import { toRpcError } from '../operations/errors';
import { BalanceCache } from './balance-cache';
import { usdtPricesOf, valueBalances, type UsdtPrices } from './valuation';
import { homeWeightBudgets, READ_WEIGHTS, type WeightBudgets } from './weights';

export interface HomeBalancesOptions {
  cache?: BalanceCache;
  budgets?: WeightBudgets;
  /** Accounts read at once (browsers open 6 connections per host; more would only queue there). */
  parallel?: number;
  /** Tries of one account after Aster's 429 (each after its Retry-After). */
  rateLimitTries?: number;
}

const TICKER_PRICES = { method: 'GET', path: '/fapi/v3/ticker/price' } as const;

/** The accounts in reading order: the active account's family first (master, then its subs), then the others. */
export function readingOrder(accounts: readonly Account[], activeId: string | null): Account[] {
  const active = accounts.find((a) => a.id === activeId);
  const activeMaster = active?.role === 'sub' ? active.parentId : active?.id;
  const familyOf = (a: Account) => (a.role === 'master' ? a.id : a.parentId);
  const first = accounts.filter((a) => familyOf(a) === activeMaster);
  const rest = accounts.filter((a) => familyOf(a) !== activeMaster);
  const masterFirst = (list: Account[]) => [
    ...list.filter((a) => a.role === 'master'),
    ...list.filter((a) => a.role !== 'master'),
  ];
  return [...masterFirst(first), ...rest];
}

/**
 * Home's balances: the cached ones at once, a refresh of all of them in the background. Reads go in parallel,
 * each after its weight fits the shared budget; Aster's 429 pauses every reader for its Retry-After, a 418
 * stops the refresh. Each account's result (or its failure, in words) is cached as soon as it lands.
 */
export class HomeBalanceService {
  private readonly cache: BalanceCache;
  private readonly budgets: WeightBudgets;
  private readonly parallel: number;
  private readonly rateLimitTries: number;
  /** Clients without their own retries (the budget decides when to try again), one per network. */
  private readonly clients = new Map<string, AsterClient>();
  private running: Promise<void> | null = null;
  /** The accounts the running refresh has still to read (reordered when the popup opens again meanwhile). */
  private queue: Account[] = [];

  constructor(
    private readonly core: OperationsCore,
    options: HomeBalancesOptions = {},
  ) {
    this.cache = options.cache ?? new BalanceCache();
    this.budgets = options.budgets ?? homeWeightBudgets();
    this.parallel = options.parallel ?? 6;
    this.rateLimitTries = options.rateLimitTries ?? 3;
  }

  /** Accounts, the active one and the cache, in one answer; `refresh` starts a refresh unless one runs. */
  async snapshot(refresh: boolean): Promise<HomeSnapshot> {
    return this.core.run(async (ctx) => {
      const accounts = await this.core.accounts.list();
      const activeId = await this.activeId(accounts);
      const balances = await this.cache.read(ctx.id);
      const stored = await this.cache.refresh();
      let current = stored?.networkId === ctx.id ? stored : null;
      // A refresh under way (a large vault, a slow network) reads the active account's family next.
      if (refresh && this.running) this.queue = readingOrder(this.queue, activeId);
      // The answer is ready before a new refresh starts: its reads never delay the popup's first screen.
      if (refresh && !this.running && accounts.length > 0) {
        current = { networkId: ctx.id, startedAt: this.core.now(), finishedAt: null, total: accounts.length };
        await this.cache.writeRefresh(current);
        this.running = this.refreshAll(this.homeContext(ctx), readingOrder(accounts, activeId), current)
          .catch((error: unknown) => console.error('[home balances]', error))
          .finally(() => (this.running = null));
      }
      return { networkId: ctx.id, accounts, activeId, balances, refresh: current };
    });
  }

  /** Resolves when the refresh under way (if any) is done (tests). */
  settled(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  /** The account the exchange sees, as the switcher keeps it (the first with a key when none was chosen). */
  private async activeId(accounts: Account[]): Promise<string | null> {
    const id = await this.core.vault.database.getMeta('activeAccountId');
    if (id !== undefined && accounts.some((a) => a.id === id)) return id;
    return (accounts.find((a) => a.hasKey) ?? accounts[0])?.id ?? null;
  }

  private homeContext(ctx: Context): Context {
    let client = this.clients.get(ctx.id);
    if (!client) {
      const { fetch } = this.core.options;
      client = new AsterClient({
        hosts: ctx.client.hosts,
        maxReadRetries: 0,
        timeoutMs: this.core.options.timeoutMs ?? 10_000,
        ...(fetch ? { fetch } : {}),
      });
      this.clients.set(ctx.id, client);
    }
    return { ...ctx, client };
  }

  private async refreshAll(ctx: Context, order: Account[], refresh: HomeRefresh): Promise<void> {
    this.queue = [...order]; // before any await: a second open may reorder it at once
    const prices = await this.prices(ctx);
    const cached = await this.cache.read(ctx.id);
    let banned: string | null = null;
    const worker = async () => {
      for (let account = this.queue.shift(); account; account = this.queue.shift()) {
        const previous = cached[account.id];
        if (banned !== null) {
          await this.cache.write(ctx.id, this.failed(account, previous, banned));
          continue;
        }
        try {
          await this.cache.write(ctx.id, await this.readOne(ctx, account, prices));
        } catch (error) {
          if (error instanceof AsterBannedError) banned = this.describe(ctx, error);
          await this.cache.write(ctx.id, this.failed(account, previous, this.describe(ctx, error)));
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.parallel, order.length) }, worker));
    await this.cache.writeRefresh({ ...refresh, finishedAt: this.core.now() });
  }

  private async readOne(ctx: Context, account: Account, prices: UsdtPrices): Promise<HomeBalance> {
    for (let attempt = 1; ; attempt++) {
      await Promise.all([
        this.budgets.futures.acquire(READ_WEIGHTS.futuresAccount),
        this.budgets.spot.acquire(READ_WEIGHTS.spotAccount),
      ]);
      try {
        const balances = await readBalances(this.core, ctx, account);
        const now = this.core.now();
        return {
          accountId: account.id,
          readAt: now,
          attemptedAt: now,
          error: null,
          ...valueBalances(balances, prices),
        };
      } catch (error) {
        this.backOff(error);
        if (!(error instanceof AsterRateLimitError) || attempt >= this.rateLimitTries) throw error;
      }
    }
  }

  /** 429: everyone waits for its Retry-After; 418: the same, and the refresh stops (see refreshAll). */
  private backOff(error: unknown): void {
    const ms =
      error instanceof AsterRateLimitError
        ? error.retryAfterMs
        : error instanceof AsterBannedError
          ? (error.retryAfterMs ?? 120_000)
          : 0;
    if (ms <= 0) return;
    this.budgets.futures.pause(ms);
    this.budgets.spot.pause(ms);
  }

  /** USDT prices from Aster's public ticker; none when it cannot be read (assets then show as not valued). */
  private async prices(ctx: Context): Promise<UsdtPrices> {
    try {
      await this.budgets.futures.acquire(READ_WEIGHTS.tickerPrices);
      return usdtPricesOf(await ctx.client.call({ endpoint: TICKER_PRICES, kind: 'read' }));
    } catch (error) {
      this.backOff(error);
      return new Map();
    }
  }

  private failed(account: Account, previous: HomeBalance | undefined, error: string): HomeBalance {
    return {
      accountId: account.id,
      readAt: previous?.readAt ?? null,
      equity: previous?.equity ?? null,
      unvalued: previous?.unvalued ?? [],
      negative: previous?.negative ?? [],
      attemptedAt: this.core.now(),
      error,
    };
  }

  private describe(ctx: Context, error: unknown): string {
    const described = toRpcError(error, `${ctx.settings.network} at ${ctx.client.hosts.futures}.`);
    return described instanceof Error ? described.message : t('home.readFailed');
  }
}
