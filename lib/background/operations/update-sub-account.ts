import type { Account } from '@/lib/accounts/model';
import { AsterOutcomeUnknownError } from '@/lib/aster/errors';
import { checkManageSubAccount } from '@/lib/aster/rules';
import { signedUpdateSubAccount } from '@/lib/aster/sign';
import { RpcError } from '@/lib/messaging/rpc';
import { VaultError } from '@/lib/vault/errors';
import { quoted, type OperationsCore } from './core';

/** Renames or freezes/unfreezes a sub-account on Aster, then in the vault. */
export function updateSubAccount(
  core: OperationsCore,
  params: { id: string; name?: string; status?: 'NORMAL' | 'FROZEN' },
): Promise<Account> {
  return core.run(async (ctx) => {
    const sub = await core.accounts.get(params.id);
    const { master, subs, all } = await core.family(sub);
    const name = params.name?.trim();
    const newName = name !== undefined && name !== sub.name ? name : undefined;
    const newStatus = params.status !== undefined && params.status !== sub.status ? params.status : undefined;
    if (newName === undefined && newStatus === undefined)
      throw new RpcError('invalid-input', 'Nothing to change: give a new name or status.');
    const verdict = checkManageSubAccount(core.asAster(master, all), core.asAster(sub, all), newName);
    if (verdict.level === 'block') throw new RpcError('rules', verdict.reasons.join(' '));
    if (
      newName !== undefined &&
      subs.some((s) => s.id !== sub.id && s.name.toLowerCase() === newName.toLowerCase())
    )
      throw new RpcError('rules', `Another sub-account of ${quoted(master)} is named "${newName}".`);
    core.requireKey(master, 'Managing a sub-account');
    await core.ping(ctx);
    const signer = await core.signerField(ctx, master);
    const sign = async () => {
      const nonce = await core.nonce(ctx, master.address);
      return core.withAccountSigner(master.id, (masterSigner) =>
        signedUpdateSubAccount(
          masterSigner,
          {
            subSourceAddr: sub.address,
            nonce,
            signer,
            ...(newName !== undefined ? { subAccountName: newName } : {}),
            ...(newStatus !== undefined ? { status: newStatus } : {}),
          },
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
          `${error.message} Sync ${quoted(master)}'s sub-accounts to see whether the change was made.`,
        );
      throw error;
    }
    // Aster changed it: the vault follows in one transaction (name and status together).
    const db = core.vault.database;
    const updated = await db.transaction('rw', db.accounts, async () => {
      const current = await db.accounts.get(sub.id);
      if (!current) throw new VaultError('not-found', 'That account is not in the vault.');
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
