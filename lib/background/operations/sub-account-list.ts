import type { Account } from '@/lib/accounts/model';
import { unexpectedAnswer } from '@/lib/aster/client';
import { ENDPOINTS } from '@/lib/aster/endpoints';
import type { SyncReport } from '@/lib/messaging/operations-api';
import { RpcError } from '@/lib/messaging/rpc';
import type { Context, OperationsCore } from './core';

/** Aster's list of a master's sub-accounts. */
export async function asterSubAccounts(
  core: OperationsCore,
  ctx: Context,
  master: Account,
): Promise<{ accountId: number; subAccountName: string }[]> {
  const list = await core.signAndSend<unknown>(ctx, master, ENDPOINTS.getSubAccountList, {});
  // Not a list: an error, never "no sub-accounts" (the 15 limit is counted from it).
  if (!Array.isArray(list)) throw unexpectedAnswer('a list of sub-accounts');
  return list.flatMap((entry) => {
    const e = entry as Record<string, unknown>;
    return typeof e.subAccountName === 'string'
      ? [{ accountId: Number(e.accountId), subAccountName: e.subAccountName }]
      : [];
  });
}

export function syncSubAccounts(core: OperationsCore, masterId: string): Promise<SyncReport> {
  return core.run(async (ctx) => {
    const master = await core.accounts.get(masterId);
    if (master.role !== 'master') throw new RpcError('invalid-input', 'Choose a master account.');
    const { subs } = await core.family(master);
    const onAster = await asterSubAccounts(core, ctx, master);
    const records = await core.registry.read(ctx.id);
    const report: SyncReport = {
      masterId,
      asterCount: onAster.length,
      vaultCount: subs.length,
      matched: [],
      renamed: [],
      onlyInVault: [],
      onlyOnAster: [],
    };
    const unmatched = [...onAster];
    const take = (predicate: (e: (typeof onAster)[number]) => boolean) => {
      const index = unmatched.findIndex(predicate);
      return index < 0 ? undefined : unmatched.splice(index, 1)[0];
    };
    const links: Record<string, { asterAccountId: number | null; asterName: string }> = {};
    for (const sub of subs) {
      if (records.pending[sub.id]) {
        report.onlyInVault.push({ accountId: sub.id, name: sub.name, pending: true });
        continue;
      }
      const known = records.links[sub.id]?.asterAccountId;
      const byId = known != null ? take((e) => e.accountId === known) : undefined;
      if (byId && byId.subAccountName.toLowerCase() !== sub.name.toLowerCase()) {
        report.renamed.push({
          accountId: sub.id,
          vaultName: sub.name,
          asterName: byId.subAccountName,
          asterAccountId: byId.accountId,
        });
        links[sub.id] = { asterAccountId: byId.accountId, asterName: byId.subAccountName };
        continue;
      }
      const match = byId ?? take((e) => e.subAccountName.toLowerCase() === sub.name.toLowerCase());
      if (match) {
        report.matched.push({ accountId: sub.id, name: sub.name, asterAccountId: match.accountId });
        links[sub.id] = { asterAccountId: match.accountId, asterName: match.subAccountName };
      } else report.onlyInVault.push({ accountId: sub.id, name: sub.name, pending: false });
    }
    report.onlyOnAster = unmatched.map((e) => ({ name: e.subAccountName, asterAccountId: e.accountId }));
    await core.registry.change(ctx.id, (r) => Object.assign(r.links, links));
    return report;
  });
}
