import fc from 'fast-check';
import { bytesToHex, hexToBytes, numberToHex } from 'viem';
import { beforeEach, describe, expect, it } from 'vitest';
import { createEvmSigner, createSolanaSigner, type Signer } from '@/lib/signers';
import { fromUnits, toUnits } from '@/simulator/decimal';
import { Engine } from '@/simulator/engine';
import { CODES } from '@/simulator/errors';
import { SIGNED_FIELDS } from '@/simulator/signed-fields';
import { DEMO_KEYS } from '@/simulator/keys';
import type { TransferKindType } from '@/lib/aster/messages';
import {
  signedCreateSubAccount,
  signedSubAccountTransfer,
  signedUpdateSubAccount,
  type SignedAsterRequest,
} from '@/lib/aster/sign';

/**
 * Property: for random valid parameters, the simulator (in-process, verifying with its own code) accepts what
 * lib/aster + lib/signers sign for createSubAccount, subAccountTransfer and updateSubAccount, and refuses with
 * the exact code: any one-character change of the sent body (-1022, or -1102 when the change removes a
 * required parameter, -1104 when it renames an optional one into a field the endpoint does not read), a nonce outside the ±10 s window (-4225), and the same request again (-4225).
 */

const k = DEMO_KEYS;
const NOW_MS = Date.UTC(2026, 10, 22, 12, 0, 0);
const WINDOW_MS = 10_000;
const RUNS = 25;
const evm = (key: `0x${string}`) => createEvmSigner(hexToBytes(key));
const sol = (seed: string) => createSolanaSigner(hexToBytes(`0x${seed}`));

const master = evm(k.evmMaster.privateKey);
const masterAgent = evm(k.evmMasterAgent.privateKey);
const grid = evm(k.evmSubGrid.privateKey);
const gridAgent = evm(k.evmSubAgent.privateKey);
const hedge = evm(k.evmSubHedge.privateKey);
const solMaster = sol(k.solanaMaster.seed);
const solAgent = evm(k.solanaMasterAgent.privateKey);
const solSub = sol(k.solanaSub.seed);

const engine = new Engine({ now: () => NOW_MS, nonceWindowMs: WINDOW_MS });
beforeEach(() => engine.reset());

/** Required parameters per endpoint (simulator README): removing one is -1102, anything else -1022. */
const REQUIRED: Record<string, readonly string[]> = {
  '/fapi/v3/createSubAccount': [
    'subAccountName',
    'subSourceAddr',
    'nonce',
    'user',
    'signer',
    'childSignature',
    'signature',
  ],
  '/fapi/v3/updateSubAccount': ['subSourceAddr', 'nonce', 'user', 'signer', 'signature'],
  '/fapi/v3/subAccountTransfer': [
    'toAccountAddress',
    'asset',
    'amount',
    'kindType',
    'nonce',
    'user',
    'signer',
    'signature',
  ],
};

async function send(
  request: SignedAsterRequest,
  body = request.body,
): Promise<{ status: number; body: unknown }> {
  return engine.handle({
    method: request.endpoint.method,
    path: request.endpoint.path,
    params: new URLSearchParams(body),
    headers: {},
    ip: '127.0.0.1',
  });
}

const codeOf = (answer: { body: unknown }) => (answer.body as { code?: number }).code;

// --- Arbitraries ---

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A nonce (µs) inside the window, and one outside it on either side. */
const validNonce = fc
  .integer({ min: -(WINDOW_MS - 1) * 1000, max: (WINDOW_MS - 1) * 1000 })
  .map((d) => NOW_MS * 1000 + d);
const staleNonce = fc
  .tuple(fc.boolean(), fc.integer({ min: 1, max: 3_600_000_000 }))
  .map(([late, extra]) => NOW_MS * 1000 + (late ? 1 : -1) * (WINDOW_MS * 1000 + extra));

/** Names per the seed (6–20 letters/digits, one letter at least), not clashing with the demo's sub-accounts. */
const subName = fc
  .stringMatching(/^[A-Za-z0-9]{6,20}$/)
  .filter((n) => /[A-Za-z]/.test(n) && !['grid01', 'hedge02', 'solgrid1'].includes(n.toLowerCase()));

const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const evmKey = fc.bigInt({ min: 1n, max: SECP256K1_N - 1n }).map((d) => evm(numberToHex(d, { size: 32 })));
const solanaKey = fc
  .uint8Array({ minLength: 32, maxLength: 32 })
  .map((seed) => sol(bytesToHex(seed).slice(2)));

