import type { Engine, SimRequest } from '../engine';
import { CODES, fail } from '../errors';
import type { SimAccount } from '../state';

/**
 * `GET /fapi/v3/getSubAccountList` in the shape `engine.variant.subAccountList` names (./variant.ts):
 * `address`/`sourceAddr` as the live report (the master's own entry first, `futureBalanceList`), `names` as the
 * documents (`{accountId, subAccountName, parentAccount}`, the master's entry last with name ""). Signed like any
 * agent request, but on the sub-account chain id (the testnet tables give 1666 for the list too, §10).
 */
export async function getSubAccountList(engine: Engine, request: SimRequest): Promise<unknown> {
  const { account: master } = await engine.authAgent(request, undefined, engine.variant.subAccountChainId);
  if (master.role !== 'master') fail(CODES.permission, 'Only a master account has sub-accounts.');
  const { subAccountList: shape, listOmitsNames } = engine.variant;
  const subs = engine.subsOf(master);
  // Live, some entries came without a name: every other sub-account here, the first one included.
  const named = (index: number) => !listOmitsNames || index % 2 === 1;
  if (shape === 'names')
    return [
      ...subs.map((sub, i) => ({
        accountId: sub.accountId,
        ...(named(i) ? { subAccountName: sub.name } : {}),
        parentAccount: false,
      })),
      { accountId: master.accountId, subAccountName: '', parentAccount: true },
    ];
  const entry = (account: SimAccount, parentAccount: boolean, withName: boolean) => ({
    [shape]: account.address,
    accountId: account.accountId,
    parentAccount,
    ...(withName && account.name ? { subAccountName: account.name } : {}),
    futureBalanceList: Object.entries(account.futures).map(([asset, balance]) => ({ asset, balance })),
  });
  return [entry(master, true, false), ...subs.map((sub, i) => entry(sub, false, named(i)))];
}
