import type { Account } from '@/lib/accounts/model';
import { AsterOutcomeUnknownError } from '@/lib/aster/errors';
import { checkManageSubAccount } from '@/lib/aster/rules';
import { updateSubAccountMessage } from '@/lib/aster/messages';
import { signedUpdateSubAccount } from '@/lib/aster/sign';
import { t } from '@/lib/i18n';
import type { SubAccountUpdatePreview } from '@/lib/messaging/operations-api';
import { RpcError } from '@/lib/messaging/rpc';
import { VaultError } from '@/lib/vault/errors';
import { quoted, type OperationsCore } from './core';
import { messageSummary, previewContext, previewNonce } from './signing-preview';

interface UpdatePlan {
  sub: Account;
  master: Account;
  newName: string | undefined;
  newStatus: 'NORMAL' | 'FROZEN' | undefined;
  /** The rules checked, in words (shown before signing). */
  checks: string[];
}

/** What would change, checked against Aster's rules; refused in words before any key is read. */
async function updatePlan(
  core: OperationsCore,
  params: { id: string; name?: string; status?: 'NORMAL' | 'FROZEN' },
): Promise<UpdatePlan> {
  const sub = await core.accounts.get(params.id);
  const { master, subs, all } = await core.family(sub);
  const name = params.name?.trim();
  const newName = name !== undefined && name !== sub.name ? name : undefined;
  const newStatus = params.status !== undefined && params.status !== sub.status ? params.status : undefined;
  if (newName === undefined && newStatus === undefined)
    throw new RpcError('invalid-input', t('background.updateSubAccount.nothingToChange'));
  const verdict = checkManageSubAccount(core.asAster(master, all), core.asAster(sub, all), newName);
  if (verdict.level === 'block') throw new RpcError('rules', verdict.reasons.join(' '));
  if (
    newName !== undefined &&
    subs.some((s) => s.id !== sub.id && s.name.toLowerCase() === newName.toLowerCase())
  )
    throw new RpcError(
      'rules',
      t('background.updateSubAccount.nameTaken', { master: quoted(master), name: newName }),
    );
  core.requireKey(master, t('background.updateSubAccount.managing'));
  const checks = [
    t('background.updateSubAccount.checkFamily', { sub: quoted(sub), master: quoted(master) }),
    ...(newName !== undefined ? [t('background.updateSubAccount.checkName', { name: newName })] : []),
    ...(newStatus === 'FROZEN' ? [t('background.updateSubAccount.checkFreeze')] : []),
    ...(newStatus === 'NORMAL' ? [t('background.updateSubAccount.checkUnfreeze')] : []),
  ];
  return { sub, master, newName, newStatus, checks };
}

function updateParams(plan: UpdatePlan, nonce: number, signer: string) {
  return {
    subSourceAddr: plan.sub.address,
    nonce,
    signer,
    ...(plan.newName !== undefined ? { subAccountName: plan.newName } : {}),
    ...(plan.newStatus !== undefined ? { status: plan.newStatus } : {}),
  };
}

/** The checks of a rename or freeze/unfreeze and the decoded body the master would sign. Signs nothing. */
export function checkUpdateSubAccount(
  core: OperationsCore,
  params: { id: string; name?: string; status?: 'NORMAL' | 'FROZEN' },
): Promise<SubAccountUpdatePreview> {
  return core.run(async (ctx) => {
    const plan = await updatePlan(core, params);
    const signer = await core.signerField(ctx, plan.master);
    const body = updateSubAccountMessage({
      ...updateParams(plan, await previewNonce(core, ctx), signer),
      user: plan.master.address,
    });
    const summary = messageSummary(
      plan.master.kind,
      body.msg,
      ctx.signing.subAccount,
      await previewContext(core, plan.master),
    );
    return { checks: plan.checks, summary };
  });
}

/** Renames or freezes/unfreezes a sub-account on Aster, then in the vault. */
export function updateSubAccount(
  core: OperationsCore,
  params: { id: string; name?: string; status?: 'NORMAL' | 'FROZEN' },
): Promise<Account> {
  return core.run(async (ctx) => {
    const { sub, master, newName, newStatus, ...plan } = await updatePlan(core, params);
    await core.ping(ctx);
    const signer = await core.signerField(ctx, master);
    const sign = async () => {
      const nonce = await core.nonce(ctx, master.address);
      return core.withAccountSigner(master.id, (masterSigner) =>
        signedUpdateSubAccount(
          masterSigner,
          updateParams({ sub, master, newName, newStatus, ...plan }, nonce, signer),
          ctx.signing,
        ),
      );
    };
    try {
      await core.send(ctx, await sign(), sign, 'write');
    } catch (error) {
      if (error instanceof AsterOutcomeUnknownError)
        throw new RpcError(
          'outcome-unknown',
          `${error.message} ${t('background.updateSubAccount.unknownOutcome', { master: quoted(master) })}`,
        );
      throw error;
    }
    // Aster changed it: the vault follows in one transaction (name and status together).
    const db = core.vault.database;
    const updated = await db.transaction('rw', db.accounts, async () => {
      const current = await db.accounts.get(sub.id);
      if (!current) throw new VaultError('not-found', t('background.updateSubAccount.notInVault'));
      const next: Account = {
        ...current,
        ...(newName !== undefined ? { name: newName } : {}),
        ...(newStatus !== undefined ? { status: newStatus } : {}),
        updatedAt: core.now(),
      };
      await db.accounts.put(next);
      return next;
    });
    if (newName !== undefined)
      await core.registry.change(ctx.id, (r) => {
        r.links[sub.id] = { asterAccountId: r.links[sub.id]?.asterAccountId ?? null, asterName: newName };
      });
    return updated;
  });
}
