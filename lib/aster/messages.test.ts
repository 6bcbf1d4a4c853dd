import { describe, expect, it } from 'vitest';
import { compareDecimal, isDecimal, stripTrailingZeros } from './decimal';
import { ENDPOINTS } from './endpoints';
import {
  agentSignedMessage,
  AsterMessageError,
  bindSubAccountChildMessage,
  bindSubAccountMessage,
  createSubAccountChildMessage,
  createSubAccountMessage,
  evmWithdrawalTypedData,
  getSubAccountListMessage,
  loginText,
  newClientTranId,
  registerAndApproveAgentMessage,
  solanaWithdrawalText,
  subAccountTransferMessage,
  transferParties,
  updateSubAccountMessage,
  walletTransferMessage,
  withdrawRequestMessage,
  type RegisterAgentParams,
} from './messages';
import { formBody, parseQueryString, signedQueryString } from './query';
import { asterSettings } from './settings';

const MASTER = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const SUB_A = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const SUB_B = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const AGENT = '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65';
const N = 1763770000000000;

describe('sub-account bodies: exact strings in the fixed order of §4', () => {
  const create = { subAccountName: 'Grid01', subSourceAddr: SUB_A, nonce: N, user: MASTER, signer: AGENT };

  it('createSubAccount: child body, then master body with childSignature', () => {
    const child = createSubAccountChildMessage(create);
    expect(child.msg).toBe(
      `subAccountName=Grid01&subSourceAddr=${SUB_A}&nonce=${N}&user=${MASTER}&signer=${AGENT}`,
    );
    expect(child.endpoint).toMatchObject({ method: 'POST', path: '/fapi/v3/createSubAccount' });
    const master = createSubAccountMessage(create, '0xchildsig');
    expect(master.msg).toBe(`${child.msg}&childSignature=0xchildsig`);
    expect(() => createSubAccountMessage(create, '')).toThrow(AsterMessageError);
  });

  it('sub-accounts/bind: no signer field', () => {
    const params = { childAddress: SUB_A, name: 'Bound01', nonce: N, user: MASTER };
    expect(bindSubAccountChildMessage(params).msg).toBe(
      `childAddress=${SUB_A}&name=Bound01&nonce=${N}&user=${MASTER}`,
    );
    expect(bindSubAccountMessage(params, 'CS').msg).toBe(
      `childAddress=${SUB_A}&name=Bound01&nonce=${N}&user=${MASTER}&childSignature=CS`,
    );
    expect(bindSubAccountMessage(params, 'CS').endpoint.path).toBe('/fapi/v3/sub-accounts/bind');
  });

  it.each([
    [{ status: 'FROZEN' as const }, `&status=FROZEN`],
    [{ status: 'NORMAL' as const }, `&status=NORMAL`],
    [{ subAccountName: 'Renamed1' }, `&subAccountName=Renamed1`],
    [{ subAccountName: 'Renamed1', status: 'FROZEN' as const }, `&subAccountName=Renamed1&status=FROZEN`],
  ])('updateSubAccount %j', (change, suffix) => {
    const request = updateSubAccountMessage({
      subSourceAddr: SUB_A,
      nonce: N,
      user: MASTER,
      signer: AGENT,
      ...change,
    });
    expect(request.msg).toBe(`subSourceAddr=${SUB_A}&nonce=${N}&user=${MASTER}&signer=${AGENT}${suffix}`);
  });

  it('updateSubAccount needs at least one change and a valid status', () => {
    expect(() =>
      updateSubAccountMessage({ subSourceAddr: SUB_A, nonce: N, user: MASTER, signer: AGENT }),
    ).toThrow(/what to change/);
    expect(() =>
      updateSubAccountMessage({
        subSourceAddr: SUB_A,
        nonce: N,
        user: MASTER,
        signer: AGENT,
        status: 'DELETED' as never,
      }),
    ).toThrow(/NORMAL or FROZEN/);
  });

  it('getSubAccountList', () => {
    const request = getSubAccountListMessage({ nonce: N, user: MASTER, signer: AGENT });
    expect(request.msg).toBe(`nonce=${N}&user=${MASTER}&signer=${AGENT}`);
    expect(request.endpoint).toMatchObject({ method: 'GET', path: '/fapi/v3/getSubAccountList' });
  });
});

