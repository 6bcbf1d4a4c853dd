import { describe, expect, it } from 'vitest';
import { DEMO_KEYS } from '@/simulator/keys';
import type { SimVariant } from '@/simulator/variant';
import { addDemoAccounts, operationsOnSimulator, rpcError } from '@/tests/support/operations-on-simulator';

/**
 * The sub-account list and the fee-tier hint against the simulator in each list shape of §10: matched by
 * address, by name only as a fallback, the master's own entry never counted, a strange answer an error in words.
 */

async function setup(variant: Partial<SimVariant> = {}) {
  const running = await operationsOnSimulator({ variant });
  const { sim, engine, accounts, service } = running;
  const { main, grid, hedge, loss } = await addDemoAccounts(accounts, ['main', 'grid', 'hedge', 'loss']);
  return { sim, engine, accounts, service, main, grid, hedge, loss };
}

const by = (report: { matched: { name: string; by: string }[] }) => report.matched.map((m) => [m.name, m.by]);

describe('aster.syncSubAccounts in each list shape', () => {
  it("'address' with names omitted: every sub-account matched by its address, the master not counted", async () => {
    const { service, main } = await setup({ subAccountList: 'address', listOmitsNames: true });
    const report = await service.syncSubAccounts(main.id);
    expect(report).toMatchObject({
      asterCount: 2,
      vaultCount: 2,
      listShape: 'address',
      listedMaster: true,
      renamed: [],
      onlyInVault: [],
      onlyOnAster: [],
      ambiguous: [],
    });
    expect(by(report)).toEqual([
      ['Grid01', 'address'],
      ['Hedge02', 'address'],
    ]);
    // Grid01's entry came without a name; its futures balances came along.
    expect(report.matched[0]).toMatchObject({
      asterName: null,
      asterAccountId: 1002,
      balances: [{ asset: 'USDT', balance: '500' }],
    });
  });

  it("'sourceAddr': matched by address", async () => {
    const { service, main } = await setup({ subAccountList: 'sourceAddr' });
    const report = await service.syncSubAccounts(main.id);
    expect(report.listShape).toBe('sourceAddr');
    expect(by(report)).toEqual([
      ['Grid01', 'address'],
      ['Hedge02', 'address'],
    ]);
  });

  it("'names': matched by name, the master's entry (name \"\") not counted", async () => {
    const { service, main } = await setup({ subAccountList: 'names' });
    const report = await service.syncSubAccounts(main.id);
    expect(report).toMatchObject({ asterCount: 2, listShape: 'names', listedMaster: true, onlyOnAster: [] });
    expect(by(report)).toEqual([
      ['Grid01', 'name'],
      ['Hedge02', 'name'],
    ]);
  });

  it("'names' without some names: unmatched the first time, then by the ids remembered from an address sync", async () => {
    const { service, main, engine } = await setup({ subAccountList: 'names', listOmitsNames: true });
    const first = await service.syncSubAccounts(main.id);
    expect(by(first)).toEqual([['Hedge02', 'name']]);
    expect(first.onlyInVault.map((s) => s.name)).toEqual(['Grid01']);
    expect(first.onlyOnAster).toEqual([{ name: null, asterAccountId: 1002, address: null, balances: null }]);
    engine.variant = { ...engine.variant, subAccountList: 'address' };
    await service.syncSubAccounts(main.id);
    engine.variant = { ...engine.variant, subAccountList: 'names' };
    const again = await service.syncSubAccounts(main.id);
    expect(by(again)).toEqual([
      ['Grid01', 'account-id'],
      ['Hedge02', 'account-id'],
    ]);
  });

  it('a sub-account renamed on Aster is found by its address and reported as renamed', async () => {
    const { service, main, engine } = await setup();
    engine.account(DEMO_KEYS.evmSubGrid.address)!.name = 'GridRenamed';
    const report = await service.syncSubAccounts(main.id);
    expect(report.renamed).toEqual([
      expect.objectContaining({ vaultName: 'Grid01', asterName: 'GridRenamed', by: 'address' }),
    ]);
  });

  it('an Aster sub-account named like a vault one but with another address is not taken for it', async () => {
    const { service, main, engine, accounts } = await setup();
    const hedge = engine.account(DEMO_KEYS.evmSubHedge.address)!;
    hedge.address = DEMO_KEYS.evmSpare1.address;
    const report = await service.syncSubAccounts(main.id);
    expect(by(report)).toEqual([['Grid01', 'address']]);
    expect(report.onlyInVault.map((s) => s.name)).toEqual(['Hedge02']);
    expect(report.onlyOnAster).toEqual([
      expect.objectContaining({ name: 'Hedge02', address: DEMO_KEYS.evmSpare1.address }),
    ]);
    expect((await accounts.list()).length).toBe(4);
  });
});

