import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CODES } from './errors';
import { DEMO_KEYS } from './keys';
import { HTML_500_BODY, startSimulator, type RunningSimulator } from './server';
import { signedFieldsProblem } from './signed-fields';
import { demoStateFile } from './state';

/**
 * The simulator's clock (GET /fapi/v3/time, the ±60 s window per signer, -1021 ahead), the -5050 gate of a
 * master that never deposited, signatures with or without `0x`, and the HTML 500 fault. Requests are signed
 * here with viem directly, independently of lib/aster.
 */

const k = DEMO_KEYS;
const master = privateKeyToAccount(k.evmMaster.privateKey);
const agent = privateKeyToAccount(k.evmMasterAgent.privateKey);
const lossAgent = privateKeyToAccount(k.evmLossAgent.privateKey);
const ZERO = '0x0000000000000000000000000000000000000000';

let sim: RunningSimulator;
let now = Date.UTC(2026, 11, 1, 12, 0, 0);
beforeAll(async () => {
  sim = await startSimulator({ now: () => now });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.engine.reset();
  now += 120_000;
});

let counter = 0;
const nonceAt = (offsetMs = 0) => String((now + offsetMs) * 1000 + ++counter);

const sign = (signer: typeof agent, msg: string) =>
  signer.signTypedData({
    domain: { name: 'AsterSignTransaction', version: '1', chainId: 1666, verifyingContract: ZERO },
    types: { Message: [{ name: 'msg', type: 'string' }] },
    primaryType: 'Message',
    message: { msg },
  });

async function signedGet(path: string, msg: string, signer = agent, strip0x = false) {
  const signature = await sign(signer, msg);
  const response = await fetch(
    `${sim.url}${path}?${msg}&signature=${strip0x ? signature.slice(2) : signature}`,
  );
  return { status: response.status, body: (await response.json()) as { code?: number; msg?: string } };
}

