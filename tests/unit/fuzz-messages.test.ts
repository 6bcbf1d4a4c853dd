import fc from 'fast-check';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { LOGIN_TEXT_PATTERN } from '@/lib/aster/messages';
import { ProviderErrors } from '@/lib/background/dapp/errors';
import { pageContextOf } from '@/lib/background/dapp/page-handlers';
import { isExtensionPage } from '@/lib/background/popup-handlers';
import { PAGE_CHANNEL, pageContract } from '@/lib/messaging/page-api';
import { POPUP_CHANNEL, popupContract } from '@/lib/messaging/popup-api';
import { requestEnvelope, type Contract, type RpcResponse, type RpcServer } from '@/lib/messaging/rpc';
import type { Vault } from '@/lib/vault/vault';
import { DEMO_KEYS } from '@/simulator/keys';
import { connectSite, dappBackground } from '@/tests/support/dapp-background';

/**
 * Fuzzing of every message the background answers (issue 7, hostile pages): arbitrary JSON as messages and as
 * the params of every method name, from senders that may and may not use each channel. The servers must
 * always answer an envelope (never throw, never hang), never sign or open an approval for anything that is
 * not a valid request from an authorised sender, sign without approval only Aster's login text under standing
 * consent, and leave Object.prototype alone.
 */

type Sender = Browser.runtime.MessageSender;

/** Every signature any signer makes, with what it signed. */
const signatures = vi.hoisted(() => [] as { method: string; payload: unknown }[]);

vi.mock('@/lib/signers', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/signers')>();
  // Signers pass through unchanged, except that every sign* call is recorded first.
  const watch = <T extends object>(signer: T): T =>
    new Proxy(signer, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property, target);
        if (typeof value !== 'function') return value;
        if (typeof property === 'string' && property.startsWith('sign'))
          return (...args: unknown[]) => {
            signatures.push({ method: property, payload: args[0] });
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        return (value as (...a: unknown[]) => unknown).bind(target);
      },
    });
  return {
    ...actual,
    createSigner: (...args: Parameters<typeof actual.createSigner>) => watch(actual.createSigner(...args)),
    createEvmSigner: (...args: Parameters<typeof actual.createEvmSigner>) =>
      watch(actual.createEvmSigner(...args)),
    createSolanaSigner: (...args: Parameters<typeof actual.createSolanaSigner>) =>
      watch(actual.createSolanaSigner(...args)),
  };
});

const k = DEMO_KEYS;
const PASSWORD = 'Fuzzing-password-42';
const EXCHANGE = 'http://localhost:5173';
const TAB_ID = 7;
const HANG_MS = 5_000;
const POPUP_RUNS = 100;
const PAGE_RUNS = 150;
const MAX_MESSAGES_PER_RUN = 6;

const extensionUrl = (path: string) => fakeBrowser.runtime.getURL(path);
const SENDERS: Record<string, Sender> = {
  popup: { id: fakeBrowser.runtime.id, url: extensionUrl('/popup.html') },
  promptInTab: {
    id: fakeBrowser.runtime.id,
    url: extensionUrl('/prompt.html?id=x'),
    tab: { id: TAB_ID } as never,
    frameId: 3,
  },
  exchangeContent: {
    id: fakeBrowser.runtime.id,
    url: `${EXCHANGE}/`,
    origin: EXCHANGE,
    tab: { id: TAB_ID } as never,
    frameId: 0,
  },
  exchangeFramed: {
    id: fakeBrowser.runtime.id,
    url: `${EXCHANGE}/`,
    origin: EXCHANGE,
    tab: { id: TAB_ID } as never,
    frameId: 2,
  },
  otherSiteContent: {
    id: fakeBrowser.runtime.id,
    url: 'https://evil.example/',
    origin: 'https://evil.example',
    tab: { id: 9 } as never,
    frameId: 0,
  },
  lookalike: {
    id: fakeBrowser.runtime.id,
    url: 'http://localhost.evil.example/',
    origin: 'http://localhost.evil.example',
    tab: { id: 9 } as never,
    frameId: 0,
  },
  otherExtension: {
    id: 'another-extension',
    url: `chrome-extension://another-extension/popup.html`,
    origin: EXCHANGE,
    tab: { id: TAB_ID } as never,
    frameId: 0,
  },
  noTab: { id: fakeBrowser.runtime.id, url: `${EXCHANGE}/`, origin: EXCHANGE, frameId: 0 },
  empty: {},
};

