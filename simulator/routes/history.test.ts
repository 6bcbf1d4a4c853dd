import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_KEYS } from '../keys';
import { startSimulator, type RunningSimulator } from '../server';

/**
 * The ledgers and withdrawal reads on their own, signed here with viem directly (not lib/aster), against the
 * shapes of Aster's public documents.
 */
const k = DEMO_KEYS;
const master = privateKeyToAccount(k.evmMaster.privateKey);
const agent = privateKeyToAccount(k.evmMasterAgent.privateKey);
const grid = k.evmSubGrid.address;
const ZERO = '0x0000000000000000000000000000000000000000';

let sim: RunningSimulator;
let now = Date.UTC(2026, 11, 1, 12, 0, 0);
beforeAll(async () => {
  sim = await startSimulator({ now: () => now });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.engine.reset();
  now += 60_000;
});

const typed = (msg: string) =>
  ({
    domain: { name: 'AsterSignTransaction', version: '1', chainId: 1666, verifyingContract: ZERO },
    types: { Message: [{ name: 'msg', type: 'string' }] },
    primaryType: 'Message',
    message: { msg },
  }) as const;
let counter = 0;
const nonce = () => String(now * 1000 + ++counter);
const gridKey = privateKeyToAccount(k.evmSubGrid.privateKey);
const tail = (user = master.address) => `nonce=${nonce()}&user=${user}&signer=${agent.address}`;
/** Grid01's own reads: signed by its own EVM key (`signer` = `user`); the master's agent is not its agent. */
const gridTail = () => `nonce=${nonce()}&user=${grid}&signer=${grid}`;

