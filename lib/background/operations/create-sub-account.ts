import { generateKey } from '@/lib/accounts/keys';
import type { Account } from '@/lib/accounts/model';
import { AsterOutcomeUnknownError } from '@/lib/aster/errors';
import {
  block,
  checkCreateSubAccount,
  checkSubAccountName,
  combineVerdicts,
  sameAddress,
  type Verdict,
} from '@/lib/aster/rules';
import type { AsterSubAccountEntry } from '@/lib/aster/responses/sub-account-list';
import type { SigningSummary } from '@/lib/aster/decode';
import { createSubAccountChildMessage } from '@/lib/aster/messages';
import { signedCreateSubAccount } from '@/lib/aster/sign';
import { t } from '@/lib/i18n';
import type {
  CreatedSubAccount,
  PendingSubAccount,
  PreparedSubAccount,
} from '@/lib/messaging/operations-api';
import { RpcError } from '@/lib/messaging/rpc';
import { quoted, type Context, type OperationsCore } from './core';
import { messageSummary, previewContext, previewNonce } from './signing-preview';
import { asterSubAccounts } from './sub-account-list';

/** Sub-accounts made here (key generated and saved) but not yet registered on Aster. */
export function pendingSubAccounts(core: OperationsCore): Promise<PendingSubAccount[]> {
  return core.run(async (ctx) => {
    const records = await core.registry.read(ctx.id);
    const all = await core.accounts.list();
    return all
      .filter((a) => records.pending[a.id])
      .map((a) => ({ accountId: a.id, name: a.name, masterId: a.parentId ?? '' }));
  });
}

export async function checkCreation(
  core: OperationsCore,
  ctx: Context,
  master: Account,
  name: string,
  vipLevel: number,
  isMarketMaker: boolean,
  excluding?: string,
): Promise<string[]> {
  const { subs, all } = await core.family(master);
  const onAster = (await asterSubAccounts(core, ctx, master)).subAccounts;
  const vaultCount = subs.filter((s) => s.id !== excluding).length;
  const verdicts: Verdict[] = [
    checkCreateSubAccount({
      creator: core.asAster(master, all),
      vipLevel,
      isMarketMaker,
      existingSubAccounts: Math.max(onAster.length, vaultCount),
      name,
      childKind: master.kind,
    }),
  ];
  if (onAster.some((e) => e.name !== null && e.name.toLowerCase() === name.toLowerCase()))
    verdicts.push(
      block('name-taken', t('background.createSubAccount.nameOnAster', { name, master: quoted(master) })),
    );
  const verdict = combineVerdicts(...verdicts);
  if (verdict.level === 'block') throw new RpcError('rules', verdict.reasons.join(' '));
  const unnamed = onAster.filter((e) => e.name === null).length;
  return [
    t('background.createSubAccount.checkName', { name }),
    ...(unnamed > 0 ? [t('background.createSubAccount.checkUnnamed', unnamed)] : []),
    t('background.createSubAccount.checkCount', { count: onAster.length }),
    isMarketMaker
      ? t('background.createSubAccount.checkMarketMaker')
      : t('background.createSubAccount.checkVip', { level: vipLevel }),
  ];
}

export function prepareSubAccount(
  core: OperationsCore,
  params: {
    masterId: string;
    name: string;
    vipLevel: number;
    isMarketMaker: boolean;
  },
): Promise<PreparedSubAccount> {
  return core.run(async (ctx) => {
    const name = params.name.trim();
    const master = await core.accounts.get(params.masterId);
    if (master.role !== 'master') throw new RpcError('rules', t('background.createSubAccount.noNesting'));
    core.requireKey(master, t('background.createSubAccount.creating'));
    const nameVerdict = checkSubAccountName(name);
    if (nameVerdict.level === 'block') throw new RpcError('rules', nameVerdict.reasons.join(' '));
    const checks = await checkCreation(core, ctx, master, name, params.vipLevel, params.isMarketMaker);
    const key = generateKey(master.kind);
    let account: Account;
    try {
      account = await core.accounts.add({ role: 'sub', parentId: master.id, name, key });
    } finally {
      key.secret.fill(0);
    }
    await core.registry.change(ctx.id, (r) => {
      r.pending[account.id] = {
        masterId: master.id,
        name,
        vipLevel: params.vipLevel,
        isMarketMaker: params.isMarketMaker,
      };
    });
    const summary = await creationSummary(core, ctx, master, account).catch(() => undefined);
    return { account, checks, ...(summary ? { summary } : {}) };
  });
}

/**
 * The creation body as the new sub-account's key signs it first (the master then signs the same fields with
 * that signature added), decoded as the approval prompt decodes it. Signs nothing.
 */
async function creationSummary(
  core: OperationsCore,
  ctx: Context,
  master: Account,
  sub: Account,
): Promise<SigningSummary> {
  const body = createSubAccountChildMessage({
    subAccountName: sub.name,
    subSourceAddr: sub.address,
    nonce: await previewNonce(core, ctx),
    user: master.address,
    signer: await core.signerField(ctx, master),
  });
  return messageSummary(master.kind, body.msg, ctx.signing.subAccount, await previewContext(core, master));
}

/** The new sub-account in Aster's list: by its address, or by its name where Aster gives no address. */
function findCreated(entries: AsterSubAccountEntry[], sub: Account): AsterSubAccountEntry | undefined {
  return (
    entries.find((e) => e.address !== null && sameAddress(e.address, sub.address)) ??
    entries.find((e) => e.address === null && e.name?.toLowerCase() === sub.name.toLowerCase())
  );
}

export function createSubAccount(core: OperationsCore, id: string): Promise<CreatedSubAccount> {
  return core.run(async (ctx) => {
    const sub = await core.accounts.get(id);
    const records = await core.registry.read(ctx.id);
    const pending = records.pending[id];
    if (!pending)
      throw new RpcError('not-pending', t('background.createSubAccount.notPending', { sub: quoted(sub) }));
    if (sub.backup.state !== 'backed-up')
      throw new RpcError(
        'backup-required',
        t('background.createSubAccount.backupFirst', { sub: quoted(sub) }),
      );
    const master = await core.accounts.get(pending.masterId);
    await checkCreation(core, ctx, master, sub.name, pending.vipLevel, pending.isMarketMaker, sub.id);
    const signer = await core.signerField(ctx, master);
    const sign = async () => {
      const nonce = await core.nonce(ctx, master.address);
      return core.withAccountSigner(master.id, (masterSigner) =>
        core.withAccountSigner(sub.id, (child) =>
          signedCreateSubAccount(
            { master: masterSigner, child },
            { subAccountName: sub.name, nonce, signer },
            ctx.signing,
          ),
        ),
      );
    };
    let asterAccountId: number | null = null;
    let settledFromList = false;
    try {
      const answer = await core.send<{ accountId?: unknown }>(ctx, await sign(), sign, 'write');
      asterAccountId = typeof answer?.accountId === 'number' ? answer.accountId : null;
    } catch (error) {
      if (!(error instanceof AsterOutcomeUnknownError)) throw error;
      // The answer was lost: the list says whether the sub-account exists now.
      const list = await asterSubAccounts(core, ctx, master).catch(() => null);
      const found = list && findCreated(list.subAccounts, sub);
      if (!found) throw error;
      asterAccountId = found.accountId;
      settledFromList = true;
    }
    await core.registry.change(ctx.id, (r) => {
      delete r.pending[id];
      r.links[id] = { asterAccountId, asterName: sub.name };
    });
    return { account: sub, asterAccountId, settledFromList };
  });
}
