import { ENDPOINTS } from '@/lib/aster/endpoints';
import { AsterOutcomeUnknownError } from '@/lib/aster/errors';
import { block, checkWithdrawal as checkWithdrawalRule, combineVerdicts, hasCode } from '@/lib/aster/rules';
import type { SigningSummary } from '@/lib/aster/decode';
import { evmWithdrawalTypedData, solanaWithdrawalText } from '@/lib/aster/messages';
import type { AssetBalance } from '@/lib/aster/rules';
import { signedEvmWithdrawal, signedSolanaWithdrawal } from '@/lib/aster/sign';
import { t } from '@/lib/i18n';
import type { WithdrawChainId, WithdrawPreview, WithdrawResult } from '@/lib/messaging/operations-api';
import { RpcError } from '@/lib/messaging/rpc';
import type { Signer } from '@/lib/signers';
import type { Account } from '@/lib/accounts/model';
import { readBalances } from './balances';
import { quoted, type Context, type OperationsCore } from './core';
import { alreadySent, withdrawalBlocked } from './journal';
import { settleEntry } from './settlement';
import { previewContext, previewUserNonce, withdrawalSummary } from './signing-preview';
import { settleWithdrawal } from './withdrawal-history';
import { withdrawalFailure, withdrawalUnknownMessage, unknownLead } from './withdrawal-outcome';

export interface WithdrawOrder {
  accountId: string;
  asset: string;
  amount: string;
  chainId: WithdrawChainId;
  receiver: string;
  operationId?: string;
}

const WITHDRAW_CHAIN_KIND: Record<number, 'evm' | 'solana'> = {
  1: 'evm',
  56: 'evm',
  42161: 'evm',
  101: 'solana',
};

