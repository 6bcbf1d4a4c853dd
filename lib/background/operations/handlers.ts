import type { OperationsContract } from '@/lib/messaging/operations-api';
import type { Handlers } from '@/lib/messaging/rpc';
import type { AccountStore } from '@/lib/vault/accounts';
import type { Vault } from '@/lib/vault/vault';
import { HomeBalanceService } from '../balances/home-balances';
import { OperationsService, type OperationsOptions } from './service';

/** The handlers of the operations contract, spread into the popup server. */
export function operationsHandlers(
  vault: Vault,
  accounts: AccountStore,
  options: OperationsOptions = {},
  service: OperationsService = new OperationsService(vault, accounts, options),
): Handlers<OperationsContract> {
  const home = new HomeBalanceService(service);
  return {
    'aster.home': ({ refresh }) => home.snapshot(refresh === true),
    'aster.network': () => service.network(),
    'aster.setNetwork': ({ network, simulatorUrl, signing }) =>
      service.setNetwork({
        network,
        ...(simulatorUrl !== undefined ? { simulatorUrl } : {}),
        ...(signing !== undefined ? { signing } : {}),
      }),
    'aster.profile': () => service.profile(),
    'aster.setProfile': ({ changes, reset }) => service.setProfile(changes ?? {}, reset === true),
    'aster.checkCompatibility': ({ accountId }) => service.checkCompatibility(accountId),
    'aster.balances': ({ id }) => service.balances(id),
    'aster.portfolio': ({ masterId }) => service.portfolio(masterId),
    'aster.syncSubAccounts': ({ masterId }) => service.syncSubAccounts(masterId),
    'aster.pendingSubAccounts': () => service.pendingSubAccounts(),
    'aster.feeTier': ({ masterId }) => service.feeTier(masterId),
    'aster.prepareSubAccount': (params) => service.prepareSubAccount(params),
    'aster.createSubAccount': ({ id }) => service.createSubAccount(id),
    'aster.updateSubAccount': ({ id, name, status }) =>
      service.updateSubAccount({
        id,
        ...(name !== undefined ? { name } : {}),
        ...(status !== undefined ? { status } : {}),
      }),
    'aster.checkUpdateSubAccount': ({ id, name, status }) =>
      service.checkUpdateSubAccount({
        id,
        ...(name !== undefined ? { name } : {}),
        ...(status !== undefined ? { status } : {}),
      }),
    'aster.checkTransfer': ({ amount, ...rest }) =>
      service.checkTransfer({ ...rest, ...(amount !== undefined ? { amount } : {}) }),
    'aster.transfer': ({ acceptWarnings, clientTranId, operationId, ...rest }) =>
      service.transfer({
        ...rest,
        ...(acceptWarnings !== undefined ? { acceptWarnings } : {}),
        ...(clientTranId !== undefined ? { clientTranId } : {}),
        ...(operationId !== undefined ? { operationId } : {}),
      }),
    'aster.operation': ({ id }) => service.operation(id),
    'aster.interruptedOperations': () => service.interruptedOperations(),
    'aster.dismissOperation': ({ id }) => service.dismissOperation(id),
    'aster.sweepPlan': ({ id }) => service.sweepPlan(id),
    'aster.sweep': ({ id, asset, wallet, operationId }) =>
      service.sweep({
        id,
        ...(asset !== undefined ? { asset } : {}),
        ...(wallet !== undefined ? { wallet } : {}),
        ...(operationId !== undefined ? { operationId } : {}),
      }),
    'aster.listAgents': ({ accountId }) => service.listAgents(accountId),
    'aster.createAgent': (params) => service.createAgent(params),
    'aster.prepareAgent': (params) => service.prepareAgent(params),
    'aster.discardAgent': ({ agentId }) => service.discardAgent(agentId),
    'aster.approveAgent': ({ agentId, ipWhitelist }) => service.approveAgent(agentId, ipWhitelist ?? []),
    'aster.asterAgents': ({ accountId }) => service.asterAgents(accountId),
    'aster.revokeAgent': (params) => service.revokeAgent(params),
    'aster.checkWithdrawal': ({ accountId, asset, amount, chainId, receiver }) =>
      service.checkWithdrawal({
        accountId,
        asset,
        chainId,
        ...(amount !== undefined ? { amount } : {}),
        ...(receiver !== undefined ? { receiver } : {}),
      }),
    'aster.rebalance': ({ accountId }) => service.rebalance(accountId),
    'aster.withdraw': (params) => service.withdraw(params),
  };
}
