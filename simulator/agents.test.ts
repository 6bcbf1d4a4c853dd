import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CODES } from './errors';
import { DEMO_KEYS } from './keys';
import { startSimulator, type RunningSimulator } from './server';

/**
 * API wallets as Aster lists and revokes them (GET / DELETE /fapi/v3/agent), signed here with viem directly (not
 * lib/aster), so the simulator is pinned to the public sources independently of the library.
 */

const k = DEMO_KEYS;
const master = privateKeyToAccount(k.evmMaster.privateKey);
const agent = privateKeyToAccount(k.evmMasterAgent.privateKey);
const stranger = privateKeyToAccount(k.evmSpare1.privateKey);
const ZERO = '0x0000000000000000000000000000000000000000';

let sim: RunningSimulator;
let now = Date.UTC(2026, 10, 22, 12, 0, 0);
beforeAll(async () => {
  sim = await startSimulator({ now: () => now });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.engine.reset();
  now += 60_000;
});

let counter = 0;
const nonce = () => String(now * 1000 + ++counter);

const message = (msg: string) =>
  ({
    domain: { name: 'AsterSignTransaction', version: '1', chainId: 1666, verifyingContract: ZERO },
    types: { Message: [{ name: 'msg', type: 'string' }] },
    primaryType: 'Message',
    message: { msg },
  }) as const;

async function list(signer = agent, user = master.address) {
  const msg = `nonce=${nonce()}&user=${user}&signer=${signer.address}`;
  const signature = await signer.signTypedData(message(msg));
  const response = await fetch(`${sim.url}/fapi/v3/agent?${msg}&signature=${signature}`);
  return { status: response.status, body: (await response.json()) as unknown };
}

const DEL_AGENT = [
  { name: 'AgentAddress', type: 'string' },
  { name: 'AsterChain', type: 'string' },
  { name: 'User', type: 'string' },
  { name: 'Nonce', type: 'uint256' },
] as const;

interface Revoke {
  agentAddress: string;
  asterChain?: string;
  user?: string;
  nonce?: string;
  signatureChainId?: string;
  signer?: typeof master;
  types?: readonly { name: string; type: string }[];
  domainChainId?: number;
  extra?: string;
  signature?: (sig: string) => string;
}

async function revoke(r: Revoke) {
  const fields = {
    agentAddress: r.agentAddress,
    asterChain: r.asterChain ?? 'Mainnet',
    user: r.user ?? master.address,
    nonce: r.nonce ?? nonce(),
  };
  const values: Record<string, string | bigint> = {
    agentaddress: fields.agentAddress,
    asterchain: fields.asterChain,
    user: fields.user,
    nonce: BigInt(fields.nonce),
  };
  const signature = await (r.signer ?? master).signTypedData({
    domain: {
      name: 'AsterSignTransaction',
      version: '1',
      chainId: r.domainChainId ?? 56,
      verifyingContract: ZERO,
    },
    types: { DelAgent: [...(r.types ?? DEL_AGENT)] },
    primaryType: 'DelAgent',
    // Keyed by the (possibly altered) type names, so every variant signs the same values.
    message: Object.fromEntries((r.types ?? DEL_AGENT).map((f) => [f.name, values[f.name.toLowerCase()]])),
  } as never);
  const form = new URLSearchParams({
    ...fields,
    signature: r.signature ? r.signature(signature) : signature,
    signatureChainId: r.signatureChainId ?? '56',
  });
  const response = await fetch(`${sim.url}/fapi/v3/agent`, {
    method: 'DELETE',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString() + (r.extra ?? ''),
  });
  return { status: response.status, body: (await response.json()) as unknown, form };
}

const agentsOf = (address: string) => sim.engine.account(address)!.agents.map((a) => a.address);

