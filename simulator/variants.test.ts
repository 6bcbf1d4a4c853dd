import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CODES } from './errors';
import { DEMO_KEYS } from './keys';
import { startSimulator, type RunningSimulator } from './server';
import { signedFieldsProblem } from './signed-fields';

/**
 * The chain-id and transfer-signer switches of ./variant.ts (aster-protocol.md §10): each request is signed
 * here with viem directly, so the server's answer depends only on the switch under test.
 */

const k = DEMO_KEYS;
const master = privateKeyToAccount(k.evmMaster.privateKey);
const agent = privateKeyToAccount(k.evmMasterAgent.privateKey);
const ZERO = '0x0000000000000000000000000000000000000000';

let now = Date.UTC(2026, 11, 1, 12, 0, 0);
let counter = 0;
const nonce = () => String(now * 1000 + ++counter);

const typed = (msg: string, chainId: number) =>
  ({
    domain: { name: 'AsterSignTransaction', version: '1', chainId, verifyingContract: ZERO },
    types: { Message: [{ name: 'msg', type: 'string' }] },
    primaryType: 'Message',
    message: { msg },
  }) as const;

let mainnet: RunningSimulator;
let testnet: RunningSimulator;
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

async function balance(sim: RunningSimulator, chainId: number) {
  const msg = `nonce=${nonce()}&user=${master.address}&signer=${agent.address}`;
  const signature = await agent.signTypedData(typed(msg, chainId));
  const response = await fetch(`${sim.url}/fapi/v3/balance?${msg}&signature=${signature}`);
  return { status: response.status, body: (await response.json()) as { code?: number } };
}

