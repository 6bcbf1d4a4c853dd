/**
 * Aster's ledgers and withdrawal reads, in the shapes of its public documents (futures V3 "Get Income History",
 * spot V3 "transactionHistory", demo/aster-deposit-withdrawal.md), built from the engine's history entries.
 * Agent-signed and verified like the other reads. Independent of lib/ (a test enforces it).
 */
import { fromUnits, toUnits } from '../decimal';
import type { Engine, SimRequest } from '../engine';
import { CODES, fail } from '../errors';
import { same, type HistoryEntry, type SimAccount, type Wallet } from '../state';

const DAY_MS = 24 * 60 * 60_000;
const SEVEN_DAYS_MS = 7 * DAY_MS;

/** Which wallets a sub-account or wallet transfer takes from and gives to (its `kindType`). */
const WALLETS: Record<string, [Wallet, Wallet]> = {
  FUTURE_FUTURE: ['futures', 'futures'],
  FUTURE_SPOT: ['futures', 'spot'],
  SPOT_FUTURE: ['spot', 'futures'],
  SPOT_SPOT: ['spot', 'spot'],
};

/** Aster writes ledger amounts with eight decimals (`"-0.37500000"`). */
function eightDecimals(amount: string, sign: 1 | -1): string {
  const units = toUnits(amount) * BigInt(sign);
  const text = fromUnits(units);
  const [whole, fraction = ''] = text.split('.');
  return `${whole}.${fraction.padEnd(8, '0')}`;
}

/** One history entry as it moves one wallet of one account: the signed amount, or null if it does not. */
function movement(h: HistoryEntry, account: SimAccount, wallet: Wallet): 1 | -1 | null {
  if (h.type !== 'SUB_ACCOUNT_TRANSFER' && h.type !== 'WALLET_TRANSFER') return null;
  const wallets = WALLETS[h.kindType ?? ''];
  if (!wallets) return null;
  const [from, to] = wallets;
  if (same(h.fromAccount, account.address) && from === wallet) return -1;
  if (same(h.toAccount, account.address) && to === wallet) return 1;
  return null;
}

/** `startTime`/`endTime` (inclusive, ms); the last seven days when neither is sent; never more than seven. */
function range(engine: Engine, params: URLSearchParams): [number, number] {
  const start = params.get('startTime');
  const end = params.get('endTime');
  for (const [name, value] of [
    ['startTime', start],
    ['endTime', end],
  ] as const)
    if (value !== null && !/^\d{1,16}$/.test(value))
      fail(CODES.invalidParameter, `Parameter '${name}' is not valid.`);
  const to = end !== null ? Number(end) : start !== null ? Number(start) + SEVEN_DAYS_MS : engine.now();
  const from = start !== null ? Number(start) : to - SEVEN_DAYS_MS;
  if (to < from || to - from > SEVEN_DAYS_MS)
    fail(CODES.invalidParameter, 'The time between startTime and endTime cannot be longer than 7 days.');
  return [from, to];
}

function limit(params: URLSearchParams, fallback: number): number {
  const text = params.get('limit');
  if (text === null) return fallback;
  if (!/^\d{1,4}$/.test(text) || Number(text) < 1 || Number(text) > 1000)
    fail(CODES.invalidParameter, "Parameter 'limit' is not valid.");
  return Number(text);
}

/** `GET /fapi/v3/income`: the futures ledger; transfers in and out as `TRANSFER` with the sign they move. */
export async function income(engine: Engine, request: SimRequest): Promise<unknown> {
  const { account } = await engine.authAgent(request);
  const { params } = request;
  const [from, to] = range(engine, params);
  const incomeType = params.get('incomeType');
  if (incomeType !== null && incomeType !== 'TRANSFER') return [];
  const symbol = params.get('symbol');
  if (symbol !== null && symbol !== '') return [];
  return engine.state.history
    .filter((h) => h.time >= from && h.time <= to)
    .flatMap((h) => {
      const sign = movement(h, account, 'futures');
      return sign === null
        ? []
        : [
            {
              symbol: '',
              incomeType: 'TRANSFER',
              income: eightDecimals(h.amount, sign),
              asset: h.asset,
              info: 'TRANSFER',
              time: h.time,
              tranId: h.tranId,
              tradeId: '',
            },
          ];
    })
    .slice(0, limit(params, 100));
}

