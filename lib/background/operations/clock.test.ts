import { describe, expect, it } from 'vitest';
import { DEMO_KEYS } from '@/simulator/keys';
import {
  addDemoAccounts,
  operationsOnSimulator,
  rpcError,
  solanaKey,
} from '@/tests/support/operations-on-simulator';

/**
 * The companion against the simulator with a skewed clock, a master that never deposited, and HTML 500
 * answers: nonces follow Aster's measured clock, a refusal for the time is signed again ONCE, -5050 is words
 * and never retried, an HTML page is an unreadable answer (outcome unknown for a write).
 */

async function setup() {
  const running = await operationsOnSimulator();
  const { sim, engine, service, accounts, count } = running;
  const { main, grid } = await addDemoAccounts(accounts, ['main', 'grid']);
  return { sim, engine, service, accounts, main, grid, count };
}

const transferOrder = (fromId: string, toId: string, amount: string) => ({
  fromId,
  toId,
  asset: 'USDT',
  amount,
  fromWallet: 'futures' as const,
  toWallet: 'futures' as const,
  acceptWarnings: true,
});

describe("nonces on Aster's clock", () => {
  it('measures the clock once before the first signature: a server 2 minutes behind refuses nothing', async () => {
    const { engine, service, main, grid, count } = await setup();
    engine.clockOffsetMs = -120_000; // beyond the ±60 s window: uncorrected nonces would be -1021
    await service.transfer(transferOrder(main.id, grid.id, '1'));
    await service.portfolio(main.id);
    expect(engine.nonceRefusals).toEqual([]);
    expect(count('/fapi/v3/time')).toBe(1); // cached for the next signatures
    const transfer = engine.state.history.find((h) => h.type === 'SUB_ACCOUNT_TRANSFER')!;
    // The nonce sent follows the server's clock (within a second), not this computer's.
    expect(Math.abs(Number(transfer.nonce) / 1000 - engine.now())).toBeLessThan(1_000);
  });

  it('a clock that moves after it was measured: refused once (-4225), measured again, signed again, made once', async () => {
    const { engine, service, main, grid, count } = await setup();
    await service.portfolio(main.id); // measured with both clocks in step
    engine.clockOffsetMs = 120_000;
    const result = await service.transfer(transferOrder(main.id, grid.id, '2'));
    expect(result.tranId).not.toBe('');
    expect(engine.nonceRefusals.map((r) => r.reason)).toEqual(['window']);
    expect(count('/fapi/v3/time')).toBe(2);
    const made = engine.state.history.filter((h) => h.type === 'SUB_ACCOUNT_TRANSFER');
    expect(made).toHaveLength(1);
    expect(engine.account(DEMO_KEYS.evmSubGrid.address)!.futures.USDT).toBe('502');
  });

  it('the re-signed request whose answer is lost is settled against its own nonce: made once, never twice', async () => {
    const { sim, engine, service, main, grid } = await setup();
    await service.portfolio(main.id);
    // Aster's clock jumps just as the transfer arrives: refused for the time; the re-signed one is executed,
    // then answered 503 (lost).
    const original = engine.handle.bind(engine);
    let sent = 0;
    engine.handle = async (request) => {
      const transfer = request.path === '/fapi/v3/subAccountTransfer';
      if (transfer && ++sent === 1) engine.clockOffsetMs = 120_000;
      const response = await original(request);
      if (transfer && sent === 2) return { status: 503, body: { code: -1001, msg: 'Service unavailable.' } };
      return response;
    };
    const result = await service.transfer(transferOrder(main.id, grid.id, '4'));
    expect(sent).toBe(2);
    expect(result.confirmedFromHistory).toBe(true);
    const made = engine.state.history.filter((h) => h.type === 'SUB_ACCOUNT_TRANSFER');
    expect(made).toHaveLength(1);
    expect(result.tranId).toBe(String(made[0]!.tranId));
    expect(sim.engine.account(DEMO_KEYS.evmSubGrid.address)!.futures.USDT).toBe('504');
  });

  it('the server clock jumping back after nonces were used: -1021 explained with the wait, not looped', async () => {
    const { engine, service, main, grid, count } = await setup();
    await service.portfolio(main.id);
    engine.clockOffsetMs = -120_000; // the nonces already used by this key are now 2 minutes ahead
    const before = engine.nonceRefusals.length;
    const error = await rpcError(service.transfer(transferOrder(main.id, grid.id, '1')));
    expect(error.code).toBe('aster:-1021');
    expect(error.message).toMatch(/last nonce is ahead of Aster's clock.*try again in about \d+ s/);
    // Exactly one retry: two refusals, the clock measured once more, nothing moved.
    expect(engine.nonceRefusals.slice(before).map((r) => r.reason)).toEqual(['ahead', 'ahead']);
    expect(count('/fapi/v3/time')).toBe(2);
    expect(engine.state.history.filter((h) => h.type === 'SUB_ACCOUNT_TRANSFER')).toHaveLength(0);
  });

  it('a real duplicate (-4225 on a nonce in step with the clock) is not retried', async () => {
    const { engine, service, main, count } = await setup();
    await service.portfolio(main.id);
    // The server takes the master key's next nonce as already used: Aster's "Nonce Expired" for a duplicate.
    const realUse = engine.useNonce.bind(engine);
    let refusals = 0;
    engine.useNonce = (signer: string, nonce: string) => {
      realUse(signer, nonce);
      if (signer.toLowerCase() !== DEMO_KEYS.evmMaster.address.toLowerCase()) return;
      refusals += 1;
      realUse(signer, nonce); // the same nonce again: -4225, reason "repeat"
    };
    const error = await rpcError(service.balances(main.id));
    expect(error.code).toBe('aster:-4225');
    expect(refusals).toBe(1); // sent once, not signed again
    expect(count('/fapi/v3/time')).toBe(2); // measured again to tell a duplicate from a skew
  });
});

describe('-5050: the master never deposited', () => {
  it('is explained in words, never retried, and lifted by a deposit', async () => {
    const { sim, engine, service, main, grid, count } = await setup();
    engine.account(DEMO_KEYS.evmMaster.address)!.deposited = false;
    const read = await rpcError(service.balances(main.id));
    expect(read.code).toBe('aster:-5050');
    expect(read.message).toBe(
      'Aster allows this only after a deposit: the master wallet of this account has never deposited. ' +
        'Deposit to the master account first (from ETH, BSC, Arbitrum or Solana), then try again.',
    );
    expect(count('/fapi/v3/accountWithJoinMargin')).toBe(1);
    const write = await rpcError(service.transfer(transferOrder(main.id, grid.id, '1')));
    expect(write.code).toBe('aster:-5050');
    expect(count('/fapi/v3/subAccountTransfer')).toBe(0); // the balances read before it already said so
    engine.deposit({ address: DEMO_KEYS.evmMaster.address, asset: 'USDT', amount: '5' });
    await service.transfer(transferOrder(main.id, grid.id, '1'));
    expect(sim.engine.nonceRefusals).toEqual([]);
  });
});

describe('HTML 500 answers', () => {
  it('a read: an error in words, sent once; a write: outcome unknown, never a crash', async () => {
    const { sim, engine, service, main, grid, count } = await setup();
    sim.addFault({ path: '/fapi/v3/accountWithJoinMargin', mode: 'html-500' });
    const read = await rpcError(service.balances(main.id));
    expect(read.code).toBe('network');
    expect(read.message).toMatch(
      /^Aster answered HTTP 500 with a web page instead of data \(an error on Aster's side\)\. .*Nothing was signed or changed\.$/,
    );
    expect(count('/fapi/v3/accountWithJoinMargin')).toBe(1);
    sim.addFault({ path: '/fapi/v3/updateSubAccount', mode: 'html-500-after' });
    const write = await rpcError(service.updateSubAccount({ id: grid.id, name: 'Grid09' }));
    expect(write.code).toBe('outcome-unknown');
    expect(write.message).toMatch(/may or may not have been executed/);
    expect(engine.account(DEMO_KEYS.evmSubGrid.address)!.name).toBe('Grid09'); // it was, in fact
  });
});

describe('withdrawals', () => {
  it('EVM sends signatureType=EOA inside the signed request; Solana always sends userNonce and userSignature', async () => {
    const { sim, engine, service, accounts, main } = await setup();
    const bodies: string[] = [];
    const original = sim.engine.handle.bind(sim.engine);
    sim.engine.handle = (request) => {
      if (request.path.includes('withdraw') && request.method === 'POST')
        bodies.push(request.params.toString());
      return original(request);
    };
    await service.withdraw({
      accountId: main.id,
      asset: 'USDT',
      amount: '10',
      chainId: 56,
      receiver: DEMO_KEYS.evmMaster.address,
    });
    expect(new URLSearchParams(bodies[0]).get('signatureType')).toBe('EOA');
    const sol = await accounts.add({
      role: 'master',
      name: 'SolDesk',
      key: solanaKey(DEMO_KEYS.solanaMaster.seed),
    });
    await accounts.markBackedUp(sol.id, 'reveal');
    // An API wallet is needed for Solana (the simulator's demo one is not in this vault): make and approve one.
    const agent = await service.createAgent({
      accountId: sol.id,
      name: 'sol-withdraw',
      canSpotTrade: false,
      canPerpTrade: false,
      canWithdraw: true,
      ipWhitelist: ['127.0.0.1'],
      expiresInDays: 30,
    });
    expect(agent.approved).toBe(true);
    await service.withdraw({
      accountId: sol.id,
      asset: 'USDT',
      amount: '10',
      chainId: 101,
      receiver: DEMO_KEYS.solanaMaster.address,
    });
    const solana = new URLSearchParams(bodies[1]);
    expect(solana.get('userNonce')).toMatch(/^\d+000$/);
    expect(solana.get('userSignature')).toMatch(/^[1-9A-HJ-NP-Za-km-z]{80,90}$/);
    expect(solana.has('signatureType')).toBe(false);
    expect(engine.state.history.filter((h) => h.type === 'WITHDRAW')).toHaveLength(2);
  });

  it("the profile's withdrawalAsterChain is what the wallet signs (the simulator, Mainnet only, refuses Testnet)", async () => {
    const { service, main } = await setup();
    await service.setProfile({ withdrawalAsterChain: 'Testnet' }, false);
    const order = {
      accountId: main.id,
      asset: 'USDT',
      amount: '1',
      chainId: 56 as const,
      receiver: DEMO_KEYS.evmMaster.address,
    };
    const refused = await rpcError(service.withdraw(order));
    expect(refused.code).toBe('aster:-1000');
    await service.setProfile({}, true);
    await expect(service.withdraw(order)).resolves.toMatchObject({ fee: '0.5' });
  });
});
