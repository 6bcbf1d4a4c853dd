import { toHex } from 'viem';
import { describe, expect, it } from 'vitest';
import { decodeSigningRequest, type DecodeContext, type SigningSummary } from './decode';
import {
  registerAndApproveAgentMessage,
  subAccountTransferMessage,
  walletTransferMessage,
  type RegisterAgentParams,
} from './messages';
import type { AsterAccount } from './rules';
import { matchSignedBody } from './endpoints';
import { asterMessageTypedData } from './typed-data';

/**
 * Issue 11 §1, "a signed Aster body must mean one thing": the reported instance on both schemes, and the
 * variants of its class (mixed, reordered, duplicated fields; signatureChainId that does not fit the scheme;
 * typed data whose domain is not exactly Aster's; login look-alikes). Only the public decoder is used.
 */

const MASTER = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const SUB = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const AGENT = '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65';
const SOL = 'FVen3X669xLzsi6N2V91DoiyzHzg1uAgqiT8jZ9nS96Z';
const N = 1763770000000000;
const accounts: AsterAccount[] = [
  { address: MASTER, name: 'MainDesk', role: 'master', kind: 'evm' },
  { address: SUB, name: 'Grid01', role: 'sub', kind: 'evm', parent: MASTER, status: 'NORMAL' },
  { address: SOL, name: 'SolDesk', role: 'master', kind: 'solana' },
];
const context = (signer: string): DecodeContext => ({
  lookup: (address) => accounts.find((a) => a.address.toLowerCase() === address.toLowerCase()),
  balances: () => [{ asset: 'USDT', balance: '1000' }],
  signer,
});
const utf8 = (text: string) => new TextEncoder().encode(text);
const solana = (msg: string, signer = SOL) =>
  decodeSigningRequest({ method: 'solana_signMessage', message: utf8(msg) }, context(signer));
const typed = (msg: string, chainId: number, signer = MASTER) =>
  decodeSigningRequest(
    { method: 'eth_signTypedData_v4', typedData: asterMessageTypedData(msg, chainId) },
    context(signer),
  );

const approval = (p: Partial<RegisterAgentParams> = {}) =>
  registerAndApproveAgentMessage({
    user: SOL,
    nonce: N,
    agentName: 'bot',
    agentAddress: AGENT,
    expired: 1893456000000,
    accountKind: 'solana',
    canSpotTrade: true,
    canPerpTrade: true,
    canWithdraw: true,
    ipWhitelist: ['203.0.113.7'],
    ...p,
  }).msg;
const PERP_SPOT_FIELDS = 'clientTranId=abc123&kindType=FUTURE_SPOT&amount=1&asset=USDT';

/** Blocked, never called harmless, and described as the worse reading when one exists. */
function expectRefusedAsWorst(summary: SigningSummary, worst: SigningSummary['kind']) {
  expect(summary.verdict.level).toBe('block');
  expect(summary.kind).toBe(worst);
  expect(summary.title).not.toMatch(/^Move /);
}

describe('the reported instance: registerAndApproveAgent (canWithdraw) carrying perp → spot fields', () => {
  it('Solana signMessage: blocked, shown as the API-wallet approval with WITHDRAWALS', () => {
    const summary = solana(`${approval()}&${PERP_SPOT_FIELDS}`);
    expectRefusedAsWorst(summary, 'agent-approval');
    expect(summary.title).toMatch(/WITHDRAWALS/);
    expect(summary.verdict.reasons.join(' ')).toMatch(/clientTranId/);
  });

  it('EVM typed data (chain 56, signatureChainId=56): blocked, shown as the approval', () => {
    const msg = `${approval({ user: MASTER, accountKind: 'evm' })}&${PERP_SPOT_FIELDS}`;
    const summary = typed(msg, 56);
    expectRefusedAsWorst(summary, 'agent-approval');
    expect(summary.title).toMatch(/WITHDRAWALS/);
  });

  it('EVM typed data under 1666 with a signer: blocked (the approval cannot be read there, the transfer can)', () => {
    const msg = `${approval({ user: MASTER, accountKind: 'evm' })}&${PERP_SPOT_FIELDS}&signer=${AGENT}`;
    expect(typed(msg, 1666).verdict.level).toBe('block');
  });

  it('variants: transfer fields first, interleaved, or the approval fields reordered', () => {
    const parts = `${approval()}&${PERP_SPOT_FIELDS}`.split('&');
    const variants = [
      [...parts.slice(-4), ...parts.slice(0, -4)],
      parts.flatMap((p, i) => (i % 2 === 0 ? [p] : [])).concat(parts.filter((_, i) => i % 2 === 1)),
      [...parts].reverse(),
    ];
    for (const variant of variants) expectRefusedAsWorst(solana(variant.join('&')), 'agent-approval');
  });

  it('a withdrawal right spelled any other way than exactly false counts as asked for', () => {
    for (const spelling of ['TRUE', '1', 'yes', 'true ', '']) {
      const msg = approval({ canWithdraw: false }).replace('canWithdraw=false', `canWithdraw=${spelling}`);
      const summary = solana(msg);
      expect(summary.verdict.level).toBe('block');
      expect(summary.title).toMatch(/WITHDRAWALS/);
    }
  });

  it('the clean approval and the clean perp → spot move still decode as themselves', () => {
    const clean = solana(approval());
    expect(clean).toMatchObject({ kind: 'agent-approval', endpoint: '/fapi/v3/registerAndApproveAgent' });
    expect(clean.verdict.level).not.toBe('block');
    const move = walletTransferMessage({
      amount: '1',
      asset: 'USDT',
      clientTranId: 'abc123',
      kindType: 'FUTURE_SPOT',
      nonce: N,
      user: MASTER,
      signer: AGENT,
    }).msg;
    expect(typed(move, 1666, AGENT)).toMatchObject({ kind: 'perp-spot-transfer', verdict: { level: 'ok' } });
  });
});

