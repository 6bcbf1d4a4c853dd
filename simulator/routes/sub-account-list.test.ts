import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CODES } from '../errors';
import { DEMO_KEYS } from '../keys';
import { startSimulator, type RunningSimulator } from '../server';

/**
 * getSubAccountList in each list shape, on its own chain id, and the fee-tier reads (commissionRate, `feeTier`).
 * Signed here with viem directly, not lib/aster: the simulator is pinned to the public formats on its own.
 */

const k = DEMO_KEYS;
const master = privateKeyToAccount(k.evmMaster.privateKey);
const agent = privateKeyToAccount(k.evmMasterAgent.privateKey);
const subAgent = privateKeyToAccount(k.evmSubAgent.privateKey);
const lossAgent = privateKeyToAccount(k.evmLossAgent.privateKey);
const ZERO = '0x0000000000000000000000000000000000000000';

let mainnet: RunningSimulator;
let testnet: RunningSimulator;
let now = Date.UTC(2026, 11, 1, 12, 0, 0);
beforeAll(async () => {
  mainnet = await startSimulator({ now: () => now });
  testnet = await startSimulator({ now: () => now, network: 'testnet' });
});
afterAll(async () => {
  await mainnet.close();
  await testnet.close();
});
beforeEach(() => {
  mainnet.engine.reset();
  testnet.engine.reset();
  now += 60_000;
});

let counter = 0;
const nonce = () => String(now * 1000 + ++counter);

async function signedGet(
  sim: RunningSimulator,
  path: string,
  { signer = agent, user = master.address, chainId = 1666, extra = '' } = {},
): Promise<{ status: number; body: unknown }> {
  const msg = `${extra}nonce=${nonce()}&user=${user}&signer=${signer.address}`;
  const signature = await signer.signTypedData({
    domain: { name: 'AsterSignTransaction', version: '1', chainId, verifyingContract: ZERO },
    types: { Message: [{ name: 'msg', type: 'string' }] },
    primaryType: 'Message',
    message: { msg },
  });
  const response = await fetch(`${sim.url}${path}?${msg}&signature=${signature}`);
  return { status: response.status, body: (await response.json()) as unknown };
}

const setVariant = (sim: RunningSimulator, changes: object) =>
  fetch(`${sim.url}/__sim/variant`, { method: 'POST', body: JSON.stringify(changes) }).then((r) => {
    expect(r.status).toBe(200);
  });

const LIST = '/fapi/v3/getSubAccountList';

describe('getSubAccountList: the shapes of §10', () => {
  it("'address' (default): the master's own entry first, addresses, futureBalanceList", async () => {
    const { status, body } = await signedGet(mainnet, LIST);
    expect(status).toBe(200);
    expect(body).toEqual([
      {
        address: k.evmMaster.address,
        accountId: 1001,
        parentAccount: true,
        futureBalanceList: [
          { asset: 'USDT', balance: '10000' },
          { asset: 'ASTER', balance: '2500' },
          { asset: 'BNB', balance: '3.5' },
        ],
      },
      {
        address: k.evmSubGrid.address,
        accountId: 1002,
        parentAccount: false,
        subAccountName: 'Grid01',
        futureBalanceList: [{ asset: 'USDT', balance: '500' }],
      },
      {
        address: k.evmSubHedge.address,
        accountId: 1003,
        parentAccount: false,
        subAccountName: 'Hedge02',
        futureBalanceList: [
          { asset: 'USDT', balance: '250' },
          { asset: 'BNB', balance: '0.5' },
        ],
      },
    ]);
  });

  it("'sourceAddr': the same entries under that name", async () => {
    await setVariant(mainnet, { subAccountList: 'sourceAddr' });
    const body = (await signedGet(mainnet, LIST)).body as Record<string, unknown>[];
    expect(body.map((e) => e.sourceAddr)).toEqual([
      k.evmMaster.address,
      k.evmSubGrid.address,
      k.evmSubHedge.address,
    ]);
    expect(body.every((e) => !('address' in e))).toBe(true);
  });

  it("'names': the documented shape, no addresses, the master's entry last with name \"\"", async () => {
    await setVariant(mainnet, { subAccountList: 'names' });
    expect((await signedGet(mainnet, LIST)).body).toEqual([
      { accountId: 1002, subAccountName: 'Grid01', parentAccount: false },
      { accountId: 1003, subAccountName: 'Hedge02', parentAccount: false },
      { accountId: 1001, subAccountName: '', parentAccount: true },
    ]);
  });

  it('listOmitsNames: every other sub-account comes without subAccountName, in each shape', async () => {
    await setVariant(mainnet, { listOmitsNames: true });
    const named = (body: unknown) =>
      (body as Record<string, unknown>[])
        .filter((e) => e.parentAccount === false)
        .map((e) => e.subAccountName);
    expect(named((await signedGet(mainnet, LIST)).body)).toEqual([undefined, 'Hedge02']);
    await setVariant(mainnet, { subAccountList: 'names' });
    expect(named((await signedGet(mainnet, LIST)).body)).toEqual([undefined, 'Hedge02']);
  });

  it('a sub-account asking for a list is refused', async () => {
    const { body } = await signedGet(mainnet, LIST, { signer: subAgent, user: k.evmSubGrid.address });
    expect(body).toMatchObject({ code: CODES.permission });
  });
});

