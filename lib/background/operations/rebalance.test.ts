import { describe, expect, it } from 'vitest';
import { DEMO_KEYS } from '@/simulator/keys';
import { addDemoAccounts, operationsOnSimulator, rpcError } from '@/tests/support/operations-on-simulator';

/** The simulator in-process, LossDesk (futures USDT −42.5, BNB 1.2) in the vault; every request recorded. */
async function setup() {
  const running = await operationsOnSimulator();
  const { service, engine, accounts, sent } = running;
  const { loss } = await addDemoAccounts(accounts, ['loss']);
  const futures = () => engine.account(DEMO_KEYS.evmLossMaster.address)!.futures;
  const withdraw = () =>
    service.withdraw({
      accountId: loss.id,
      asset: 'BNB',
      amount: '0.1',
      chainId: 56,
      receiver: DEMO_KEYS.evmLossMaster.address,
    });
  return { service, engine, loss, sent, futures, withdraw };
}

const toAssetExchange = <T extends { path: string }>(sent: T[]) =>
  sent.filter((r) => r.path === '/fapi/v3/assetExchange');

describe('Rebalance (POST /fapi/v3/assetExchange)', () => {
  it('is off by default: refused in words, and nothing is sent to assetExchange', async () => {
    const { service, loss, sent, futures } = await setup();
    const off = await rpcError(service.rebalance(loss.id));
    expect(off.code).toBe('rebalance-off');
    expect(off.message).toMatch(/Rebalance is off for this network.*deposit the exact missing amount/);
    expect(toAssetExchange(sent)).toEqual([]);
    expect(futures().USDT).toBe('-42.5');
  });

  it('when on: one bare agent-signed POST (nonce&user&signer), the negative cleared, then the withdrawal passes', async () => {
    const { service, loss, sent, futures, withdraw, engine } = await setup();
    expect((await rpcError(withdraw())).code).toBe('rebalance-first');
    await service.setProfile({ rebalance: true }, false);
    const result = await service.rebalance(loss.id);
    expect(result.cleared).toBe(true);
    expect(result.message).toMatch(/no negative balance left.*auto-conversion/);
    expect(result.balances.futures.find((b) => b.asset === 'USDT')).toBeUndefined(); // 0: left out
    expect(futures()).toMatchObject({ USDT: '0', BNB: '1.129166666666666666' });
    const calls = toAssetExchange(sent);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.method).toBe('POST');
    // No parameters of its own: exactly the agent tail, then the signature.
    const names = [...new URLSearchParams(calls[0]!.body).keys()];
    expect(names).toEqual(['nonce', 'user', 'signer', 'signature']);
    expect(new URLSearchParams(calls[0]!.body).get('user')).toBe(DEMO_KEYS.evmLossMaster.address);
    expect(engine.state.history.at(-1)).toMatchObject({ label: 'auto-conversion', asset: 'USDT' });
    await expect(withdraw()).resolves.toMatchObject({ withdrawId: expect.any(String) });
  });

  it('when on but Aster has no assetExchange: the refusal is explained in words and nothing changes', async () => {
    const { service, loss, futures, engine, withdraw } = await setup();
    engine.variant = { ...engine.variant, assetExchange: false };
    await service.setProfile({ rebalance: true }, false);
    const missing = await rpcError(service.rebalance(loss.id));
    expect(missing.code).toBe('rebalance-unavailable');
    expect(missing.message).toMatch(
      /does not offer Rebalance: POST \/fapi\/v3\/assetExchange answered "not found".*Nothing was converted.*deposit the exact missing amount/,
    );
    expect(futures()).toEqual({ USDT: '-42.5', BNB: '1.2' });
    expect((await rpcError(withdraw())).code).toBe('rebalance-first');
  });

  it('when Aster refuses it (not enough collateral), the reason is passed on with how to cover it', async () => {
    const { service, loss, futures, engine } = await setup();
    engine.account(DEMO_KEYS.evmLossMaster.address)!.futures = { USDT: '-42.5', BNB: '0.05' };
    await service.setProfile({ rebalance: true }, false);
    const refused = await rpcError(service.rebalance(loss.id));
    expect(refused.code).toBe('rebalance-refused');
    expect(refused.message).toMatch(/deposit 12\.5 USDT.*Nothing was converted/);
    expect(futures()).toEqual({ USDT: '-42.5', BNB: '0.05' });
  });

  it('an account with nothing negative is not sent to assetExchange', async () => {
    const { service, loss, sent, engine } = await setup();
    engine.account(DEMO_KEYS.evmLossMaster.address)!.futures = { USDT: '1' };
    await service.setProfile({ rebalance: true }, false);
    expect((await rpcError(service.rebalance(loss.id))).code).toBe('invalid-input');
    expect(toAssetExchange(sent)).toEqual([]);
  });
});