describe('subAccountTransfer in every scenario', () => {
  const base = { asset: 'USDT', amount: '12.5', kindType: 'FUTURE_SPOT' as const, nonce: N, signer: AGENT };
  const cases = [
    [
      'master-to-sub',
      { master: MASTER, from: MASTER, to: SUB_A },
      `toAccountAddress=${SUB_A}&asset=USDT&amount=12.5&kindType=FUTURE_SPOT&nonce=${N}&user=${MASTER}&signer=${AGENT}`,
    ],
    [
      'sub-to-master',
      { master: MASTER, from: SUB_A, to: MASTER },
      `toAccountAddress=${MASTER}&asset=USDT&amount=12.5&kindType=FUTURE_SPOT&nonce=${N}&user=${SUB_A}&signer=${AGENT}`,
    ],
    [
      'sub-to-sub-via-master',
      { master: MASTER, from: SUB_A, to: SUB_B },
      `toAccountAddress=${SUB_B}&asset=USDT&amount=12.5&kindType=FUTURE_SPOT&nonce=${N}&user=${MASTER}&signer=${AGENT}&fromAccountAddress=${SUB_A}`,
    ],
    [
      'sub-to-sub-by-source',
      { master: MASTER, from: SUB_A, to: SUB_B },
      `toAccountAddress=${SUB_B}&asset=USDT&amount=12.5&kindType=FUTURE_SPOT&nonce=${N}&user=${SUB_A}&signer=${AGENT}`,
    ],
  ] as const;

  it.each(cases)('%s', (scenario, accounts, expected) => {
    const parties = transferParties(scenario, accounts);
    const request = subAccountTransferMessage({ ...base, toAccountAddress: accounts.to, ...parties });
    expect(request.msg).toBe(expected);
    expect(request.endpoint).toMatchObject({ method: 'POST', path: '/fapi/v3/subAccountTransfer' });
  });

  it('refuses bad kinds, amounts and a source equal to the destination', () => {
    const ok = { ...base, toAccountAddress: SUB_A, user: MASTER };
    expect(() => subAccountTransferMessage({ ...ok, kindType: 'FUTURE_MARGIN' as never })).toThrow(
      /kindType/,
    );
    for (const amount of ['0', '-1', '1e3', '1,5', '', ' 1', 'NaN'])
      expect(() => subAccountTransferMessage({ ...ok, amount })).toThrow(AsterMessageError);
    expect(() => subAccountTransferMessage({ ...ok, fromAccountAddress: SUB_A.toLowerCase() })).toThrow(
      /same account/,
    );
    expect(() => subAccountTransferMessage({ ...ok, nonce: 0 })).toThrow(/nonce/);
    expect(() => subAccountTransferMessage({ ...ok, asset: 'USDT\n&amount=9' })).toThrow(/line break/);
  });

  it("signer null (profile transferSigner 'omitted'): left out of the request and of the signed body", () => {
    const request = subAccountTransferMessage({
      ...base,
      toAccountAddress: SUB_B,
      user: MASTER,
      signer: null,
      fromAccountAddress: SUB_A,
    });
    const expected = `toAccountAddress=${SUB_B}&asset=USDT&amount=12.5&kindType=FUTURE_SPOT&nonce=${N}&user=${MASTER}&fromAccountAddress=${SUB_A}`;
    expect(request.msg).toBe(expected);
    expect(request.fields.some(([name, value]) => name === 'signer' && value !== undefined)).toBe(false);
    expect(() =>
      subAccountTransferMessage({ ...base, toAccountAddress: SUB_A, user: MASTER, signer: '' }),
    ).toThrow(/signer/);
  });
});

