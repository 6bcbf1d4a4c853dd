import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSigningRequest, type DecodeContext, type SigningSummary } from '@/lib/aster/decode';
import { ENDPOINTS } from '@/lib/aster/endpoints';
import { asterLoginNonce } from '@/lib/aster/endpoints/login';
import {
  agentSignedMessage,
  bindSubAccountChildMessage,
  bindSubAccountMessage,
  createSubAccountChildMessage,
  createSubAccountMessage,
  getSubAccountListMessage,
  registerAndApproveAgentMessage,
  subAccountTransferMessage,
  updateSubAccountMessage,
  walletTransferMessage,
  withdrawRequestMessage,
} from '@/lib/aster/messages';
import type { AsterAccount } from '@/lib/aster/rules';
import { asterMessageTypedData } from '@/lib/aster/typed-data';

/**
 * Issue 11 §1 as properties: bodies built by mixing the fields of any two endpoints, reordering, duplicating,
 * and Unicode look-alikes are blocked or decoded as the worse reading — never as the harmless one.
 *
 * The oracle is this file's own table of Aster's endpoints (written from aster-protocol.md §4–§6, not imported
 * from lib/aster/endpoints), so a mistake in the library's descriptions shows up here as a misreading.
 * Runs: MIX + REORDER + DUPLICATE + LOOK_ALIKE + LOGIN + CLEAN ≥ 10,000 decoded bodies, 0 misreadings allowed.
 */

const MIX = 4000;
const REORDER = 1500;
const DUPLICATE = 1500;
const LOOK_ALIKE = 2500;
const LOGIN = 1000;
const CLEAN = 500;

interface Endpoint {
  kind: SigningSummary['kind'];
  required: readonly string[];
  optional: readonly string[];
  /** Aster rebuilds the signed string in this order (wallet-signed sub-account bodies). */
  fixedOrder: boolean;
  atLeastOneOf?: readonly string[];
  evm: readonly number[];
  solana: boolean;
  readOnly?: boolean;
  danger: number;
}