export async function withdrawVerdict(
  core: OperationsCore,
  ctx: Context,
  account: Account,
  asset: string,
  amount: string | undefined,
  chainId: number,
  receiver?: string,
): Promise<WithdrawPreview> {
  const { all } = await core.family(account);
  const aster = core.asAster(account, all);
  if (account.role === 'sub')
    return { verdict: checkWithdrawalRule({ account: aster }), fee: null, balances: [] };
  const balances = await readBalances(core, ctx, account);
  const verdicts = [
    checkWithdrawalRule({ account: aster, balances: [...balances.futures, ...balances.spot] }),
  ];
  if (verdicts[0]!.level !== 'block' && amount !== undefined)
    verdicts.push(checkWithdrawalRule({ account: aster, balances: balances.futures, asset, amount }));
  const chainKind = WITHDRAW_CHAIN_KIND[chainId];
  if (!chainKind) verdicts.push(block('unsupported-chain', t('background.withdraw.chains')));
  else if (chainKind !== account.kind)
    verdicts.push(
      block(
        'kind-mismatch',
        account.kind === 'evm' ? t('background.withdraw.evmChains') : t('background.withdraw.solanaChain'),
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
  const verdict = combineVerdicts(...verdicts);
  const summary =
    fee !== null && amount !== undefined && receiver !== undefined && chainKind === account.kind
      ? await withdrawalPreviewSummary(
          core,
          ctx,
          account,
          { asset, amount, fee, chainId, receiver },
          balances.futures,
        )
      : undefined;
  return { verdict, fee, balances: balances.futures, ...(summary ? { summary } : {}) };
}

/** Whether `receiver` has the address form of the destination chain. */
export function validReceiver(chainId: number, receiver: string): boolean {
  return chainId === 101
    ? /^[1-9A-HJ-NP-Za-km-z]{32,44}$/.test(receiver)
    : /^0x[0-9a-fA-F]{40}$/.test(receiver);
}

/**
 * The master's own withdrawal signature (EVM `Action` typed data or Solana text), built exactly as `withdraw`
 * builds it and decoded as the approval prompt decodes it; none when the receiver is not an address yet.
 */
async function withdrawalPreviewSummary(
  core: OperationsCore,
  ctx: Context,
  account: Account,
  order: { asset: string; amount: string; fee: string; chainId: number; receiver: string },
  futures: AssetBalance[],
): Promise<SigningSummary | undefined> {
  if (!validReceiver(order.chainId, order.receiver)) return undefined;
  const common = {
    asset: order.asset,
    amount: order.amount,
    fee: order.fee,
    receiver: order.receiver,
    userNonce: await previewUserNonce(core, ctx),
    asterChain: ctx.profile.withdrawalAsterChain,
  };
  const signed =
    order.chainId === 101
      ? solanaWithdrawalText(common)
      : evmWithdrawalTypedData({ ...common, chainId: order.chainId });
  const context = await previewContext(core, account, { address: account.address, assets: futures });
  return withdrawalSummary(signed, context);
}

export function checkWithdrawal(
  core: OperationsCore,
  params: {
    accountId: string;
    asset: string;
    amount?: string;
    chainId: number;
    receiver?: string;
  },
): Promise<WithdrawPreview> {
  return core.run(async (ctx) =>
    withdrawVerdict(
      core,
      ctx,
      await core.accounts.get(params.accountId),
      params.asset,
      params.amount,
      params.chainId,
      params.receiver,
    ),
  );
}

export function withdraw(core: OperationsCore, params: WithdrawOrder): Promise<WithdrawResult> {
  return core.run(async (ctx) => {
    const operationId = params.operationId ?? crypto.randomUUID();
    // Asked again for a withdrawal already sent (a page retrying after a lost answer): never a second send.
    if (core.journal.isLive(operationId) || (await core.journal.get(ctx.id, operationId)))
      throw alreadySent('withdrawal');
    const account = await core.accounts.get(params.accountId);
    // A sub-account key never signs a withdrawal: refused before any key is read.
    if (account.role === 'sub')
      throw new RpcError(
        'sub-cannot-withdraw',
        t('background.withdraw.subCannot', { account: quoted(account) }),
      );
    core.requireKey(account, t('background.withdraw.what'));
    // An earlier withdrawal of this asset whose outcome is unknown: nothing is signed until it is checked.
    const unsettled = async () =>
      core.journal.unsettledWithdrawal(
        (await core.registry.read(ctx.id)).operations,
        account.id,
        params.asset,
      );
    let blocking = await unsettled();
    // One nobody is sending any more is looked up in Aster's withdrawal history first.
    if (blocking && !core.journal.isLive(blocking.id)) {
      await settleEntry(core, ctx, blocking);
      blocking = await unsettled();
    }
    if (blocking) throw withdrawalBlocked(blocking, core.journal.isLive(blocking.id));
    const preview = await withdrawVerdict(core, ctx, account, params.asset, params.amount, params.chainId);
    if (preview.verdict.level === 'block') {
      const rebalance = hasCode(preview.verdict, 'rebalance-first');
      throw new RpcError(rebalance ? 'rebalance-first' : 'blocked', preview.verdict.reasons.join(' '));
    }
    const fee = preview.fee;
    if (fee === null) throw new RpcError('network', t('background.withdraw.noFee'));
    const solana = params.chainId === 101;
    if (!validReceiver(params.chainId, params.receiver))
      throw new RpcError(
        'invalid-input',
        solana ? t('background.withdraw.notSolanaReceiver') : t('background.withdraw.notEvmReceiver'),
      );
    // An EVM master signs its own withdrawal request (`signer == user`): no withdraw-capable API wallet, whose
    // fixed IP whitelist fails from a changing home IP (§10). Only a Solana master needs one.
    const agent = account.kind === 'evm' ? undefined : await core.liveAgent(ctx, account, true);
    if (!agent && (solana || account.kind !== 'evm')) throw core.noAgent(account);
    // Both nonces and both signatures are new each time it is signed (again only after a refusal for the time).
    let userNonce = 0;
    const signWithdrawal = async () => {
      userNonce = await core.userNonce(ctx, account.address);
      const common = {
        asset: params.asset,
        amount: params.amount,
        fee,
        receiver: params.receiver,
        userNonce,
        asterChain: ctx.profile.withdrawalAsterChain,
      };
      return core.withAccountSigner(account.id, async (wallet) => {
        const sign = async (agentSigner: Signer) => {
          const nonce = await core.nonce(ctx, agentSigner.address);
          return solana
            ? signedSolanaWithdrawal({ wallet, agent: agentSigner }, { ...common, nonce }, ctx.signing)
            : signedEvmWithdrawal(
                { wallet, agent: agentSigner },
                { ...common, chainId: params.chainId, nonce },
                ctx.signing,
              );
        };
        return agent ? core.withAgentSigner(agent.id, sign) : sign(wallet);
      });
    };
    const request = await signWithdrawal();
    const entry = {
      id: operationId,
      kind: 'withdrawal' as const,
      accountId: account.id,
      fromName: account.name,
      asset: params.asset,
      amount: params.amount,
      fee,
      chainId: params.chainId,
      receiver: params.receiver,
      userNonce: String(userNonce),
      startedAt: core.now(),
    };
    // Written, and the write awaited, before the signed request leaves (never the signature itself).
    await core.journal.begin(ctx.id, entry);
    let withdrawId: string;
    try {
      // Signed again only after Aster refused it for the time (so it was not made): the journal then names the
      // new userNonce, so that a lost answer is settled against the withdrawal really sent.
      const resign = async () => {
        const again = await signWithdrawal();
        entry.userNonce = String(userNonce);
        await core.registry.change(ctx.id, (records) => {
          const recorded = records.operations[operationId];
          if (recorded?.kind === 'withdrawal') recorded.userNonce = String(userNonce);
        });
        return again;
      };
      const answer = await core.send<{ withdrawId?: unknown }>(ctx, request, resign, 'transfer');
      const id = answer?.withdrawId;
      // 200 without a withdrawal id: not Aster's "done"; its withdrawal history decides.
      if ((typeof id !== 'string' && typeof id !== 'number') || String(id) === '')
        throw new AsterOutcomeUnknownError(request.endpoint.path, 'unreadable-answer');
      withdrawId = String(id);
    } catch (error) {
      let outcome = withdrawalFailure(error, entry);
      if (outcome.status === 'unknown' && error instanceof AsterOutcomeUnknownError) {
        const lead = unknownLead(error.reason);
        const unknown = (reason: string) => withdrawalUnknownMessage(lead, entry, reason);
        outcome = await settleWithdrawal(core, ctx, entry, lead, unknown);
      }
      await core.journal.finish(ctx.id, operationId, outcome).catch(() => undefined);
      if (outcome.status === 'made' && outcome.withdrawId)
        return {
          withdrawId: outcome.withdrawId,
          fee,
          ...(outcome.message ? { proof: outcome.message } : {}),
        };
      if (outcome.status === 'not-made' && error instanceof AsterOutcomeUnknownError)
        throw new RpcError('not-executed', outcome.message ?? t('background.withdraw.notOut'));
      if (outcome.status === 'unknown')
        throw new RpcError(
          'outcome-unknown',
          `${outcome.message ?? ''} ${t('background.withdraw.listedInterrupted')}`,
        );
      throw error;
    }
    await core.journal
      .finish(ctx.id, operationId, {
        status: 'made',
        withdrawId,
        message: t('background.withdraw.withdrawn', { id: withdrawId }),
      })
      .catch(() => undefined);
    return { withdrawId, fee };
  });
}