describe('perp ↔ spot wallet transfer', () => {
  it('has the documented fields and an optional user', () => {
    const request = walletTransferMessage({
      amount: '5',
      asset: 'USDT',
      clientTranId: 'abc-1',
      kindType: 'FUTURE_SPOT',
      nonce: N,
      user: MASTER,
      signer: AGENT,
    });
    expect(request.msg).toBe(
      `amount=5&asset=USDT&clientTranId=abc-1&kindType=FUTURE_SPOT&nonce=${N}&user=${MASTER}&signer=${AGENT}`,
    );
    expect(
      walletTransferMessage({
        amount: '5',
        asset: 'USDT',
        clientTranId: 'x',
        kindType: 'SPOT_FUTURE',
        nonce: N,
        signer: AGENT,
      }).msg,
    ).toBe(`amount=5&asset=USDT&clientTranId=x&kindType=SPOT_FUTURE&nonce=${N}&signer=${AGENT}`);
  });

  it('clientTranId: 63 characters pass, 64 do not; a fresh one is 32 hex characters', () => {
    const p = { amount: '5', asset: 'USDT', kindType: 'FUTURE_SPOT' as const, nonce: N, signer: AGENT };
    expect(() => walletTransferMessage({ ...p, clientTranId: 'a'.repeat(63) })).not.toThrow();
    expect(() => walletTransferMessage({ ...p, clientTranId: 'a'.repeat(64) })).toThrow(/clientTranId/);
    expect(() => walletTransferMessage({ ...p, clientTranId: 'a&b=c' })).toThrow(/clientTranId/);
    expect(() => walletTransferMessage({ ...p, kindType: 'SPOT_SPOT' as never, clientTranId: 'a' })).toThrow(
      /kindType/,
    );
    const id = newClientTranId();
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(newClientTranId()).not.toBe(id);
  });
});

describe('registerAndApproveAgent', () => {
  const params: RegisterAgentParams = {
    user: MASTER,
    nonce: N,
    agentName: 'bot1',
    agentAddress: AGENT,
    expired: 1893456000000,
    accountKind: 'evm',
    canSpotTrade: true,
    canPerpTrade: true,
    canWithdraw: false,
  };
  const head = `user=${MASTER}&nonce=${N}&agentName=bot1&agentAddress=${AGENT}&expired=1893456000000`;

  it('EVM: signatureChainId 56, lowercase booleans, no empty ipWhitelist by default', () => {
    expect(registerAndApproveAgentMessage(params).msg).toBe(
      `${head}&signatureChainId=56&canSpotTrade=true&canPerpTrade=true&canWithdraw=false`,
    );
  });

  it('Solana account: signatureChainId 101; withdrawal needs IPs, joined by commas', () => {
    const msg = registerAndApproveAgentMessage({
      ...params,
      accountKind: 'solana',
      canWithdraw: true,
      ipWhitelist: ['1.2.3.4', ' 5.6.7.8 '],
    }).msg;
    expect(msg).toBe(
      `${head}&signatureChainId=101&canSpotTrade=true&canPerpTrade=true&canWithdraw=true&ipWhitelist=1.2.3.4,5.6.7.8`,
    );
    expect(() => registerAndApproveAgentMessage({ ...params, canWithdraw: true })).toThrow(/IP whitelist/);
    expect(() =>
      registerAndApproveAgentMessage({ ...params, canWithdraw: true, ipWhitelist: ['  '] }),
    ).toThrow(/IP whitelist/);
  });

  it('each UNCERTAIN setting changes exactly its own part', () => {
    expect(registerAndApproveAgentMessage(params, asterSettings({ booleanSpelling: 'True' })).msg).toBe(
      `${head}&signatureChainId=56&canSpotTrade=True&canPerpTrade=True&canWithdraw=False`,
    );
    expect(registerAndApproveAgentMessage(params, asterSettings({ includeEmptyIpWhitelist: true })).msg).toBe(
      `${head}&signatureChainId=56&canSpotTrade=true&canPerpTrade=true&canWithdraw=false&ipWhitelist=`,
    );
    const ips = { ...params, canWithdraw: true, ipWhitelist: ['1.2.3.4', '::1'] };
    expect(registerAndApproveAgentMessage(ips).msg).toMatch(/&ipWhitelist=1\.2\.3\.4,::1$/);
    expect(
      registerAndApproveAgentMessage(ips, asterSettings({ signedValueEncoding: 'percent' })).msg,
    ).toMatch(/&ipWhitelist=1\.2\.3\.4%2C%3A%3A1$/);
  });

  it('agents are EVM addresses; expiry is epoch ms', () => {
    expect(() =>
      registerAndApproveAgentMessage({
        ...params,
        agentAddress: 'FVen3X669xLzsi6N2V91DoiyzHzg1uAgqiT8jZ9nS96Z',
      }),
    ).toThrow(/EVM/);
    expect(() => registerAndApproveAgentMessage({ ...params, expired: 1.5 })).toThrow(/expired/);
  });
});