describe('an answer of an unexpected shape is an error in words, never "no sub-accounts"', () => {
  it.each([
    ['an object', '{"subAccounts":[]}', 'an object with the fields subAccounts came where a list was due'],
    [
      'an entry without identity',
      '[{"subAccountName":"Grid01","parentAccount":false}]',
      'entry 1 has neither',
    ],
    [
      'the old stand-in shape',
      '[{"accountId":1002,"subAccountName":"Grid01","parentAccount":1001}]',
      'neither true nor false',
    ],
    ['null', 'null', 'an empty answer'],
  ])('%s', async (_, body, words) => {
    const { service, main, sim } = await setup();
    sim.addFault({ path: '/fapi/v3/getSubAccountList', mode: 'garbage', body });
    const error = await rpcError(service.syncSubAccounts(main.id));
    expect(error.code).toBe('unexpected-answer');
    expect(error.message).toContain("Aster's sub-account list came in a shape the companion does not know");
    expect(error.message).toContain(words);
    expect(error.message).toContain('this does not mean there are no sub-accounts');
  });

  it('an HTML page: unreadable, said so', async () => {
    const { service, main, sim } = await setup();
    sim.addFault({ path: '/fapi/v3/getSubAccountList', mode: 'garbage', body: '<html>502</html>' });
    const error = await rpcError(service.syncSubAccounts(main.id));
    expect(error.code).toBe('network');
    expect(error.message).toMatch(/web page instead of data/);
  });

  it('creating a sub-account stops before any key is generated', async () => {
    const { service, main, sim, accounts } = await setup();
    sim.addFault({ path: '/fapi/v3/getSubAccountList', mode: 'garbage', body: '{"code":0}' });
    const error = await rpcError(
      service.prepareSubAccount({ masterId: main.id, name: 'Scalp001', vipLevel: 2, isMarketMaker: false }),
    );
    expect(error.code).toBe('unexpected-answer');
    expect((await accounts.list()).length).toBe(4);
  });
});

