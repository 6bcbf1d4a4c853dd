import { hexToBytes } from 'viem';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AsterApiError,
  AsterClient,
  AsterOutcomeUnknownError,
  asterSettings,
  ENDPOINTS,
  formBody,
  LOGIN_TEXT_PATTERN,
  MemoryNonceStore,
  matchLedger,
  newClientTranId,
  NonceManager,
  parseIncomeLedger,
  settleWindow,
  signAgentRequest,
  signedAgentRequest,
  signedBindSubAccount,
  signedCreateSubAccount,
  signedEvmWithdrawal,
  signedRegisterAndApproveAgent,
  signedSolanaWithdrawal,
  signedSubAccountTransfer,
  signedUpdateSubAccount,
  signLogin,
  simulatorHosts,
  transferParties,
  walletTransferMessage,
  type AsterEncodingSettings,
  type TransferKindType,
} from '@/lib/aster';
import { parseSubAccountList } from '@/lib/aster/responses/sub-account-list';
import { createEvmSigner, createSolanaSigner, type Signer } from '@/lib/signers';
import { DEMO_KEYS } from './keys';
import { startSimulator, type RunningSimulator } from './server';

/**
 * End to end: every flow signed by lib/aster + lib/signers and checked by the simulator, whose verification
 * shares no code with them. A format drift on either side fails here.
 */

const k = DEMO_KEYS;
const evm = (key: `0x${string}`) => createEvmSigner(hexToBytes(key));
const sol = (seed: string) => createSolanaSigner(hexToBytes(`0x${seed}`));
const master = evm(k.evmMaster.privateKey);
const grid = evm(k.evmSubGrid.privateKey);
const hedge = evm(k.evmSubHedge.privateKey);
const loss = evm(k.evmLossMaster.privateKey);
const masterAgent = evm(k.evmMasterAgent.privateKey);
const lossAgent = evm(k.evmLossAgent.privateKey);
const subAgent = evm(k.evmSubAgent.privateKey);
const solAgent = evm(k.solanaMasterAgent.privateKey);
const spare1 = evm(k.evmSpare1.privateKey);
const spare2 = evm(k.evmSpare2.privateKey);
const solMaster = sol(k.solanaMaster.seed);
const solSub = sol(k.solanaSub.seed);
const solSpare = sol(k.solanaSpare.seed);

let sim: RunningSimulator;
let client: AsterClient;
let nonces: NonceManager;

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.engine.reset();
  client = new AsterClient({ hosts: simulatorHosts(sim.url), sleep: async () => {} });
  nonces = new NonceManager({ store: new MemoryNonceStore() });
});

const n = (signer: Signer) => nonces.next(signer.address);
const balance = (address: string, asset: string, wallet: 'futures' | 'spot' = 'futures') =>
  sim.engine.account(address)![wallet][asset];

