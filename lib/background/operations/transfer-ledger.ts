import type { Account } from '@/lib/accounts/model';
import type { TransferIdentity } from '@/lib/aster/client';
import { ENDPOINTS } from '@/lib/aster/endpoints';
import {
  clockTime,
  matchLedger,
  nonceMs,
  settleWindow,
  type LedgerExpectation,
  type LedgerMatch,
} from '@/lib/aster/ledger-match';
import { t } from '@/lib/i18n';
import { parseIncomeLedger, parseSpotTransactionHistory, type LedgerEntry } from '@/lib/aster/ledgers';
import type { WalletName } from '@/lib/messaging/operations-api';
import { RpcError } from '@/lib/messaging/rpc';
import type { Context, OperationsCore } from './core';

/** One page of a ledger: Aster's maximum for both (income: max 1000; transactionHistory: max 1000). */
export const LEDGER_LIMIT = 1000;

/** Which ledger a wallet's movements are in, as the trader finds it on Aster's site. */
const ledgerName = (wallet: WalletName): string =>
  wallet === 'futures'
    ? t('background.transferLedger.futuresLedger')
    : t('background.transferLedger.spotLedger');

export interface TransferMove {
  identity: TransferIdentity;
  fromWallet: WalletName;
  toWallet: WalletName;
}