/**
 * One character of the sent body replaced by a letter or digit (so no `%`, `&` or `=` is introduced); half of
 * them land before `&signature=`, since the signature is most of the body.
 */
const mutation = fc.record({ at: fc.nat(), char: fc.constantFrom(...ALNUM), inFields: fc.boolean() });
const mutations = fc.array(mutation, { minLength: 1, maxLength: 6 });
type Mutation = { at: number; char: string; inFields: boolean };

function mutate(body: string, m: Mutation): { body: string; what: string } {
  const signatureStart = body.indexOf('&signature=') + '&signature='.length;
  const at = m.at % (m.inFields ? body.indexOf('&signature=') : body.length);
  const original = body[at]!;
  // Hex is case-insensitive: a case-only change inside the EVM signature is the same signature, not a change.
  // (Inside the signed fields it does change `msg`, so there it stays in.)
  const same = (c: string) =>
    c === original || (at >= signatureStart && c.toLowerCase() === original.toLowerCase());
  let index = ALNUM.indexOf(m.char);
  while (same(ALNUM[index]!)) index = (index + 1) % ALNUM.length;
  const char = ALNUM[index]!;
  return { body: body.slice(0, at) + char + body.slice(at + 1), what: `${original}→${char} at ${at}` };
}

function expectedCode(request: SignedAsterRequest, body: string): number {
  const params = new URLSearchParams(body);
  const missing = REQUIRED[request.endpoint.path]!.some((name) => (params.get(name) ?? '') === '');
  // A renamed optional field is a field the endpoint does not read: refused before the signature (-1104).
  const table = SIGNED_FIELDS[`${request.endpoint.method} ${request.endpoint.path}`]!;
  const allowed = new Set([...table.required, ...table.optional, 'signature']);
  const unread = [...params.keys()].some((name) => !allowed.has(name));
  return missing ? CODES.missingParameter : unread ? CODES.tooManyParameters : CODES.invalidSignature;
}

/**
 * The common checks on one signed request (and the same one signed with a stale nonce): tampered bodies and
 * the stale nonce are refused without effect, the original is accepted, its replay is refused.
 */
async function checkRequest(
  request: SignedAsterRequest,
  stale: SignedAsterRequest,
  changes: readonly Mutation[],
): Promise<void> {
  expect(request.body).not.toContain('%'); // plain ASCII values: one character of the body is one of a value
  const before = JSON.stringify(engine.state);
  // Ahead of the server's clock beyond the window is -1021 (Aster's INVALID_TIMESTAMP), behind it -4225.
  const staleAhead = Number(new URLSearchParams(stale.body).get('nonce')) / 1000 > NOW_MS;
  expect(codeOf(await send(stale))).toBe(staleAhead ? CODES.invalidTimestamp : CODES.nonceExpired);
  for (const change of changes) {
    const { body, what } = mutate(request.body, change);
    expect(codeOf(await send(request, body)), what).toBe(expectedCode(request, body));
  }
  expect(JSON.stringify(engine.state)).toBe(before);
  const accepted = await send(request);
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
  expect(codeOf(await send(request))).toBe(CODES.nonceExpired);
}

// --- Properties ---