describe('generic agent-signed requests', () => {
  it('business parameters in order, then nonce, user, signer; empties left out; booleans by the setting', () => {
    const request = agentSignedMessage(
      ENDPOINTS.order,
      {
        symbol: 'BTCUSDT',
        side: 'BUY',
        type: 'LIMIT',
        quantity: '0.01',
        price: '60000',
        timeInForce: undefined,
        reduceOnly: true,
        note: '',
      },
      { nonce: N, user: MASTER, signer: AGENT },
    );
    expect(request.msg).toBe(
      `symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.01&price=60000&reduceOnly=true&nonce=${N}&user=${MASTER}&signer=${AGENT}`,
    );
    expect(agentSignedMessage(ENDPOINTS.futuresAccount, {}, { nonce: N, signer: AGENT }).msg).toBe(
      `nonce=${N}&signer=${AGENT}`,
    );
  });

  it('reserved characters: raw by default, percent-encoded by the setting; the wire body is always encoded', () => {
    const batch = '[{"symbol":"BTCUSDT","side":"BUY"}]';
    const call = { nonce: N, signer: AGENT };
    const raw = agentSignedMessage(ENDPOINTS.batchOrders, [['batchOrders', batch]], call);
    expect(raw.msg).toBe(`batchOrders=${batch}&nonce=${N}&signer=${AGENT}`);
    const encoded = agentSignedMessage(
      ENDPOINTS.batchOrders,
      [['batchOrders', batch]],
      call,
      asterSettings({ signedValueEncoding: 'percent' }),
    );
    expect(encoded.msg).toBe(`batchOrders=${encodeURIComponent(batch)}&nonce=${N}&signer=${AGENT}`);
    expect(formBody(raw.fields, '0xsig')).toBe(
      `batchOrders=${encodeURIComponent(batch)}&nonce=${N}&signer=${AGENT}&signature=0xsig`,
    );
  });

  it('builds only bodies that fit their endpoint description: unknown or missing fields are refused', () => {
    const call = { nonce: N, signer: AGENT };
    expect(() =>
      agentSignedMessage(ENDPOINTS.order, { symbol: 'BTCUSDT', side: 'BUY', memo: 'x' }, call),
    ).toThrow(/does not fit \/fapi\/v3\/order/);
    expect(() => agentSignedMessage(ENDPOINTS.order, { symbol: 'BTCUSDT', side: 'BUY' }, call)).toThrow(
      /does not fit/,
    );
    expect(() =>
      agentSignedMessage(
        ENDPOINTS.walletTransfer,
        { amount: '1', asset: 'USDT', kindType: 'FUTURE_SPOT' },
        call,
      ),
    ).toThrow(/does not fit/);
    expect(agentSignedMessage(ENDPOINTS.futuresAccount, {}, call).msg).toBe(`nonce=${N}&signer=${AGENT}`);
  });

  it('refuses the reserved names as parameters', () => {
    for (const name of ['nonce', 'user', 'signer', 'signature'])
      expect(() => agentSignedMessage(ENDPOINTS.order, { [name]: '1' }, { nonce: N, signer: AGENT })).toThrow(
        /added by the builder/,
      );
  });
});