async function send(method: 'GET' | 'POST', path: string, msg: string, signer = agent) {
  const signature = await signer.signTypedData(typed(msg));
  const body = `${msg}&signature=${signature}`;
  const response =
    method === 'GET'
      ? await fetch(`${sim.url}${path}?${body}`)
      : await fetch(`${sim.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body,
        });
  return { status: response.status, body: (await response.json()) as unknown };
}

/** master → Grid01 (FUTURE_SPOT), signed by the master's wallet; then perp → spot inside the master. */
async function moveFunds() {
  const transfer = `toAccountAddress=${grid}&asset=USDT&amount=5&kindType=FUTURE_SPOT&${tail()}`;
  expect((await send('POST', '/fapi/v3/subAccountTransfer', transfer, master)).status).toBe(200);
  now += 1_000;
  const wallet = `amount=2.5&asset=USDT&clientTranId=c1&kindType=FUTURE_SPOT&${tail()}`;
  expect((await send('POST', '/fapi/v3/asset/wallet/transfer', wallet)).status).toBe(200);
  return sim.engine.state.history.slice(-2);
}

describe('GET /fapi/v3/income', () => {
  it("each side's futures ledger, signed as Aster shows it, in the documented shape", async () => {
    const [sub, perpSpot] = await moveFunds();
    const { status, body } = await send('GET', '/fapi/v3/income', `incomeType=TRANSFER&${tail()}`);
    expect(status).toBe(200);
    expect(body).toEqual([
      {
        symbol: '',
        incomeType: 'TRANSFER',
        income: '-5.00000000',
        asset: 'USDT',
        info: 'TRANSFER',
        time: sub!.time,
        tranId: sub!.tranId,
        tradeId: '',
      },
      expect.objectContaining({ income: '-2.50000000', tranId: perpSpot!.tranId }),
    ]);
    // Grid01's futures wallet was not touched (the money went to its spot wallet).
    expect((await send('GET', '/fapi/v3/income', tail(grid))).body).toMatchObject({ code: -2015 });
    const { body: gridLedger } = await send('GET', '/fapi/v3/income', gridTail(), gridKey);
    expect(gridLedger).toEqual([]);
    // A time range outside the transfers, another income type, a limit: what Aster would answer.
    const before = `startTime=${sub!.time - 10_000}&endTime=${sub!.time - 1}`;
    expect((await send('GET', '/fapi/v3/income', `${before}&${tail()}`)).body).toEqual([]);
    expect((await send('GET', '/fapi/v3/income', `incomeType=FUNDING_FEE&${tail()}`)).body).toEqual([]);
    expect((await send('GET', '/fapi/v3/income', `limit=1&${tail()}`)).body).toHaveLength(1);
  });

  it('refuses more than seven days, an unknown parameter, and a signature by another key', async () => {
    const wide = `startTime=${now - 8 * 86_400_000}&endTime=${now}&${tail()}`;
    expect((await send('GET', '/fapi/v3/income', wide)).body).toMatchObject({ code: -1130 });
    expect((await send('GET', '/fapi/v3/income', `fromId=1&${tail()}`)).body).toMatchObject({ code: -1104 });
    const stranger = privateKeyToAccount(k.evmSpare1.privateKey);
    expect((await send('GET', '/fapi/v3/income', tail(), stranger)).body).toMatchObject({ code: -1022 });
  });
});

describe('GET /api/v3/transactionHistory', () => {
  it('the spot ledger: perp → spot by direction, a sub-account transfer as INTERNAL_TRANSFER, tranId a number', async () => {
    const [sub, perpSpot] = await moveFunds();
    const { body: mine } = await send('GET', '/api/v3/transactionHistory', `asset=USDT&${tail()}`);
    expect(mine).toEqual([
      {
        tranId: Number(perpSpot!.tranId),
        tradeId: null,
        asset: 'USDT',
        symbol: '',
        balanceDelta: '2.50000000',
        balanceInfo: 'TRANSFER_FUTURE_TO_SPOT',
        time: perpSpot!.time,
        type: 'TRANSFER_FUTURE_TO_SPOT',
      },
    ]);
    const { body: gridSpot } = await send('GET', '/api/v3/transactionHistory', gridTail(), gridKey);
    expect(gridSpot).toEqual([
      expect.objectContaining({
        tranId: Number(sub!.tranId),
        balanceDelta: '5.00000000',
        type: 'INTERNAL_TRANSFER',
      }),
    ]);
    const { body: filtered } = await send(
      'GET',
      '/api/v3/transactionHistory',
      `type=TRADE_SOURCE&${gridTail()}`,
      gridKey,
    );
    expect(filtered).toEqual([]);
  });
});

describe('deposit-withdraw-history and user-withdraw-info', () => {
  it('a withdrawal as the public shape shows it (no receiver, no nonce); limits per asset and chain', async () => {
    sim.engine.state.history.push({
      tranId: '9001',
      type: 'WITHDRAW',
      label: 'withdrawal',
      asset: 'USDT',
      amount: '10',
      fromAccount: master.address,
      toAccount: k.evmSpare1.address,
      user: master.address,
      chainId: 42161,
      wallet: 'futures',
      hash: '0xfeed',
      time: now,
      status: 'SUCCESS',
    });
    const { status, body } = await send('POST', '/fapi/v3/aster/deposit-withdraw-history', tail());
    expect(status).toBe(200);
    expect(body).toEqual([
      {
        id: '9001',
        type: 'WITHDRAW',
        asset: 'USDT',
        amount: '10',
        state: 'SUCCESS',
        txHash: '0xfeed',
        time: now,
        chainId: 42161,
        accountType: 'perp',
      },
    ]);
    expect((await send('POST', '/fapi/v3/aster/deposit-withdraw-history', gridTail(), gridKey)).body).toEqual(
      [],
    );
    const info = (await send('POST', '/fapi/v3/aster/user-withdraw-info', tail())).body as {
      userRemainingDailyLimit: string;
      balances: Record<string, { perpTotalWithdrawAmount: string; chainBalances: Record<string, unknown> }>;
    };
    expect(info.userRemainingDailyLimit).toBe('999990');
    expect(info.balances.USDT!.perpTotalWithdrawAmount).toBe(
      sim.engine.account(master.address)!.futures.USDT,
    );
    expect(info.balances.USDT!.chainBalances['56']).toEqual(
      expect.objectContaining({ chainId: 56, withdrawFee: '0.5' }),
    );
    expect(
      (await send('POST', '/fapi/v3/aster/user-withdraw-info', `asset=USDT&${tail()}`)).body,
    ).toMatchObject({
      code: -1104,
    });
  });
});