describe('property: the simulator accepts what lib/aster signs and nothing else', () => {
  it('createSubAccount (EVM and Solana masters, random new keys and names)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({
            master: fc.constant<Signer>(master),
            child: evmKey,
            agent: fc.constantFrom(masterAgent.address, master.address),
          }),
          fc.record({
            master: fc.constant<Signer>(solMaster),
            child: solanaKey,
            agent: fc.constantFrom(solAgent.address, solMaster.address),
          }),
        ),
        subName,
        validNonce,
        staleNonce,
        mutations,
        async (keys, name, nonce, staleN, changes) => {
          engine.reset();
          const sign = (n: number) =>
            signedCreateSubAccount(keys, { subAccountName: name, nonce: n, signer: keys.agent }, 'mainnet');
          await checkRequest(await sign(nonce), await sign(staleN), changes);
          expect(engine.account(keys.child.address)).toMatchObject({
            role: 'sub',
            name,
            kind: keys.master.kind,
            parent: keys.master.address,
          });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('subAccountTransfer (every wallet pair, kindType, asset with funds, random amounts)', async () => {
    const scenarios = [
      { wallet: master, signers: [master.address, masterAgent.address], to: grid.address },
      { wallet: master, signers: [master.address, masterAgent.address], to: hedge.address },
      { wallet: master, signers: [masterAgent.address], from: grid.address, to: hedge.address },
      { wallet: grid, signers: [grid.address, gridAgent.address], to: master.address },
      { wallet: solMaster, signers: [solMaster.address, solAgent.address], to: solSub.address },
      { wallet: solSub, signers: [solSub.address], to: solMaster.address },
    ];
    const KINDS: TransferKindType[] = ['FUTURE_FUTURE', 'FUTURE_SPOT', 'SPOT_FUTURE', 'SPOT_SPOT'];
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          scenario: fc.nat(),
          signer: fc.nat(),
          kind: fc.nat(),
          asset: fc.nat(),
          share: fc.integer({ min: 1, max: 100_000_000 }),
        }),
        validNonce,
        staleNonce,
        mutations,
        async (pick, nonce, staleN, changes) => {
          engine.reset();
          const s = scenarios[pick.scenario % scenarios.length]!;
          const fromAddress = s.from ?? s.wallet.address;
          const from = engine.account(fromAddress)!;
          // Only kindTypes whose source wallet holds something, and only assets with a balance above zero.
          const funded = (kind: TransferKindType) =>
            Object.entries(from[kind.startsWith('SPOT') ? 'spot' : 'futures']).filter(
              ([, v]) => toUnits(v) > 0n,
            );
          const kinds = KINDS.filter((kind) => funded(kind).length > 0);
          const kindType = kinds[pick.kind % kinds.length]!;
          const [asset, balance] = funded(kindType)[pick.asset % funded(kindType).length]!;
          const step = 10n ** 10n; // amounts with up to 8 decimals
          const units = ((toUnits(balance) * BigInt(pick.share)) / 100_000_000n / step) * step;
          const amount = fromUnits(units > step ? units : step);
          const [fromWallet, toWallet] = kindType.startsWith('SPOT')
            ? (['spot', kindType.endsWith('SPOT') ? 'spot' : 'futures'] as const)
            : (['futures', kindType.endsWith('SPOT') ? 'spot' : 'futures'] as const);
          const to = engine.account(s.to)!;
          const expectFrom = fromUnits(toUnits(from[fromWallet][asset]!) - toUnits(amount));
          const expectTo = fromUnits(toUnits(to[toWallet][asset] ?? '0') + toUnits(amount));
          const sign = (n: number) =>
            signedSubAccountTransfer(
              s.wallet,
              {
                toAccountAddress: s.to,
                asset,
                amount,
                kindType,
                nonce: n,
                signer: s.signers[pick.signer % s.signers.length]!,
                ...(s.from ? { fromAccountAddress: s.from } : {}),
              },
              'mainnet',
            );
          await checkRequest(await sign(nonce), await sign(staleN), changes);
          expect(engine.account(fromAddress)![fromWallet][asset]).toBe(expectFrom);
          expect(engine.account(s.to)![toWallet][asset]).toBe(expectTo);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('updateSubAccount (rename and/or freeze, EVM and Solana families)', async () => {
    const families = [
      { master, signers: [master.address, masterAgent.address], subs: [grid.address, hedge.address] },
      { master: solMaster, signers: [solMaster.address, solAgent.address], subs: [solSub.address] },
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.record({ family: fc.nat(), sub: fc.nat(), signer: fc.nat() }),
        fc
          .record({
            subAccountName: fc.option(subName, { nil: undefined }),
            status: fc.option(fc.constantFrom('NORMAL' as const, 'FROZEN' as const), { nil: undefined }),
          })
          .filter((c) => c.subAccountName !== undefined || c.status !== undefined),
        validNonce,
        staleNonce,
        mutations,
        async (pick, change, nonce, staleN, changes) => {
          engine.reset();
          const family = families[pick.family % families.length]!;
          const sub = family.subs[pick.sub % family.subs.length]!;
          const { subAccountName, status } = change;
          const sign = (n: number) =>
            signedUpdateSubAccount(
              family.master,
              {
                subSourceAddr: sub,
                nonce: n,
                signer: family.signers[pick.signer % family.signers.length]!,
                ...(subAccountName !== undefined ? { subAccountName } : {}),
                ...(status !== undefined ? { status } : {}),
              },
              'mainnet',
            );
          const before = { ...engine.account(sub)! };
          await checkRequest(await sign(nonce), await sign(staleN), changes);
          expect(engine.account(sub)).toMatchObject({
            name: subAccountName ?? before.name,
            status: status ?? before.status,
          });
        },
      ),
      { numRuns: RUNS },
    );
  });
});
