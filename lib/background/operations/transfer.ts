import type { Account } from '@/lib/accounts/model';
import type { TransferIdentity } from '@/lib/aster/client';
import { compareDecimal, isPositiveDecimal } from '@/lib/aster/decimal';
import { ENDPOINTS } from '@/lib/aster/endpoints';
import {
  AsterApiError,
  AsterBannedError,
  AsterOutcomeUnknownError,
  AsterRateLimitError,
} from '@/lib/aster/errors';
import { newClientTranId, type TransferKindType } from '@/lib/aster/messages';
import {
  block,
  checkTransfer as checkTransferRule,
  combineVerdicts,
  OK,
  transferableAssets,
  warn,
  type AssetBalance,
  type Verdict,
} from '@/lib/aster/rules';
import { signedSubAccountTransfer } from '@/lib/aster/sign';
import type { TransferPreview, TransferResult, WalletName } from '@/lib/messaging/operations-api';
import { RpcError } from '@/lib/messaging/rpc';
import { readBalances } from './balances';
import { quoted, type Context, type OperationsCore } from './core';
import { alreadySent, type JournalOutcome } from './journal';
import { settle } from './settlement';

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

const kindTypeOf = (from: WalletName, to: WalletName) =>
  `${from === 'futures' ? 'FUTURE' : 'SPOT'}_${to === 'futures' ? 'FUTURE' : 'SPOT'}` as TransferKindType;