describe('the 15 limit and creation read the list as it is', () => {
  it("the master's own entry is not counted: with 14 sub-accounts one more may be made ('names' shape)", async () => {
    const { service, main, engine } = await setup({ subAccountList: 'names' });
    const master = engine.account(DEMO_KEYS.evmMaster.address)!;
    for (let i = 0; i < 12; i++)
      engine.state.accounts.push({
        ...structuredClone(master),
        address: `0x${(i + 1).toString(16).padStart(40, '0')}`,
        role: 'sub',
        parent: master.address,
        name: `Extra${String(i).padStart(3, '0')}`,
        accountId: 5000 + i,
        futures: {},
        spot: {},
        agents: [],
      });
    expect(engine.subsOf(master)).toHaveLength(14);
    const prepared = await service.prepareSubAccount({
      masterId: main.id,
      name: 'Fifteen1',
      vipLevel: 2,
      isMarketMaker: false,
    });
    expect(prepared.checks).toContain('14 of 15 sub-accounts on Aster.');
  });

  it('a name clash is checked where Aster gives names, and said to be Aster’s to check where it does not', async () => {
    const { service, main } = await setup({ listOmitsNames: true });
    // Grid01's entry has no name here; Hedge02's has.
    expect(
      (
        await rpcError(
          service.prepareSubAccount({
            masterId: main.id,
            name: 'hedge02',
            vipLevel: 2,
            isMarketMaker: false,
          }),
        )
      ).message,
    ).toContain('Aster already has a sub-account named "hedge02"');
    const prepared = await service.prepareSubAccount({
      masterId: main.id,
      name: 'Scalp001',
      vipLevel: 2,
      isMarketMaker: false,
    });
    expect(prepared.checks).toContain(
      "Aster listed 1 sub-account without a name: a clash with it is left to Aster's own check.",
    );
  });

  it('a lost creation answer is settled by the new address, though Aster omits its name', async () => {
    const { service, main, sim, engine, accounts } = await setup({ listOmitsNames: true });
    const prepared = await service.prepareSubAccount({
      masterId: main.id,
      name: 'Scalp001',
      vipLevel: 2,
      isMarketMaker: false,
    });
    await accounts.markBackedUp(prepared.account.id, 'reveal');
    sim.addFault({ path: '/fapi/v3/createSubAccount', mode: '503-after' });
    const created = await service.createSubAccount(prepared.account.id);
    expect(created).toMatchObject({
      settledFromList: true,
      asterAccountId: engine.account(prepared.account.address)!.accountId,
    });
    expect(await service.pendingSubAccounts()).toEqual([]);
  });
});

describe('the list is signed on the sub-account chain id of the profile', () => {
  it('Aster wanting 714 for sub-account bodies: refused with the default 1666, accepted once the profile says 714', async () => {
    const { service, main } = await setup({ subAccountChainId: 714 });
    expect((await rpcError(service.syncSubAccounts(main.id))).code).toBe('aster:-1022');
    await service.setProfile({ subAccountChainId: 714 }, false);
    expect((await service.syncSubAccounts(main.id)).asterCount).toBe(2);
    // Other agent-signed reads stay on the agent chain id (1666 here).
    expect((await service.balances(main.id)).futures.length).toBeGreaterThan(0);
  });
});

describe('aster.feeTier: the VIP hint read from Aster', () => {
  it('feeTier of the futures account, with the futures rates of BTCUSDT', async () => {
    const { service, main, loss } = await setup();
    expect(await service.feeTier(main.id)).toMatchObject({
      masterId: main.id,
      feeTier: 2,
      rates: { symbol: 'BTCUSDT', maker: '0.00014', taker: '0.00035' },
    });
    expect(await service.feeTier(loss.id)).toMatchObject({ feeTier: 0, rates: { maker: '0.0002' } });
  });

  it('the old /fapi/v3/account when accountWithJoinMargin is missing (404)', async () => {
    const { service, main, sim } = await setup();
    const original = sim.engine.handle.bind(sim.engine);
    sim.engine.handle = (request) =>
      request.path === '/fapi/v3/accountWithJoinMargin'
        ? Promise.resolve({ status: 404, body: { code: -1, msg: 'No such endpoint' } })
        : original(request);
    expect((await service.feeTier(main.id)).feeTier).toBe(2);
  });

  it('rates that cannot be read leave the hint standing; an account answer without feeTier is an error in words', async () => {
    const { service, main, sim } = await setup();
    sim.addFault({ path: '/fapi/v3/commissionRate', mode: 'garbage', body: '[]' });
    expect(await service.feeTier(main.id)).toMatchObject({ feeTier: 2, rates: null });
    sim.addFault({ path: '/fapi/v3/accountWithJoinMargin', mode: 'garbage', body: '{"canTrade":true}' });
    const error = await rpcError(service.feeTier(main.id));
    expect(error.code).toBe('unexpected-answer');
    expect(error.message).toContain('the account answer has no "feeTier"');
  });

  it('a sub-account is refused: the hint is the master’s', async () => {
    const { service, grid } = await setup();
    expect((await rpcError(service.feeTier(grid.id))).code).toBe('invalid-input');
  });
});
