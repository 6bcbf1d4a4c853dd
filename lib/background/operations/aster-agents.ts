import type { Account } from '@/lib/accounts/model';
import { AgentListShapeError, parseAgentList, type AsterAgentEntry } from '@/lib/aster/agent-list';
import { signedDelAgent } from '@/lib/aster/del-agent';
import { ENDPOINTS } from '@/lib/aster/endpoints';
import { AsterApiError, AsterOutcomeUnknownError } from '@/lib/aster/errors';
import { sameAddress } from '@/lib/aster/rules';
import { signedAgentRequest } from '@/lib/aster/sign';
import { t } from '@/lib/i18n';
import type { AsterAgentRow, AsterAgentsReport, RevokeAgentResult } from '@/lib/messaging/operations-api';
import { RpcError } from '@/lib/messaging/rpc';
import type { AgentRecord } from '@/lib/vault/db';
import { quoted, type Context, type OperationsCore } from './core';

/**
 * API wallets as Aster sees them (aster-protocol.md §10): `GET /fapi/v3/agent` lists every API wallet of the
 * account, including ones made elsewhere; `DELETE /fapi/v3/agent` revokes one (unconfirmed: behind the profile's
 * `agentRevoke` setting).
 */

/** Aster answers these when it refuses an API wallet (revoked, expired, wrong IP). */
const AGENT_REFUSED = new Set<number | string>([-2015, -1011]);

/** Why Revoke cannot be offered for this account on this network (null: it can). */
export function revokeUnavailable(ctx: Context, account: Account): string | null {
  if (account.kind !== 'evm') return t('background.asterAgents.revokeEvmOnly');
  if (!account.hasKey) return t('background.asterAgents.revokeWatchOnly', { account: quoted(account) });
  if (!ctx.profile.agentRevoke) return t('background.asterAgents.revokeOff');
  return null;
}

function differences(entry: AsterAgentEntry, vault: AgentRecord): string[] {
  const out: string[] = [];
  // The two sides differ, so "allowed on Aster" means "not allowed in the vault" and the other way round.
  const rights = [
    [
      entry.canPerpTrade,
      vault.canPerpTrade,
      () => t('background.asterAgents.futuresAllowedOnAster'),
      () => t('background.asterAgents.futuresAllowedInVault'),
    ],
    [
      entry.canSpotTrade,
      vault.canSpotTrade,
      () => t('background.asterAgents.spotAllowedOnAster'),
      () => t('background.asterAgents.spotAllowedInVault'),
    ],
    [
      entry.canWithdraw,
      vault.canWithdraw,
      () => t('background.asterAgents.withdrawAllowedOnAster'),
      () => t('background.asterAgents.withdrawAllowedInVault'),
    ],
  ] as const;
  for (const [aster, ours, onAster, inVault] of rights)
    if (aster !== null && aster !== ours) out.push(aster ? onAster() : inVault());
  if (entry.expiresAt !== null && entry.expiresAt !== vault.expiresAt)
    out.push(
      t('background.asterAgents.expiryDiffers', {
        aster: new Date(entry.expiresAt).toISOString(),
        vault: new Date(vault.expiresAt).toISOString(),
      }),
    );
  if (entry.name !== null && entry.name !== vault.name)
    out.push(t('background.asterAgents.nameDiffers', { aster: entry.name, vault: vault.name }));
  return out;
}

async function readList(
  core: OperationsCore,
  ctx: Context,
  account: Account,
): Promise<{ answer: unknown; readWith: AsterAgentsReport['readWith']; notes: string[] }> {
  const live = await core.liveAgent(ctx, account);
  if (!live && account.kind !== 'evm')
    throw new RpcError(
      'api-wallet-needed',
      t('background.asterAgents.solanaNeedsApiWallet', { account: quoted(account) }),
    );
  if (!live && !account.hasKey) throw core.noAgent(account);
  try {
    return {
      answer: await core.signAndSend(ctx, account, ENDPOINTS.agentList, {}, 'read'),
      readWith: live ? 'api-wallet' : 'account-key',
      notes: [],
    };
  } catch (error) {
    // The vault's API wallet may have been revoked or have expired elsewhere: an EVM account reads with its own
    // key (`signer == user`) instead, and says so.
    if (!(live && error instanceof AsterApiError && AGENT_REFUSED.has(error.code))) throw error;
    if (account.kind !== 'evm' || !account.hasKey) throw error;
    const sign = () =>
      core.withAccountSigner(account.id, async (signer) =>
        signedAgentRequest(
          signer,
          ENDPOINTS.agentList,
          {},
          { nonce: await core.nonce(ctx, signer.address), user: account.address },
          ctx.signing,
        ),
      );
    return {
      answer: await core.send(ctx, await sign(), sign, 'read'),
      readWith: 'account-key',
      notes: [
        t('background.asterAgents.refusedReadWithKey', {
          name: live.name,
          error: error.message,
          account: quoted(account),
        }),
      ],
    };
  }
}