async function refusal(promise: Promise<unknown>): Promise<AsterApiError> {
  const error = await promise.then(
    () => expect.unreachable('Aster should have refused'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AsterApiError);
  return error as AsterApiError;
}

async function transfer(
  wallet: Signer,
  agentAddress: string,
  to: string,
  amount: string,
  extra: { fromAccountAddress?: string; kindType?: TransferKindType; asset?: string } = {},
) {
  const request = await signedSubAccountTransfer(
    wallet,
    {
      toAccountAddress: to,
      asset: extra.asset ?? 'USDT',
      amount,
      kindType: extra.kindType ?? 'FUTURE_FUTURE',
      nonce: await n(wallet),
      signer: agentAddress,
      ...(extra.fromAccountAddress ? { fromAccountAddress: extra.fromAccountAddress } : {}),
    },
    'mainnet',
  );
  return { request, send: () => client.sendSigned<{ tranId: string; status: string }>(request) };
}

/** `user`'s futures income ledger (transfers only), read with its agent, as the companion parses it. */
const incomeLedger = async (agent: Signer, user: string, params: Record<string, string | number> = {}) =>
  parseIncomeLedger(
    await client.sendSigned(
      await signedAgentRequest(
        agent,
        ENDPOINTS.income,
        { incomeType: 'TRANSFER', ...params },
        { nonce: await n(agent), user },
        'mainnet',
      ),
    ),
  );

describe('sub-accounts', () => {
  it('creates an EVM sub-account (child signature, then master) and lists it', async () => {
    const request = await signedCreateSubAccount(
      { master, child: spare1 },
      { subAccountName: 'Grid03', nonce: await n(master), signer: masterAgent.address },
      'mainnet',
    );
    await expect(client.sendSigned(request)).resolves.toMatchObject({
      subAccountName: 'Grid03',
      subSourceAddr: spare1.address,
    });
    const list = await client.sendSigned<unknown>(
      await signedAgentRequest(
        masterAgent,
        ENDPOINTS.getSubAccountList,
        {},
        { nonce: await n(masterAgent), user: master.address },
        'mainnet',
      ),
    );
    expect(parseSubAccountList(list).subAccounts.map((s) => [s.name, s.address])).toEqual([
      ['Grid01', DEMO_KEYS.evmSubGrid.address],
      ['Hedge02', DEMO_KEYS.evmSubHedge.address],
      ['Grid03', spare1.address],
    ]);
  });

  it('creates a Solana sub-account (Ed25519 bodies, EVM agent in signer)', async () => {
    const request = await signedCreateSubAccount(
      { master: solMaster, child: solSpare },
      { subAccountName: 'SolGrid2', nonce: await n(solMaster), signer: solAgent.address },
      'mainnet',
    );
    await client.sendSigned(request);
    expect(sim.engine.account(solSpare.address)).toMatchObject({
      role: 'sub',
      kind: 'solana',
      parent: solMaster.address,
    });
  });

  it('refuses: VIP below 2, a bad name, nesting, a tampered body', async () => {
    const lowVip = await signedCreateSubAccount(
      { master: loss, child: spare1 },
      { subAccountName: 'LossSub1', nonce: await n(loss), signer: lossAgent.address },
      'mainnet',
    );
    expect((await refusal(client.sendSigned(lowVip))).message).toMatch(/VIP 2/);
    const badName = await signedCreateSubAccount(
      { master, child: spare1 },
      { subAccountName: 'Grid_03', nonce: await n(master), signer: masterAgent.address },
      'mainnet',
    );
    expect((await refusal(client.sendSigned(badName))).message).toMatch(/letters and digits/);
    const nested = await signedCreateSubAccount(
      { master: grid, child: spare2 },
      { subAccountName: 'Nested01', nonce: await n(grid), signer: subAgent.address },
      'mainnet',
    );
    expect((await refusal(client.sendSigned(nested))).message).toMatch(/nesting/);
    const good = await signedCreateSubAccount(
      { master, child: spare1 },
      { subAccountName: 'Grid03', nonce: await n(master), signer: masterAgent.address },
      'mainnet',
    );
    const tampered = { ...good, body: good.body.replace('Grid03', 'Grid04') };
    expect((await refusal(client.sendSigned(tampered))).code).toBe(-1022);
  });

  it('binds an existing wallet as a sub-account (whitelisted master)', async () => {
    await client.sendSigned(
      await signedBindSubAccount(
        { master, child: spare2 },
        { name: 'Bound01', nonce: await n(master) },
        'mainnet',
      ),
    );
    expect(sim.engine.account(spare2.address)).toMatchObject({ role: 'sub', name: 'Bound01' });
  });

  it('renames, freezes (then a transfer is refused) and unfreezes', async () => {
    const update = async (change: { status?: 'NORMAL' | 'FROZEN'; subAccountName?: string }) =>
      client.sendSigned(
        await signedUpdateSubAccount(
          master,
          { subSourceAddr: hedge.address, nonce: await n(master), signer: masterAgent.address, ...change },
          'mainnet',
        ),
      );
    await update({ subAccountName: 'HedgeRenamed2' });
    await update({ status: 'FROZEN' });
    expect(sim.engine.account(hedge.address)).toMatchObject({ name: 'HedgeRenamed2', status: 'FROZEN' });
    const refused = await refusal((await transfer(master, masterAgent.address, hedge.address, '10')).send());
    expect(refused.message).toMatch(/frozen/);
    expect(balance(hedge.address, 'USDT')).toBe('250');
    await update({ status: 'NORMAL' });
    await (await transfer(master, masterAgent.address, hedge.address, '10')).send();
    expect(balance(hedge.address, 'USDT')).toBe('260');
  });
});

describe('transfers in every scenario', () => {
  it('master → sub, sub → master, sub → sub via master, sub → sub by the source sub', async () => {
    const scenarios = [
      ['master-to-sub', master, masterAgent, master.address, grid.address],
      ['sub-to-master', grid, subAgent, grid.address, master.address],
      ['sub-to-sub-via-master', master, masterAgent, grid.address, hedge.address],
      ['sub-to-sub-by-source', grid, subAgent, grid.address, hedge.address],
    ] as const;
    for (const [scenario, wallet, agent, from, to] of scenarios) {
      const parties = transferParties(scenario, { master: master.address, from, to });
      expect(parties.user).toBe(wallet.address);
      const { send } = await transfer(
        wallet,
        agent.address,
        to,
        '1.5',
        parties.fromAccountAddress ? { fromAccountAddress: parties.fromAccountAddress } : {},
      );
      await expect(send(), scenario).resolves.toMatchObject({ status: 'SUCCESS' });
    }
    expect(balance(master.address, 'USDT')).toBe('10000');
    expect(balance(grid.address, 'USDT')).toBe('497');
    expect(balance(hedge.address, 'USDT')).toBe('253');
  });

  it('Solana: master → sub and sub → master, Ed25519-signed', async () => {
    await (await transfer(solMaster, solAgent.address, solSub.address, '40')).send();
    await (
      await transfer(solSub, solSub.address, solMaster.address, '15.5', { kindType: 'FUTURE_SPOT' })
    ).send();
    expect(balance(solSub.address, 'USDT')).toBe('124.5');
    expect(balance(solMaster.address, 'USDT', 'spot')).toBe('15.5');
  });

  it('between wallets (kindType) and perp ↔ spot inside one account, clientTranId unique', async () => {
    await (
      await transfer(master, masterAgent.address, grid.address, '100', { kindType: 'SPOT_SPOT' })
    ).send();
    expect(balance(master.address, 'USDT', 'spot')).toBe('1400');
    expect(balance(grid.address, 'USDT', 'spot')).toBe('100');
    const clientTranId = newClientTranId();
    const move = async () =>
      signAgentRequest(
        masterAgent,
        walletTransferMessage({
          amount: '50',
          asset: 'USDT',
          clientTranId,
          kindType: 'FUTURE_SPOT',
          nonce: await n(masterAgent),
          user: master.address,
          signer: masterAgent.address,
        }),
        'mainnet',
      );
    await client.sendSigned(await move());
    expect(balance(master.address, 'USDT', 'spot')).toBe('1450');
    expect((await refusal(client.sendSigned(await move()))).code).toBe(-4115);
  });

  it('refuses transfers outside the family and above the withdrawable balance', async () => {
    expect(
      (await refusal((await transfer(master, masterAgent.address, loss.address, '1')).send())).message,
    ).toMatch(/one master account/);
    expect(
      (await refusal((await transfer(grid, subAgent.address, master.address, '500.01')).send())).message,
    ).toMatch(/Insufficient balance/);
  });
});

describe('API wallets', () => {
  const approve = async (wallet: Signer, agent: Signer, canWithdraw: boolean, ipWhitelist?: string[]) =>
    client.sendSigned(
      await signedRegisterAndApproveAgent(
        wallet,
        {
          nonce: await n(wallet),
          agentName: 'newbot',
          agentAddress: agent.address,
          expired: Date.now() + 86_400_000,
          canSpotTrade: true,
          canPerpTrade: true,
          canWithdraw,
          ...(ipWhitelist ? { ipWhitelist } : {}),
        },
        'mainnet',
      ),
    );

  it('approves an agent for a master (withdraw + IPs) and the agent can then sign', async () => {
    await approve(master, spare1, true, ['127.0.0.1', '::1']);
    const account = await client.sendSigned<{ accountId: number }>(
      await signedAgentRequest(
        spare1,
        ENDPOINTS.futuresAccount,
        {},
        { nonce: await n(spare1), user: master.address },
        'mainnet',
      ),
    );
    expect(account.accountId).toBe(1001);
  });

  it('a sub-account agent: without withdrawal ok, with withdrawal -2015', async () => {
    await approve(grid, spare1, false);
    expect(sim.engine.account(grid.address)!.agents.map((a) => a.address)).toContain(spare1.address);
    const refused = await refusal(approve(grid, spare2, true, ['127.0.0.1']));
    expect(refused.code).toBe(-2015);
    expect(refused.serverMessage).toMatch(/permanently disabled/);
  });

  it('a Solana master approves an EVM agent with signatureChainId=101', async () => {
    await approve(solMaster, spare2, false);
    expect(sim.engine.account(solMaster.address)!.agents.map((a) => a.address)).toContain(spare2.address);
  });

  it('the UNCERTAIN encoding must match the server: percent vs raw', async () => {
    const percentSim = await startSimulator({ signedEncoding: 'percent' });
    try {
      const c = new AsterClient({ hosts: simulatorHosts(percentSim.url) });
      const send = async (settings: AsterEncodingSettings) =>
        c.sendSigned(
          await signedRegisterAndApproveAgent(
            master,
            {
              nonce: await n(master),
              agentName: 'bot',
              agentAddress: spare1.address,
              expired: Date.now() + 86_400_000,
              canSpotTrade: true,
              canPerpTrade: true,
              canWithdraw: true,
              ipWhitelist: ['127.0.0.1', '::1'],
            },
            'mainnet',
            settings,
          ),
        );
      expect((await refusal(send(asterSettings()))).code).toBe(-1022);
      await expect(send(asterSettings({ signedValueEncoding: 'percent' }))).resolves.toMatchObject({
        msg: 'success',
      });
    } finally {
      await percentSim.close();
    }
  });
});

describe('withdrawals', () => {
  it('EVM withdrawal from the master: Action signed by the wallet, request by the agent', async () => {
    const request = await signedEvmWithdrawal(
      { wallet: master, agent: masterAgent },
      {
        chainId: 56,
        receiver: master.address,
        asset: 'USDT',
        amount: '100',
        fee: '0.5',
        userNonce: await nonces.nextUserNonce(master.address),
        nonce: await n(masterAgent),
      },
      'mainnet',
    );
    await expect(client.sendSigned(request)).resolves.toMatchObject({ withdrawId: expect.any(String) });
    expect(balance(master.address, 'USDT')).toBe('9899.5');
    const tampered = {
      ...request,
      body: request.body.replace('receiver=0x', 'receiver=0x').replace(/amount=100/, 'amount=1000'),
    };
    expect((await refusal(client.sendSigned(tampered))).code).toBe(-1022);
  });

  it('spot withdrawal debits the spot wallet', async () => {
    await client.sendSigned(
      await signedEvmWithdrawal(
        { wallet: master, agent: masterAgent },
        {
          chainId: 1,
          receiver: master.address,
          asset: 'USDT',
          amount: '10',
          fee: '2',
          userNonce: await nonces.nextUserNonce(master.address),
          nonce: await n(masterAgent),
          wallet: 'spot',
        },
        'mainnet',
      ),
    );
    expect(balance(master.address, 'USDT', 'spot')).toBe('1488');
  });

  it('Solana withdrawal with trailing zeros', async () => {
    await client.sendSigned(
      await signedSolanaWithdrawal(
        { wallet: solMaster, agent: solAgent },
        {
          receiver: solMaster.address,
          asset: 'USDT',
          amount: '1.20',
          fee: '0.60',
          userNonce: await nonces.nextUserNonce(solMaster.address),
          nonce: await n(solAgent),
        },
        'mainnet',
      ),
    );
    expect(balance(solMaster.address, 'USDT')).toBe('1998.2');
  });

  it('a sub-account can never withdraw, even signing for itself', async () => {
    const request = await signedEvmWithdrawal(
      { wallet: grid, agent: grid },
      {
        chainId: 56,
        receiver: grid.address,
        asset: 'USDT',
        amount: '1',
        fee: '0.5',
        userNonce: await nonces.nextUserNonce(grid.address),
        nonce: await n(grid),
      },
      'mainnet',
    );
    const refused = await refusal(client.sendSigned(request));
    expect(refused.code).toBe(-2015);
    expect(refused.serverMessage).toMatch(/Sub-accounts cannot withdraw/);
  });

  const lossWithdraw = async () =>
    client.sendSigned(
      await signedEvmWithdrawal(
        { wallet: loss, agent: lossAgent },
        {
          chainId: 56,
          receiver: loss.address,
          asset: 'BNB',
          amount: '0.1',
          fee: '0.5',
          userNonce: await nonces.nextUserNonce(loss.address),
          nonce: await n(lossAgent),
        },
        'mainnet',
      ),
    );
  const assetExchange = async () =>
    client.sendSigned<{ conversions: unknown[] }>(
      await signedAgentRequest(
        lossAgent,
        ENDPOINTS.assetExchange,
        {},
        { nonce: await n(lossAgent), user: loss.address },
        'mainnet',
      ),
    );

  it('a negative balance blocks the withdrawal until Rebalance (assetExchange, auto-conversion)', async () => {
    expect((await refusal(lossWithdraw())).message).toMatch(/rebalance first/);
    const rebalance = await assetExchange();
    expect(rebalance.conversions).toHaveLength(1);
    expect(balance(loss.address, 'USDT')).toBe('0');
    // 42.5 USDT at 600 USDT/BNB = 0.0708333… BNB, rounded up so the debt is fully covered.
    expect(balance(loss.address, 'BNB')).toBe('1.129166666666666666');
    const conversion = sim.engine.state.history.at(-1)!;
    expect(conversion).toMatchObject({
      type: 'AUTO_CONVERSION',
      label: 'auto-conversion',
      asset: 'USDT',
      amount: '42.5',
      kindType: 'BNB->USDT',
    });
    await expect(lossWithdraw()).resolves.toMatchObject({ withdrawId: expect.any(String) });
  });

  it('without the assetExchange variant the endpoint is unknown (404) and nothing is converted', async () => {
    sim.engine.variant = { ...sim.engine.variant, assetExchange: false };
    const refused = await refusal(assetExchange());
    expect(refused.httpStatus).toBe(404);
    expect(refused.serverMessage).toMatch(/No such endpoint: POST \/fapi\/v3\/assetExchange/);
    expect(balance(loss.address, 'USDT')).toBe('-42.5');
    expect(balance(loss.address, 'BNB')).toBe('1.2');
    expect((await refusal(lossWithdraw())).message).toMatch(/rebalance first/);
  });

  it('the old stand-in path /fapi/v3/asset/rebalance is gone', async () => {
    const refused = await refusal(
      client.sendSigned(
        await signedAgentRequest(
          lossAgent,
          { method: 'POST', path: '/fapi/v3/asset/rebalance' },
          {},
          { nonce: await n(lossAgent), user: loss.address },
          'mainnet',
        ),
      ),
    );
    expect(refused.httpStatus).toBe(404);
    expect(balance(loss.address, 'USDT')).toBe('-42.5');
  });

  it('Rebalance that the other assets cannot cover changes nothing and names the deposit needed', async () => {
    sim.engine.account(loss.address)!.futures = { USDT: '-42.5', BNB: '0.05' };
    const refused = await refusal(assetExchange());
    expect(refused.code).toBe(-5010);
    // 0.05 BNB covers 30 USDT: 12.5 USDT remain to deposit.
    expect(refused.serverMessage).toMatch(/deposit 12\.5 USDT/);
    expect(sim.engine.account(loss.address)!.futures).toEqual({ USDT: '-42.5', BNB: '0.05' });
    expect(sim.engine.state.history.filter((h) => h.type === 'AUTO_CONVERSION')).toHaveLength(0);
  });

  it('a balance with nothing negative converts nothing', async () => {
    sim.engine.account(loss.address)!.futures = { USDT: '10', BNB: '1.2' };
    expect((await assetExchange()).conversions).toEqual([]);
    expect(sim.engine.account(loss.address)!.futures).toEqual({ USDT: '10', BNB: '1.2' });
  });
});

describe('login', () => {
  for (const [label, wallet] of [
    ['EVM', master],
    ['Solana', solMaster],
  ] as const)
    it(`${label}: get-nonce, sign the exact text, log in`, async () => {
      const { nonce } = await client.postJson<{ nonce: string }>(ENDPOINTS.loginNonce, {
        sourceAddr: wallet.address,
        type: 'LOGIN',
        ...(wallet.kind === 'solana' ? { network: 'SOL' } : {}),
      });
      expect(`You are signing into Astherus ${nonce}`).toMatch(LOGIN_TEXT_PATTERN);
      const signature = await signLogin(wallet, nonce);
      const session = await client.postJson<{ token: string; uid: number }>(
        ENDPOINTS.login,
        { signature, sourceAddr: wallet.address, chainId: wallet.kind === 'evm' ? 56 : 101 },
        { clientType: 'web' },
      );
      expect(session.token).toMatch(/^[0-9a-f]{48}$/);
      // The same signature again: the nonce was single-use.
      await refusal(
        client.postJson(
          ENDPOINTS.login,
          { signature, sourceAddr: wallet.address, chainId: 56 },
          { clientType: 'web' },
        ),
      );
    });

  it('a signature by another key is refused', async () => {
    const { nonce } = await client.postJson<{ nonce: string }>(ENDPOINTS.loginNonce, {
      sourceAddr: master.address,
      type: 'LOGIN',
    });
    expect(
      (
        await refusal(
          client.postJson(
            ENDPOINTS.login,
            { signature: await signLogin(grid, nonce), sourceAddr: master.address, chainId: 56 },
            { clientType: 'web' },
          ),
        )
      ).code,
    ).toBe(-1000);
  });
});

describe('signatures, nonces and unknown outcomes', () => {
  it('-4225 on a replayed request; -1021 ahead of the ±60 s window, -4225 behind it', async () => {
    const { request, send } = await transfer(master, masterAgent.address, grid.address, '1');
    await send();
    const replay = await refusal(client.sendSigned(request));
    expect(replay.code).toBe(-4225);
    expect(replay.message).toMatch(/nonce was already used/);
    for (const [skewMs, code] of [
      [90_000, -1021],
      [-90_000, -4225],
    ] as const) {
      const skewed = new NonceManager({
        store: new MemoryNonceStore(),
        now: () => (Date.now() + skewMs) * 1000,
      });
      const late = await signedSubAccountTransfer(
        master,
        {
          toAccountAddress: grid.address,
          asset: 'USDT',
          amount: '1',
          kindType: 'FUTURE_FUTURE',
          nonce: await skewed.next(master.address),
          signer: masterAgent.address,
        },
        'mainnet',
      );
      expect((await refusal(client.sendSigned(late))).code).toBe(code);
    }
    expect(balance(grid.address, 'USDT')).toBe('501');
  });

  it('-1022 on a tampered signature', async () => {
    const { request } = await transfer(master, masterAgent.address, grid.address, '1');
    const flipped =
      request.signature.slice(0, 10) +
      (request.signature[10] === 'a' ? 'b' : 'a') +
      request.signature.slice(11);
    const error = await refusal(client.sendSigned({ ...request, body: formBody(request.fields, flipped) }));
    expect(error.code).toBe(-1022);
    expect(error.message).toMatch(/signed by another key or changed after signing/);
  });

  it("503 after execution: outcome unknown, never resent; both sides' income ledgers show it, signed", async () => {
    sim.addFault({ path: ENDPOINTS.subAccountTransfer.path, mode: '503-after' });
    const sentAt = Date.now();
    const { send } = await transfer(master, masterAgent.address, grid.address, '7');
    const error = await send().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AsterOutcomeUnknownError);
    expect(balance(grid.address, 'USDT')).toBe('507');
    const window = settleWindow(sentAt);
    const range = { startTime: window.start, endTime: window.end, limit: 1000 };
    const source = await incomeLedger(masterAgent, master.address, range);
    const expectation = { asset: 'USDT', types: ['TRANSFER'], window, claimed: new Set<string>() };
    const found = matchLedger(source, { ...expectation, amount: '-7' }, 'transfers', {
      readAt: Date.now(),
      limit: 1000,
    });
    expect(found).toMatchObject({ status: 'found', entry: { amount: '-7.00000000', type: 'TRANSFER' } });
    // The ledger's id is the transfer's; a wrong sign (money arriving) is not this transfer.
    expect(
      matchLedger(source, { ...expectation, amount: '7' }, 'transfers', { readAt: 0, limit: 1000 }),
    ).toMatchObject({ status: 'unknown' });
  });

  it('503 before execution: nothing in the ledger, and not "absent" before the window closes', async () => {
    sim.addFault({ path: ENDPOINTS.subAccountTransfer.path, mode: '503-before' });
    const sentAt = Date.now();
    const { send } = await transfer(master, masterAgent.address, grid.address, '7');
    await expect(send()).rejects.toBeInstanceOf(AsterOutcomeUnknownError);
    const window = settleWindow(sentAt);
    const ledger = await incomeLedger(masterAgent, master.address, {
      startTime: window.start,
      endTime: window.end,
    });
    const expectation = {
      asset: 'USDT',
      amount: '-7',
      types: ['TRANSFER'],
      window,
      claimed: new Set<string>(),
    };
    expect(matchLedger(ledger, expectation, 'transfers', { readAt: Date.now(), limit: 1000 })).toMatchObject({
      status: 'unknown',
      reason: expect.stringMatching(/can only prove it absent from/),
    });
    expect(matchLedger(ledger, expectation, 'transfers', { readAt: window.closesAt, limit: 1000 })).toEqual({
      status: 'absent',
    });
    expect(balance(grid.address, 'USDT')).toBe('500');
  });

  it('a slow answer times out as outcome unknown; 429 on a read is retried', async () => {
    sim.addFault({ path: ENDPOINTS.subAccountTransfer.path, mode: 'slow', delayMs: 400 });
    const hasty = new AsterClient({ hosts: simulatorHosts(sim.url), timeoutMs: 100 });
    const { request } = await transfer(master, masterAgent.address, grid.address, '2');
    await expect(hasty.sendSigned(request)).rejects.toMatchObject({ reason: 'timeout' });
    sim.addFault({ path: ENDPOINTS.futuresAccount.path, mode: '429', retryAfterSeconds: 0, times: 2 });
    await expect(
      client.sendSigned(
        await signedAgentRequest(
          masterAgent,
          ENDPOINTS.futuresAccount,
          {},
          { nonce: await n(masterAgent), user: master.address },
          'mainnet',
        ),
      ),
    ).resolves.toMatchObject({ accountId: 1001 });
  });

  it('frozen sub-account orders: reduce-only in one-way mode, closing in hedge mode', async () => {
    for (const sub of [grid, hedge])
      await client.sendSigned(
        await signedUpdateSubAccount(
          master,
          {
            subSourceAddr: sub.address,
            nonce: await n(master),
            signer: masterAgent.address,
            status: 'FROZEN',
          },
          'mainnet',
        ),
      );
    const order = async (agent: Signer, user: string, params: Record<string, string | boolean>) =>
      client.sendSigned(
        await signedAgentRequest(
          agent,
          ENDPOINTS.order,
          { symbol: 'BTCUSDT', type: 'MARKET', quantity: '0.01', ...params },
          { nonce: await n(agent), user },
          'mainnet',
        ),
      );
    expect((await refusal(order(subAgent, grid.address, { side: 'BUY' }))).code).toBe(-4087);
    await expect(order(subAgent, grid.address, { side: 'SELL', reduceOnly: true })).resolves.toMatchObject({
      status: 'NEW',
    });
    // Hedge02 has no agent: approve one (no withdrawal) first.
    await client.sendSigned(
      await signedRegisterAndApproveAgent(
        hedge,
        {
          nonce: await n(hedge),
          agentName: 'hedgebot',
          agentAddress: spare2.address,
          expired: Date.now() + 3_600_000,
          canSpotTrade: false,
          canPerpTrade: true,
          canWithdraw: false,
        },
        'mainnet',
      ),
    );
    expect((await refusal(order(spare2, hedge.address, { side: 'BUY', positionSide: 'LONG' }))).code).toBe(
      -4088,
    );
    await expect(order(spare2, hedge.address, { side: 'SELL', positionSide: 'LONG' })).resolves.toMatchObject(
      { status: 'NEW' },
    );
  });
});

