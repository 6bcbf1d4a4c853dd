import type { Account } from '@/lib/accounts/model';
import { AgentListShapeError, parseAgentList, type AsterAgentEntry } from '@/lib/aster/agent-list';
import { signedDelAgent } from '@/lib/aster/del-agent';
import { ENDPOINTS } from '@/lib/aster/endpoints';
import { AsterApiError, AsterOutcomeUnknownError } from '@/lib/aster/errors';
import { sameAddress } from '@/lib/aster/rules';
import { signedAgentRequest } from '@/lib/aster/sign';
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
  if (account.kind !== 'evm')
    return "Revoking from the companion is for EVM accounts only for now: for a Solana account Aster's only public trace is a demo script (an Ed25519 signature over agentAddress, nonce and user), never checked against the server. Revoke it on Aster's website.";
  if (!account.hasKey)
    return `${quoted(account)} is watch-only: revoking is signed by the account's own key, which the vault does not hold.`;
  if (!ctx.profile.agentRevoke)
    return 'Revoking is off for this network: Aster\'s DELETE /fapi/v3/agent and its signature are known from a demo script only (unconfirmed). Turn on "Revoke API wallets" in Settings → Network to use it, or revoke on Aster\'s website.';
  return null;
}

function differences(entry: AsterAgentEntry, vault: AgentRecord): string[] {
  const out: string[] = [];
  const rights = [
    ['futures trading', entry.canPerpTrade, vault.canPerpTrade],
    ['spot trading', entry.canSpotTrade, vault.canSpotTrade],
    ['withdrawals', entry.canWithdraw, vault.canWithdraw],
  ] as const;
  for (const [what, aster, ours] of rights)
    if (aster !== null && aster !== ours)
      out.push(
        `Aster says ${what} ${aster ? 'allowed' : 'not allowed'}; the vault recorded ${ours ? 'allowed' : 'not allowed'}.`,
      );
  if (entry.expiresAt !== null && entry.expiresAt !== vault.expiresAt)
    out.push(
      `Aster's expiry (${new Date(entry.expiresAt).toISOString()}) is not the vault's (${new Date(vault.expiresAt).toISOString()}).`,
    );
  if (entry.name !== null && entry.name !== vault.name)
    out.push(`Named "${entry.name}" on Aster, "${vault.name}" in the vault.`);
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
      `Aster's list of API wallets is read with a signature of an API wallet of ${quoted(account)}: a Solana account's own key cannot sign it (Aster's requests are EVM-signed). Create an API wallet for it first.`,
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
        `Aster refused the API wallet "${live.name}" (${error.message}) The list was read with ${quoted(account)}'s own key.`,
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
            ? 'The vault has it as approved on this network, but Aster does not list it: it was revoked elsewhere or the approval never took effect. Requests it signs will be refused.'
            : 'In the vault, not approved on this network.',
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
          asterChain: ctx.settings.signing === 'testnet' ? 'Testnet' : 'Mainnet',
          chainId: ctx.signing.agentApproval,
        }),
      );
    };
    try {
      await core.send(ctx, await sign(), sign, 'write');
    } catch (error) {
      if (error instanceof AsterApiError && error.httpStatus === 404)
        throw new RpcError(
          'revoke-unsupported',
          `Aster answered that this network has no DELETE /fapi/v3/agent (HTTP 404): the API wallet was not revoked, and the vault is unchanged. Revoke it on Aster's website (API management), or turn "Revoke API wallets" off in Settings → Network.`,
        );
      if (error instanceof AsterOutcomeUnknownError)
        throw new RpcError(
          'outcome-unknown',
          `${error.message} The API wallet may or may not be revoked: reload Aster's list to see. The vault keeps its key meanwhile.`,
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