const REQ = [1666, 714];
const TAIL = { required: ['nonce', 'signer'], optional: ['user'] };
const ORDER_OPTIONAL = [
  'positionSide',
  'timeInForce',
  'quantity',
  'reduceOnly',
  'price',
  'newClientOrderId',
  'stopPrice',
  'closePosition',
  'activationPrice',
  'callbackRate',
  'workingType',
  'priceProtect',
  'newOrderRespType',
  'goodTillDate',
];
const TABLE: readonly Endpoint[] = [
  {
    kind: 'create-sub-account',
    required: ['subAccountName', 'subSourceAddr', 'nonce', 'user', 'signer'],
    optional: [],
    fixedOrder: true,
    evm: REQ,
    solana: true,
    danger: 50,
  },
  {
    kind: 'create-sub-account',
    required: ['subAccountName', 'subSourceAddr', 'nonce', 'user', 'signer', 'childSignature'],
    optional: [],
    fixedOrder: true,
    evm: REQ,
    solana: true,
    danger: 55,
  },
  {
    kind: 'bind-sub-account',
    required: ['childAddress', 'name', 'nonce', 'user'],
    optional: [],
    fixedOrder: true,
    evm: REQ,
    solana: true,
    danger: 50,
  },
  {
    kind: 'bind-sub-account',
    required: ['childAddress', 'name', 'nonce', 'user', 'childSignature'],
    optional: [],
    fixedOrder: true,
    evm: REQ,
    solana: true,
    danger: 55,
  },
  {
    kind: 'update-sub-account',
    required: ['subSourceAddr', 'nonce', 'user', 'signer'],
    optional: ['subAccountName', 'status'],
    atLeastOneOf: ['subAccountName', 'status'],
    fixedOrder: true,
    evm: REQ,
    solana: true,
    danger: 45,
  },
  {
    kind: 'transfer',
    required: ['toAccountAddress', 'asset', 'amount', 'kindType', 'nonce', 'user'],
    optional: ['signer', 'fromAccountAddress'],
    fixedOrder: true,
    evm: REQ,
    solana: true,
    danger: 80,
  },
  {
    kind: 'perp-spot-transfer',
    required: ['amount', 'asset', 'clientTranId', 'kindType', ...TAIL.required],
    optional: TAIL.optional,
    fixedOrder: false,
    evm: REQ,
    solana: false,
    danger: 30,
  },
  {
    kind: 'agent-approval',
    required: [
      'user',
      'nonce',
      'agentName',
      'agentAddress',
      'expired',
      'signatureChainId',
      'canSpotTrade',
      'canPerpTrade',
      'canWithdraw',
    ],
    optional: ['ipWhitelist'],
    fixedOrder: false,
    evm: [56],
    solana: true,
    danger: 100,
  },
  {
    kind: 'withdrawal',
    required: [
      'chainId',
      'asset',
      'amount',
      'fee',
      'receiver',
      'userNonce',
      'userSignature',
      ...TAIL.required,
    ],
    optional: ['signatureType', ...TAIL.optional], // §10: EVM withdrawals send signatureType=EOA
    fixedOrder: false,
    evm: REQ,
    solana: false,
    danger: 90,
  },
  {
    kind: 'order',
    required: ['symbol', 'side', 'type', ...TAIL.required],
    optional: [...ORDER_OPTIONAL, ...TAIL.optional],
    fixedOrder: false,
    evm: REQ,
    solana: false,
    danger: 20,
  },
  {
    kind: 'order',
    required: ['batchOrders', ...TAIL.required],
    optional: TAIL.optional,
    fixedOrder: false,
    evm: REQ,
    solana: false,
    danger: 20,
  },
  { kind: 'list', ...TAIL, fixedOrder: false, evm: REQ, solana: false, readOnly: true, danger: 0 },
  // Rebalance: no parameters of its own, and it converts assets — the bare tail's worst reading.
  { kind: 'rebalance', ...TAIL, fixedOrder: false, evm: REQ, solana: false, danger: 10 },
  // The public ledgers read to settle a lost answer (§10): futures income and spot transactionHistory.
  // (deposit-withdraw-history and user-withdraw-info are bare tails: the 'list' entry above.) Income without
  // `symbol`: a symbol-only body is also DELETE /fapi/v3/allOpenOrders, so it must read as nothing known.
  {
    kind: 'list',
    required: TAIL.required,
    optional: ['incomeType', 'startTime', 'endTime', 'limit', ...TAIL.optional],
    fixedOrder: false,
    evm: REQ,
    solana: false,
    readOnly: true,
    danger: 0,
  },
  {
    kind: 'list',
    required: TAIL.required,
    optional: ['asset', 'type', 'startTime', 'endTime', 'limit', ...TAIL.optional],
    fixedOrder: false,
    evm: REQ,
    solana: false,
    readOnly: true,
    danger: 0,
  },
];

type Scheme = { kind: 'solana' } | { kind: 'evm'; chainId: number };

const fitsScheme = (e: Endpoint, s: Scheme) => (s.kind === 'solana' ? e.solana : e.evm.includes(s.chainId));
const inOrder = (e: Endpoint, names: readonly string[]) => {
  if (!e.fixedOrder) return true;
  const order = [...e.required, ...e.optional];
  const at = names.map((n) => order.indexOf(n)).filter((i) => i >= 0);
  return at.every((v, i) => i === 0 || v > at[i - 1]!);
};
/** Aster could read the body at this endpoint: it has every required field (it ignores the others). */
const canRead = (e: Endpoint, names: readonly string[], s: Scheme) =>
  fitsScheme(e, s) && e.required.every((n) => names.includes(n)) && inOrder(e, names);
const exactly = (e: Endpoint, names: readonly string[], s: Scheme) =>
  canRead(e, names, s) &&
  names.every((n) => e.required.includes(n) || e.optional.includes(n)) &&
  (!e.atLeastOneOf || e.atLeastOneOf.some((n) => names.includes(n)));
const dangerOf = (kind: SigningSummary['kind']) =>
  Math.max(0, ...TABLE.filter((e) => e.kind === kind).map((e) => e.danger));

