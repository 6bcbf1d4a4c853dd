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
import type { SigningSummary } from '@/lib/aster/decode';
import {
  agentSignedMessage,
  newClientTranId,
  subAccountTransferMessage,
  type SubAccountTransferParams,
  type TransferKindType,
} from '@/lib/aster/messages';
import { nowMicros } from '@/lib/aster/nonce';
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
import { messagesLocale, t as words } from '@/lib/i18n';
import { RpcError } from '@/lib/messaging/rpc';
import { readBalances } from './balances';
import type { Context, OperationsCore } from './core';
import { alreadySent, type JournalOutcome } from './journal';
import { settle } from './settlement';
import { summaryOfSigning } from './signing-summary';

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
  preview: Omit<TransferPreview, 'summary'>;
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
    if (t.fromWallet === t.toWallet) throw new RpcError('rules', words('operations.transfer.sameWallet'));
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
        signedBy: agent
          ? words('operations.transfer.signedByApiWallet', { name: agent.name })
          : words('operations.transfer.signedByKey', { name: from.name }),
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
    verdicts.push(block('watch-only', words('operations.transfer.watchOnlySigner', { name: user.name })));
  if (to.backup.state === 'not-backed-up')
    verdicts.push(
      warn('recipient-not-backed-up', words('operations.transfer.notBackedUp', { name: to.name })),
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
      signedBy: words('operations.transfer.signedByKey', { name: user.name }),
      kind: 'sub-account-transfer',
      transferable: transferableAssets(source),
    },
  };
}

export function checkTransfer(core: OperationsCore, t: TransferRequest): Promise<TransferPreview> {
  return core.run(async (ctx) => {
    const plan = await planTransfer(core, ctx, t);
    return { ...plan.preview, summary: await transferSummary(core, { ...plan, kind: plan.preview.kind }, t) };
  });
}

/** The parts of a transfer that decide its signed body. */
type TransferParts = Pick<
  TransferPlan,
  'ctx' | 'from' | 'to' | 'user' | 'fromAccountAddress' | 'kindType'
> & {
  kind: TransferPreview['kind'];
};

/**
 * The plain-words summary of the body this transfer would sign (built by the very functions that sign it, with
 * a nonce — and for perp ↔ spot a transfer id — of the moment: those alone differ at signing), or null when no
 * body can be built yet (no valid amount, or no key or API wallet to sign with).
 */
export async function transferSummary(
  core: OperationsCore,
  parts: TransferParts,
  t: { asset: string; amount?: string | undefined },
): Promise<SigningSummary | null> {
  if (t.amount === undefined || !isPositiveDecimal(t.amount)) return null;
  const { ctx } = parts;
  const vault = await core.accounts.list();
  try {
    if (parts.kind === 'perp-spot') {
      const agent = await core.liveAgent(ctx, parts.from);
      if (!agent && !(parts.from.kind === 'evm' && parts.from.hasKey)) return null;
      const signer = agent ? { kind: 'evm' as const, address: agent.address } : parts.from;
      const body = agentSignedMessage(
        ENDPOINTS.walletTransfer,
        walletTransferParams(parts, { asset: t.asset, amount: t.amount }, newClientTranId()),
        { nonce: nowMicros(), user: parts.from.address, signer: signer.address },
      );
      return summaryOfSigning(body.msg, signer, ctx.signing.agentRequest, vault);
    }
    if (!parts.user.hasKey) return null;
    const signer = ctx.profile.transferSigner === 'omitted' ? null : await core.signerField(ctx, parts.user);
    const body = subAccountTransferMessage({
      ...subAccountTransferParams(parts, { asset: t.asset, amount: t.amount }, signer, nowMicros()),
      user: parts.user.address,
    });
    return summaryOfSigning(body.msg, parts.user, ctx.signing.subAccount, vault);
  } catch {
    // No API wallet to name as signer, or a body Aster's format refuses: the verdict says why.
    return null;
  }
}

/** subAccountTransfer's fields but `user` (the signing key's address): what the preview decodes is what is signed. */
function subAccountTransferParams(
  parts: Pick<TransferPlan, 'to' | 'fromAccountAddress' | 'kindType'>,
  t: { asset: string; amount: string },
  signer: string | null,
  nonce: number,
): Omit<SubAccountTransferParams, 'user'> {
  return {
    toAccountAddress: parts.to.address,
    asset: t.asset,
    amount: t.amount,
    kindType: parts.kindType,
    nonce,
    signer,
    ...(parts.fromAccountAddress ? { fromAccountAddress: parts.fromAccountAddress } : {}),
  };
}

/** The walletTransfer (perp ↔ spot) parameters; nonce, user and signer are added when signed. */
function walletTransferParams(
  parts: Pick<TransferPlan, 'kindType'>,
  t: { asset: string; amount: string },
  clientTranId: string,
) {
  return { amount: t.amount, asset: t.asset, clientTranId, kindType: parts.kindType };
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
        subAccountTransferParams(plan, { asset, amount }, signer, nonce),
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
        ? words('operations.transfer.journalFromLedger', {
            proof: result.proof ?? words('operations.transfer.journalProof', { tranId: result.tranId }),
          })
        : words('operations.transfer.journalDone', { tranId: result.tranId }),
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
        walletTransferParams(plan, { asset, amount }, clientTranId),
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
          ? words('operations.transfer.clientIdUsedBy', {
              message: error.message,
              tranId: earlier.tranId ?? '',
              amount: earlier.amount,
              asset: earlier.asset,
              when: new Date(earlier.startedAt).toLocaleString(messagesLocale()),
            })
          : words('operations.transfer.nothingSentAgain', { message: error.message }),
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
            : words('operations.transfer.outcomeNotKnown'),
      };
}

/** perp ↔ spot inside one account: amount against the source wallet only. */
function amountVerdict(asset: string, amount: string | undefined, source: AssetBalance[]): Verdict {
  if (amount === undefined) return OK;
  if (!isPositiveDecimal(amount))
    return block('amount-not-positive', words('operations.transfer.amountPositive'));
  const entry = source.find((b) => b.asset === asset);
  const available = entry?.withdrawable ?? entry?.balance ?? '0';
  if (compareDecimal(amount, available) > 0)
    return block('above-available', words('operations.transfer.atMost', { amount: available, asset }));
  return OK;
}