// --- Arbitraries ------------------------------------------------------------------------------------

const POLLUTING_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'];
const paramKeys = (contract: Contract) =>
  Object.values(contract).flatMap((spec) =>
    'entries' in spec.params ? Object.keys(spec.params.entries as object) : [],
  );
const KEYS = [...new Set([...paramKeys(popupContract), ...paramKeys(pageContract), ...POLLUTING_KEYS])];
const METHODS = [
  ...Object.keys(popupContract),
  ...Object.keys(pageContract),
  ...POLLUTING_KEYS,
  '__defineGetter__',
  'vault.create ',
  'VAULT.UNLOCK',
  'x'.repeat(100),
  'x'.repeat(101),
];
const PROVIDER_METHODS = [
  'eth_chainId',
  'eth_accounts',
  'eth_requestAccounts',
  'wallet_requestPermissions',
  'wallet_getPermissions',
  'wallet_revokePermissions',
  'wallet_switchEthereumChain',
  'personal_sign',
  'eth_signTypedData_v4',
  'eth_sendTransaction',
  'eth_sign',
  'solana:connect',
  'solana:signMessage',
  'solana:signTransaction',
  ...POLLUTING_KEYS,
];

/** Filled per run with the ids the fresh vault got, so fuzzed params can name real accounts. */
const ids = { main: '', grid: '', sol: '' };
const b64 = (text: string) => Buffer.from(text).toString('base64');
const loginText = (nonce: string) => `You are signing into Astherus ${nonce}`;

const HUGE_STRING = 'A'.repeat(300_000);
const HUGE_ARRAY = Array.from({ length: 20_000 }, (_, i) => i);

/** Values that make a request nearly (or exactly) valid: real ids, addresses, login texts, Aster words. */
const interesting = fc.oneof(
  fc.constantFrom(
    k.evmMaster.address,
    k.evmMaster.address.toLowerCase(),
    k.evmSubGrid.address,
    k.solanaMaster.address,
    'evm',
    'solana',
    'master',
    'sub',
    'NORMAL',
    'FROZEN',
    'futures',
    'spot',
    'USDT',
    '10',
    'mainnet',
    'simulator',
    EXCHANGE,
    '0x38',
    '0x1',
    '0x68656c6c6f',
    PASSWORD,
    HUGE_STRING,
    HUGE_ARRAY,
    { chainId: '0xa4b1' },
    JSON.stringify({
      domain: { name: 'AsterSignTransaction', version: '1', chainId: 1666 },
      types: { Message: [{ name: 'msg', type: 'string' }] },
      primaryType: 'Message',
      message: { msg: `nonce=1&user=${k.evmMaster.address}&signer=${k.evmMaster.address}` },
    }),
    b64(loginText('1')),
    b64('hello'),
  ),
  fc.constantFrom('main', 'grid', 'sol').map((which) => () => ids[which as keyof typeof ids]),
  fc.uuid(),
  fc.bigInt({ min: 0n, max: 10n ** 40n }).map((n) => loginText(n.toString())),
  fc.bigInt({ min: 0n, max: 10n ** 40n }).map((n) => b64(loginText(n.toString()))),
  fc.string({ maxLength: 2100 }),
);

/** Own properties only (as JSON.parse makes them), so `__proto__` is a key, not a prototype change. */
const ownObject = <T>(keys: fc.Arbitrary<string>, values: fc.Arbitrary<T>) =>
  fc.array(fc.tuple(keys, values), { maxLength: 6 }).map((entries) => {
    const object: Record<string, T> = {};
    for (const [key, value] of entries)
      Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
    return object;
  });

const anyKey = fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 12 }));

/** Arbitrary JSON-like values with polluting keys, nested a few levels, plus the interesting values. */
const { json } = fc.letrec<{ json: unknown }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.double(),
    fc.integer(),
    fc.string({ maxLength: 40 }),
    interesting,
    fc.array(tie('json'), { maxLength: 5 }),
    ownObject(anyKey, tie('json')),
  ),
}));