/**
 * A misreading, in words, or undefined. Not blocked means: no duplicate, exactly one endpoint (reads aside)
 * and the summary says that endpoint; and no endpoint Aster could read it at is worse than what is shown.
 */
function misreading(pairs: readonly [string, string][], scheme: Scheme, summary: SigningSummary) {
  if (summary.verdict.level === 'block') return undefined;
  const names = pairs.map(([n]) => n);
  if (new Set(names).size !== names.length) return `duplicate field not blocked: ${summary.title}`;
  const exact = TABLE.filter((e) => exactly(e, names, scheme));
  const writes = exact.filter((e) => !e.readOnly);
  // Only reads fit exactly: a parameterless write (Rebalance) reads it too, so it is shown as that, the worse
  // reading (the rule for the bare tail, which now also covers the ledgers' own optional fields).
  const parameterless = TABLE.find(
    (e) => !e.readOnly && canRead(e, names, scheme) && e.required.every((n) => TAIL.required.includes(n)),
  );
  const expected =
    writes.length === 1
      ? writes[0]!
      : writes.length === 0 && exact.length > 0
        ? (parameterless ?? exact[0])
        : undefined;
  if (!expected) return `not exactly one endpoint (${exact.length}), shown as ${summary.kind}`;
  if (summary.kind !== expected.kind) return `shown as ${summary.kind}, is ${expected.kind}`;
  const worse = TABLE.find(
    (e) => !e.readOnly && canRead(e, names, scheme) && e.danger > dangerOf(summary.kind),
  );
  if (worse) return `shown as ${summary.kind}, Aster could read it as ${worse.kind}`;
  return undefined;
}

// --- Clean bodies built with the companion's own builders ---

const EVM = [
  '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
  '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
];
const SOL = ['FVen3X669xLzsi6N2V91DoiyzHzg1uAgqiT8jZ9nS96Z', '586Z7H2vpX9qNhN2T4e9Utugie3ogjbxzGaMtM3E6HR5'];
const AGENT = '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65';
const SIG = `0x${'ab'.repeat(65)}`;
const accounts: AsterAccount[] = [
  { address: EVM[0]!, name: 'MainDesk', role: 'master', kind: 'evm' },
  { address: EVM[1]!, name: 'Grid01', role: 'sub', kind: 'evm', parent: EVM[0], status: 'NORMAL' },
  { address: SOL[0]!, name: 'SolDesk', role: 'master', kind: 'solana' },
];
const context: DecodeContext = {
  lookup: (address) => accounts.find((a) => a.address.toLowerCase() === address.toLowerCase()),
  balances: () => [{ asset: 'USDT', balance: '1000' }],
};

interface Clean {
  kind: SigningSummary['kind'];
  msg: string;
  scheme: Scheme;
}

const nonce = fc.integer({ min: 1, max: 2 ** 52 }).map((n) => 1_700_000_000_000_000 + n);
const amount = fc
  .tuple(fc.integer({ min: 1, max: 99_999 }), fc.integer({ min: 0, max: 999 }))
  .map(([w, f]) => (f === 0 ? String(w) : `${w}.${f}`));
const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{5,12}$/);
const asset = fc.constantFrom('USDT', 'BNB', 'ASTER');
const evmScheme = fc.constantFrom<Scheme>({ kind: 'evm', chainId: 1666 }, { kind: 'evm', chainId: 714 });
const walletScheme = fc.oneof(evmScheme, fc.constant<Scheme>({ kind: 'solana' }));
const userFor = (s: Scheme, i = 0) => (s.kind === 'solana' ? SOL[i % 2]! : EVM[i % 3]!);