const control = (path: string, body: unknown) =>
  fetch(`${sim.url}/__sim/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const accountRead = (offsetMs = 0, user = master.address, signer = agent) =>
  signedGet('/fapi/v3/account', `nonce=${nonceAt(offsetMs)}&user=${user}&signer=${signer.address}`, signer);

describe('server time', () => {
  it('GET /fapi/v3/time answers {serverTime} in ms, unsigned, and follows POST /__sim/clock', async () => {
    const first = await fetch(`${sim.url}/fapi/v3/time`);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ serverTime: now });
    await control('clock', { offsetMs: 120_000 });
    expect(await (await fetch(`${sim.url}/fapi/v3/time`)).json()).toEqual({ serverTime: now + 120_000 });
  });
});

describe('nonce window (±60 s, per signer)', () => {
  it('a nonce ahead beyond the window is -1021 in Aster words, behind it -4225, both recorded', async () => {
    const ahead = await accountRead(61_000);
    expect(ahead.body.code).toBe(CODES.invalidTimestamp);
    expect(ahead.body.msg).toMatch(/^Timestamp for this request was 6\d{4}ms ahead of the server's time\.$/);
    const behind = await accountRead(-61_000);
    expect(behind.body).toEqual({ code: CODES.nonceExpired, msg: 'Nonce Expired' });
    const state = (await (await fetch(`${sim.url}/__sim/state`)).json()) as {
      nonceRefusals: { reason: string }[];
    };
    expect(state.nonceRefusals.map((r) => r.reason)).toEqual(['ahead', 'window']);
  });

  it('a skewed server clock moves the window: what was in it is refused, the corrected nonce passes', async () => {
    await control('clock', { offsetMs: -120_000 });
    expect((await accountRead()).body.code).toBe(CODES.invalidTimestamp);
    expect((await accountRead(-120_000)).status).toBe(200);
    await control('clock', { offsetMs: 120_000 });
    expect((await accountRead()).body.code).toBe(CODES.nonceExpired);
    expect((await accountRead(120_000)).status).toBe(200);
  });

  it('nonces are kept per signer: the same value from two signers both pass, a repeat by one fails', async () => {
    const n = nonceAt();
    const one = await signedGet(
      '/fapi/v3/account',
      `nonce=${n}&user=${master.address}&signer=${agent.address}`,
    );
    expect(one.status).toBe(200);
    const other = await signedGet(
      '/fapi/v3/account',
      `nonce=${n}&user=${k.evmLossMaster.address}&signer=${lossAgent.address}`,
      lossAgent,
    );
    expect(other.status).toBe(200);
    const repeat = await signedGet(
      '/fapi/v3/account',
      `nonce=${n}&user=${master.address}&signer=${agent.address}`,
    );
    expect(repeat.body.code).toBe(CODES.nonceExpired);
  });
});

describe('signature hex', () => {
  it('is accepted with or without 0x, and still verified without it', async () => {
    const msg = `nonce=${nonceAt()}&user=${master.address}&signer=${agent.address}`;
    expect((await signedGet('/fapi/v3/account', msg, agent, true)).status).toBe(200);
    const forged = `nonce=${nonceAt()}&user=${master.address}&signer=${agent.address}`;
    const byOther = await sign(lossAgent, forged);
    const response = await fetch(`${sim.url}/fapi/v3/account?${forged}&signature=${byOther.slice(2)}`);
    expect(((await response.json()) as { code: number }).code).toBe(CODES.invalidSignature);
  });
});

describe('the -5050 gate of a master that never deposited', () => {
  it('refuses its agent-signed reads and those of its subs, not the agent endpoints; a deposit lifts it', async () => {
    expect((await control('deposited', { address: master.address, deposited: false })).status).toBe(200);
    const read = await accountRead();
    expect(read.body).toEqual({ code: -5050, msg: 'This function can only be used after deposit' });
    const subAgent = privateKeyToAccount(k.evmSubAgent.privateKey);
    const sub = await accountRead(0, k.evmSubGrid.address, subAgent);
    expect(sub.body.code).toBe(-5050);
    // Another master is not affected.
    expect((await accountRead(0, k.evmLossMaster.address, lossAgent)).status).toBe(200);
    // Never counted as a nonce refusal, and the gate never touches a balance.
    const state = (await (await fetch(`${sim.url}/__sim/state`)).json()) as { nonceRefusals: unknown[] };
    expect(state.nonceRefusals).toEqual([]);
    await control('deposit', { address: master.address, asset: 'USDT', amount: '1' });
    expect((await accountRead()).status).toBe(200);
  });

  it('the control takes masters only, and reset restores the demo (everyone deposited)', async () => {
    expect((await control('deposited', { address: k.evmSubGrid.address, deposited: false })).status).toBe(
      400,
    );
    expect((await control('deposited', { address: master.address })).status).toBe(400);
    await control('deposited', { address: master.address, deposited: false });
    sim.engine.reset();
    expect((await accountRead()).status).toBe(200);
  });

  it('a state file can start a master as never deposited', () => {
    sim.engine.reset({
      accounts: [{ address: master.address, kind: 'evm', role: 'master', deposited: false }],
    });
    expect(sim.engine.account(master.address)?.deposited).toBe(false);
    sim.engine.reset({ accounts: [{ address: master.address, kind: 'evm', role: 'master' }] });
    expect(sim.engine.account(master.address)?.deposited).toBeUndefined();
    sim.engine.reset(demoStateFile()); // later tests start from the demo again
  });
});

describe('html-500 faults', () => {
  it('html-500 answers an HTML page with HTTP 500 without executing; -after executes first', async () => {
    await control('faults', { path: '/fapi/v3/account', mode: 'html-500' });
    const msg = `nonce=${nonceAt()}&user=${master.address}&signer=${agent.address}`;
    const url = `${sim.url}/fapi/v3/account?${msg}&signature=${await sign(agent, msg)}`;
    const page = await fetch(url);
    expect(page.status).toBe(500);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toBe(HTML_500_BODY);
    expect((await fetch(url)).status).toBe(200); // not executed: its nonce was free

    await control('faults', { path: '/fapi/v3/account', mode: 'html-500-after' });
    const msg2 = `nonce=${nonceAt()}&user=${master.address}&signer=${agent.address}`;
    const url2 = `${sim.url}/fapi/v3/account?${msg2}&signature=${await sign(agent, msg2)}`;
    expect((await fetch(url2)).status).toBe(500);
    expect(((await (await fetch(url2)).json()) as { code: number }).code).toBe(CODES.nonceExpired);
  });
});

describe('withdrawal signatureType', () => {
  it('EVM withdrawals may carry it, Solana ones may not (a field the endpoint does not read)', () => {
    const body = (extra: string) =>
      new URLSearchParams(
        `chainId=56&asset=USDT&amount=1&fee=0.5&receiver=${master.address}&userNonce=1&userSignature=0x1` +
          `${extra}&nonce=1&user=${master.address}&signer=${agent.address}&signature=0x1`,
      );
    expect(
      signedFieldsProblem('POST /fapi/v3/aster/user-withdraw', body('&signatureType=EOA')),
    ).toBeUndefined();
    expect(
      signedFieldsProblem('POST /api/v3/aster/user-withdraw', body('&signatureType=EOA')),
    ).toBeUndefined();
    expect(signedFieldsProblem('POST /fapi/v3/aster/user-withdraw', body(''))).toBeUndefined();
    expect(
      signedFieldsProblem('POST /fapi/v3/aster/user-solana-withdraw', body('&signatureType=EOA')),
    ).toMatchObject({ code: 'extra' });
  });
});
