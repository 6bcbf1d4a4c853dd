import type { Account } from '@/lib/accounts/model';
import { ENDPOINTS } from '@/lib/aster/endpoints';
import {
  parseSubAccountList,
  SubAccountListShapeError,
  type AsterSubAccountList,
} from '@/lib/aster/responses/sub-account-list';
import { t } from '@/lib/i18n';
import type { SyncReport } from '@/lib/messaging/operations-api';
import { RpcError } from '@/lib/messaging/rpc';
import type { Context, OperationsCore } from './core';
import { matchSubAccounts } from './sub-account-matching';

/**
 * Aster's list of a master's sub-accounts (its own entry apart). Agent-signed, but on the sub-account chain id:
 * the testnet tables give 1666 for the list as for the other sub-account endpoints (§10). An answer of another
 * shape is an error in words: never "no sub-accounts", since the 15 limit and the sync are counted from it.
 */
export async function asterSubAccounts(
  core: OperationsCore,
  ctx: Context,
  master: Account,
): Promise<AsterSubAccountList> {
  const onSubAccountChain: Context = {
    ...ctx,
    signing: { ...ctx.signing, agentRequest: ctx.profile.subAccountChainId },
  };
  const answer = await core.signAndSend<unknown>(onSubAccountChain, master, ENDPOINTS.getSubAccountList, {});
  try {
    return parseSubAccountList(answer, master.address);
  } catch (error) {
    if (!(error instanceof SubAccountListShapeError)) throw error;
    throw new RpcError(
      'unexpected-answer',
      t('background.subAccountList.unreadable', { error: error.message }),
    );
  }
}

export function syncSubAccounts(core: OperationsCore, masterId: string): Promise<SyncReport> {
  return core.run(async (ctx) => {
    const master = await core.accounts.get(masterId);
    if (master.role !== 'master')
      throw new RpcError('invalid-input', t('background.subAccountList.chooseMaster'));
    const { subs } = await core.family(master);
    const list = await asterSubAccounts(core, ctx, master);
    const records = await core.registry.read(ctx.id);
    const matching = matchSubAccounts(
      subs.map((sub) => ({
        accountId: sub.id,
        name: sub.name,
        address: sub.address,
        pending: records.pending[sub.id] !== undefined,
        knownAsterAccountId: records.links[sub.id]?.asterAccountId ?? null,
      })),
      list.subAccounts,
    );
    await core.registry.change(ctx.id, (r) => {
      Object.assign(r.links, matching.links);
      // A pending sub-account Aster lists by its address exists: its creation's answer was lost.
      for (const id of Object.keys(matching.links)) delete r.pending[id];
    });
    const { links: _links, ...found } = matching;
    return {
      masterId,
      asterCount: list.subAccounts.length,
      vaultCount: subs.length,
      listShape: list.addressField,
      listedMaster: list.master !== null,
      ...found,
    };
  });
}