const clean: fc.Arbitrary<Clean> = fc.oneof(
  fc.record({ s: walletScheme, n: nonce, nm: name, child: fc.boolean() }).map(({ s, n, nm, child }) => {
    const p = { subAccountName: nm, subSourceAddr: userFor(s, 1), nonce: n, user: userFor(s), signer: AGENT };
    return {
      kind: 'create-sub-account' as const,
      msg: (child ? createSubAccountChildMessage(p) : createSubAccountMessage(p, SIG)).msg,
      scheme: s,
    };
  }),
  fc.record({ s: walletScheme, n: nonce, nm: name, child: fc.boolean() }).map(({ s, n, nm, child }) => {
    const p = { childAddress: userFor(s, 1), name: nm, nonce: n, user: userFor(s) };
    return {
      kind: 'bind-sub-account' as const,
      msg: (child ? bindSubAccountChildMessage(p) : bindSubAccountMessage(p, SIG)).msg,
      scheme: s,
    };
  }),
  fc
    .record({
      s: walletScheme,
      n: nonce,
      nm: fc.option(name),
      st: fc.constantFrom('NORMAL', 'FROZEN', undefined),
    })
    .filter(({ nm, st }) => nm !== null || st !== undefined)
    .map(({ s, n, nm, st }) => ({
      kind: 'update-sub-account' as const,
      msg: updateSubAccountMessage({
        subSourceAddr: userFor(s, 1),
        nonce: n,
        user: userFor(s),
        signer: AGENT,
        ...(nm === null ? {} : { subAccountName: nm }),
        ...(st === undefined ? {} : { status: st as 'NORMAL' | 'FROZEN' }),
      }).msg,
      scheme: s,
    })),
  fc
    .record({
      s: walletScheme,
      n: nonce,
      a: amount,
      as: asset,
      k: fc.constantFrom('FUTURE_FUTURE', 'FUTURE_SPOT', 'SPOT_FUTURE', 'SPOT_SPOT' as const),
      from: fc.boolean(),
      // Half the transfers without `signer` (profile transferSigner 'omitted', §10): mixed, reordered,
      // duplicated and look-alike variants of those run through the same oracle.
      named: fc.boolean(),
    })
    .map(({ s, n, a, as, k, from, named }) => ({
      kind: 'transfer' as const,
      msg: subAccountTransferMessage({
        toAccountAddress: userFor(s, 1),
        asset: as,
        amount: a,
        kindType: k,
        nonce: n,
        user: userFor(s),
        signer: named ? AGENT : null,
        ...(from && s.kind === 'evm' ? { fromAccountAddress: EVM[2]! } : {}),
      }).msg,
      scheme: s,
    })),
  fc
    .record({
      s: evmScheme,
      n: nonce,
      a: amount,
      as: asset,
      k: fc.constantFrom('FUTURE_SPOT', 'SPOT_FUTURE' as const),
    })
    .map(({ s, n, a, as, k }) => ({
      kind: 'perp-spot-transfer' as const,
      msg: walletTransferMessage({
        amount: a,
        asset: as,
        clientTranId: `t${n}`,
        kindType: k,
        nonce: n,
        user: EVM[0]!,
        signer: AGENT,
      }).msg,
      scheme: s,
    })),
  fc
    .record({ sol: fc.boolean(), n: nonce, nm: name, w: fc.boolean(), sp: fc.boolean(), pp: fc.boolean() })
    .map(({ sol, n, nm, w, sp, pp }) => ({
      kind: 'agent-approval' as const,
      msg: registerAndApproveAgentMessage({
        user: sol ? SOL[0]! : EVM[0]!,
        nonce: n,
        agentName: nm,
        agentAddress: AGENT,
        expired: 1_893_456_000_000,
        accountKind: sol ? 'solana' : 'evm',
        canSpotTrade: sp,
        canPerpTrade: pp,
        canWithdraw: w,
        ...(w ? { ipWhitelist: ['203.0.113.7'] } : {}),
      }).msg,
      scheme: sol ? ({ kind: 'solana' } as const) : ({ kind: 'evm', chainId: 56 } as const),
    })),
  fc
    .record({ s: evmScheme, n: nonce, a: amount, as: asset, c: fc.constantFrom(1, 56, 42161) })
    .map(({ s, n, a, as, c }) => ({
      kind: 'withdrawal' as const,
      msg: withdrawRequestMessage({
        chainId: c,
        asset: as,
        amount: a,
        fee: '0.5',
        receiver: EVM[0]!,
        userNonce: n,
        userSignature: SIG,
        nonce: n + 1,
        user: EVM[0]!,
        signer: AGENT,
      }).msg,
      scheme: s,
    })),
  fc
    .record({ s: evmScheme, n: nonce, q: amount, side: fc.constantFrom('BUY', 'SELL') })
    .map(({ s, n, q, side }) => ({
      kind: 'order' as const,
      msg: agentSignedMessage(
        ENDPOINTS.order,
        { symbol: 'BTCUSDT', side, type: 'LIMIT', quantity: q, price: '60000', timeInForce: 'GTC' },
        { nonce: n, user: EVM[0]!, signer: AGENT },
      ).msg,
      scheme: s,
    })),
  fc.record({ s: evmScheme, n: nonce }).map(({ s, n }) => ({
    // The bare tail is read as its worst reading, Rebalance, never as a harmless read.
    kind: 'rebalance' as const,
    msg: getSubAccountListMessage({ nonce: n, user: EVM[0]!, signer: AGENT }).msg,
    scheme: s,
  })),
);

