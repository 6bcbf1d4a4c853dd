import { describe, expect, it } from 'vitest';
import { DEMO_KEYS } from '@/simulator/keys';
import {
  addDemoAccounts,
  operationsOnSimulator,
  rpcError,
  solanaKey,
} from '@/tests/support/operations-on-simulator';

/** API wallets as Aster lists them, reconciled with the vault, and revoked: against the simulator in-process. */

async function setup() {
  const running = await operationsOnSimulator();
  const { sim, engine, db, accounts, service } = running;
  const { main } = await addDemoAccounts(accounts, ['main']);
  const simAgents = () => engine.account(DEMO_KEYS.evmMaster.address)!.agents;
  const desk = () =>
    service.createAgent({
      accountId: main.id,
      name: 'desk bot',
      canSpotTrade: false,
      canPerpTrade: true,
      canWithdraw: false,
      ipWhitelist: [],
      expiresInDays: 30,
    });
  return { sim, engine, db, accounts, service, main, simAgents, desk };
}

describe('API wallets as Aster lists them', () => {
  it('lists ones made elsewhere and marks the ones whose key is in the vault', async () => {
    const { service, main, desk } = await setup();
    // No API wallet in the vault: an EVM account reads with its own key.
    const before = await service.asterAgents(main.id);
    expect(before.readWith).toBe('account-key');
    expect(before.agents).toEqual([
      expect.objectContaining({
        address: DEMO_KEYS.evmMasterAgent.address,
        name: 'demo-agent',
        vaultAgentId: null,
        canWithdraw: true,
        ipWhitelist: ['127.0.0.1', '::1'],
        expired: false,
      }),
    ]);
    const created = await desk();
    const after = await service.asterAgents(main.id);
    expect(after.readWith).toBe('api-wallet');
    expect(after.agents.map((a) => [a.name, a.vaultAgentId])).toEqual([
      ['demo-agent', null],
      ['desk bot', created.id],
    ]);
    expect(after.agents[1]).toMatchObject({ canPerpTrade: true, canSpotTrade: false, differences: [] });
    expect(after.missingOnAster).toEqual([]);
    // Off by default: the reason is given.
    expect(after.revoke).toEqual({ available: false, reason: expect.stringContaining('Settings → Network') });
  });

  it('reconciles honestly: revoked elsewhere, expired, permissions that differ', async () => {
    const { service, main, desk, simAgents, engine } = await setup();
    const created = await desk();
    const ours = simAgents().find((a) => a.name === 'desk bot')!;
    ours.canWithdraw = true;
    ours.canSpotTrade = true;
    simAgents()[0]!.expired = engine.now() - 1000;
    const differing = await service.asterAgents(main.id);
    expect(differing.agents[0]!.expired).toBe(true);
    expect(differing.agents[1]!.differences).toEqual([
      'Aster says spot trading allowed; the vault recorded not allowed.',
      'Aster says withdrawals allowed; the vault recorded not allowed.',
    ]);
    // Revoked on Aster behind the vault's back: the vault's approval is not taken for Aster's word.
    engine.account(DEMO_KEYS.evmMaster.address)!.agents = simAgents().filter((a) => a.name !== 'desk bot');
    const gone = await service.asterAgents(main.id);
    expect(gone.readWith).toBe('account-key');
    expect(gone.notes[0]).toMatch(/Aster refused the API wallet "desk bot".*own key/);
    expect(gone.missingOnAster).toEqual([
      {
        agentId: created.id,
        name: 'desk bot',
        address: created.address,
        note: expect.stringContaining('approved on this network, but Aster does not list it'),
      },
    ]);
  });

  it('an answer of another shape is an error in words, never "no API wallets"', async () => {
    const { service, main, sim } = await setup();
    sim.addFault({ path: '/fapi/v3/agent', mode: 'garbage', body: '{"data":[]}', times: 5 });
    const error = await rpcError(service.asterAgents(main.id));
    expect(error.code).toBe('unreadable-answer');
    expect(error.message).toContain('an object with data, not a list');
  });

  it('a Solana account cannot read the list with its own key, and cannot revoke from here', async () => {
    const { service, accounts } = await setup();
    const sol = await accounts.add({
      role: 'master',
      name: 'SolDesk',
      key: solanaKey(DEMO_KEYS.solanaMaster.seed),
    });
    const read = await rpcError(service.asterAgents(sol.id));
    expect(read.code).toBe('api-wallet-needed');
    expect(read.message).toContain("a Solana account's own key cannot sign it");
    // With an API wallet of its own (approved by the Solana key), the list is read and reconciled.
    const created = await service.createAgent({
      accountId: sol.id,
      name: 'sol reader',
      canSpotTrade: false,
      canPerpTrade: true,
      canWithdraw: false,
      ipWhitelist: [],
      expiresInDays: 7,
    });
    const listed = await service.asterAgents(sol.id);
    expect(listed.readWith).toBe('api-wallet');
    expect(listed.agents.map((a) => [a.name, a.vaultAgentId])).toEqual([
      ['sol-agent', null],
      ['sol reader', created.id],
    ]);
    expect(listed.revoke).toEqual({ available: false, reason: expect.stringContaining('EVM accounts only') });
    await service.setProfile({ agentRevoke: true }, false);
    const revoke = await rpcError(
      service.revokeAgent({ accountId: sol.id, agentAddress: DEMO_KEYS.solanaMasterAgent.address }),
    );
    expect(revoke.code).toBe('revoke-unavailable');
    expect(revoke.message).toContain('EVM accounts only');
  });
});

