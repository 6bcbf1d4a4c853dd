import { isAddress, verifyTypedData } from 'viem';
import type { Engine, SimRequest } from '../engine';
import { CODES, fail } from '../errors';
import { same } from '../state';

/**
 * API wallets as Aster lists and revokes them (aster-protocol.md §10), written from the public sources and
 * independently of lib/: `GET /fapi/v3/agent` (agent-signed) answers the public shape
 * `[{agentAddress, agentName, ipWhitelist, expired, source, canRead, canSpotTrade, canPerpTrade, canWithdraw}]`;
 * `DELETE /fapi/v3/agent` exists only when the variant says so (`agentDelete`), signed by the account's EVM
 * wallet with the dynamic `DelAgent` type of asterdex/api-docs demo/aster-code.py.
 */

const ZERO = '0x0000000000000000000000000000000000000000';

/** The account's API wallets (expired ones too, as Aster keeps them until revoked). */
export async function agentList(engine: Engine, request: SimRequest): Promise<unknown> {
  const { account } = await engine.authAgent(request);
  return account.agents.map((agent) => ({
    agentAddress: agent.address,
    agentName: agent.name,
    ipWhitelist: agent.ipWhitelist.join(','),
    expired: agent.expired,
    source: 'API',
    canRead: true,
    canSpotTrade: agent.canSpotTrade,
    canPerpTrade: agent.canPerpTrade,
    canWithdraw: agent.canWithdraw,
  }));
}

/** `DelAgent{string AgentAddress, string AsterChain, string User, uint256 Nonce}` in the chain-56 domain. */
export async function verifyDelAgent(
  fields: { agentAddress: string; asterChain: string; user: string; nonce: bigint; chainId: number },
  signature: string,
): Promise<boolean> {
  // Signatures come with or without `0x` (§10).
  const hex = signature.startsWith('0x') ? signature : `0x${signature}`;
  if (!/^0x[0-9a-fA-F]{130}$/.test(hex) || !isAddress(fields.user, { strict: false })) return false;
  try {
    return await verifyTypedData({
      address: fields.user as `0x${string}`,
      domain: {
        name: 'AsterSignTransaction',
        version: '1',
        chainId: fields.chainId,
        verifyingContract: ZERO,
      },
      types: {
        DelAgent: [
          { name: 'AgentAddress', type: 'string' },
          { name: 'AsterChain', type: 'string' },
          { name: 'User', type: 'string' },
          { name: 'Nonce', type: 'uint256' },
        ],
      },
      primaryType: 'DelAgent',
      message: {
        AgentAddress: fields.agentAddress,
        AsterChain: fields.asterChain,
        User: fields.user,
        Nonce: fields.nonce,
      },
      signature: hex as `0x${string}`,
    });
  } catch {
    return false;
  }
}

/** Revokes an API wallet: from then on it can no longer sign for the account. */
export async function agentDelete(engine: Engine, request: SimRequest): Promise<unknown> {
  // Absent in this variant: the same answer as any unknown path.
  if (!engine.variant.agentDelete) fail(-1, `No such endpoint: ${request.method} ${request.path}`, 404);
  const { params } = request;
  const user = engine.required(params, 'user');
  const agentAddress = engine.required(params, 'agentAddress');
  const asterChain = engine.required(params, 'asterChain');
  const nonce = engine.required(params, 'nonce');
  const chainId = engine.required(params, 'signatureChainId');
  if (chainId !== '56') fail(CODES.invalidParameter, "Parameter 'signatureChainId' must be 56.");
  if (!/^\d{1,19}$/.test(nonce)) fail(CODES.invalidParameter, "Parameter 'nonce' is not a number.");
  if (!isAddress(user, { strict: false }))
    fail(CODES.invalidParameter, 'This simulator revokes API wallets of EVM accounts only.');
  const signed = await verifyDelAgent(
    { agentAddress, asterChain, user, nonce: BigInt(nonce), chainId: 56 },
    engine.required(params, 'signature'),
  );
  if (!signed) fail(CODES.invalidSignature, 'Signature for this request is not valid.');
  const expectedChain = engine.network === 'mainnet' ? 'Mainnet' : 'Testnet';
  if (asterChain !== expectedChain)
    fail(CODES.invalidParameter, `Parameter 'asterChain' must be ${expectedChain}.`);
  engine.useNonce(user, nonce);
  const account = engine.account(user);
  if (!account) return fail(CODES.noSuchAccount, 'The account does not exist.');
  if (!account.agents.some((agent) => same(agent.address, agentAddress)))
    fail(CODES.invalidParameter, 'No such API wallet for this account.');
  account.agents = account.agents.filter((agent) => !same(agent.address, agentAddress));
  return { code: 200, msg: 'success' };
}