export async function planTransfer(
  core: OperationsCore,
  ctx: Context,
  t: TransferRequest,
): Promise<TransferPlan> {
  const from = await core.accounts.get(t.fromId);
  const to = await core.accounts.get(t.toId);
  const { master, all } = await core.family(from);
  const kindType = kindTypeOf(t.fromWallet, t.toWallet);
  if (from.id === to.id) {
    if (t.fromWallet === t.toWallet)
      throw new RpcError('rules', 'Source and destination are the same wallet of the same account.');
    const balances = await readBalances(core, ctx, from);
    const source = balances[t.fromWallet];
    const verdict = amountVerdict(t.asset, t.amount, source);
    const agent = await core.liveAgent(ctx, from);
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
  const balances = await readBalances(core, ctx, from);
  const source = balances[t.fromWallet];
  const verdicts: Verdict[] = [
    checkTransferRule({
      loggedIn: core.asAster(user, all),
      from: core.asAster(from, all),
      to: core.asAster(to, all),
      asset: t.asset,
      ...(t.amount !== undefined ? { amount: t.amount } : {}),
      sourceBalances: source,
    }),
  ];
  if (!user.hasKey)
    verdicts.push(
      block('watch-only', `This transfer is signed by ${quoted(user)}, which is watch-only here.`),
    );
  if (to.backup.state === 'not-backed-up')
    verdicts.push(
      warn(
        'recipient-not-backed-up',
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

export function checkTransfer(core: OperationsCore, t: TransferRequest): Promise<TransferPreview> {
  return core.run(async (ctx) => (await planTransfer(core, ctx, t)).preview);
}

export function transfer(core: OperationsCore, t: TransferOrder): Promise<TransferResult> {
  return core.run((ctx) => transferIn(core, ctx, t));
}

export async function transferIn(
  core: OperationsCore,
  ctx: Context,
  t: TransferOrder,
): Promise<TransferResult> {
  const operationId = t.operationId ?? crypto.randomUUID();
  // Asked again for a transfer already sent (a page retrying after a lost answer): never a second send.
  if (core.journal.isLive(operationId) || (await core.journal.get(ctx.id, operationId))) throw alreadySent();
  const plan = await planTransfer(core, ctx, t);
  const { verdict } = plan.preview;
  if (verdict.level === 'block') throw new RpcError('blocked', verdict.reasons.join(' '));
  if (verdict.level === 'warn' && !t.acceptWarnings)
    throw new RpcError('needs-confirmation', verdict.reasons.join(' '));
  return plan.preview.kind === 'perp-spot'
    ? walletTransfer(core, plan, t, t.clientTranId ?? newClientTranId(), operationId)
    : subAccountTransfer(core, plan, t, operationId);
}

export async function subAccountTransfer(
  core: OperationsCore,
  plan: TransferPlan,
  t: TransferOrder,
  operationId: string,
): Promise<TransferResult> {
  const { ctx, user, to } = plan;
  const { asset, amount } = t;
  // The network's profile decides whether the body names a `signer` at all (§10, PR #162).
  const signer = ctx.profile.transferSigner === 'omitted' ? null : await core.signerField(ctx, user);
  const nonce = await core.nonce(ctx, user.address);
  const identity: TransferIdentity = {
    user: user.address,
    nonce: String(nonce),
    asset,
    amount,
    toAccountAddress: to.address,
    ...(plan.fromAccountAddress ? { fromAccountAddress: plan.fromAccountAddress } : {}),
    sentAt: core.now(),
  };
  const sign = (nonce: number) =>
    core.withAccountSigner(user.id, (wallet) =>
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
  // Signed again only after Aster refused it for the time (so it was not made); the journal then names the
  // new nonce, so that a lost answer is settled against the request that was really sent.
  const resign = async () => {
    const again = await core.nonce(ctx, user.address);
    identity.nonce = String(again);
    await core.registry.change(ctx.id, (records) => {
      const entry = records.operations[operationId];
      if (entry?.kind === 'transfer' && entry.identity) entry.identity.nonce = String(again);
    });
    return sign(again);
  };
  return journalled(core, plan, t, operationId, identity, user, null, async () =>
    core.send<{ tranId?: unknown }>(ctx, await sign(nonce), resign, 'transfer'),
  );
}

/**
 * Sends a transfer under its journal entry: written before the request leaves, finished with the outcome.
 * An answer that is lost, or without a transfer id, is settled from Aster's ledger (never sent again).
 */
export async function journalled(
  core: OperationsCore,
  plan: TransferPlan,
  t: TransferOrder,
  operationId: string,
  identity: TransferIdentity,
  reader: Account,
  clientTranId: string | null,
  send: () => Promise<{ tranId?: unknown } | null | undefined>,
): Promise<TransferResult> {
  const { ctx } = plan;
  await core.journal.begin(ctx.id, {
    id: operationId,
    kind: 'transfer',
    fromName: plan.from.name,
    toName: plan.to.name,
    fromWallet: t.fromWallet,
    toWallet: t.toWallet,
    asset: t.asset,
    amount: t.amount,
    startedAt: identity.sentAt ?? core.now(),
    identity,
    readerId: reader.id,
  });
  let result: TransferResult;
  try {
    try {
      const answer = await send();
      const tranId = answer?.tranId;
      // 200 without a transfer id: not Aster's "done", so the ledger decides.
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
      const move = { identity, fromWallet: t.fromWallet, toWallet: t.toWallet };
      result = await settle(core, ctx, reader, operationId, move, error);
    }
  } catch (error) {
    await core.journal.finish(ctx.id, operationId, failureOutcome(error)).catch(() => undefined);
    throw error;
  }
  await core.journal
    .finish(ctx.id, operationId, {
      status: 'made',
      tranId: result.tranId,
      message: result.confirmedFromHistory
        ? `Aster's answer was lost; its ledger shows the transfer made (${result.proof ?? `transfer ${result.tranId}`}).`
        : `Transferred: Aster's transfer id ${result.tranId}.`,
    })
    .catch(() => undefined);
  return result;
}

export async function walletTransfer(
  core: OperationsCore,
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
    sentAt: core.now(),
  };
  try {
    return await journalled(core, plan, t, operationId, identity, from, clientTranId, async () =>
      core.signAndSend<{ tranId?: unknown }>(
        ctx,
        from,
        ENDPOINTS.walletTransfer,
        { amount, asset, clientTranId, kindType: plan.kindType },
        'transfer',
      ),
    );
  } catch (error) {
    if (error instanceof AsterApiError && error.code === -4115) {
      // Aster's ledgers do not carry clientTranId: the journal says which transfer used it, if it was ours.
      const { operations } = await core.registry.read(ctx.id);
      const earlier = Object.values(operations).find(
        (e) =>
          e.kind === 'transfer' &&
          e.id !== operationId &&
          e.identity.clientTranId === clientTranId &&
          e.tranId !== null,
      );
      throw new RpcError(
        'aster:-4115',
        earlier?.kind === 'transfer'
          ? `${error.message} It was used by transfer ${earlier.tranId} (${earlier.amount} ${earlier.asset}, ${new Date(earlier.startedAt).toLocaleString()}). Nothing was sent again.`
          : `${error.message} Nothing was sent again.`,
      );
    }
    throw error;
  }
}

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
            : "The transfer's outcome is not known: check Aster's ledger before sending it again.",
      };
}

/** perp ↔ spot inside one account: amount against the source wallet only. */
function amountVerdict(asset: string, amount: string | undefined, source: AssetBalance[]): Verdict {
  if (amount === undefined) return OK;
  if (!isPositiveDecimal(amount))
    return block('amount-not-positive', 'The amount must be a number above zero.');
  const entry = source.find((b) => b.asset === asset);
  const available = entry?.withdrawable ?? entry?.balance ?? '0';
  if (compareDecimal(amount, available) > 0)
    return block('above-available', `At most ${available} ${asset} can be transferred now.`);
  return OK;
}