export function asterAgents(core: OperationsCore, accountId: string): Promise<AsterAgentsReport> {
  return core.run(async (ctx) => {
    const account = await core.accounts.get(accountId);
    const { answer, readWith, notes } = await readList(core, ctx, account);
    let reading;
    try {
      reading = parseAgentList(answer);
    } catch (error) {
      if (error instanceof AgentListShapeError) throw new RpcError('unreadable-answer', error.message);
      throw error;
    }
    const vaultAgents = await core.agents.list(account.id);
    const records = await core.registry.read(ctx.id);
    const now = core.now();
    const agents: AsterAgentRow[] = reading.agents.map((entry) => {
      const vault = vaultAgents.find((a) => sameAddress(a.address, entry.address));
      return {
        ...entry,
        expired: entry.expiresAt !== null && entry.expiresAt <= now,
        vaultAgentId: vault?.id ?? null,
        differences: vault ? differences(entry, vault) : [],
      };
    });
    const missingOnAster = vaultAgents
      .filter((vault) => !reading.agents.some((entry) => sameAddress(entry.address, vault.address)))
      .map((vault) => ({
        agentId: vault.id,
        name: vault.name,
        address: vault.address,
        note:
          vault.approved && records.agents[vault.id]
            ? t('background.asterAgents.missingApproved')
            : t('background.asterAgents.missingNotApproved'),
      }));
    const reason = revokeUnavailable(ctx, account);
    return {
      accountId: account.id,
      readWith,
      agents,
      missingOnAster,
      notes: [...notes, ...reading.skipped],
      revoke: { available: reason === null, reason },
    };
  });
}

export function revokeAgent(
  core: OperationsCore,
  params: { accountId: string; agentAddress: string },
): Promise<RevokeAgentResult> {
  return core.run(async (ctx) => {
    const account = await core.accounts.get(params.accountId);
    const reason = revokeUnavailable(ctx, account);
    if (reason) throw new RpcError('revoke-unavailable', reason);
    const sign = async () => {
      const nonce = await core.nonce(ctx, account.address);
      return core.withAccountSigner(account.id, (wallet) =>
        signedDelAgent(wallet, {
          agentAddress: params.agentAddress,
          nonce,
          // The demo pairs asterChain 'Testnet' with the testnet signing domain, 'Mainnet' otherwise.
          // eslint-disable-next-line i18next/no-literal-string -- Aster's protocol value, signed as it is
          asterChain: ctx.settings.signing === 'testnet' ? 'Testnet' : 'Mainnet',
          chainId: ctx.signing.agentApproval,
        }),
      );
    };
    try {
      await core.send(ctx, await sign(), sign, 'write');
    } catch (error) {
      if (error instanceof AsterApiError && error.httpStatus === 404)
        throw new RpcError('revoke-unsupported', t('background.asterAgents.revokeUnsupported'));
      if (error instanceof AsterOutcomeUnknownError)
        throw new RpcError(
          'outcome-unknown',
          t('background.asterAgents.revokeUnknown', { error: error.message }),
        );
      throw error;
    }
    // Confirmed by Aster: on this network the key is of no use any more. It leaves the vault with its record,
    // unless another network still has it approved.
    const vault = (await core.agents.list(account.id)).find((a) =>
      sameAddress(a.address, params.agentAddress),
    );
    if (!vault) return { agentAddress: params.agentAddress, removedFromVault: null, keptForNetworks: [] };
    await core.registry.change(ctx.id, (records) => {
      delete records.agents[vault.id];
    });
    const elsewhere = await core.registry.networksWithAgent(vault.id);
    if (elsewhere.length === 0) await core.agents.remove(vault.id);
    return {
      agentAddress: params.agentAddress,
      removedFromVault: elsewhere.length === 0 ? vault.name : null,
      keptForNetworks: elsewhere,
    };
  });
}