const anyId = fc.oneof(
  fc.constantFrom('main', 'grid', 'sol').map((which) => () => ids[which as keyof typeof ids]),
  fc.uuid(),
);
const address = fc.constantFrom(
  k.evmMaster.address,
  k.evmMaster.address.toLowerCase(),
  k.evmSubGrid.address,
  k.solanaMaster.address,
  '0x0000000000000000000000000000000000000000',
);
/** Values that fit a param's name, so requests are often exactly valid. */
const HINTS: Record<string, fc.Arbitrary<unknown>> = {
  id: anyId,
  parentId: anyId,
  masterId: anyId,
  accountId: anyId,
  fromId: anyId,
  toId: anyId,
  agentId: anyId,
  password: fc.constantFrom(PASSWORD, 'wrong-password'),
  oldPassword: fc.constantFrom(PASSWORD, 'wrong-password'),
  newPassword: fc.constantFrom(PASSWORD, 'Another-password-7'),
  filePassword: fc.constantFrom(PASSWORD, 'wrong-password'),
  kind: fc.constantFrom('evm', 'solana'),
  role: fc.constantFrom('master', 'sub'),
  name: fc.oneof(fc.constantFrom('FuzzSub01', 'MainDesk', 'Grid01'), fc.string({ maxLength: 30 })),
  key: fc.constantFrom(k.evmSubHedge.privateKey, k.evmMaster.privateKey, '0x1234', ''),
  confirmation: fc.constantFrom('MainDesk', 'Grid01', 'reset'),
  origin: fc.constantFrom(EXCHANGE, 'https://evil.example'),
  autoLogin: fc.boolean(),
  approve: fc.boolean(),
  activity: fc.boolean(),
  status: fc.constantFrom('NORMAL', 'FROZEN'),
  asset: fc.constantFrom('USDT', 'usdt'),
  amount: fc.constantFrom('10', '-1', '1e9'),
  network: fc.constantFrom('mainnet', 'testnet', 'simulator'),
  autoLockMs: fc.constantFrom(null, 60_000, 1234, -5),
  method: fc.constantFrom(...PROVIDER_METHODS),
};
const valueFor = (key: string) =>
  fc.oneof(
    { weight: 8, arbitrary: Object.hasOwn(HINTS, key) ? HINTS[key]! : interesting },
    { weight: 1, arbitrary: interesting },
    { weight: 1, arbitrary: json },
  );

