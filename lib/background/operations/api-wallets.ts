import { generateKey } from '@/lib/accounts/keys';
import type { Account } from '@/lib/accounts/model';
import { AsterApiError, AsterOutcomeUnknownError } from '@/lib/aster/errors';
import { name as agentNameFormat } from '@/lib/aster/endpoints/formats';
import { checkAgentApproval } from '@/lib/aster/rules';
import { signedRegisterAndApproveAgent } from '@/lib/aster/sign';
import type { AgentInfo } from '@/lib/messaging/operations-api';
import { RpcError } from '@/lib/messaging/rpc';
import type { AgentRecord } from '@/lib/vault/db';
import type { Context, OperationsCore } from './core';

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

export function createAgent(
  core: OperationsCore,
  params: {
    accountId: string;
    name: string;
    canSpotTrade: boolean;
    canPerpTrade: boolean;
    canWithdraw: boolean;
    ipWhitelist: string[];
    expiresInDays: number;
  },
): Promise<AgentInfo> {
  return core.run(async (ctx) => {
    const account = await core.accounts.get(params.accountId);
    if (!agentNameFormat.test(params.name))
      throw new RpcError(
        'invalid-input',
        `An API wallet's name is ${agentNameFormat.description} (up to 64, no space at either end).`,
      );
    const { all } = await core.family(account);
    core.requireKey(account, 'Approving an API wallet');
    const existing = (await core.agents.list(account.id)).length;
    const ipWhitelist = params.ipWhitelist.map((ip) => ip.trim()).filter((ip) => ip !== '');
    const verdict = checkAgentApproval({
      account: core.asAster(account, all),
      existingAgents: existing,
      canWithdraw: params.canWithdraw,
      ipWhitelist,
    });
    if (verdict.level === 'block') throw new RpcError('rules', verdict.reasons.join(' '));
    await core.ping(ctx);
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
    return approve(core, ctx, account, agent, ipWhitelist, true);
  });
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
      throw new RpcError('rules', 'An API wallet of a sub-account can never have withdrawal permission.');
    const ips = ipWhitelist.map((ip) => ip.trim()).filter((ip) => ip !== '');
    // Aster requires the IP whitelist with withdrawal permission; it is not stored, so it is asked again.
    if (agent.canWithdraw && ips.length === 0)
      throw new RpcError('rules', 'Give the IP whitelist again to approve an API wallet that may withdraw.');
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
      signedRegisterAndApproveAgent(
        wallet,
        {
          nonce,
          agentName: agent.name,
          agentAddress: agent.address,
          expired: agent.expiresAt,
          canSpotTrade: agent.canSpotTrade,
          canPerpTrade: agent.canPerpTrade,
          canWithdraw: agent.canWithdraw && account.role === 'master',
          ipWhitelist,
        },
        ctx.signing,
      ),
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
        `${error.message} The API wallet "${agent.name}" stays in the vault, not approved: use "Approve again" (approving the same API wallet twice is harmless).`,
      );
    throw error;
  }
  const approved = await core.agents.markApproved(agent.id);
  await core.registry.change(ctx.id, (r) => {
    r.agents[agent.id] = true;
  });
  return agentInfo(core, approved);
}