async function postSigned(sim: RunningSimulator, path: string, msg: string, signature: string) {
  const response = await fetch(`${sim.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `${msg}&signature=${signature}`,
  });
  return { status: response.status, body: (await response.json()) as { code?: number } };
}

async function freeze(sim: RunningSimulator, chainId: number) {
  const msg = `subSourceAddr=${k.evmSubGrid.address}&nonce=${nonce()}&user=${master.address}&signer=${agent.address}&status=FROZEN`;
  return postSigned(sim, '/fapi/v3/updateSubAccount', msg, await master.signTypedData(typed(msg, chainId)));
}

/** master → Grid01, 5 USDT; `withSigner` false leaves `signer` out of the request and the signed body. */
async function transfer(
  sim: RunningSimulator,
  chainId: number,
  options: { withSigner: boolean; by?: 'master' | 'agent' },
) {
  const fields = [
    `toAccountAddress=${k.evmSubGrid.address}`,
    'asset=USDT',
    'amount=5',
    'kindType=FUTURE_FUTURE',
    `nonce=${nonce()}`,
    `user=${master.address}`,
    ...(options.withSigner ? [`signer=${options.by === 'agent' ? agent.address : master.address}`] : []),
  ];
  const msg = fields.join('&');
  const key = options.by === 'agent' ? agent : master;
  return postSigned(sim, '/fapi/v3/subAccountTransfer', msg, await key.signTypedData(typed(msg, chainId)));
}

const setVariant = (sim: RunningSimulator, changes: unknown) =>
  fetch(`${sim.url}/__sim/variant`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(changes),
  });

describe('agentChainId: agent-signed requests', () => {
  it('mainnet accepts 1666 and refuses 714 (-1022); switched to 714, the other way round', async () => {
    expect((await balance(mainnet, 1666)).status).toBe(200);
    expect((await balance(mainnet, 714)).body).toEqual({
      code: CODES.invalidSignature,
      msg: 'Signature for this request is not valid.',
    });
    expect((await setVariant(mainnet, { agentChainId: 714 })).status).toBe(200);
    expect((await balance(mainnet, 714)).status).toBe(200);
    expect((await balance(mainnet, 1666)).body.code).toBe(CODES.invalidSignature);
  });

  it('testnet defaults (DEFAULT_VARIANTS): agent requests 714, sub-account bodies 1666', async () => {
    expect((await balance(testnet, 714)).status).toBe(200);
    expect((await balance(testnet, 1666)).body.code).toBe(CODES.invalidSignature);
    expect((await freeze(testnet, 714)).body.code).toBe(CODES.invalidSignature);
    expect((await freeze(testnet, 1666)).status).toBe(200);
  });

  it('reset restores the variant the server started with', async () => {
    await setVariant(mainnet, { agentChainId: 714 });
    mainnet.engine.reset();
    expect((await balance(mainnet, 1666)).status).toBe(200);
  });
});

describe('subAccountChainId: create/bind/update/transfer bodies', () => {
  it('updateSubAccount follows the switch; agent-signed reads do not', async () => {
    await setVariant(mainnet, { subAccountChainId: 714 });
    expect((await freeze(mainnet, 1666)).body.code).toBe(CODES.invalidSignature);
    expect(mainnet.engine.account(k.evmSubGrid.address)!.status).toBe('NORMAL');
    expect((await freeze(mainnet, 714)).status).toBe(200);
    expect(mainnet.engine.account(k.evmSubGrid.address)!.status).toBe('FROZEN');
    expect((await balance(mainnet, 1666)).status).toBe(200);
    expect((await balance(mainnet, 714)).body.code).toBe(CODES.invalidSignature);
  });

  it('subAccountTransfer, signed by the wallet or by its agent, follows the switch', async () => {
    await setVariant(mainnet, { subAccountChainId: 714 });
    expect((await transfer(mainnet, 1666, { withSigner: true })).body.code).toBe(CODES.invalidSignature);
    expect((await transfer(mainnet, 1666, { withSigner: true, by: 'agent' })).body.code).toBe(
      CODES.invalidSignature,
    );
    expect((await transfer(mainnet, 714, { withSigner: true })).status).toBe(200);
    expect((await transfer(mainnet, 714, { withSigner: true, by: 'agent' })).status).toBe(200);
    expect(mainnet.engine.account(k.evmSubGrid.address)!.futures.USDT).toBe('510');
  });
});

describe('transferSigner: subAccountTransfer with or without `signer`', () => {
  it('required (mainnet default): a body without signer is -1102, with it 200', async () => {
    const without = await transfer(mainnet, 1666, { withSigner: false });
    expect(without).toEqual({
      status: 400,
      body: {
        code: CODES.missingParameter,
        msg: "Mandatory parameter 'signer' was not sent, was empty/null, or malformed.",
      },
    });
    expect((await transfer(mainnet, 1666, { withSigner: true })).status).toBe(200);
  });

  it('refused: a body with signer is -1104 and moves nothing; without it 200', async () => {
    await setVariant(mainnet, { transferSigner: 'refused' });
    const withSigner = await transfer(mainnet, 1666, { withSigner: true });
    expect(withSigner.body.code).toBe(CODES.tooManyParameters);
    expect(mainnet.engine.account(k.evmSubGrid.address)!.futures.USDT).toBe('500');
    expect((await transfer(mainnet, 1666, { withSigner: false })).status).toBe(200);
    expect(mainnet.engine.account(k.evmSubGrid.address)!.futures.USDT).toBe('505');
  });

  it('optional (testnet default): both bodies pass', async () => {
    expect((await transfer(testnet, 1666, { withSigner: true })).status).toBe(200);
    expect((await transfer(testnet, 1666, { withSigner: false })).status).toBe(200);
    expect(testnet.engine.account(k.evmSubGrid.address)!.futures.USDT).toBe('510');
  });

  it('the field left out of the request is left out of the signed body: signing it anyway is -1022', async () => {
    await setVariant(mainnet, { transferSigner: 'refused' });
    const fields = `toAccountAddress=${k.evmSubGrid.address}&asset=USDT&amount=5&kindType=FUTURE_FUTURE&nonce=${nonce()}&user=${master.address}`;
    const signedWithSigner = await master.signTypedData(typed(`${fields}&signer=${master.address}`, 1666));
    const answer = await postSigned(mainnet, '/fapi/v3/subAccountTransfer', fields, signedWithSigner);
    expect(answer.body.code).toBe(CODES.invalidSignature);
  });

  it('without signer only the wallet of user can have signed: an agent signature is -1022', async () => {
    await setVariant(mainnet, { transferSigner: 'optional' });
    const answer = await transfer(mainnet, 1666, { withSigner: false, by: 'agent' });
    expect(answer.body.code).toBe(CODES.invalidSignature);
  });

  it('signed-fields: the table follows the switch (and the default table wants signer)', () => {
    const params = (withSigner: boolean) =>
      new URLSearchParams(
        `toAccountAddress=a&asset=USDT&amount=1&kindType=FUTURE_FUTURE&nonce=1&user=u${withSigner ? '&signer=s' : ''}&signature=x`,
      );
    const route = 'POST /fapi/v3/subAccountTransfer';
    expect(signedFieldsProblem(route, params(false))?.code).toBe('missing');
    expect(signedFieldsProblem(route, params(false), { transferSigner: 'required' })?.code).toBe('missing');
    expect(signedFieldsProblem(route, params(true), { transferSigner: 'required' })).toBeUndefined();
    expect(signedFieldsProblem(route, params(true), { transferSigner: 'refused' })).toEqual({
      code: 'extra',
      message: "Parameter 'signer' is not read by this endpoint.",
    });
    expect(signedFieldsProblem(route, params(false), { transferSigner: 'refused' })).toBeUndefined();
    expect(signedFieldsProblem(route, params(true), { transferSigner: 'optional' })).toBeUndefined();
    expect(signedFieldsProblem(route, params(false), { transferSigner: 'optional' })).toBeUndefined();
  });
});