describe('GET /fapi/v3/agent', () => {
  it('lists the account’s API wallets in the public shape', async () => {
    const { status, body } = await list();
    expect(status).toBe(200);
    expect(body).toEqual([
      {
        agentAddress: agent.address,
        agentName: 'demo-agent',
        ipWhitelist: '127.0.0.1,::1',
        expired: Date.UTC(2099, 0, 1),
        source: 'API',
        canRead: true,
        canSpotTrade: true,
        canPerpTrade: true,
        canWithdraw: true,
      },
    ]);
  });

  it('an EVM account reads its own list with its own key (signer == user); a stranger is refused', async () => {
    const own = await list(master);
    expect(own.status).toBe(200);
    expect((own.body as unknown[]).length).toBe(1);
    const refused = await list(stranger);
    expect(refused.body).toMatchObject({ code: CODES.permission });
  });
});

describe('DELETE /fapi/v3/agent', () => {
  it('absent when the variant says so: 404 like any unknown path, and nothing changes', async () => {
    sim.engine.variant = { ...sim.engine.variant, agentDelete: false };
    const { status, body } = await revoke({ agentAddress: agent.address });
    expect(status).toBe(404);
    expect(body).toEqual({ code: -1, msg: 'No such endpoint: DELETE /fapi/v3/agent' });
    expect(agentsOf(master.address)).toEqual([agent.address]);
  });

  it('signed by the account’s wallet: the agent is gone from the list and can no longer sign', async () => {
    const { status, body } = await revoke({ agentAddress: agent.address });
    expect(status).toBe(200);
    expect(body).toEqual({ code: 200, msg: 'success' });
    expect(agentsOf(master.address)).toEqual([]);
    expect((await list(master)).body).toEqual([]);
    // The revoked agent's own requests now fail.
    expect((await list(agent)).body).toMatchObject({ code: CODES.permission });
  });

  it('the signature is accepted without 0x too (§10)', async () => {
    const { status } = await revoke({ agentAddress: agent.address, signature: (s) => s.slice(2) });
    expect(status).toBe(200);
    expect(agentsOf(master.address)).toEqual([]);
  });

  it('refuses anything but the account’s own DelAgent signature over exactly these fields', async () => {
    const cases: [Revoke, number][] = [
      [{ agentAddress: agent.address, signer: agent }, CODES.invalidSignature], // the agent revoking itself
      [{ agentAddress: agent.address, signer: stranger }, CODES.invalidSignature],
      [{ agentAddress: agent.address, domainChainId: 1666 }, CODES.invalidSignature],
      [
        { agentAddress: agent.address, types: [DEL_AGENT[1], DEL_AGENT[0], DEL_AGENT[2], DEL_AGENT[3]] },
        CODES.invalidSignature,
      ],
      [
        {
          agentAddress: agent.address,
          types: DEL_AGENT.map((f) => ({ ...f, name: f.name[0]!.toLowerCase() + f.name.slice(1) })),
        },
        CODES.invalidSignature,
      ],
      [{ agentAddress: agent.address, signatureChainId: '1666' }, CODES.invalidParameter],
      [{ agentAddress: agent.address, asterChain: 'Testnet' }, CODES.invalidParameter],
      [{ agentAddress: stranger.address }, CODES.invalidParameter], // not an API wallet of this account
      [{ agentAddress: agent.address, extra: '&canWithdraw=true' }, CODES.tooManyParameters],
    ];
    for (const [request, code] of cases) {
      const { body } = await revoke(request);
      expect(body, JSON.stringify(request.types ?? request)).toMatchObject({ code });
    }
    // A signature over another agent's address does not revoke this one.
    const swapped = await revoke({ agentAddress: stranger.address });
    swapped.form.set('agentAddress', agent.address);
    const response = await fetch(`${sim.url}/fapi/v3/agent`, {
      method: 'DELETE',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: swapped.form.toString(),
    });
    expect(await response.json()).toMatchObject({ code: CODES.invalidSignature });
    expect(agentsOf(master.address)).toEqual([agent.address]);
  });

  it('a replayed revocation is refused by its nonce', async () => {
    const first = await revoke({ agentAddress: agent.address });
    expect(first.status).toBe(200);
    const again = await fetch(`${sim.url}/fapi/v3/agent`, {
      method: 'DELETE',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: first.form.toString(),
    });
    expect(await again.json()).toEqual({ code: CODES.nonceExpired, msg: 'Nonce Expired' });
  });
});
