import { describe, expect, it } from 'vitest';
import { DEMO_KEYS } from '@/simulator/keys';
import type { SimVariant } from '@/simulator/variant';
import { addDemoAccounts, operationsOnSimulator } from '@/tests/support/operations-on-simulator';

/**
 * The probe against the simulator started in each variant of §10: it finds the chain ids by reads alone, stores
 * them per network, the operations then succeed with them, and it never sends a write.
 */

async function setup(variant: Partial<SimVariant> = {}) {
  const running = await operationsOnSimulator({ variant });
  const { engine, service, accounts, sent } = running;
  const { main, grid } = await addDemoAccounts(accounts, ['main', 'grid']);
  const withAgent = async () => {
    await service.createAgent({
      accountId: main.id,
      name: 'probe bot',
      canSpotTrade: true,
      canPerpTrade: true,
      canWithdraw: false,
      ipWhitelist: [],
      expiresInDays: 30,
    });
    sent.length = 0;
  };
  /** What the companion asked for since the API wallet was made: `METHOD /path`. */
  const requests = () => sent.map((r) => `${r.method} ${r.path}`);
  return { sim: running.sim, engine, service, main, grid, requests, withAgent };
}

const WRITES = /^(POST|DELETE|PUT) /;

describe('Check compatibility with Aster', () => {
  it('without an API wallet: says so in words and sends nothing', async () => {
    const { service, main, requests } = await setup();
    const report = await service.checkCompatibility(main.id);
    expect(report.needsApiWallet).toMatch(/"MainDesk" has no approved API wallet.*create an API wallet/);
    expect(report.calls).toEqual([]);
    expect(requests()).toEqual([]);
    expect((await service.profile()).lastCheck).toBeNull();
  });

  it('a server time that is no plausible date is said so, not taken as the clock offset; the check goes on', async () => {
    const { sim, service, main, withAgent } = await setup();
    await withAgent();
    sim.addFault({ path: '/fapi/v3/time', mode: 'garbage', body: '{"serverTime":5}' });
    const report = await service.checkCompatibility(main.id);
    expect(report.clockOffsetMs).toBeNull();
    expect(report.clockText).toMatch(/could not be read.*no valid serverTime/);
    expect(report.findings.find((f) => f.point === 'agentRequestChainId')).toMatchObject({
      outcome: 'found',
      value: 1666,
    });
  });

  it.each([
    ['mainnet defaults', {}, { agentRequestChainId: 1666, subAccountChainId: 1666 }],
    [
      'everything on 714',
      { agentChainId: 714, subAccountChainId: 714 },
      { agentRequestChainId: 714, subAccountChainId: 714 },
    ],
    [
      'testnet-like',
      { agentChainId: 714, subAccountChainId: 1666 },
      { agentRequestChainId: 714, subAccountChainId: 1666 },
    ],
    [
      'sub-accounts on 714',
      { subAccountChainId: 714 },
      { agentRequestChainId: 1666, subAccountChainId: 714 },
    ],
  ] as const)(
    '%s: finds the variant by reads alone, stores it, and the operations succeed',
    async (_, variant, found) => {
      const { service, main, grid, engine, requests, withAgent } = await setup(variant);
      await withAgent();
      const before = JSON.stringify(engine.state);
      const report = await service.checkCompatibility(main.id);
      expect(report.needsApiWallet).toBeNull();
      expect(report.applied).toEqual(found);
      expect(requests().filter((r) => WRITES.test(r))).toEqual([]);
      expect(JSON.stringify(engine.state)).toBe(before);
      const other = found.agentRequestChainId === 1666 ? 714 : 1666;
      expect(report.calls).toContainEqual(
        expect.objectContaining({
          endpoint: 'GET /fapi/v3/balance',
          chainId: other,
          answer: 'signature-refused',
        }),
      );
      expect(report.calls).toContainEqual(
        expect.objectContaining({
          endpoint: 'GET /fapi/v3/balance',
          chainId: found.agentRequestChainId,
          answer: 'accepted',
        }),
      );
      expect(report.findings.find((f) => f.point === 'agentRequestChainId')?.text).toMatch(
        new RegExp(`accepted chain id ${found.agentRequestChainId} and refused ${other}`),
      );
      expect(report.findings.find((f) => f.point === 'transferSigner')).toMatchObject({
        outcome: 'not-checked',
      });
      expect(report.endpoints).toEqual([
        { endpoint: 'GET /fapi/v3/accountWithJoinMargin', presence: 'present' },
        { endpoint: 'GET /fapi/v3/account', presence: 'present' },
      ]);

      const info = await service.profile();
      expect(info).toMatchObject({
        origin: 'probe',
        profile: found,
        lastCheck: { checkedAt: report.checkedAt },
      });
      // From now on: an agent-signed read and a wallet-signed sub-account body both pass.
      await expect(service.balances(main.id)).resolves.toMatchObject({ accountId: main.id });
      await expect(service.updateSubAccount({ id: grid.id, status: 'FROZEN' })).resolves.toMatchObject({
        status: 'FROZEN',
      });
    },
  );

  it('a reset forgets the last check with the values', async () => {
    const { service, main, withAgent } = await setup({ agentChainId: 714, subAccountChainId: 714 });
    await withAgent();
    await service.checkCompatibility(main.id);
    const reset = await service.setProfile({}, true);
    expect(reset).toMatchObject({
      origin: 'default',
      lastCheck: null,
      profile: { agentRequestChainId: 1666 },
    });
  });

  it("transferSigner 'refused': the probe leaves it (would need a write); set to 'omitted' by hand, the transfer passes", async () => {
    const { service, main, grid, engine, withAgent } = await setup({ transferSigner: 'refused' });
    await withAgent();
    const report = await service.checkCompatibility(main.id);
    expect(report.findings.find((f) => f.point === 'transferSigner')?.text).toMatch(/would need a write/);
    expect((await service.profile()).profile.transferSigner).toBe('included');
    const order = {
      fromId: main.id,
      toId: grid.id,
      fromWallet: 'futures',
      toWallet: 'futures',
      asset: 'USDT',
      amount: '5',
    } as const;
    await expect(service.transfer(order)).rejects.toThrow(/signer/);
    expect(engine.account(DEMO_KEYS.evmSubGrid.address)!.futures.USDT).toBe('500');
    await service.setProfile({ transferSigner: 'omitted' }, false);
    await expect(service.transfer(order)).resolves.toMatchObject({ tranId: expect.any(String) });
    expect(engine.account(DEMO_KEYS.evmSubGrid.address)!.futures.USDT).toBe('505');
  });
});
