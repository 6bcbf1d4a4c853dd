import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bs58 from 'bs58';
import nacl from 'tweetnacl';
import { hexToBytes } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { toUnits, fromUnits } from './decimal';
import { CODES } from './errors';
import { DEMO_KEYS } from './keys';
import { startSimulator, type RunningSimulator } from './server';
import { demoStateFile, loadStateFile, normaliseState, StateFileError } from './state';

/**
 * The simulator on its own: requests are signed here with viem and tweetnacl directly (not lib/aster), so
 * these tests pin the simulator to the published formats independently of the library.
 */

const k = DEMO_KEYS;
const master = privateKeyToAccount(k.evmMaster.privateKey);
const agent = privateKeyToAccount(k.evmMasterAgent.privateKey);
const solPair = nacl.sign.keyPair.fromSeed(hexToBytes(`0x${k.solanaMaster.seed}`));
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

const message = (msg: string, chainId = 1666) =>
  ({
    domain: { name: 'AsterSignTransaction', version: '1', chainId, verifyingContract: ZERO },
    types: { Message: [{ name: 'msg', type: 'string' }] },
    primaryType: 'Message',
    message: { msg },
  }) as const;

let counter = 0;
const nonce = () => String(now * 1000 + ++counter);

async function post(path: string, msg: string, signature: string) {
  const response = await fetch(`${sim.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `${new URLSearchParams(msg.split('&').map((p) => p.split('=') as [string, string])).toString()}&signature=${signature}`,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function agentGet(path: string, msg: string) {
  const signature = await agent.signTypedData(message(msg));
  const response = await fetch(`${sim.url}${path}?${msg}&signature=${signature}`);
  return { status: response.status, body: (await response.json()) as unknown };
}

const controls = (path: string, body: unknown) =>
  fetch(`${sim.url}/__sim/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then((r) => r.json());

describe('demo state', () => {
  it('has a VIP 2 EVM master with USDT, ASTER and BNB, a negative balance, and a Solana master', async () => {
    const state = (await fetch(`${sim.url}/__sim/state`).then((r) => r.json())) as ReturnType<
      typeof demoStateFile
    >;
    const main = state.accounts.find((a) => a.name === 'MainDesk')!;
    expect(main).toMatchObject({ address: master.address, role: 'master', kind: 'evm', vipLevel: 2 });
    expect(Object.keys(main.futures!)).toEqual(['USDT', 'ASTER', 'BNB']);
    expect(state.accounts.find((a) => a.name === 'LossDesk')!.futures!.USDT).toBe('-42.5');
    expect(state.accounts.find((a) => a.name === 'SolDesk')).toMatchObject({
      kind: 'solana',
      address: bs58.encode(solPair.publicKey),
    });
    expect(JSON.stringify(state)).not.toMatch(/privateKey|seed/);
  });

  it('the documented test keys match their addresses', () => {
    for (const key of Object.values(k))
      if ('privateKey' in key) expect(privateKeyToAccount(key.privateKey).address).toBe(key.address);
      else
        expect(bs58.encode(nacl.sign.keyPair.fromSeed(hexToBytes(`0x${key.seed}`)).publicKey)).toBe(
          key.address,
        );
  });
});

describe('agent-signed reads and the nonce rules', () => {
  it('accepts a valid request and refuses its replay with -4225', async () => {
    const msg = `nonce=${nonce()}&user=${master.address}&signer=${agent.address}`;
    const signature = await agent.signTypedData(message(msg));
    const first = await fetch(`${sim.url}/fapi/v3/getSubAccountList?${msg}&signature=${signature}`);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject([
      { address: master.address, accountId: 1001, parentAccount: true },
      { accountId: 1002, subAccountName: 'Grid01', parentAccount: false },
      { accountId: 1003, subAccountName: 'Hedge02', parentAccount: false },
    ]);
    const again = await fetch(`${sim.url}/fapi/v3/getSubAccountList?${msg}&signature=${signature}`);
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({ code: CODES.nonceExpired, msg: 'Nonce Expired' });
  });

  it('the window is ±60 s by default (PR #157): ahead beyond it is -1021, behind it -4225', async () => {
    for (const [offsetMs, code] of [
      [59_000, undefined],
      [-59_000, undefined],
      [61_000, CODES.invalidTimestamp],
      [-61_000, CODES.nonceExpired],
    ] as const) {
      const n = String((now + offsetMs) * 1000 + ++counter);
      const { body } = await agentGet(
        '/fapi/v3/account',
        `nonce=${n}&user=${master.address}&signer=${agent.address}`,
      );
      expect((body as { code?: number }).code).toBe(code);
      if (code === CODES.invalidTimestamp)
        expect((body as { msg: string }).msg).toMatch(
          /^Timestamp for this request was \d+ms ahead of the server's time\.$/,
        );
    }
  });

  it('keeps 100 nonces per signer: older than the smallest kept fails once full', async () => {
    const base = now * 1000;
    for (let i = 1; i <= 100; i++) sim.engine.useNonce(agent.address, String(base + i * 10));
    expect(() => sim.engine.useNonce(agent.address, String(base + 5))).toThrow('Nonce Expired');
    expect(() => sim.engine.useNonce(agent.address, String(base + 15))).not.toThrow(); // not kept before, newer than the smallest
    expect(() => sim.engine.useNonce(agent.address, String(base + 15))).toThrow('Nonce Expired');
    expect(() => sim.engine.useNonce(master.address, String(base + 5))).not.toThrow(); // another signer
  });

  it('a wrong signature is -1022; an unapproved signer -2015; a foreign IP -1011', async () => {
    const msg = `nonce=${nonce()}&user=${master.address}&signer=${agent.address}`;
    const other = privateKeyToAccount(k.evmSpare1.privateKey);
    const forged = await other.signTypedData(message(msg));
    const bad = await fetch(`${sim.url}/fapi/v3/account?${msg}&signature=${forged}`).then((r) => r.json());
    expect(bad).toEqual({ code: -1022, msg: 'Signature for this request is not valid.' });
    const spareMsg = `nonce=${nonce()}&user=${master.address}&signer=${other.address}`;
    const unapproved = await fetch(
      `${sim.url}/fapi/v3/account?${spareMsg}&signature=${await other.signTypedData(message(spareMsg))}`,
    ).then((r) => r.json());
    expect(unapproved).toMatchObject({ code: -2015 });
    sim.engine.account(master.address)!.agents[0]!.ipWhitelist = ['10.0.0.1'];
    const { body } = await agentGet(
      '/fapi/v3/account',
      `nonce=${nonce()}&user=${master.address}&signer=${agent.address}`,
    );
    expect(body).toMatchObject({ code: -1011 });
  });

  it('user is optional: the agent names its account', async () => {
    const { status, body } = await agentGet('/fapi/v3/balance', `nonce=${nonce()}&signer=${agent.address}`);
    expect(status).toBe(200);
    expect(body).toContainEqual({
      asset: 'USDT',
      balance: '10000',
      availableBalance: '10000',
      maxWithdrawAmount: '10000',
    });
  });
});

describe('wallet-signed sub-account endpoints', () => {
  it('fixed field order: the form may come in any order', async () => {
    const msg = `subSourceAddr=${k.evmSubGrid.address}&nonce=${nonce()}&user=${master.address}&signer=${agent.address}&status=FROZEN`;
    const signature = await master.signTypedData(message(msg));
    const shuffled = msg.split('&').reverse().join('&');
    const { status } = await post('/fapi/v3/updateSubAccount', shuffled, signature);
    expect(status).toBe(200);
    expect(sim.engine.account(k.evmSubGrid.address)!.status).toBe('FROZEN');
  });

  it('Solana master: Ed25519 over the body, Base58', async () => {
    const msg = `toAccountAddress=${k.solanaSub.address}&asset=USDT&amount=25&kindType=FUTURE_FUTURE&nonce=${nonce()}&user=${k.solanaMaster.address}&signer=${k.solanaMasterAgent.address}`;
    const signature = bs58.encode(nacl.sign.detached(new TextEncoder().encode(msg), solPair.secretKey));
    expect((await post('/fapi/v3/subAccountTransfer', msg, signature)).status).toBe(200);
    expect(sim.engine.account(k.solanaSub.address)!.futures.USDT).toBe('125');
    const wrong = bs58.encode(nacl.sign.detached(new TextEncoder().encode(`${msg}0`), solPair.secretKey));
    expect(
      (await post('/fapi/v3/subAccountTransfer', msg.replace(/nonce=\d+/, `nonce=${nonce()}`), wrong)).body
        .code,
    ).toBe(-1022);
  });

  it('VIP and the 15-sub limit are enforced on creation', async () => {
    const create = async (name: string, childKey: `0x${string}`, user = master) => {
      const child = privateKeyToAccount(childKey);
      const signerAddress = user === master ? agent.address : k.evmLossAgent.address;
      const childMsg = `subAccountName=${name}&subSourceAddr=${child.address}&nonce=${nonce()}&user=${user.address}&signer=${signerAddress}`;
      const childSignature = await child.signTypedData(message(childMsg));
      const full = `${childMsg}&childSignature=${childSignature}`;
      return post('/fapi/v3/createSubAccount', full, await user.signTypedData(message(full)));
    };
    const loss = privateKeyToAccount(k.evmLossMaster.privateKey);
    expect((await create('LossSub1', k.evmSpare1.privateKey, loss)).body).toMatchObject({
      code: CODES.vipTooLow,
    });
    await controls('vip', { address: loss.address, level: 2 });
    expect((await create('LossSub1', k.evmSpare1.privateKey, loss)).status).toBe(200);
    for (let i = 0; i < 13; i++)
      sim.engine.state.accounts.push({
        ...sim.engine.account(k.evmSubGrid.address)!,
        address: `0x${String(i).padStart(40, 'a')}`,
        name: `Filler${i}00`,
        agents: [],
      });
    expect((await create('Last0001', k.evmSpare2.privateKey)).body).toMatchObject({
      code: CODES.tooManySubAccounts,
    });
  });

  it('a sub-account must be the same kind as its master', async () => {
    const childPair = nacl.sign.keyPair.fromSeed(hexToBytes(`0x${k.solanaSpare.seed}`));
    const childMsg = `subAccountName=Mixed001&subSourceAddr=${k.solanaSpare.address}&nonce=${nonce()}&user=${master.address}&signer=${agent.address}`;
    const childSignature = bs58.encode(
      nacl.sign.detached(new TextEncoder().encode(childMsg), childPair.secretKey),
    );
    const full = `${childMsg}&childSignature=${childSignature}`;
    const { body } = await post('/fapi/v3/createSubAccount', full, await master.signTypedData(message(full)));
    expect(body).toMatchObject({ code: CODES.kindMismatch });
    expect(sim.engine.account(k.solanaSpare.address)).toBeUndefined();
  });

  it('a child signature by another key is -1000', async () => {
    const impostor = privateKeyToAccount(k.evmSpare2.privateKey);
    const childMsg = `subAccountName=Grid0009&subSourceAddr=${k.evmSpare1.address}&nonce=${nonce()}&user=${master.address}&signer=${agent.address}`;
    const full = `${childMsg}&childSignature=${await impostor.signTypedData(message(childMsg))}`;
    const { body } = await post('/fapi/v3/createSubAccount', full, await master.signTypedData(message(full)));
    expect(body).toEqual({ code: -1000, msg: 'Signature check failed' });
  });
});

describe('state files', () => {
  it('ASTER_SIM_STATE files load, defaults fill in, mistakes are named', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aster-sim-'));
    const path = join(dir, 'state.json');
    writeFileSync(
      path,
      JSON.stringify({
        accounts: [{ address: '0xabc', kind: 'evm', role: 'master', futures: { USDT: '5' } }],
      }),
    );
    const state = normaliseState(loadStateFile(path));
    expect(state.accounts[0]).toMatchObject({
      name: 'Account1',
      status: 'NORMAL',
      vipLevel: 0,
      spot: {},
      agents: [],
    });
    expect(() =>
      normaliseState({ accounts: [{ address: '0xabc', kind: 'evm', role: 'sub', parent: '0xdef' }] }),
    ).toThrow(/master of 0xabc/);
    expect(() =>
      normaliseState({
        accounts: [{ address: '0xabc', kind: 'evm', role: 'master', futures: { USDT: '1e3' } }],
      }),
    ).toThrow(/futures.USDT/);
    writeFileSync(path, '{');
    expect(() => loadStateFile(path)).toThrow(StateFileError);
  });

  it('reset takes a new starting state', async () => {
    await controls('reset', {
      state: { accounts: [{ address: master.address, kind: 'evm', role: 'master', futures: { USDT: '1' } }] },
    });
    expect(sim.engine.state.accounts).toHaveLength(1);
    await controls('reset', { state: demoStateFile() });
  });
});

describe('controls, faults and the page', () => {
  it('serves the exchange page: HTML with the signing chain id, the bundled script, the style sheet', async () => {
    const page = await fetch(`${sim.url}/`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('<meta name="aster-signing-chain-id" content="1666" />');
    expect(html).toContain('<script type="module" src="/app.js"></script>');
    const script = await fetch(`${sim.url}/app.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toBe('no-store');
    const code = await script.text();
    expect(code).toContain('You are signing into Astherus ');
    expect(code).toContain('eip6963:requestProvider'); // mipd, bundled
    expect(code).toContain('wallet-standard:app-ready'); // @wallet-standard/app, bundled
    const css = await fetch(`${sim.url}/style.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('web withdrawal: the session names the account, the wallet signs the Action', async () => {
    const loss = privateKeyToAccount(k.evmLossMaster.privateKey);
    const web = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${sim.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      }).then((r) => r.json() as Promise<{ data: Record<string, string>; code: number; msg: string }>);
    const login = async (account: typeof master) => {
      const { data } = await web('/bapi/futures/v1/public/future/web3/get-nonce', {
        sourceAddr: account.address,
        type: 'LOGIN',
      });
      const signature = await account.signMessage({ message: `You are signing into Astherus ${data.nonce}` });
      const answer = await web(
        '/bapi/futures/v1/public/future/web3/ae/login',
        { signature, sourceAddr: account.address, chainId: 56 },
        { clientType: 'web' },
      );
      return answer.data.token!;
    };
    const withdraw = async (account: typeof master, token: string, asset: string, amount: string) => {
      const userNonce = String(now * 1000);
      const userSignature = await account.signTypedData({
        domain: { name: 'Aster', version: '1', chainId: 56, verifyingContract: ZERO },
        types: {
          Action: [
            { name: 'type', type: 'string' },
            { name: 'destination', type: 'address' },
            { name: 'destination Chain', type: 'string' },
            { name: 'token', type: 'string' },
            { name: 'amount', type: 'string' },
            { name: 'fee', type: 'string' },
            { name: 'nonce', type: 'uint256' },
            { name: 'aster chain', type: 'string' },
          ],
        },
        primaryType: 'Action',
        message: {
          type: 'Withdraw',
          destination: account.address,
          'destination Chain': 'BSC',
          token: asset,
          amount,
          fee: '0.5',
          nonce: BigInt(userNonce),
          'aster chain': 'Mainnet',
        },
      });
      const body = {
        chainId: '56',
        asset,
        amount,
        fee: '0.5',
        receiver: account.address,
        userNonce,
        userSignature,
      };
      return web('/bapi/futures/v1/private/future/user-withdraw', body, { token });
    };
    expect(await withdraw(master, await login(master), 'USDT', '10')).toMatchObject({ success: true });
    expect(sim.engine.account(master.address)!.futures.USDT).toBe('9989.5');
    expect(await withdraw(loss, await login(loss), 'BNB', '0.1')).toMatchObject({
      code: CODES.negativeBalance,
    });
    expect(await withdraw(loss, 'not-a-session', 'BNB', '0.1')).toMatchObject({ code: CODES.loginFailed });
  });

  it('faults: 429 then normal; 503 after executing; test deposit rules', async () => {
    await controls('faults', { path: '/fapi/v3/balance', mode: '429', retryAfterSeconds: 3 });
    const limited = await fetch(`${sim.url}/fapi/v3/balance`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect((await fetch(`${sim.url}/fapi/v3/balance`)).status).toBe(400); // the fault is used up: a normal (unsigned) refusal
    expect(
      await controls('deposit', {
        address: k.solanaSub.address,
        asset: 'USDT',
        amount: '5',
        network: 'solana',
      }),
    ).toMatchObject({ code: CODES.solanaDepositToSub });
    expect(
      await controls('deposit', {
        address: k.solanaMaster.address,
        asset: 'USDT',
        amount: '5',
        network: 'solana',
      }),
    ).toMatchObject({ type: 'DEPOSIT' });
  });

  it('garbage faults: HTTP 200 with a body that is not JSON (or the one given); -after executes first', async () => {
    const signedRead = async () => {
      const msg = `nonce=${nonce()}&user=${master.address}&signer=${agent.address}`;
      return `${sim.url}/fapi/v3/account?${msg}&signature=${await agent.signTypedData(message(msg))}`;
    };
    // `garbage`: not executed, so the same signed request is accepted afterwards (its nonce is unused).
    await controls('faults', { path: '/fapi/v3/account', mode: 'garbage' });
    const first = await signedRead();
    const garbage = await fetch(first);
    expect(garbage.status).toBe(200);
    const text = await garbage.text();
    expect(text).toBe('<html><body>502 Bad Gateway</body></html>');
    expect(() => JSON.parse(text)).toThrow();
    expect((await fetch(first)).status).toBe(200);

    // `garbage-after` with JSON of the wrong shape: executed, so a replay is refused as a repeated nonce.
    await controls('faults', {
      path: '/fapi/v3/account',
      mode: 'garbage-after',
      body: '{"unexpected":true}',
    });
    const second = await signedRead();
    const wrongShape = await fetch(second);
    expect(wrongShape.status).toBe(200);
    expect(await wrongShape.json()).toEqual({ unexpected: true });
    const replay = await fetch(second);
    expect(await replay.json()).toEqual({ code: CODES.nonceExpired, msg: 'Nonce Expired' });
    const state = (await (await fetch(`${sim.url}/__sim/state`)).json()) as {
      nonceRefusals: { signer: string; nonce: string; reason: string }[];
    };
    expect(state.nonceRefusals).toEqual([
      { signer: agent.address, nonce: new URL(second).searchParams.get('nonce'), reason: 'repeat' },
    ]);
    await controls('reset', {});
    expect(sim.engine.nonceRefusals).toEqual([]);
  });

  it('controls can be switched off', async () => {
    const closed = await startSimulator({ controls: false });
    try {
      expect((await fetch(`${closed.url}/__sim/state`)).status).toBe(404);
    } finally {
      await closed.close();
    }
  });
});

describe('npm run sim', () => {
  it('prints its URL on one line and serves the demo', async () => {
    const child = spawn(join(__dirname, '..', 'node_modules', '.bin', 'tsx'), [join(__dirname, 'main.ts')], {
      env: { ...process.env, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /^Aster simulator listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(out);
          if (match) resolve(match[1]!);
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
      });
      const state = (await fetch(`${url}/__sim/state`).then((r) => r.json())) as { accounts: unknown[] };
      expect(state.accounts).toHaveLength(6);
    } finally {
      child.kill('SIGTERM');
    }
  });
});

describe('independence', () => {
  it('simulator code, its page included, imports nothing from lib/', () => {
    const files = readdirSync(__dirname, { recursive: true, encoding: 'utf8' }).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
    );
    expect(files).toContain(join('page', 'app.ts'));
    for (const file of files) {
      const source = readFileSync(join(__dirname, file), 'utf8');
      expect(source, file).not.toMatch(/(from|import)\s*\(?\s*['"](@\/lib|(\.\.\/)+lib|~~?\/lib|@@\/lib)/);
    }
  });

  it('exact decimals', () => {
    expect(fromUnits(toUnits('0.1') + toUnits('0.2'))).toBe('0.3');
    expect(fromUnits(toUnits('-42.5'))).toBe('-42.5');
  });
});

describe('a signed body is read by its own endpoint only (issue 11 §1)', () => {
  const solSign = (msg: string) =>
    bs58.encode(nacl.sign.detached(new TextEncoder().encode(msg), solPair.secretKey));
  const approval = (extra = '') =>
    `user=${k.solanaMaster.address}&nonce=${nonce()}&agentName=bot&agentAddress=${k.evmSpare1.address}` +
    `&expired=${now + 86_400_000}&signatureChainId=101&canSpotTrade=true&canPerpTrade=true&canWithdraw=true` +
    `&ipWhitelist=203.0.113.7${extra}`;
  const agents = () => sim.engine.account(k.solanaMaster.address)!.agents.map((a) => a.address.toLowerCase());

  it('the reported body (approval with canWithdraw + perp → spot fields), Solana-signed, is refused: no agent', async () => {
    const msg = approval('&clientTranId=abc123&kindType=FUTURE_SPOT&amount=1&asset=USDT');
    const answer = await post('/fapi/v3/registerAndApproveAgent', msg, solSign(msg));
    expect(answer.body).toMatchObject({ code: CODES.tooManyParameters });
    expect(agents()).not.toContain(k.evmSpare1.address.toLowerCase());
  });

  it('variants: the same extra fields first, one unknown field, or a field twice — all refused', async () => {
    const mixed = approval();
    for (const msg of [
      `clientTranId=abc123&kindType=FUTURE_SPOT&${mixed}`,
      `${approval()}&memo=x`,
      `${approval()}&canWithdraw=false`,
    ]) {
      const answer = await post('/fapi/v3/registerAndApproveAgent', msg, solSign(msg));
      expect(answer.body).toMatchObject({ code: CODES.tooManyParameters });
    }
    expect(agents()).not.toContain(k.evmSpare1.address.toLowerCase());
  });

  it('a transfer body carrying approval fields is refused at the transfer endpoint too', async () => {
    const msg = `toAccountAddress=${k.solanaSub.address}&asset=USDT&amount=1&kindType=FUTURE_FUTURE&nonce=${nonce()}&user=${k.solanaMaster.address}&signer=${k.solanaMasterAgent.address}&canWithdraw=true`;
    const answer = await post('/fapi/v3/subAccountTransfer', msg, solSign(msg));
    expect(answer.body).toMatchObject({ code: CODES.tooManyParameters });
  });

  it('positive control: the clean approval is accepted', async () => {
    const msg = approval();
    const answer = await post('/fapi/v3/registerAndApproveAgent', msg, solSign(msg));
    expect(answer.status).toBe(200);
    expect(agents()).toContain(k.evmSpare1.address.toLowerCase());
  });
});
