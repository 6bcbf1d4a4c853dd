import type { Account } from '@/lib/accounts/model';
import type { AsterProtocolProfile } from '@/lib/aster/profile';
import type { CompatibilityReport } from '@/lib/messaging/compatibility-report';
import type {
  AccountBalances,
  AgentInfo,
  AsterAgentsReport,
  CreatedSubAccount,
  FeeTierHint,
  NetworkInfo,
  OperationRecord,
  PendingSubAccount,
  Portfolio,
  PreparedAgent,
  PreparedSubAccount,
  SubAccountUpdatePreview,
  ProfileInfo,
  RebalanceResult,
  RevokeAgentResult,
  SweepItem,
  SweepItemResult,
  SyncReport,
  TransferPreview,
  TransferResult,
  WalletName,
  WithdrawPreview,
  WithdrawResult,
} from '@/lib/messaging/operations-api';
import * as apiWallets from './api-wallets';
import * as asterAgentList from './aster-agents';
import * as balances from './balances';
import { checkCompatibility } from './compatibility';
import { OperationsCore } from './core';
import * as creation from './create-sub-account';
import { feeTierHint } from './fee-tier';
import { loadNetwork, networkInfo, saveNetwork } from './network';
import * as profiles from './profile';
import { rebalance } from './rebalance';
import * as settlement from './settlement';
import * as subAccountList from './sub-account-list';
import * as sweeping from './sweep';
import * as transfers from './transfer';
import type { TransferOrder, TransferRequest } from './transfer';
import { checkUpdateSubAccount, updateSubAccount } from './update-sub-account';
import * as withdrawals from './withdraw';
import type { WithdrawOrder } from './withdraw';

export type { OperationsOptions } from './core';

/**
 * Sub-account operations on Aster, in the background: the one object the handlers call. Each operation lives
 * in a file of its own beside this one. Keys come from the vault right when a request is signed and are wiped
 * at once (the signer object is dropped when the signing function returns, before any network I/O); pages only
 * ever see names, balances, verdicts and Aster's ids.
 */
export class OperationsService extends OperationsCore {
  async network(): Promise<NetworkInfo> {
    return networkInfo(await loadNetwork());
  }

  async setNetwork(choice: Parameters<typeof saveNetwork>[0]): Promise<NetworkInfo> {
    return networkInfo(await saveNetwork(choice));
  }

  profile(): Promise<ProfileInfo> {
    return profiles.profileInfo();
  }

  setProfile(changes: Partial<AsterProtocolProfile>, reset: boolean): Promise<ProfileInfo> {
    return profiles.setProfile(this, changes, reset);
  }

  checkCompatibility(accountId: string): Promise<CompatibilityReport> {
    return checkCompatibility(this, accountId);
  }

  balances(id: string): Promise<AccountBalances> {
    return balances.balances(this, id);
  }

  portfolio(masterId: string): Promise<Portfolio> {
    return balances.portfolio(this, masterId);
  }

  syncSubAccounts(masterId: string): Promise<SyncReport> {
    return subAccountList.syncSubAccounts(this, masterId);
  }

  feeTier(masterId: string): Promise<FeeTierHint> {
    return feeTierHint(this, masterId);
  }

  pendingSubAccounts(): Promise<PendingSubAccount[]> {
    return creation.pendingSubAccounts(this);
  }

  prepareSubAccount(params: Parameters<typeof creation.prepareSubAccount>[1]): Promise<PreparedSubAccount> {
    return creation.prepareSubAccount(this, params);
  }

  createSubAccount(id: string): Promise<CreatedSubAccount> {
    return creation.createSubAccount(this, id);
  }

  updateSubAccount(params: Parameters<typeof updateSubAccount>[1]): Promise<Account> {
    return updateSubAccount(this, params);
  }

  checkUpdateSubAccount(
    params: Parameters<typeof checkUpdateSubAccount>[1],
  ): Promise<SubAccountUpdatePreview> {
    return checkUpdateSubAccount(this, params);
  }

  checkTransfer(t: TransferRequest): Promise<TransferPreview> {
    return transfers.checkTransfer(this, t);
  }

  transfer(t: TransferOrder): Promise<TransferResult> {
    return transfers.transfer(this, t);
  }

  operation(id: string): Promise<OperationRecord | null> {
    return settlement.operation(this, id);
  }

  interruptedOperations(): Promise<OperationRecord[]> {
    return settlement.interruptedOperations(this);
  }

  dismissOperation(id: string): Promise<OperationRecord[]> {
    return settlement.dismissOperation(this, id);
  }

  sweepPlan(id: string): Promise<SweepItem[]> {
    return sweeping.sweepPlan(this, id);
  }

  sweep(params: {
    id: string;
    asset?: string;
    wallet?: WalletName;
    operationId?: string;
  }): Promise<SweepItemResult[]> {
    return sweeping.sweep(this, params);
  }

  listAgents(accountId: string): Promise<AgentInfo[]> {
    return apiWallets.listAgents(this, accountId);
  }

  createAgent(params: Parameters<typeof apiWallets.createAgent>[1]): Promise<AgentInfo> {
    return apiWallets.createAgent(this, params);
  }

  prepareAgent(params: Parameters<typeof apiWallets.prepareAgent>[1]): Promise<PreparedAgent> {
    return apiWallets.prepareAgent(this, params);
  }

  discardAgent(agentId: string): Promise<void> {
    return apiWallets.discardAgent(this, agentId);
  }

  approveAgent(agentId: string, ipWhitelist: string[] = []): Promise<AgentInfo> {
    return apiWallets.approveAgent(this, agentId, ipWhitelist);
  }

  rebalance(accountId: string): Promise<RebalanceResult> {
    return rebalance(this, accountId);
  }

  asterAgents(accountId: string): Promise<AsterAgentsReport> {
    return asterAgentList.asterAgents(this, accountId);
  }

  revokeAgent(params: { accountId: string; agentAddress: string }): Promise<RevokeAgentResult> {
    return asterAgentList.revokeAgent(this, params);
  }

  checkWithdrawal(params: Parameters<typeof withdrawals.checkWithdrawal>[1]): Promise<WithdrawPreview> {
    return withdrawals.checkWithdrawal(this, params);
  }

  withdraw(params: WithdrawOrder): Promise<WithdrawResult> {
    return withdrawals.withdraw(this, params);
  }
}