/** Params shaped like a method's: some of its keys (rarely another) with values that often fit. */
const paramsFor = (contract: Contract, method: string) => {
  const schema = Object.hasOwn(contract, method) ? contract[method]!.params : undefined;
  const keys = schema && 'entries' in schema ? Object.keys(schema.entries as object) : [];
  const shaped = fc
    .tuple(
      fc.oneof({ weight: 3, arbitrary: fc.constant(keys) }, { weight: 1, arbitrary: fc.subarray(keys) }),
      fc.option(fc.constantFrom(...KEYS), { freq: 10 }),
    )
    .chain(([chosen, extra]) => {
      const names = extra === null ? chosen : [...chosen, extra];
      return fc.tuple(...names.map((name) => valueFor(name))).map((values) => {
        const object: Record<string, unknown> = {};
        names.forEach((name, i) =>
          Object.defineProperty(object, name, {
            value: values[i],
            enumerable: true,
            writable: true,
            configurable: true,
          }),
        );
        return object;
      });
    });
  return fc.oneof(
    { weight: 5, arbitrary: method === 'request' ? providerRequest : shaped },
    { weight: 2, arbitrary: shaped },
    { weight: 1, arbitrary: json },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
};

const typedData = fc.oneof(
  fc.constantFrom(...[1666, 714, 56, '0x682', 1].map((chainId) => ({ chainId }))).chain(({ chainId }) =>
    fc.record({
      domain: fc.constant({ name: 'AsterSignTransaction', version: '1', chainId }),
      types: fc.constant({ Message: [{ name: 'msg', type: 'string' }] }),
      primaryType: fc.constant('Message'),
      message: fc.record({
        msg: fc.oneof(
          fc.constant(`nonce=1&user=${k.evmMaster.address}&signer=${k.evmMaster.address}`),
          fc.string({ maxLength: 60 }),
        ),
      }),
    }),
  ),
  json,
);
const nonceText = fc.bigInt({ min: 0n, max: 10n ** 40n }).map((n) => n.toString());
const generic = fc.oneof(
  fc.array(fc.oneof(interesting, json), { maxLength: 3 }),
  ownObject(fc.constantFrom('address', 'message', 'transaction', 'silent', '__proto__'), interesting),
  json,
);
/** Params that fit each provider method (often exactly), else anything. */
const PROVIDER_PARAMS: Record<string, fc.Arbitrary<unknown>> = {
  personal_sign: fc.tuple(
    fc.oneof(
      nonceText.map(loginText),
      nonceText.map((n) => `0x${Buffer.from(loginText(n)).toString('hex')}`),
      fc.constantFrom('0x68656c6c6f', '0xdeadbeef', ` ${loginText('1')}`, `${loginText('1')}\n`),
      fc.string({ maxLength: 50 }),
      json,
    ),
    address,
  ),
  eth_signTypedData_v4: fc.tuple(
    address,
    fc.oneof(
      typedData,
      typedData.map((data) => JSON.stringify(data)),
    ),
  ),
  'solana:signMessage': fc.record({
    address,
    message: fc.oneof(
      nonceText.map((n) => b64(loginText(n))),
      fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes).toString('base64')),
      fc.string({ maxLength: 20 }),
    ),
  }),
  'solana:signTransaction': fc.record({
    address,
    transaction: fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('base64')),
  }),
  wallet_switchEthereumChain: fc.tuple(
    fc.record({ chainId: fc.constantFrom('0x1', '0x38', '0xa4b1', '0x89', 'x') }),
  ),
  'solana:connect': fc.record({ silent: fc.boolean() }),
};
const SIGNING_METHODS = [
  'personal_sign',
  'eth_signTypedData_v4',
  'solana:signMessage',
  'solana:signTransaction',
];
const providerRequest = fc
  .oneof(
    { weight: 2, arbitrary: fc.constantFrom(...SIGNING_METHODS) },
    { weight: 3, arbitrary: fc.constantFrom(...PROVIDER_METHODS) },
  )
  .chain((method) =>
    fc.record(
      {
        method: fc.constant(method),
        params: Object.hasOwn(PROVIDER_PARAMS, method)
          ? fc.oneof({ weight: 4, arbitrary: PROVIDER_PARAMS[method]! }, { weight: 1, arbitrary: generic })
          : generic,
      },
      { requiredKeys: ['method'] },
    ),
  );

