import { toHex } from 'viem';
import { describe, expect, it } from 'vitest';
import { decodeSigningRequest, type DecodeContext, type SigningSummary } from './decode';
import { ENDPOINTS } from './endpoints';
import {
  agentSignedMessage,
  createSubAccountChildMessage,
  createSubAccountMessage,
  getSubAccountListMessage,
  updateSubAccountMessage,
  bindSubAccountMessage,
} from './messages';
import {
  AGENT,
  agentApprovalBody,
  decodeContext,
  evmWithdrawalAction,
  LOSS,
  MASTER,
  N,
  perpSpotBody,
  SOL,
  SOL_SUB,
  solanaWithdrawal,
  STRANGER,
  SUB_A,
  SUB_B,
  transferBody,
  typed,
  utf8,
  withdrawRequestBody,
} from '@/tests/support/decode-fixture';
import { asterMessageTypedData } from './typed-data';

const SIG = `0x${'ab'.repeat(65)}`;

const context = decodeContext;
const decode = (request: unknown, extra: Partial<DecodeContext> = {}): SigningSummary =>
  decodeSigningRequest(request, context(extra));

describe('login', () => {
  it('personal_sign of the exact login text, as text or hex', () => {
    const text = 'You are signing into Astherus 123456';
    for (const message of [text, toHex(utf8(text))]) {
      const summary = decode({ method: 'personal_sign', message }, { signer: MASTER });
      expect(summary).toMatchObject({
        kind: 'login',
        title: 'Log in to Aster as "MainDesk"',
        scheme: 'personal_sign',
        verdict: { level: 'ok' },
      });
    }
  });
  it('Solana signMessage of the login text', () => {
    expect(
      decode(
        { method: 'solana_signMessage', message: utf8('You are signing into Astherus 9') },
        { signer: SOL },
      ),
    ).toMatchObject({ kind: 'login', title: 'Log in to Aster as "SolDesk"' });
  });
  it('near-misses are not logins', () => {
    for (const text of [
      'You are signing into Astherus 12a',
      'You are signing into Astherus 1\nand more',
      ' You are signing into Astherus 1',
      'You are signing into Aster 1',
    ])
      expect(decode({ method: 'personal_sign', message: text }).kind).toBe('unknown');
  });
});