describe('scheme and chain id must fit the endpoint', () => {
  it('signatureChainId that does not fit the scheme: 56 under Solana, 101 under EVM', () => {
    expect(solana(approval().replace('signatureChainId=101', 'signatureChainId=56')).verdict.level).toBe(
      'block',
    );
    const evm = approval({ user: MASTER, accountKind: 'evm' }).replace(
      'signatureChainId=56',
      'signatureChainId=101',
    );
    expect(typed(evm, 56).verdict.level).toBe('block');
    expect(solana(approval().replace('signatureChainId=101', 'signatureChainId=1666')).verdict.level).toBe(
      'block',
    );
  });

  it('agent-signed bodies are never signed by a Solana wallet (agents are EVM keys)', () => {
    const move = walletTransferMessage({
      amount: '1',
      asset: 'USDT',
      clientTranId: 'abc123',
      kindType: 'FUTURE_SPOT',
      nonce: N,
      user: SOL,
      signer: AGENT,
    }).msg;
    const summary = solana(move);
    expect(summary.verdict.level).toBe('block');
    expect(summary.verdict.reasons.join(' ')).toMatch(/Solana/);
  });

  it('an approval body under the request domain (1666/714) is blocked', () => {
    for (const chainId of [1666, 714, 1, 97])
      expect(typed(approval({ user: MASTER, accountKind: 'evm' }), chainId).verdict.level).toBe('block');
  });
});

describe('fields: duplicated, missing, unknown, look-alike', () => {
  const transfer = subAccountTransferMessage({
    toAccountAddress: SUB,
    asset: 'USDT',
    amount: '1',
    kindType: 'FUTURE_FUTURE',
    nonce: N,
    user: MASTER,
    signer: AGENT,
  }).msg;

  it('the clean transfer is a transfer', () => {
    expect(typed(transfer, 1666)).toMatchObject({ kind: 'transfer', verdict: { level: 'ok' } });
  });

  it.each([
    ['a duplicated amount', transfer.replace('amount=1', 'amount=1&amount=1000')],
    ['a duplicated destination', `${transfer}&toAccountAddress=${MASTER}`],
    ['a missing kindType', transfer.replace('&kindType=FUTURE_FUTURE', '')],
    ['an unknown field', `${transfer}&memo=hi`],
    ['approval fields mixed in', `${transfer}&canWithdraw=true&agentAddress=${AGENT}`],
    ['a BOM before the first field', `\ufeff${transfer}`],
    ['a zero-width space in a field name', transfer.replace('amount=', 'amo\u200bunt=')],
    ['a Cyrillic a in a field name', transfer.replace('asset=', '\u0430sset=')],
    ['full-width digits in the amount', transfer.replace('amount=1', 'amount=\uff11\uff10\uff10')],
    ['\\r\\n after a value', transfer.replace('asset=USDT', 'asset=USDT\r\n')],
    ['a percent-escaped field name', transfer.replace('amount=', 'am%6Funt=')],
    ['a non-breaking space in a value', transfer.replace('asset=USDT', 'asset=USDT\u00a0')],
  ])('%s: blocked', (_, msg) => {
    expect(typed(msg, 1666).verdict.level).toBe('block');
    expect(solana(msg, MASTER).verdict.level).toBe('block');
  });
});