const message = (channel: string, contract: Contract) =>
  fc.oneof(
    {
      weight: 8,
      arbitrary: fc
        .oneof(
          { weight: 6, arbitrary: fc.constantFrom(...Object.keys(contract)) },
          // The page channel's provider requests are where signatures happen.
          { weight: Object.hasOwn(contract, 'request') ? 12 : 0, arbitrary: fc.constant('request') },
          { weight: 1, arbitrary: fc.constantFrom(...METHODS) },
          { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
        )
        .chain((method) =>
          fc.record({
            channel: fc.constantFrom(channel, channel, channel, channel, 'popup', 'page', 'event'),
            method: fc.constant(method),
            params: paramsFor(contract, method),
          }),
        ),
    },
    { weight: 1, arbitrary: json },
    {
      weight: 1,
      arbitrary: fc.record({
        channel: fc.constant(channel),
        method: fc.constantFrom('request', 'hello', 'ping'),
        params: providerRequest,
        extra: json,
      }),
    },
    {
      weight: 1,
      arbitrary: ownObject(
        fc.constantFrom('channel', 'method', 'params', '__proto__'),
        fc.oneof(interesting, json),
      ).map((object) => ({ channel, ...object })),
    },
  );

/** A sender's name: the channel's own senders half the time, any other the rest. */
const sender = (...authorised: string[]) =>
  fc.oneof(fc.constantFrom(...authorised), fc.constantFrom(...Object.keys(SENDERS)));

/** Resolves lazily-named account ids (the fuzz values are built before the run's vault exists). */
function resolve(value: unknown, depth = 0): unknown {
  if (typeof value === 'function') return (value as () => string)();
  if (depth > 20 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value))
    return value === HUGE_ARRAY ? value : value.map((item) => resolve(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value))
    Object.defineProperty(copy, key, {
      value: resolve((value as Record<string, unknown>)[key], depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return copy;
}

// --- The background, fresh for every run --------------------------------------------------------------

interface World {
  popup: RpcServer;
  page: RpcServer;
  vault: Vault;
  approvalRequests: () => number;
  /** What the last approval prompt was asked to show. */
  lastApproval: () => { summary?: { kind: string; title: string; verdict: { level: string } } } | undefined;
}

async function freshWorld(): Promise<World> {
  fakeBrowser.reset();
  // Not implemented by the fake browser: the prompt and broadcasts go nowhere.
  fakeBrowser.tabs.sendMessage = vi.fn(async () => undefined) as never;
  // Every approval is refused at once: a signature after one would be a signature without approval.
  const background = dappBackground('fuzz', async () =>
    Promise.reject(ProviderErrors.userRejected('Refused by the fuzzer.')),
  );
  const { vault, popupServer: popup, pageServer: page, approvals: request, popup: setup } = background;
  await setup('vault.create', { password: PASSWORD });
  ids.main = (
    await setup('accounts.add', {
      role: 'master',
      kind: 'evm',
      name: 'MainDesk',
      key: k.evmMaster.privateKey,
    })
  ).id;
  ids.grid = (
    await setup('accounts.add', {
      role: 'sub',
      kind: 'evm',
      parentId: ids.main,
      name: 'Grid01',
      key: k.evmSubGrid.privateKey,
    })
  ).id;
  ids.sol = (
    await setup('accounts.add', {
      role: 'master',
      kind: 'solana',
      name: 'SolDesk',
      key: JSON.stringify(Array.from(Buffer.from(k.solanaMaster.seed, 'hex'))),
    })
  ).id;
  await setup('accounts.setActive', { id: ids.main });
  // Connected, with standing consent to the login message: the one path that signs without a prompt.
  await connectSite(vault, EXCHANGE, [ids.main], true);
  request.mockClear();
  signatures.length = 0;
  return {
    popup,
    page,
    vault,
    approvalRequests: () => request.mock.calls.length,
    lastApproval: () => request.mock.calls.at(-1)?.[0] as never,
  };
}

// --- Checks ---------------------------------------------------------------------------------------------

function isEnvelope(response: unknown): response is RpcResponse {
  if (typeof response !== 'object' || response === null) return false;
  const r = response as { ok?: unknown; result?: unknown; error?: { code?: unknown; message?: unknown } };
  if (r.ok === true) return 'result' in r;
  return (
    r.ok === false &&
    typeof r.error === 'object' &&
    r.error !== null &&
    typeof r.error.code === 'string' &&
    typeof r.error.message === 'string'
  );
}

/** Answers within HANG_MS or fails; a synchronous throw fails too. */
async function answer(server: RpcServer, wire: unknown, sender: Sender): Promise<RpcResponse | undefined> {
  const pending = server.handle(wire, sender);
  if (pending === undefined) return undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${HANG_MS} ms`)), HANG_MS);
  });
  try {
    return await Promise.race([pending, hung]);
  } finally {
    clearTimeout(timer);
  }
}

function isValid(
  wire: unknown,
  channel: string,
  contract: Contract,
  authorised: boolean,
): { valid: boolean; method?: string } {
  if (!v.is(requestEnvelope, wire) || wire.channel !== channel || !authorised) return { valid: false };
  if (!Object.hasOwn(contract, wire.method)) return { valid: false };
  return { valid: v.is(contract[wire.method]!.params, wire.params), method: wire.method };
}

/** What a signature was over, as text when it is UTF-8 (login texts are). */
function signedText(payload: unknown): string | undefined {
  if (typeof payload === 'string') return payload;
  if (payload instanceof Uint8Array) {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(payload);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** JSON round trip, as Chrome carries runtime messages (own `__proto__` keys survive it). */
function overTheWire(value: unknown, raw: boolean): unknown {
  if (raw) return value;
  const text = JSON.stringify(value);
  return text === undefined ? undefined : JSON.parse(text);
}

const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
const arrayPrototypeBefore = Object.getOwnPropertyNames(Array.prototype).sort();
const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);

beforeAll(() => {
  globalThis.fetch = vi.fn(async () => {
    throw new TypeError('The fuzzer has no network.');
  }) as never;
});

afterAll(() => {
  consoleError.mockRestore();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
  expect(Object.getOwnPropertyNames(Array.prototype).sort()).toEqual(arrayPrototypeBefore);
  for (const key of ['polluted', 'isAdmin', 'id', 'password', 'approve', 'autoLogin'])
    expect(({} as Record<string, unknown>)[key]).toBeUndefined();
});

describe('fuzzing the page channel (content script ↔ background)', () => {
  it('positive controls: the spies see an auto-signed login and an approval for anything else', async () => {
    const world = await freshWorld();
    const send = (params: object) =>
      answer(world.page, { channel: PAGE_CHANNEL, method: 'request', params }, SENDERS.exchangeContent!);
    expect(
      await send({ method: 'personal_sign', params: [loginText('42'), k.evmMaster.address] }),
    ).toMatchObject({ ok: true });
    expect(signatures).toHaveLength(1);
    expect(world.approvalRequests()).toBe(0);
    expect(
      await send({ method: 'personal_sign', params: ['0x68656c6c6f', k.evmMaster.address] }),
    ).toMatchObject({ ok: false, error: { code: '4001' } });
    expect(world.approvalRequests()).toBe(1);
    expect(signatures).toHaveLength(1);
  });

  it('auto-login signs only the exact login bytes: a byte-order mark or look-alike asks first (EVM and Solana)', async () => {
    const world = await freshWorld();
    const send = (params: object) =>
      answer(world.page, { channel: PAGE_CHANNEL, method: 'request', params }, SENDERS.exchangeContent!);
    const hex = (text: string) => `0x${Buffer.from(text).toString('hex')}`;
    const lookAlikes = [
      `\ufeff${loginText('42')}`, // byte-order mark: TextDecoder strips it unless told not to
      `${loginText('42')}\r\n`,
      `${loginText('4')}\u200b2`, // zero-width space
      loginText('\uff14\uff12'), // full-width digits
      `You are signing into Asth\u0435rus 42`, // Cyrillic e
    ];
    expect(
      await send({ method: 'personal_sign', params: [hex(loginText('42')), k.evmMaster.address] }),
    ).toMatchObject({ ok: true });
    expect([signatures.length, world.approvalRequests()]).toEqual([1, 0]);
    for (const text of lookAlikes)
      expect(await send({ method: 'personal_sign', params: [hex(text), k.evmMaster.address] })).toMatchObject(
        {
          ok: false,
          error: { code: '4001' },
        },
      );
    expect([signatures.length, world.approvalRequests()]).toEqual([1, lookAlikes.length]);

    const active = await world.popup.handle(
      { channel: POPUP_CHANNEL, method: 'accounts.setActive', params: { id: ids.sol } },
      SENDERS.popup!,
    );
    expect(active).toMatchObject({ ok: true });
    const solana = (text: string) =>
      send({ method: 'solana:signMessage', params: { address: k.solanaMaster.address, message: b64(text) } });
    expect(await solana(loginText('42'))).toMatchObject({ ok: true });
    expect([signatures.length, world.approvalRequests()]).toEqual([2, lookAlikes.length]);
    for (const text of lookAlikes)
      expect(await solana(text)).toMatchObject({ ok: false, error: { code: '4001' } });
    expect([signatures.length, world.approvalRequests()]).toEqual([2, 2 * lookAlikes.length]);
  });

  it('the reported body (API-wallet approval with canWithdraw + perp → spot fields) reaches the prompt as a blocked approval', async () => {
    const world = await freshWorld();
    const active = await world.popup.handle(
      { channel: POPUP_CHANNEL, method: 'accounts.setActive', params: { id: ids.sol } },
      SENDERS.popup!,
    );
    expect(active).toMatchObject({ ok: true });
    const body =
      `user=${k.solanaMaster.address}&nonce=1763770000000000&agentName=bot&agentAddress=${k.evmSpare1.address}` +
      '&expired=1893456000000&signatureChainId=101&canSpotTrade=true&canPerpTrade=true&canWithdraw=true' +
      '&ipWhitelist=203.0.113.7&clientTranId=abc123&kindType=FUTURE_SPOT&amount=1&asset=USDT';
    const answer = await world.page.handle(
      {
        channel: PAGE_CHANNEL,
        method: 'request',
        params: {
          method: 'solana:signMessage',
          params: { address: k.solanaMaster.address, message: b64(body) },
        },
      },
      SENDERS.exchangeContent!,
    );
    expect(answer).toMatchObject({ ok: false });
    expect(signatures).toHaveLength(0);
    const summary = world.lastApproval()?.summary;
    expect(summary).toMatchObject({ kind: 'agent-approval', verdict: { level: 'block' } });
    expect(summary?.title).toMatch(/WITHDRAWALS/);
  });

  it(`arbitrary messages from any sender: always an envelope, no approval or signature unless valid and authorised (${PAGE_RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(message(PAGE_CHANNEL, pageContract), sender('exchangeContent'), fc.boolean()), {
          minLength: 1,
          maxLength: MAX_MESSAGES_PER_RUN,
        }),
        async (calls) => {
          const world = await freshWorld();
          for (const [raw, senderName, rawWire] of calls) {
            const sender = SENDERS[senderName]!;
            const wire = overTheWire(resolve(raw), rawWire);
            const authorised = (await pageContextOf(sender)) !== null;
            const { valid } = isValid(wire, PAGE_CHANNEL, pageContract, authorised);
            const signedBefore = signatures.length;
            const approvalsBefore = world.approvalRequests();
            const connection = await world.vault.database.connections.get(EXCHANGE);
            const response = await answer(world.page, wire, sender);

            const ours =
              typeof wire === 'object' &&
              wire !== null &&
              (wire as { channel?: unknown }).channel === PAGE_CHANNEL;
            if (!ours) {
              expect(response).toBeUndefined();
              continue;
            }
            expect(isEnvelope(response)).toBe(true);
            const signed = signatures.slice(signedBefore);
            const asked = world.approvalRequests() - approvalsBefore;
            if (!valid) {
              expect(response!.ok).toBe(false);
              expect(signed).toEqual([]);
              expect(asked).toBe(0);
              if (!authorised && v.is(requestEnvelope, wire))
                expect(response).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
              continue;
            }
            // Valid and authorised: every approval is refused, so the only signature possible is Aster's
            // exact login text under standing consent — one per request, never after an approval.
            if (signed.length > 0) {
              expect(asked).toBe(0);
              expect(signed).toHaveLength(1);
              expect(signed[0]!.method).not.toBe('signTypedData');
              expect(signedText(signed[0]!.payload)).toMatch(LOGIN_TEXT_PATTERN);
              expect(connection?.autoLogin).toBe(true);
            }
          }
        },
      ),
      { numRuns: PAGE_RUNS },
    );
  });
});