describe('getSubAccountList: signed on the sub-account chain id', () => {
  it('testnet: 1666 (its tables) is accepted, 714 (its trading example) refused', async () => {
    expect((await signedGet(testnet, LIST, { chainId: 1666 })).status).toBe(200);
    const refused = await signedGet(testnet, LIST, { chainId: 714 });
    expect(refused.body).toMatchObject({ code: CODES.invalidSignature });
    // Other agent-signed reads stay on the agent chain id.
    expect((await signedGet(testnet, '/fapi/v3/balance', { chainId: 714 })).status).toBe(200);
  });

  it('follows the variant switch', async () => {
    await setVariant(testnet, { subAccountChainId: 714 });
    expect((await signedGet(testnet, LIST, { chainId: 714 })).status).toBe(200);
    expect((await signedGet(testnet, LIST, { chainId: 1666 })).body).toMatchObject({
      code: CODES.invalidSignature,
    });
  });
});

describe('fee tiers: feeTier in the account answers, commissionRate', () => {
  it('feeTier is the family’s VIP level (a sub-account shares its master’s)', async () => {
    for (const path of ['/fapi/v3/accountWithJoinMargin', '/fapi/v3/account', '/api/v3/account']) {
      expect((await signedGet(mainnet, path)).body, path).toMatchObject({ feeTier: 2 });
      expect(
        (await signedGet(mainnet, path, { signer: subAgent, user: k.evmSubGrid.address })).body,
      ).toMatchObject({ feeTier: 2 });
      expect(
        (await signedGet(mainnet, path, { signer: lossAgent, user: k.evmLossMaster.address })).body,
      ).toMatchObject({ feeTier: 0 });
    }
  });

  it('commissionRate: the documents’ shape, rates by tier, futures and spot', async () => {
    const futures = await signedGet(mainnet, '/fapi/v3/commissionRate', {
      signer: lossAgent,
      user: k.evmLossMaster.address,
      extra: 'symbol=BTCUSDT&',
    });
    expect(futures.body).toEqual({
      symbol: 'BTCUSDT',
      makerCommissionRate: '0.0002',
      takerCommissionRate: '0.0004',
    });
    const spot = await signedGet(mainnet, '/api/v3/commissionRate', {
      signer: lossAgent,
      user: k.evmLossMaster.address,
      extra: 'symbol=APXUSDT&',
    });
    expect(spot.body).toEqual({
      symbol: 'APXUSDT',
      makerCommissionRate: '0.000200',
      takerCommissionRate: '0.000700',
    });
    const tier2 = await signedGet(mainnet, '/fapi/v3/commissionRate', { extra: 'symbol=BTCUSDT&' });
    expect(tier2.body).toMatchObject({ makerCommissionRate: '0.00014', takerCommissionRate: '0.00035' });
  });

  it('commissionRate needs a symbol', async () => {
    expect((await signedGet(mainnet, '/fapi/v3/commissionRate')).body).toMatchObject({
      code: CODES.missingParameter,
    });
    expect(
      (await signedGet(mainnet, '/fapi/v3/commissionRate', { extra: 'symbol=btc-usdt&' })).body,
    ).toMatchObject({ code: CODES.invalidParameter });
  });
});