describe("a transfer body without signer (profile transferSigner 'omitted', §10) still means one thing", () => {
  const bare = (p: { fromAccountAddress?: string } = {}) =>
    subAccountTransferMessage({
      toAccountAddress: SUB,
      asset: 'USDT',
      amount: '1',
      kindType: 'FUTURE_FUTURE',
      nonce: N,
      user: MASTER,
      signer: null,
      ...p,
    }).msg;

  it('decodes as the transfer on both chain ids and on Solana, and as nothing else', () => {
    for (const chainId of [1666, 714])
      expect(typed(bare(), chainId)).toMatchObject({ kind: 'transfer', verdict: { level: 'ok' } });
    const sol = subAccountTransferMessage({
      toAccountAddress: SOL,
      asset: 'USDT',
      amount: '1',
      kindType: 'FUTURE_FUTURE',
      nonce: N,
      user: SOL,
      signer: null,
    }).msg;
    expect(solana(sol).kind).toBe('transfer');
    // The matcher's own answer: one exact endpoint and no other that could read the body.
    const pairs = bare({ fromAccountAddress: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC' })
      .split('&')
      .map((p) => p.split('=') as [string, string]);
    expect(pairs.some(([name]) => name === 'signer')).toBe(false);
    const match = matchSignedBody(pairs, { kind: 'evm', chainId: 1666 });
    expect(match.problems).toEqual([]);
    expect(match.spec?.id).toBe('subAccountTransfer');
  });

  it.each([
    ['perp → spot fields mixed in', () => `${bare()}&clientTranId=abc123`],
    ['approval fields mixed in', () => `${bare()}&agentName=bot&agentAddress=${AGENT}&expired=1893456000000`],
    ['withdrawal fields mixed in', () => `${bare()}&chainId=56&fee=1&receiver=${MASTER}`],
    ['update fields mixed in', () => `${bare()}&subSourceAddr=${SUB}&status=FROZEN`],
    ['a missing toAccountAddress', () => bare().replace(`toAccountAddress=${SUB}&`, '')],
    ['reordered (a fixed-order body)', () => bare().split('&').reverse().join('&')],
    ['signer sent twice', () => `${bare()}&signer=${AGENT}&signer=${MASTER}`],
  ])('%s: blocked, never a harmless reading', (_, make) => {
    const summary = typed(make(), 1666);
    expect(summary.verdict.level).toBe('block');
    expect(summary.kind).not.toBe('list');
  });
});

describe('typed data: the EIP-712 domain must be exactly Aster’s', () => {
  const transfer = subAccountTransferMessage({
    toAccountAddress: SUB,
    asset: 'USDT',
    amount: '1',
    kindType: 'FUTURE_FUTURE',
    nonce: N,
    user: MASTER,
    signer: AGENT,
  }).msg;
  const base = asterMessageTypedData(transfer, 1666);
  const decode = (typedData: unknown) =>
    decodeSigningRequest({ method: 'eth_signTypedData_v4', typedData }, context(MASTER));
  const DOMAIN_TYPES = [
    { name: 'name', type: 'string' },
    { name: 'version', type: 'string' },
    { name: 'chainId', type: 'uint256' },
    { name: 'verifyingContract', type: 'address' },
  ];

  it('the exact domain decodes (with or without an EIP712Domain list that matches it)', () => {
    expect(decode(base).verdict.level).toBe('ok');
    expect(decode({ ...base, types: { ...base.types, EIP712Domain: DOMAIN_TYPES } }).verdict.level).toBe(
      'ok',
    );
  });

  it.each([
    ['a salt', { ...base, domain: { ...base.domain, salt: `0x${'11'.repeat(32)}` } }],
    ['an extra domain key', { ...base, domain: { ...base.domain, extra: 'x' } }],
    ['no verifyingContract', { ...base, domain: { ...base.domain, verifyingContract: undefined } }],
    ['a verifying contract', { ...base, domain: { ...base.domain, verifyingContract: AGENT } }],
    ['version 2', { ...base, domain: { ...base.domain, version: '2' } }],
    ['chain id 1', { ...base, domain: { ...base.domain, chainId: 1 } }],
    [
      'an EIP712Domain list with a salt',
      {
        ...base,
        types: { ...base.types, EIP712Domain: [...DOMAIN_TYPES, { name: 'salt', type: 'bytes32' }] },
      },
    ],
    [
      'an EIP712Domain list in another order',
      { ...base, types: { ...base.types, EIP712Domain: [...DOMAIN_TYPES].reverse() } },
    ],
    ['an extra type', { ...base, types: { ...base.types, Other: [{ name: 'x', type: 'string' }] } }],
    ['an extra message key', { ...base, message: { msg: transfer, other: 'x' } }],
    [
      'a field entry with an extra key',
      { ...base, types: { Message: [{ name: 'msg', type: 'string', x: 1 }] } },
    ],
  ])('%s: blocked', (_, typedData) => {
    const data = JSON.parse(JSON.stringify(typedData)) as unknown;
    expect(decode(data).verdict.level).toBe('block');
  });
});

describe('login texts are recognised on the exact bytes', () => {
  const LOGIN = 'You are signing into Astherus 42';
  it.each([
    ['a byte-order mark', `\ufeff${LOGIN}`],
    ['\\r\\n at the end', `${LOGIN}\r\n`],
    ['a zero-width space', LOGIN.replace('42', '4\u200b2')],
    ['full-width digits', LOGIN.replace('42', '\uff14\uff12')],
    ['a Cyrillic e', LOGIN.replace('the', 'th\u0435')],
    ['a non-breaking space', LOGIN.replace('into ', 'into\u00a0')],
  ])('%s: not a login, and blocked', (_, text) => {
    for (const summary of [
      solana(text),
      decodeSigningRequest({ method: 'personal_sign', message: toHex(utf8(text)) }, context(MASTER)),
      decodeSigningRequest({ method: 'personal_sign', message: text }, context(MASTER)),
    ]) {
      expect(summary.kind).not.toBe('login');
      expect(summary.verdict.level).toBe('block');
    }
  });
});