describe('fuzzing the popup channel (extension pages ↔ background)', () => {
  it(`arbitrary messages from any sender: always an envelope; refused senders change nothing and nothing is signed (${POPUP_RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(message(POPUP_CHANNEL, popupContract), sender('popup', 'promptInTab'), fc.boolean()),
          {
            minLength: 1,
            maxLength: MAX_MESSAGES_PER_RUN,
          },
        ),
        async (calls) => {
          const world = await freshWorld();
          for (const [raw, senderName, rawWire] of calls) {
            const sender = SENDERS[senderName]!;
            const wire = overTheWire(resolve(raw), rawWire);
            const authorised = isExtensionPage(sender);
            const { valid, method } = isValid(wire, POPUP_CHANNEL, popupContract, authorised);
            const signedBefore = signatures.length;
            const before = authorised
              ? undefined
              : JSON.stringify([await world.vault.state(), await world.vault.database.accounts.toArray()]);
            const response = await answer(world.popup, wire, sender);

            const ours =
              typeof wire === 'object' &&
              wire !== null &&
              (wire as { channel?: unknown }).channel === POPUP_CHANNEL;
            if (!ours) {
              expect(response).toBeUndefined();
              continue;
            }
            expect(isEnvelope(response)).toBe(true);
            // The popup channel never asks the trader through an approval.
            expect(world.approvalRequests()).toBe(0);
            const signed = signatures.slice(signedBefore);
            if (!valid) {
              expect(response!.ok).toBe(false);
              expect(signed).toEqual([]);
            } else if (signed.length > 0) {
              // Only Aster operations (transfers, agents…) sign, from the extension's own pages.
              expect(method).toMatch(/^aster\./);
            }
            if (!authorised) {
              expect(
                JSON.stringify([await world.vault.state(), await world.vault.database.accounts.toArray()]),
              ).toBe(before);
            }
          }
        },
      ),
      { numRuns: POPUP_RUNS },
    );
  });
});