describe('Aster Message{msg} bodies', () => {
  it('create sub-account: child step and master step, by names', () => {
    const p = {
      subAccountName: 'Grid03',
      subSourceAddr: '0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f',
      nonce: N,
      user: MASTER,
      signer: AGENT,
    };
    const master = decode(typed(createSubAccountMessage(p, SIG).msg), { signer: MASTER });
    expect(master).toMatchObject({
      kind: 'create-sub-account',
      title: 'Create sub-account "Grid03" under "MainDesk"',
      network: 'mainnet',
      endpoint: '/fapi/v3/createSubAccount',
      // The new key is not in the vault (Aster's page made it): whoever holds it controls the sub-account.
      verdict: { level: 'warn', reasons: [expect.stringMatching(/key is not in Aster Companion/)] },
    });
    // Its key saved in the vault first: nothing to warn about.
    expect(
      decode(
        typed(createSubAccountMessage({ ...p, subSourceAddr: SUB_A, subAccountName: 'Grid04' }, SIG).msg),
        {
          signer: MASTER,
        },
      ).verdict.level,
    ).toBe('ok');
    const child = decode(typed(createSubAccountChildMessage(p).msg), { signer: p.subSourceAddr });
    expect(child.title).toMatch(/approval by the new sub-account key/);
    expect(child.verdict.level).toBe('ok');
    // The master asked to sign the child step is a mismatch.
    expect(decode(typed(createSubAccountChildMessage(p).msg), { signer: MASTER }).verdict.level).toBe(
      'block',
    );
  });

  it('create sub-account with a bad name, or by a sub-account, is blocked', () => {
    expect(
      decode(
        typed(
          createSubAccountMessage(
            { subAccountName: 'x y', subSourceAddr: STRANGER, nonce: N, user: MASTER, signer: AGENT },
            's',
          ).msg,
        ),
      ).verdict.level,
    ).toBe('block');
    const nested = decode(
      typed(
        createSubAccountMessage(
          { subAccountName: 'Nested01', subSourceAddr: STRANGER, nonce: N, user: SUB_A, signer: AGENT },
          's',
        ).msg,
      ),
    );
    expect(nested.verdict.reasons.join()).toMatch(/nesting/);
  });

  it('bind sub-account', () => {
    const summary = decode(
      typed(
        bindSubAccountMessage({ childAddress: STRANGER, name: 'Bound01', nonce: N, user: MASTER }, SIG).msg,
      ),
    );
    expect(summary).toMatchObject({
      kind: 'bind-sub-account',
      title: 'Bind sub-account "Bound01" under "MainDesk"',
    });
  });

  it('freeze, unfreeze and rename', () => {
    const base = { subSourceAddr: SUB_A, nonce: N, user: MASTER, signer: AGENT };
    const freeze = decode(typed(updateSubAccountMessage({ ...base, status: 'FROZEN' }).msg), {
      signer: MASTER,
    });
    expect(freeze).toMatchObject({
      kind: 'update-sub-account',
      title: 'Freeze sub-account "Grid01"',
      changes: { status: 'FROZEN' },
      verdict: { level: 'warn' },
    });
    expect(decode(typed(updateSubAccountMessage({ ...base, status: 'NORMAL' }).msg)).title).toBe(
      'Unfreeze sub-account "Grid01"',
    );
    const rename = decode(typed(updateSubAccountMessage({ ...base, subAccountName: 'Grid99' }).msg));
    expect(rename).toMatchObject({
      title: 'Rename sub-account "Grid01" to "Grid99"',
      changes: { newName: 'Grid99' },
      verdict: { level: 'ok' },
    });
    expect(
      decode(typed(updateSubAccountMessage({ ...base, subAccountName: 'bad name' }).msg)).verdict.level,
    ).toBe('block');
    expect(
      decode(
        typed(updateSubAccountMessage({ ...base, subSourceAddr: LOSS, status: 'FROZEN' }).msg),
      ).verdict.reasons.join(),
    ).toMatch(/not a sub-account of/);
  });

  it('transfers in each scenario, parties by name, rules applied', () => {
    const t = (p: Parameters<typeof transferBody>[0]) => typed(transferBody(p));
    const toSub = decode(t({}), { signer: MASTER });
    expect(toSub).toMatchObject({
      kind: 'transfer',
      title: 'Transfer 10 USDT from "MainDesk" (perp) to "Grid01" (spot)',
      asset: 'USDT',
      amount: '10',
      verdict: { level: 'ok', reasons: [] },
    });
    expect(toSub.parties.map((p) => [p.role, p.name])).toEqual([
      ['from', 'MainDesk'],
      ['to', 'Grid01'],
    ]);
    expect(decode(t({ toAccountAddress: MASTER, user: SUB_A }), { signer: SUB_A }).verdict.level).toBe('ok');
    const viaMaster = decode(
      t({ toAccountAddress: SUB_B.replace('3C', '3c'), fromAccountAddress: SUB_A, amount: '5' }),
      { signer: MASTER },
    );
    expect(viaMaster.parties.map((p) => p.role)).toEqual(['account', 'from', 'to']);
    expect(viaMaster.verdict.reasons.join()).toMatch(/"Hedge02" is frozen/);
    // Logged in as a sub, a sub→sub transfer is refused (subs:121) even when the sub signs it.
    expect(
      decode(t({ toAccountAddress: SUB_B, user: SUB_A }), { signer: SUB_A }).verdict.reasons.join(),
    ).toMatch(/master account only/);
    // The same body while the master is logged in: only the frozen destination is the problem.
    expect(
      decode(t({ toAccountAddress: SUB_B, user: SUB_A }), { signer: SUB_A, loggedIn: MASTER }).verdict
        .reasons,
    ).toEqual(['"Hedge02" is frozen: unfreeze it before transferring.']);
    expect(decode(t({ amount: '1000.01' }), { signer: MASTER }).verdict.reasons.join()).toMatch(
      /At most 1000 USDT/,
    );
    expect(decode(t({ toAccountAddress: STRANGER }), { signer: MASTER }).verdict).toMatchObject({
      level: 'warn',
    });
    expect(decode(t({ toAccountAddress: LOSS }), { signer: MASTER }).verdict.reasons.join()).toMatch(
      /inside one master account/,
    );
    expect(decode(t({}), { signer: SUB_A }).verdict.reasons.join()).toMatch(/is asked to sign it/);
  });

  it('perp ↔ spot', () => {
    const summary = decode(typed(perpSpotBody()), { signer: AGENT });
    expect(summary).toMatchObject({
      kind: 'perp-spot-transfer',
      title: 'Move 5 USDT from spot to perp in "MainDesk"',
      verdict: { level: 'ok' },
    });
  });

  it('agent approval: chain 56 only, rights in words, sub-account withdrawal blocked', () => {
    const msg = agentApprovalBody();
    expect(decode(typed(msg, 56), { signer: MASTER })).toMatchObject({
      kind: 'agent-approval',
      title: 'Approve API wallet "bot1" for "MainDesk": perp trading until 2030-01-02',
      verdict: { level: 'ok' },
    });
    expect(decode(typed(msg, 1666)).verdict.reasons.join()).toMatch(/chain id 56/);
    const withdraw = agentApprovalBody({ canWithdraw: true, ipWhitelist: ['1.2.3.4'] });
    expect(decode(typed(withdraw, 56)).verdict).toEqual({
      level: 'warn',
      reasons: [
        'This API wallet will be able to withdraw funds, from the whitelisted IPs only: from any other address (a home connection whose IP changes) its withdrawals fail.',
      ],
      codes: ['agent-can-withdraw'],
    });
    // A forged body for a sub-account with canWithdraw=true and no IPs.
    const forged = `user=${SUB_A}&nonce=${N}&agentName=x&agentAddress=${AGENT}&expired=1&signatureChainId=56&canSpotTrade=true&canPerpTrade=true&canWithdraw=true`;
    const verdict = decode(typed(forged, 56)).verdict;
    expect(verdict.level).toBe('block');
    expect(verdict.reasons.join(' ')).toMatch(/never have withdrawal permission.*IP whitelist/);
    // Reordered fields, or a truthy spelling of canWithdraw, must not escape the agent rules (review finding).
    const reordered = `nonce=${N}&user=${SUB_A}&agentName=x&agentAddress=${AGENT}&expired=1&signatureChainId=56&canSpotTrade=true&canPerpTrade=true&canWithdraw=true`;
    expect(decode(typed(reordered, 56)).verdict.level).toBe('block');
    for (const spelling of ['1', 'true+', 'yes']) {
      const odd = forged.replace('canWithdraw=true', `canWithdraw=${spelling}`);
      expect(decode(typed(odd, 56)).verdict.level).toBe('block');
    }
  });

  it('an unrecognised body under Aster’s signing domain is blocked, never signed blind', () => {
    expect(decode(typed(`foo=1&bar=2`, 1666)).verdict.level).toBe('block');
  });

  it('a non-approval body signed in the approval domain (chain 56) is blocked', () => {
    const msg = transferBody({ amount: '1', kindType: 'FUTURE_FUTURE' });
    expect(decode(typed(msg, 56)).verdict.reasons.join()).toMatch(/Unexpected signing chain id 56/);
    expect(decode(typed(msg, 714)).network).toBe('testnet');
  });

  it('list, orders, withdrawal requests, generic requests', () => {
    expect(
      decode(typed(getSubAccountListMessage({ nonce: N, user: MASTER, signer: AGENT }).msg), {
        signer: AGENT,
      }),
    ).toMatchObject({
      // The bare tail is also all that Rebalance takes: shown as that write, with a warning, never as a read.
      kind: 'rebalance',
      endpoint: '/fapi/v3/assetExchange',
      verdict: { level: 'warn', reasons: [expect.stringMatching(/Rebalance, which converts your assets/)] },
    });
    const order = (params: Record<string, string>, user = SUB_B) =>
      decode(typed(agentSignedMessage(ENDPOINTS.order, params, { nonce: N, user, signer: AGENT }).msg), {
        signer: AGENT,
      });
    expect(
      order({ symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', quantity: '0.1', price: '60000' }, SUB_A),
    ).toMatchObject({
      kind: 'order',
      title: 'Buy 0.1 BTCUSDT (LIMIT at 60000) for "Grid01"',
      verdict: { level: 'ok' },
    });
    expect(
      order({ symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.1' }).verdict.reasons.join(),
    ).toMatch(/only reduce-only/);
    expect(
      order({ symbol: 'BTCUSDT', side: 'SELL', type: 'MARKET', quantity: '0.1', positionSide: 'LONG' })
        .verdict.level,
    ).toBe('ok');
    expect(
      decode(
        typed(
          agentSignedMessage(
            ENDPOINTS.batchOrders,
            { batchOrders: '[]' },
            { nonce: N, user: SUB_B, signer: AGENT },
          ).msg,
        ),
        { signer: AGENT },
      ).verdict.level,
    ).toBe('warn');
    const withdraw = withdrawRequestBody({ user: LOSS });
    expect(decode(typed(withdraw))).toMatchObject({ kind: 'withdrawal', verdict: { level: 'block' } });
    // A request of no described endpoint: Aster could read it at any endpoint whose fields it carries.
    expect(decode(typed(`foo=1&nonce=${N}&signer=${AGENT}`))).toMatchObject({
      verdict: { level: 'block' },
    });
  });

  it('withdrawal requests: signatureType=EOA is read as part of the withdrawal; anything else is blocked', () => {
    const msg = withdrawRequestBody();
    expect(msg).toContain('&signatureType=EOA&');
    const eoa = decode(typed(msg));
    expect(eoa.kind).toBe('withdrawal');
    expect(eoa.verdict.reasons.join()).not.toMatch(/signatureType/);
    for (const other of ['SafeWallet', 'eoa', ''])
      expect(decode(typed(msg.replace('signatureType=EOA', `signatureType=${other}`))), other).toMatchObject({
        verdict: { level: 'block' },
      });
  });

  it('duplicate fields are refused (which one would Aster read?)', () => {
    const summary = decode(
      typed(
        `toAccountAddress=${SUB_A}&asset=USDT&amount=1&amount=1000&kindType=FUTURE_FUTURE&nonce=${N}&user=${MASTER}&signer=${AGENT}`,
      ),
    );
    // Blocked, and described as the transfer it could be read as (with either amount).
    expect(summary).toMatchObject({ kind: 'transfer', verdict: { level: 'block' } });
    expect(summary.verdict.reasons.join()).toMatch(/"amount" appears 2 times/);
  });
});

describe('withdrawals', () => {
  const action = evmWithdrawalAction;

  it('EVM Action: amount, destination, chain; external destination is a warning', () => {
    const summary = decode({ method: 'eth_signTypedData_v4', typedData: action() }, { signer: MASTER });
    expect(summary).toMatchObject({
      kind: 'withdrawal',
      scheme: 'eip712-withdrawal',
      network: 'BSC',
      chainId: 56,
      asset: 'USDT',
      amount: '100',
      fee: '0.5',
      verdict: { level: 'warn' },
    });
    expect(summary.title).toBe('Withdraw 100 USDT to 0x0000…dEaD on BSC');
    expect(
      decode({ method: 'eth_signTypedData_v4', typedData: action({ receiver: MASTER }) }, { signer: MASTER })
        .verdict.level,
    ).toBe('ok');
  });

  it('EVM Action from a sub-account, with a negative balance, or too large: blocked', () => {
    expect(
      decode({ method: 'eth_signTypedData_v4', typedData: action() }, { signer: SUB_A }).verdict.reasons[0],
    ).toMatch(/Sub-accounts cannot withdraw/);
    expect(
      decode({ method: 'eth_signTypedData_v4', typedData: action() }, { signer: LOSS }).verdict.reasons[0],
    ).toMatch(/^Rebalance first/);
    expect(
      decode({ method: 'eth_signTypedData_v4', typedData: action({ amount: '5000' }) }, { signer: MASTER })
        .verdict.level,
    ).toBe('block');
  });

  it('EVM Action whose domain chain differs from its destination chain: blocked', () => {
    const typedData = action();
    const tampered = { ...typedData, domain: { ...typedData.domain, chainId: 1 } };
    expect(
      decode(
        { method: 'eth_signTypedData_v4', typedData: tampered },
        { signer: MASTER },
      ).verdict.reasons.join(),
    ).toMatch(/does not match the destination chain BSC/);
  });

  it('Solana withdrawal text', () => {
    const text = solanaWithdrawal();
    const summary = decode({ method: 'solana_signMessage', message: utf8(text) }, { signer: SOL });
    expect(summary).toMatchObject({
      kind: 'withdrawal',
      network: 'Solana',
      amount: '12.5',
      title: 'Withdraw 12.5 USDT to "SolDesk" on Solana',
      verdict: { level: 'ok' },
    });
    expect(
      decode({ method: 'solana_signMessage', message: utf8(text) }, { signer: SOL_SUB }).verdict.level,
    ).toBe('block');
    expect(decode({ method: 'solana_signMessage', message: utf8(`${text},Extra=1`) }).kind).toBe('unknown');
  });

  it('Solana-signed Aster bodies (Ed25519 over the query string)', () => {
    const body = transferBody({
      toAccountAddress: SOL_SUB,
      amount: '3',
      kindType: 'FUTURE_FUTURE',
      user: SOL,
    });
    expect(decode({ method: 'solana_signMessage', message: utf8(body) }, { signer: SOL })).toMatchObject({
      kind: 'transfer',
      scheme: 'solana-message',
      title: 'Transfer 3 USDT from "SolDesk" (perp) to "SolGrid1" (perp)',
      verdict: { level: 'ok' },
    });
    const approval = agentApprovalBody({
      user: SOL,
      agentName: 'b',
      expired: Date.UTC(2030, 0, 1),
      accountKind: 'solana',
      canSpotTrade: true,
    });
    expect(
      decode({ method: 'solana_signMessage', message: utf8(approval) }, { signer: SOL }).verdict.level,
    ).toBe('ok');
    expect(
      decode(
        {
          method: 'solana_signMessage',
          message: utf8(approval.replace('signatureChainId=101', 'signatureChainId=56')),
        },
        { signer: SOL },
      ).verdict.level,
    ).toBe('block');
  });
});

describe('unknown, malformed and hostile input never throws', () => {
  const unknownOf = (request: unknown, extra: Partial<DecodeContext> = {}) => {
    const summary = decode(request, extra);
    expect(summary.kind).toBe('unknown');
    expect(summary.verdict.reasons.length).toBeGreaterThan(0);
    return summary;
  };

  it('wrong types', () => {
    for (const request of [
      null,
      undefined,
      42,
      'text',
      [],
      {},
      { method: 'eth_sign' },
      { method: 'personal_sign', message: 5 },
      { method: 'solana_signMessage', message: 'text' },
      { method: 'eth_signTypedData_v4' },
    ])
      unknownOf(request);
  });

  it('typed data: bad JSON, missing parts, foreign domains, types that differ from Aster’s', () => {
    expect(unknownOf({ method: 'eth_signTypedData_v4', typedData: '{not json' }).verdict.level).toBe('block');
    unknownOf({ method: 'eth_signTypedData_v4', typedData: { domain: {}, types: {} } });
    const permit = {
      domain: { name: 'USD Coin', chainId: 1 },
      types: { Permit: [] },
      primaryType: 'Permit',
      message: { value: '1' },
    };
    expect(unknownOf({ method: 'eth_signTypedData_v4', typedData: JSON.stringify(permit) })).toMatchObject({
      scheme: 'eip712-other',
      chainId: 1,
      verdict: { level: 'block' },
    });
    const extraField = {
      ...asterMessageTypedData('nonce=1', 1666),
      types: {
        Message: [
          { name: 'msg', type: 'string' },
          { name: 'to', type: 'address' },
        ],
      },
    };
    expect(unknownOf({ method: 'eth_signTypedData_v4', typedData: extraField }).verdict.level).toBe('block');
    const extraType = {
      ...asterMessageTypedData('nonce=1', 1666),
      types: { Message: [{ name: 'msg', type: 'string' }], Hidden: [] },
    };
    expect(unknownOf({ method: 'eth_signTypedData_v4', typedData: extraType }).verdict.level).toBe('block');
    const reordered = {
      ...evmWithdrawalAction({ receiver: MASTER, amount: '1', fee: '0' }),
    };
    reordered.types = { Action: [...reordered.types.Action!].reverse() };
    expect(unknownOf({ method: 'eth_signTypedData_v4', typedData: reordered }).verdict.level).toBe('block');
    unknownOf({
      method: 'eth_signTypedData_v4',
      typedData: { ...asterMessageTypedData('x', 1666), message: { msg: 42 } },
    });
  });

  it('EIP712Domain beside the primary type is accepted when it is exactly the domain’s (wallet JSON shape)', () => {
    const data = asterMessageTypedData(
      getSubAccountListMessage({ nonce: N, user: MASTER, signer: AGENT }).msg,
      1666,
    );
    const withDomain = {
      ...data,
      domain: { ...data.domain, chainId: '0x682' },
      types: {
        ...data.types,
        EIP712Domain: [
          { name: 'name', type: 'string' },
          { name: 'version', type: 'string' },
          { name: 'chainId', type: 'uint256' },
          { name: 'verifyingContract', type: 'address' },
        ],
      },
    };
    expect(decode({ method: 'eth_signTypedData_v4', typedData: JSON.stringify(withDomain) })).toMatchObject({
      kind: 'rebalance',
      network: 'mainnet',
    });
    // A list that disagrees with the domain (the signer derives it from the domain): another hash, blocked.
    const partial = {
      ...withDomain,
      types: { ...data.types, EIP712Domain: [{ name: 'name', type: 'string' }] },
    };
    expect(decode({ method: 'eth_signTypedData_v4', typedData: partial }).verdict.level).toBe('block');
  });

  it('binary data, hidden characters and huge inputs', () => {
    expect(unknownOf({ method: 'personal_sign', message: '0xdeadbeef00ff' }).verdict.level).toBe('block');
    expect(
      unknownOf({ method: 'solana_signMessage', message: new Uint8Array([1, 0, 0xff, 0xfe, 3]) }).verdict
        .level,
    ).toBe('block');
    expect(unknownOf({ method: 'personal_sign', message: 'Approve\u202Eevil' }).verdict.reasons[0]).toMatch(
      /hidden/,
    );
    expect(unknownOf({ method: 'personal_sign', message: 'Hello' }).verdict.level).toBe('warn');
    expect(unknownOf({ method: 'personal_sign', message: 'x'.repeat(1_000_000) }).verdict.reasons[0]).toMatch(
      /too large/,
    );
    expect(
      unknownOf({ method: 'solana_signMessage', message: new Uint8Array(1_000_000).fill(65) }).verdict
        .reasons[0],
    ).toMatch(/too large/);
    expect(
      unknownOf({
        method: 'eth_signTypedData_v4',
        typedData: asterMessageTypedData('a=1&'.repeat(10_000), 1666),
      }).verdict.reasons[0],
    ).toMatch(/too large/);
  });

  it('prototype keys and a throwing lookup do no harm', () => {
    const summary = decode(typed(`__proto__=x&constructor=y&nonce=${N}&signer=${AGENT}`), {
      lookup: () => {
        throw new Error('db closed');
      },
    });
    expect(summary.verdict.level).toBe('block');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('random bytes and random strings: always a summary', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789=&%,.-_ ÿ\u0000\u202e';
    for (let i = 0; i < 300; i++) {
      const bytes = Uint8Array.from({ length: Math.floor(random() * 200) }, () => Math.floor(random() * 256));
      const text = Array.from(
        { length: Math.floor(random() * 200) },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join('');
      for (const request of [
        { method: 'solana_signMessage', message: bytes },
        { method: 'personal_sign', message: text },
        { method: 'personal_sign', message: toHex(bytes) },
        typed(text, Math.floor(random() * 2000)),
        { method: 'eth_signTypedData_v4', typedData: text },
      ]) {
        const summary = decode(request, { signer: MASTER });
        expect(typeof summary.title).toBe('string');
        expect(['ok', 'warn', 'block']).toContain(summary.verdict.level);
      }
    }
  });
});