describe('property: what the library signs is accepted; any one-character change is not', () => {
  it('random transfers', async () => {
    let seed = 20261122;
    const random = (m: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % m);
    const assets = ['USDT', 'ASTER', 'BNB'];
    const kinds: TransferKindType[] = ['FUTURE_FUTURE', 'FUTURE_SPOT'];
    for (let i = 0; i < 12; i++) {
      const asset = assets[random(assets.length)]!;
      const amount = `${random(2)}.${String(random(1000)).padStart(3, '0')}1`;
      const { request } = await transfer(master, masterAgent.address, grid.address, amount, {
        asset,
        kindType: kinds[random(2)]!,
      });
      // One character of each signed value in turn (same character class, so the body stays well-formed).
      for (const [index, [name, value]] of request.fields.entries()) {
        if (value === undefined) continue;
        const at = random(value!.length);
        const c = value![at]!;
        const swapped = /\d/.test(c)
          ? String((Number(c) + 1) % 10)
          : /[a-yA-Y]/.test(c)
            ? String.fromCharCode(c.charCodeAt(0) + 1)
            : c === 'z'
              ? 'a'
              : c === 'Z'
                ? 'A'
                : c === '_'
                  ? '-'
                  : '_';
        const mutated = request.fields.map(([f, v], j): [string, string | undefined] => [
          f,
          j === index ? v!.slice(0, at) + swapped + v!.slice(at + 1) : v,
        ]);
        const forged = await refusal(
          client.sendSigned({ ...request, body: formBody(mutated, request.signature) }),
        );
        expect(forged.code, `${name}: ${value} → ${mutated[index]![1]}`).toBe(-1022);
      }
      await expect(client.sendSigned(request)).resolves.toMatchObject({ status: 'SUCCESS' });
      expect((await refusal(client.sendSigned(request))).code).toBe(-4225);
    }
  });
});