/** The spot history's type of a movement: perp ↔ spot in one account by direction; between accounts, internal. */
function spotType(h: HistoryEntry): string {
  if (h.type === 'WALLET_TRANSFER')
    return h.kindType === 'SPOT_FUTURE' ? 'TRANSFER_SPOT_TO_FUTURE' : 'TRANSFER_FUTURE_TO_SPOT';
  return 'INTERNAL_TRANSFER';
}

/** `GET /api/v3/transactionHistory`: the spot ledger (`tranId` a number, `balanceDelta` signed). */
export async function spotTransactionHistory(engine: Engine, request: SimRequest): Promise<unknown> {
  const { account } = await engine.authAgent(request);
  const { params } = request;
  const [from, to] = range(engine, params);
  const asset = params.get('asset');
  const type = params.get('type');
  return engine.state.history
    .filter((h) => h.time >= from && h.time <= to && (asset === null || h.asset === asset))
    .flatMap((h) => {
      const sign = movement(h, account, 'spot');
      if (sign === null || (type !== null && spotType(h) !== type)) return [];
      return [
        {
          tranId: Number(h.tranId),
          tradeId: null,
          asset: h.asset,
          symbol: '',
          balanceDelta: eightDecimals(h.amount, sign),
          balanceInfo: spotType(h),
          time: h.time,
          type: spotType(h),
        },
      ];
    })
    .slice(0, limit(params, 100));
}

/** `POST /fapi/v3/aster/deposit-withdraw-history`: the account's deposits and withdrawals, newest first. */
export async function depositWithdrawHistory(engine: Engine, request: SimRequest): Promise<unknown> {
  const { account } = await engine.authAgent(request);
  return engine.state.history
    .filter(
      (h) =>
        (h.type === 'DEPOSIT' && same(h.toAccount, account.address)) ||
        (h.type === 'WITHDRAW' && same(h.fromAccount, account.address)),
    )
    .map((h) => ({
      id: h.tranId,
      type: h.type,
      asset: h.asset,
      amount: h.amount,
      state: h.status,
      txHash: h.hash ?? '',
      time: h.time,
      chainId: h.chainId ?? (account.kind === 'solana' ? 101 : 56),
      accountType: h.wallet === 'spot' ? 'spot' : 'perp',
    }))
    .reverse();
}

/** `POST /fapi/v3/aster/user-withdraw-info`: daily limits and, per non-zero asset, what each chain allows. */
export async function userWithdrawInfo(
  engine: Engine,
  request: SimRequest,
  fees: Readonly<Record<string, string>>,
): Promise<unknown> {
  const { account } = await engine.authAgent(request);
  const chains = account.kind === 'solana' ? ['101'] : ['1', '56', '42161'];
  const since = engine.now() - DAY_MS;
  const withdrawnToday = engine.state.history
    .filter((h) => h.type === 'WITHDRAW' && same(h.fromAccount, account.address) && h.time >= since)
    .reduce((sum, h) => sum + toUnits(h.amount), 0n);
  const dailyLimit = toUnits('1000000');
  const remaining = fromUnits(dailyLimit > withdrawnToday ? dailyLimit - withdrawnToday : 0n);
  const balances: Record<string, unknown> = {};
  const assets = new Set([...Object.keys(account.futures), ...Object.keys(account.spot)]);
  for (const asset of assets) {
    const perp = toUnits(account.futures[asset] ?? '0');
    const spot = toUnits(account.spot[asset] ?? '0');
    if (perp === 0n && spot === 0n) continue;
    const positive = (units: bigint) => fromUnits(units > 0n ? units : 0n);
    balances[asset] = {
      currency: asset,
      spotTotalWithdrawAmount: positive(spot),
      perpTotalWithdrawAmount: positive(perp),
      dailyLimit: remaining,
      chainBalances: Object.fromEntries(
        chains.map((chainId) => [
          chainId,
          {
            chainId: Number(chainId),
            spotMaxWithdrawAmount: positive(spot),
            perpMaxWithdrawAmount: positive(perp),
            chainLimit: remaining,
            withdrawFee: fees[chainId] ?? '0',
          },
        ]),
      ),
    };
  }
  return {
    userDailyLimit: fromUnits(dailyLimit),
    userRemainingDailyLimit: remaining,
    totalDailyLimit: '100000000',
    totalRemainingDailyLimit: '100000000',
    balances,
  };
}