/** One side of a transfer as one ledger shows it: whose ledger, which wallet, which sign and types. */
export interface LedgerSide {
  address: string;
  wallet: WalletName;
  /** Signed as the ledger shows it. */
  amount: string;
  types: readonly string[];
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * The two sides of a transfer: the source's ledger shows it leaving (negative), the destination's arriving.
 * The futures ledger files every transfer under `TRANSFER`; the spot history names perp ↔ spot in one account
 * `TRANSFER_SPOT_TO_FUTURE` / `TRANSFER_FUTURE_TO_SPOT`, and has no documented type reserved for sub-account
 * transfers, so those accept the transfer types it lists (INTERNAL_TRANSFER, TRANSFER, TRANSFER_SPOT_TO_SPOT
 * and the perp ↔ spot one of the same direction). Amount, asset, sign and window stay exact.
 */
export function transferSides(move: TransferMove): { source: LedgerSide; destination: LedgerSide } {
  const { identity, fromWallet, toWallet } = move;
  const from = identity.fromAccountAddress ?? identity.user;
  const to = identity.toAccountAddress ?? identity.user;
  const oneAccount = same(from, to);
  const amount = identity.amount.replace(/^\+/, '');
  const spotTypes = (direction: string) =>
    oneAccount ? [direction] : ['INTERNAL_TRANSFER', 'TRANSFER', 'TRANSFER_SPOT_TO_SPOT', direction];
  const typesOf = (wallet: WalletName, direction: string) =>
    wallet === 'futures' ? ['TRANSFER'] : spotTypes(direction);
  return {
    source: {
      address: from,
      wallet: fromWallet,
      amount: `-${amount}`,
      types: typesOf(
        fromWallet,
        toWallet === 'futures' ? 'TRANSFER_SPOT_TO_FUTURE' : 'TRANSFER_SPOT_TO_SPOT',
      ),
    },
    destination: {
      address: to,
      wallet: toWallet,
      amount,
      types: typesOf(
        toWallet,
        fromWallet === 'futures' ? 'TRANSFER_FUTURE_TO_SPOT' : 'TRANSFER_SPOT_TO_SPOT',
      ),
    },
  };
}

/** Can the companion sign a read for this account (an approved API wallet, or its own EVM key)? */
async function canRead(core: OperationsCore, ctx: Context, account: Account): Promise<boolean> {
  return (await core.liveAgent(ctx, account)) !== undefined || (account.kind === 'evm' && account.hasKey);
}

/** The side whose ledger the companion can read: the source first (money left), else the destination. */
export async function readableSide(
  core: OperationsCore,
  ctx: Context,
  family: readonly Account[],
  move: TransferMove,
): Promise<{ side: LedgerSide; account: Account } | null> {
  const { source, destination } = transferSides(move);
  for (const side of [source, destination]) {
    const account = family.find((a) => same(a.address, side.address));
    if (account && (await canRead(core, ctx, account))) return { side, account };
  }
  return null;
}

/**
 * Aster's ids other journal entries of the same kind already stand for (a ledger entry proves one operation
 * only; transfer and withdrawal ids are kept apart, as Aster numbers them separately).
 */
export async function claimedIds(
  core: OperationsCore,
  ctx: Context,
  except: string,
  kind: 'transfer' | 'withdrawal',
): Promise<Set<string>> {
  const { operations } = await core.registry.read(ctx.id);
  const ids = new Set<string>();
  for (const entry of Object.values(operations)) {
    if (entry.id === except || entry.kind !== kind) continue;
    const id = entry.kind === 'transfer' ? entry.tranId : entry.withdrawId;
    if (id) ids.add(id);
  }
  return ids;
}

/** One signed read of one ledger around the window (income: `incomeType=TRANSFER`; spot: the asset). */
export async function readLedger(
  core: OperationsCore,
  ctx: Context,
  account: Account,
  wallet: WalletName,
  asset: string,
  window: { start: number; end: number },
) {
  const range = { startTime: Math.max(1, window.start), endTime: window.end, limit: LEDGER_LIMIT };
  const request =
    wallet === 'futures'
      ? await core.signForAccount(ctx, account, ENDPOINTS.income, { incomeType: 'TRANSFER', ...range })
      : await core.signForAccount(ctx, account, ENDPOINTS.spotTransactionHistory, { asset, ...range });
  const payload = await ctx.client.sendSigned<unknown>(request, 'read');
  return wallet === 'futures' ? parseIncomeLedger(payload) : parseSpotTransactionHistory(payload);
}

export type TransferLedgerOutcome = (
  { status: 'made'; entry: LedgerEntry } | { status: 'not-made' } | { status: 'unknown'; reason: string }
) & { ledger: string; account: Account };

/**
 * What Aster's ledger says about a transfer whose answer was lost: made (with the ledger's id and time), not
 * made (only when the ledger proves it: see `matchLedger`), or unknown with the reason. Reads are retried once
 * after `settleDelayMs` while nothing matches (a ledger may lag behind the transfer by a moment).
 */
export async function transferFromLedger(
  core: OperationsCore,
  ctx: Context,
  operationId: string,
  reader: Account,
  move: TransferMove,
  attempts = 1,
): Promise<TransferLedgerOutcome> {
  const { all } = await core.family(reader);
  const readable = await readableSide(core, ctx, all, move);
  if (!readable) throw new RpcError('api-wallet-needed', t('background.transferLedger.noReader'));
  const { side, account } = readable;
  const sentAt = move.identity.sentAt ?? core.now();
  const window = settleWindow(sentAt, nonceMs(move.identity.nonce) ?? sentAt);
  const expectation: LedgerExpectation = {
    asset: move.identity.asset,
    amount: side.amount,
    types: side.types,
    window,
    claimed: await claimedIds(core, ctx, operationId, 'transfer'),
  };
  const ledger = t('background.transferLedger.ledgerOf', {
    name: account.name,
    ledger: ledgerName(side.wallet),
  });
  const what = t('background.transferLedger.transfersOf', {
    amount: move.identity.amount,
    asset: move.identity.asset,
  });
  let match: LedgerMatch = { status: 'unknown', reason: t('background.transferLedger.notRead') };
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, core.options.settleDelayMs ?? 800));
    const read = await readLedger(core, ctx, account, side.wallet, move.identity.asset, window);
    match = matchLedger(read, expectation, what, { readAt: core.now(), limit: LEDGER_LIMIT });
    if (match.status !== 'unknown' || match.ambiguous === true) break;
  }
  if (match.status === 'found') return { status: 'made', entry: match.entry, ledger, account };
  if (match.status === 'absent') return { status: 'not-made', ledger, account };
  return { status: 'unknown', reason: match.reason, ledger, account };
}

/** "Aster's id 1234, 12:01:05 UTC, in "Main"'s futures income ledger". */
export const ledgerProof = (outcome: { entry: LedgerEntry; ledger: string }) =>
  t('background.transferLedger.proof', {
    id: outcome.entry.id,
    time: clockTime(outcome.entry.time),
    ledger: outcome.ledger,
  });