describe('withdrawals', () => {
  it('EVM Action typed data: domain Aster, chain = destination, fields with spaces in order', () => {
    const typed = evmWithdrawalTypedData({
      chainId: 56,
      receiver: MASTER,
      asset: 'USDT',
      amount: '100',
      fee: '0.5',
      userNonce: N,
    });
    expect(typed.domain).toEqual({
      name: 'Aster',
      version: '1',
      chainId: 56,
      verifyingContract: '0x0000000000000000000000000000000000000000',
    });
    expect(typed.primaryType).toBe('Action');
    expect(typed.types.Action!.map((f) => `${f.type} ${f.name}`)).toEqual([
      'string type',
      'address destination',
      'string destination Chain',
      'string token',
      'string amount',
      'string fee',
      'uint256 nonce',
      'string aster chain',
    ]);
    expect(typed.message).toEqual({
      type: 'Withdraw',
      destination: MASTER,
      'destination Chain': 'BSC',
      token: 'USDT',
      amount: '100',
      fee: '0.5',
      nonce: BigInt(N),
      'aster chain': 'Mainnet',
    });
    expect(
      evmWithdrawalTypedData({
        chainId: 1,
        receiver: MASTER,
        asset: 'USDT',
        amount: '1',
        fee: '0',
        userNonce: N,
      }).message['destination Chain'],
    ).toBe('ETH');
    expect(
      evmWithdrawalTypedData({
        chainId: 42161,
        receiver: MASTER,
        asset: 'USDT',
        amount: '1',
        fee: '0',
        userNonce: N,
      }).message['destination Chain'],
    ).toBe('Arbitrum');
    expect(() =>
      evmWithdrawalTypedData({
        chainId: 10,
        receiver: MASTER,
        asset: 'USDT',
        amount: '1',
        fee: '0',
        userNonce: N,
      }),
    ).toThrow(/ETH/);
    expect(() =>
      evmWithdrawalTypedData({
        chainId: 56,
        receiver: 'nope',
        asset: 'USDT',
        amount: '1',
        fee: '0',
        userNonce: N,
      }),
    ).toThrow(/receiver/);
  });

  it.each([
    ['1.20', '0.50', 'Amount=1.2,Fee=0.5'],
    ['100', '1', 'Amount=100,Fee=1'],
    ['100.000', '0', 'Amount=100,Fee=0'],
    ['0.000100', '0.0010', 'Amount=0.0001,Fee=0.001'],
    ['10.0', '2.50', 'Amount=10,Fee=2.5'],
  ])('Solana withdrawal text: amount %s fee %s', (amount, fee, expected) => {
    const text = solanaWithdrawalText({
      receiver: 'FVen3X669xLzsi6N2V91DoiyzHzg1uAgqiT8jZ9nS96Z',
      asset: 'USDT',
      amount,
      fee,
      userNonce: N,
    });
    expect(text).toBe(
      `PrimaryType=Withdraw,AsterChain=Mainnet,Destination=FVen3X669xLzsi6N2V91DoiyzHzg1uAgqiT8jZ9nS96Z,DestinationChain=Solana,Token=USDT,${expected},Nonce=${N}`,
    );
  });

  it("the aster chain value is the profile's (Mainnet by default, Testnet when set), nothing else", () => {
    const evm = { chainId: 56, receiver: MASTER, asset: 'USDT', amount: '1', fee: '0', userNonce: N };
    const sol = {
      receiver: 'FVen3X669xLzsi6N2V91DoiyzHzg1uAgqiT8jZ9nS96Z',
      asset: 'USDT',
      amount: '1',
      fee: '0',
      userNonce: N,
    };
    expect(evmWithdrawalTypedData({ ...evm, asterChain: 'Testnet' }).message['aster chain']).toBe('Testnet');
    expect(solanaWithdrawalText({ ...sol, asterChain: 'Testnet' })).toMatch(
      /^PrimaryType=Withdraw,AsterChain=Testnet,/,
    );
    expect(solanaWithdrawalText(sol)).toMatch(/^PrimaryType=Withdraw,AsterChain=Mainnet,/);
    for (const forged of ['Mainnet,Amount=9', 'mainnet', ''])
      expect(() => solanaWithdrawalText({ ...sol, asterChain: forged as never })).toThrow(
        /Mainnet or Testnet/,
      );
    expect(() => evmWithdrawalTypedData({ ...evm, asterChain: 'Devnet' as never })).toThrow(
      /Mainnet or Testnet/,
    );
  });

  it('Solana withdrawal text refuses separators that would forge fields', () => {
    expect(() =>
      solanaWithdrawalText({ receiver: 'a,Amount=1', asset: 'USDT', amount: '1', fee: '0', userNonce: N }),
    ).toThrow(/","/);
  });

  it('the agent-signed withdrawal request: EVM futures, spot, and Solana endpoints', () => {
    const p = {
      chainId: 56,
      asset: 'USDT',
      amount: '100',
      fee: '0.5',
      receiver: MASTER,
      userNonce: N,
      userSignature: '0xus',
      nonce: N + 1,
      user: MASTER,
      signer: AGENT,
    };
    const request = withdrawRequestMessage(p);
    expect(request.msg).toBe(
      `chainId=56&asset=USDT&amount=100&fee=0.5&receiver=${MASTER}&userNonce=${N}&userSignature=0xus&signatureType=EOA&nonce=${N + 1}&user=${MASTER}&signer=${AGENT}`,
    );
    expect(request.endpoint.path).toBe('/fapi/v3/aster/user-withdraw');
    expect(withdrawRequestMessage(p, { wallet: 'spot' }).endpoint.path).toBe('/api/v3/aster/user-withdraw');
    expect(withdrawRequestMessage(p, { wallet: 'spot' }).msg).toContain('&signatureType=EOA&');
    // Solana: no signatureType (an EVM field), but always its userNonce and userSignature.
    const solana = withdrawRequestMessage({ ...p, chainId: 101 });
    expect(solana.endpoint.path).toBe('/fapi/v3/aster/user-solana-withdraw');
    expect(solana.msg).toBe(
      `chainId=101&asset=USDT&amount=100&fee=0.5&receiver=${MASTER}&userNonce=${N}&userSignature=0xus&nonce=${N + 1}&user=${MASTER}&signer=${AGENT}`,
    );
  });
});

