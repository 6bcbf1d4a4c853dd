import { generateKey } from '@/lib/accounts/keys';
import type { Account } from '@/lib/accounts/model';
import { AsterApiError, AsterOutcomeUnknownError } from '@/lib/aster/errors';
import { name as agentNameFormat } from '@/lib/aster/endpoints/formats';
import { registerAndApproveAgentMessage } from '@/lib/aster/messages';
import { checkAgentApproval } from '@/lib/aster/rules';
import { signedRegisterAndApproveAgent } from '@/lib/aster/sign';
import { AGENT_APPROVAL_CHAIN_ID } from '@/lib/aster/typed-data';
import { t } from '@/lib/i18n';
import type { AgentInfo, PreparedAgent } from '@/lib/messaging/operations-api';
import { RpcError } from '@/lib/messaging/rpc';
import type { AgentRecord } from '@/lib/vault/db';
import type { Context, OperationsCore } from './core';
import { messageSummary, previewContext, previewNonce } from './signing-preview';

/** An API wallet as the popup shows it: approved only when approved on the current network. */
export async function agentInfo(core: OperationsCore, agent: AgentRecord): Promise<AgentInfo> {
  const ctx = await core.context();
  const records = await core.registry.read(ctx.id);
  return {
    id: agent.id,
    accountId: agent.accountId,
    name: agent.name,
    address: agent.address,
    canSpotTrade: agent.canSpotTrade,
    canPerpTrade: agent.canPerpTrade,
    canWithdraw: agent.canWithdraw,
    expiresAt: agent.expiresAt,
    approved: agent.approved && Boolean(records.agents[agent.id]),
    network: records.agents[agent.id] ? ctx.id : null,
  };
}

export function listAgents(core: OperationsCore, accountId: string): Promise<AgentInfo[]> {
  return core.run(async () => {
    await core.accounts.get(accountId);
    const agents = await core.agents.list(accountId);
    return Promise.all(agents.map((agent) => agentInfo(core, agent)));
  });
}

export interface NewAgentParams {
  accountId: string;
  name: string;
  canSpotTrade: boolean;
  canPerpTrade: boolean;
  canWithdraw: boolean;
  ipWhitelist: string[];
  expiresInDays: number;
}

/** The rules checked, and the API wallet's key generated into the vault (not yet approved). */
async function addCheckedAgent(
  core: OperationsCore,
  params: NewAgentParams,
  /** Runs after the rules passed, before the key is generated (createAgent: Aster is reachable). */
  beforeKey: () => Promise<void> = async () => undefined,
): Promise<{ account: Account; agent: AgentRecord; ipWhitelist: string[]; checks: string[] }> {
  const account = await core.accounts.get(params.accountId);
  if (!agentNameFormat.test(params.name))
    throw new RpcError(
      'invalid-input',
      t('background.apiWallets.badName', { format: agentNameFormat.description }),
    );
  const { all } = await core.family(account);
  core.requireKey(account, t('background.apiWallets.approving'));
  const existing = (await core.agents.list(account.id)).length;
  const ipWhitelist = params.ipWhitelist.map((ip) => ip.trim()).filter((ip) => ip !== '');
  const verdict = checkAgentApproval({
    account: core.asAster(account, all),
    existingAgents: existing,
    canWithdraw: params.canWithdraw,
    ipWhitelist,
  });
  if (verdict.level === 'block') throw new RpcError('rules', verdict.reasons.join(' '));
  await beforeKey();
  const key = generateKey('evm');
  let agent: AgentRecord;
  try {
    agent = await core.agents.add({
      accountId: account.id,
      name: params.name,
      key,
      canSpotTrade: params.canSpotTrade,
      canPerpTrade: params.canPerpTrade,
      canWithdraw: params.canWithdraw,
      expiresAt: core.now() + params.expiresInDays * 86_400_000,
    });
  } finally {
    key.secret.fill(0);
  }
  const limit = account.role === 'sub' ? 10 : 30;
  const checks = [
    t('background.apiWallets.checkCount', { count: existing + 1, limit }),
    params.canWithdraw && account.role === 'master'
      ? t('background.apiWallets.checkWithdrawIps', { ips: ipWhitelist.join(', ') })
      : t('background.apiWallets.checkNoWithdraw'),
  ];
  return { account, agent, ipWhitelist, checks };
}