describe('revoking an API wallet', () => {
  it('refused while the setting is off: nothing is signed or sent', async () => {
    const { service, main, simAgents, engine } = await setup();
    const error = await rpcError(
      service.revokeAgent({ accountId: main.id, agentAddress: DEMO_KEYS.evmMasterAgent.address }),
    );
    expect(error.code).toBe('revoke-unavailable');
    expect(error.message).toContain('Revoking is off for this network');
    expect(simAgents()).toHaveLength(1);
    expect(engine.nonceRefusals).toEqual([]);
  });

  it('with the setting on: gone from Aster, its key wiped from the vault, and it can no longer sign', async () => {
    const { service, main, desk, simAgents, db } = await setup();
    await service.setProfile({ agentRevoke: true }, false);
    const created = await desk();
    expect((await service.asterAgents(main.id)).revoke).toEqual({ available: true, reason: null });
    const result = await service.revokeAgent({ accountId: main.id, agentAddress: created.address });
    expect(result).toEqual({
      agentAddress: created.address,
      removedFromVault: 'desk bot',
      keptForNetworks: [],
    });
    expect(simAgents().map((a) => a.name)).toEqual(['demo-agent']);
    expect(await db.agents.get(created.id)).toBeUndefined();
    expect(await db.secrets.get(`agent:${created.id}`)).toBeUndefined();
    // Reads now go with the account's own key; the list no longer has it.
    const list = await service.asterAgents(main.id);
    expect(list.readWith).toBe('account-key');
    expect(list.agents.map((a) => a.name)).toEqual(['demo-agent']);
    // One made elsewhere: revoked on Aster, nothing to remove here.
    expect(
      await service.revokeAgent({ accountId: main.id, agentAddress: DEMO_KEYS.evmMasterAgent.address }),
    ).toEqual({
      agentAddress: DEMO_KEYS.evmMasterAgent.address,
      removedFromVault: null,
      keptForNetworks: [],
    });
    expect(simAgents()).toEqual([]);
  });

  it('where Aster has no DELETE /fapi/v3/agent, the refusal is explained and the vault is unchanged', async () => {
    const { service, main, desk, simAgents, engine, db } = await setup();
    await service.setProfile({ agentRevoke: true }, false);
    const created = await desk();
    engine.variant = { ...engine.variant, agentDelete: false };
    const error = await rpcError(service.revokeAgent({ accountId: main.id, agentAddress: created.address }));
    expect(error.code).toBe('revoke-unsupported');
    expect(error.message).toContain('no DELETE /fapi/v3/agent (HTTP 404)');
    expect(error.message).toContain("Revoke it on Aster's website");
    expect(simAgents()).toHaveLength(2);
    expect(await db.agents.get(created.id)).toBeDefined();
  });

  it('a lost answer: outcome unknown, the vault keeps the key until Aster’s list says otherwise', async () => {
    const { service, main, desk, sim, db, simAgents } = await setup();
    await service.setProfile({ agentRevoke: true }, false);
    const created = await desk();
    sim.addFault({ path: '/fapi/v3/agent', mode: '503-after' });
    const error = await rpcError(service.revokeAgent({ accountId: main.id, agentAddress: created.address }));
    expect(error.code).toBe('outcome-unknown');
    expect(error.message).toContain('may or may not be revoked');
    expect(simAgents().map((a) => a.name)).toEqual(['demo-agent']);
    expect(await db.agents.get(created.id)).toBeDefined();
    // Aster's list settles it: the vault's record is named as missing on Aster.
    const list = await service.asterAgents(main.id);
    expect(list.missingOnAster.map((m) => m.name)).toEqual(['desk bot']);
  });
});

describe('withdrawals need no withdraw-capable API wallet (§10)', () => {
  it('an EVM master withdraws with its own key, even beside an API wallet whose IP whitelist is elsewhere', async () => {
    const { service, main, engine } = await setup();
    await service.createAgent({
      accountId: main.id,
      name: 'office bot',
      canSpotTrade: false,
      canPerpTrade: true,
      canWithdraw: true,
      ipWhitelist: ['203.0.113.7'],
      expiresInDays: 30,
    });
    const done = await service.withdraw({
      accountId: main.id,
      asset: 'USDT',
      amount: '10',
      chainId: 56,
      receiver: DEMO_KEYS.evmMaster.address,
    });
    expect(done.withdrawId).not.toBe('');
    expect(engine.state.history.filter((h) => h.type === 'WITHDRAW')).toHaveLength(1);
  });
});