describe('login text', () => {
  it('is exact and takes digits only', () => {
    expect(loginText(123456)).toBe('You are signing into Astherus 123456');
    expect(loginText('007')).toBe('You are signing into Astherus 007');
    expect(() => loginText('12 34')).toThrow();
    expect(() => loginText('')).toThrow();
  });
});

describe('query strings and decimals', () => {
  it('signedQueryString leaves out undefined, keeps order; parseQueryString inverts it', () => {
    const fields = [
      ['b', '2'],
      ['a', undefined],
      ['c', 'x y'],
    ] as const;
    expect(signedQueryString(fields)).toBe('b=2&c=x y');
    expect(signedQueryString(fields, asterSettings({ signedValueEncoding: 'percent' }))).toBe('b=2&c=x%20y');
    expect(parseQueryString('b=2&c=x%20y&flag&e=%E0%A4%A')).toEqual([
      ['b', '2'],
      ['c', 'x y'],
      ['flag', ''],
      ['e', '%E0%A4%A'],
    ]);
    expect(parseQueryString('')).toEqual([]);
  });

  it('decimal helpers', () => {
    expect(stripTrailingZeros('1.20')).toBe('1.2');
    expect(stripTrailingZeros('100')).toBe('100');
    expect(stripTrailingZeros('5.000')).toBe('5');
    expect(compareDecimal('0.1', '0.10')).toBe(0);
    expect(compareDecimal('10', '9.999999999999999999')).toBe(1);
    expect(compareDecimal('-1', '0')).toBe(-1);
    expect(isDecimal('1e3')).toBe(false);
    expect(() => compareDecimal('x', '1')).toThrow(RangeError);
  });
});