export function createAgent(core: OperationsCore, params: NewAgentParams): Promise<AgentInfo> {
  return core.run(async (ctx) => {
    const added = await addCheckedAgent(core, params, () => core.ping(ctx));
    return approve(core, ctx, added.account, added.agent, added.ipWhitelist, true);
  });
}

/**
 * Checks a new API wallet and generates its key into the vault, not yet approved, with the
 * registerAndApproveAgent body its account would sign decoded as the approval prompt decodes it. Signs nothing:
 * aster.approveAgent signs it; aster.discardAgent takes the key out again.
 */
export function prepareAgent(core: OperationsCore, params: NewAgentParams): Promise<PreparedAgent> {
  return core.run(async (ctx) => {
    const { account, agent, ipWhitelist, checks } = await addCheckedAgent(core, params);
    const body = registerAndApproveAgentMessage({
      ...approvalParams(account, agent, ipWhitelist, await previewNonce(core, ctx)),
      user: account.address,
      accountKind: account.kind,
    });
    const chainId = account.kind === 'evm' ? ctx.signing.agentApproval : AGENT_APPROVAL_CHAIN_ID.solana;
    const summary = messageSummary(account.kind, body.msg, chainId, await previewContext(core, account));
    return { agent: await agentInfo(core, agent), checks, summary };
  });
}

/** Takes a prepared API wallet's key out of the vault; one approved on any network stays (revoke it instead). */
export function discardAgent(core: OperationsCore, agentId: string): Promise<void> {
  return core.run(async (ctx) => {
    const agent = await core.agents.get(agentId);
    const records = await core.registry.read(ctx.id);
    if (agent.approved || records.agents[agent.id])
      throw new RpcError('rules', t('background.apiWallets.approvedStays', { name: agent.name }));
    await core.agents.remove(agent.id);
  });
}

function approvalParams(account: Account, agent: AgentRecord, ipWhitelist: string[], nonce: number) {
  return {
    nonce,
    agentName: agent.name,
    agentAddress: agent.address,
    expired: agent.expiresAt,
    canSpotTrade: agent.canSpotTrade,
    canPerpTrade: agent.canPerpTrade,
    canWithdraw: agent.canWithdraw && account.role === 'master',
    ipWhitelist,
  };
}

export function approveAgent(
  core: OperationsCore,
  agentId: string,
  ipWhitelist: string[] = [],
): Promise<AgentInfo> {
  return core.run(async (ctx) => {
    const agent = await core.agents.get(agentId);
    const account = await core.accounts.get(agent.accountId);
    if (account.role === 'sub' && agent.canWithdraw)
      throw new RpcError('rules', t('background.apiWallets.subNeverWithdraws'));
    const ips = ipWhitelist.map((ip) => ip.trim()).filter((ip) => ip !== '');
    // Aster requires the IP whitelist with withdrawal permission; it is not stored, so it is asked again.
    if (agent.canWithdraw && ips.length === 0)
      throw new RpcError('rules', t('background.apiWallets.ipsAgain'));
    await core.ping(ctx);
    return approve(core, ctx, account, agent, ips, false);
  });
}

export async function approve(
  core: OperationsCore,
  ctx: Context,
  account: Account,
  agent: AgentRecord,
  ipWhitelist: string[],
  removeOnRefusal: boolean,
): Promise<AgentInfo> {
  const sign = async () => {
    const nonce = await core.nonce(ctx, account.address);
    return core.withAccountSigner(account.id, (wallet) =>
      signedRegisterAndApproveAgent(wallet, approvalParams(account, agent, ipWhitelist, nonce), ctx.signing),
    );
  };
  try {
    await core.send(ctx, await sign(), sign, 'write');
  } catch (error) {
    // Refused for sure: the key is of no use, it leaves the vault with its record.
    if (error instanceof AsterApiError && removeOnRefusal) await core.agents.remove(agent.id);
    if (error instanceof AsterOutcomeUnknownError)
      throw new RpcError(
        'outcome-unknown',
        `${error.message} ${t('background.apiWallets.unknownOutcome', { name: agent.name })}`,
      );
    throw error;
  }
  const approved = await core.agents.markApproved(agent.id);
  await core.registry.change(ctx.id, (r) => {
    r.agents[agent.id] = true;
  });
  return agentInfo(core, approved);
}