const split = (msg: string): [string, string][] =>
  msg.split('&').map((p) => {
    const at = p.indexOf('=');
    return [p.slice(0, at), p.slice(at + 1)];
  });
const join = (pairs: readonly [string, string][]) => pairs.map(([n, v]) => `${n}=${v}`).join('&');

function decode(msg: string, scheme: Scheme): SigningSummary {
  return decodeSigningRequest(
    scheme.kind === 'solana'
      ? { method: 'solana_signMessage', message: new TextEncoder().encode(msg) }
      : { method: 'eth_signTypedData_v4', typedData: asterMessageTypedData(msg, scheme.chainId) },
    context,
  );
}

const anyScheme = fc.constantFrom<Scheme>(
  { kind: 'solana' },
  { kind: 'evm', chainId: 1666 },
  { kind: 'evm', chainId: 714 },
  { kind: 'evm', chainId: 56 },
);

function check(pairs: [string, string][], scheme: Scheme) {
  const summary = decode(join(pairs), scheme);
  const wrong = misreading(pairs, scheme, summary);
  if (wrong) throw new Error(`${wrong}\n  body: ${join(pairs)}\n  scheme: ${JSON.stringify(scheme)}`);
  return summary;
}

describe(`a signed body means one thing (${MIX + REORDER + DUPLICATE + LOOK_ALIKE + LOGIN + CLEAN} generated cases)`, () => {
  it(`clean bodies decode as the endpoint they were built for (${CLEAN} runs)`, () => {
    fc.assert(
      fc.property(clean, ({ kind, msg, scheme }) => {
        const summary = check(split(msg), scheme);
        expect(summary.kind).toBe(kind);
        expect(summary.title).not.toMatch(/^Refused/);
      }),
      { numRuns: CLEAN, seed: 11 },
    );
  });

  it(`the fields of any two endpoints mixed, under any scheme: blocked or the worse reading (${MIX} runs)`, () => {
    fc.assert(
      fc.property(
        clean,
        clean,
        fc.array(fc.nat(), { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
        (a, b, picks, positions) => {
          const base = split(a.msg);
          const extra = split(b.msg);
          const chosen = [...new Set(picks.map((p) => p % extra.length))].map((i) => extra[i]!);
          const mixed = [...base];
          chosen.forEach((pair, i) => mixed.splice(positions[i]! % (mixed.length + 1), 0, pair));
          check(mixed, a.scheme);
        },
      ),
      { numRuns: MIX / 2, seed: 12 },
    );
    fc.assert(
      fc.property(
        clean,
        clean,
        fc.array(fc.nat(), { minLength: 1, maxLength: 12 }),
        anyScheme,
        (a, b, picks, scheme) => {
          const extra = split(b.msg);
          const chosen = [...new Set(picks.map((p) => p % extra.length))].map((i) => extra[i]!);
          check([...split(a.msg), ...chosen], scheme);
        },
      ),
      { numRuns: MIX / 2, seed: 13 },
    );
  });

  it(`reordered bodies: blocked, or still the same endpoint (${REORDER} runs)`, () => {
    fc.assert(
      fc.property(
        clean,
        fc.array(fc.nat(), { minLength: 2, maxLength: 20 }),
        ({ kind, msg, scheme }, order) => {
          const pairs = split(msg);
          const shuffled = [...pairs];
          order.forEach((j, i) => {
            const x = i % shuffled.length;
            const y = j % shuffled.length;
            [shuffled[x], shuffled[y]] = [shuffled[y]!, shuffled[x]!];
          });
          const summary = check(shuffled, scheme);
          if (summary.verdict.level !== 'block') expect(summary.kind).toBe(kind);
        },
      ),
      { numRuns: REORDER, seed: 14 },
    );
  });

  it(`a field sent twice (same or another value) is always blocked (${DUPLICATE} runs)`, () => {
    fc.assert(
      fc.property(clean, fc.nat(), fc.nat(), fc.boolean(), ({ msg, scheme }, which, where, same) => {
        const pairs = split(msg);
        const [fieldName, value] = pairs[which % pairs.length]!;
        const copy: [string, string] = [fieldName, same ? value : `${value}0`];
        pairs.splice(where % (pairs.length + 1), 0, copy);
        expect(decode(join(pairs), scheme).verdict.level).toBe('block');
      }),
      { numRuns: DUPLICATE, seed: 15 },
    );
  });

  const LOOK_ALIKES = [
    '\ufeff', // byte-order mark
    '\u200b', // zero-width space
    '\u200c',
    '\u200d',
    '\u2060', // word joiner
    '\u00ad', // soft hyphen
    '\u00a0', // no-break space
    '\r\n',
    '\r',
    '\u202e', // right-to-left override
  ];
  const HOMOGLYPHS: Record<string, string> = {
    a: '\u0430',
    e: '\u0435',
    o: '\u043e',
    p: '\u0440',
    c: '\u0441',
    x: '\u0445',
    i: '\u0456',
    s: '\u0455',
    A: '\u0391',
    T: '\u0422',
    U: '\u055d',
  };
  const lookAlike = fc.record({ at: fc.nat(), char: fc.constantFrom(...LOOK_ALIKES), how: fc.nat(2) });
  /** Inserts an invisible character, swaps a letter for a homoglyph, or a digit for its full-width twin. */
  function disguise(text: string, m: { at: number; char: string; how: number }): string | undefined {
    if (m.how === 0) {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.char + text.slice(at);
    }
    const candidates = [...text]
      .map((c, i) => [c, i] as const)
      .filter(([c]) => (m.how === 1 ? Object.hasOwn(HOMOGLYPHS, c) : /[0-9]/.test(c)));
    if (candidates.length === 0) return undefined;
    const [c, i] = candidates[m.at % candidates.length]!;
    const twin = m.how === 1 ? HOMOGLYPHS[c]! : String.fromCharCode(0xff10 + Number(c));
    return text.slice(0, i) + twin + text.slice(i + 1);
  }

  it(`Unicode look-alikes anywhere in a body (names, values, separators): always blocked (${LOOK_ALIKE} runs)`, () => {
    fc.assert(
      fc.property(clean, lookAlike, ({ msg, scheme }, m) => {
        const disguised = disguise(msg, m);
        fc.pre(disguised !== undefined);
        expect(decode(disguised!, scheme).verdict.level).toBe('block');
      }),
      { numRuns: LOOK_ALIKE, seed: 16 },
    );
  });

  it(`login look-alikes are never logins, never ok, on both paths; the exact text always is (${LOGIN} runs)`, () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,40}$/), lookAlike, (digits, m) => {
        const text = `You are signing into Astherus ${digits}`;
        const bytes = new TextEncoder().encode(text);
        expect(asterLoginNonce(bytes)).toBe(digits);
        const disguised = disguise(text, m);
        fc.pre(disguised !== undefined);
        const fake = new TextEncoder().encode(disguised!);
        expect(asterLoginNonce(fake)).toBeUndefined();
        for (const summary of [
          decodeSigningRequest({ method: 'solana_signMessage', message: fake }, context),
          decodeSigningRequest({ method: 'personal_sign', message: disguised! }, context),
        ]) {
          expect(summary.kind).not.toBe('login');
          expect(summary.verdict.level).not.toBe('ok');
        }
      }),
      { numRuns: LOGIN, seed: 17 },
    );
  });
});
