import { t } from '@/lib/i18n';
import { CREATE_SUB_ACCOUNT, CREATE_SUB_ACCOUNT_CHILD } from './create-sub-account';
import { BIND_SUB_ACCOUNT, BIND_SUB_ACCOUNT_CHILD } from './bind-sub-account';
import { UPDATE_SUB_ACCOUNT } from './update-sub-account';
import { SUB_ACCOUNT_TRANSFER } from './sub-account-transfer';
import { WALLET_TRANSFER } from './wallet-transfer';
import { REGISTER_AND_APPROVE_AGENT } from './register-and-approve-agent';
import { USER_WITHDRAW } from './user-withdraw';
import { ORDER } from './order';
import { BATCH_ORDERS } from './batch-orders';
import {
  FUTURES_ACCOUNT,
  FUTURES_BALANCE,
  GET_SUB_ACCOUNT_LIST,
  SPOT_ACCOUNT,
  INCOME,
  SPOT_TRANSACTION_HISTORY,
  DEPOSIT_WITHDRAW_HISTORY,
  USER_WITHDRAW_INFO,
} from './account-reads';
import { ASSET_EXCHANGE } from './asset-exchange';
import { fieldSpec, requiredFields, type SignedBodySpec } from './spec';

/** Every signed `msg` body the companion builds or decodes. */
export const SIGNED_BODIES: readonly SignedBodySpec[] = [
  CREATE_SUB_ACCOUNT_CHILD,
  CREATE_SUB_ACCOUNT,
  BIND_SUB_ACCOUNT_CHILD,
  BIND_SUB_ACCOUNT,
  UPDATE_SUB_ACCOUNT,
  SUB_ACCOUNT_TRANSFER,
  WALLET_TRANSFER,
  REGISTER_AND_APPROVE_AGENT,
  USER_WITHDRAW,
  ORDER,
  BATCH_ORDERS,
  GET_SUB_ACCOUNT_LIST,
  FUTURES_ACCOUNT,
  FUTURES_BALANCE,
  SPOT_ACCOUNT,
  INCOME,
  SPOT_TRANSACTION_HISTORY,
  DEPOSIT_WITHDRAW_HISTORY,
  USER_WITHDRAW_INFO,
  ASSET_EXCHANGE,
];

/** How the body is signed: EIP-712 `Message{msg}` with a domain chain id, or Solana Ed25519 over its bytes. */
export type BodyScheme = { kind: 'evm'; chainId: number | undefined } | { kind: 'solana' };

export function fitsScheme(spec: SignedBodySpec, scheme: BodyScheme): boolean {
  if (scheme.kind === 'solana') return spec.solana;
  return scheme.chainId !== undefined && spec.evmChainIds.includes(scheme.chainId);
}

/** The spec's own fields, where present, come in its order (only checked for fixed-order bodies). */
function inSpecOrder(spec: SignedBodySpec, names: readonly string[]): boolean {
  if (!spec.fixedOrder) return true;
  let last = -1;
  for (const name of names) {
    const at = spec.fields.findIndex((f) => f.name === name);
    if (at < 0) continue;
    if (at < last) return false;
    last = at;
  }
  return true;
}

/**
 * Could Aster read this body at the spec's endpoint? It has every required field (in order, for fixed-order
 * bodies); Aster ignores the parameters it does not expect, so extra fields do not stop it.
 */
export function canRead(spec: SignedBodySpec, names: readonly string[]): boolean {
  return requiredFields(spec).every((n) => names.includes(n)) && inSpecOrder(spec, names);
}

/** The body is exactly this spec: its required fields, only its fields, in its order where fixed. */
export function fitsExactly(spec: SignedBodySpec, names: readonly string[]): boolean {
  return (
    canRead(spec, names) &&
    names.every((n) => fieldSpec(spec, n) !== undefined) &&
    (spec.atLeastOneOf === undefined || spec.atLeastOneOf.some((n) => names.includes(n)))
  );
}

const worst = (specs: readonly SignedBodySpec[]) =>
  specs.reduce<SignedBodySpec | undefined>(
    (a, b) => (a === undefined || b.danger > a.danger ? b : a),
    undefined,
  );

/**
 * An endpoint with no parameters of its own (its body is the bare agent tail): every agent-signed body can be
 * replayed there, so it is not counted as a second reading of a body that has fields of its own (SECURITY.md).
 */
const parameterless = (spec: SignedBodySpec) =>
  requiredFields(spec).every((n) => n === 'nonce' || n === 'user' || n === 'signer');

const sharesEndpoint = (a: SignedBodySpec, b: SignedBodySpec) =>
  a.endpoints.some((e) => b.endpoints.some((f) => e.path === f.path));

const describe = (spec: SignedBodySpec) => spec.endpoints.map((e) => e.path).join(' or ');
const quote = (name: string) => `"${name.slice(0, 40)}"`;

export interface BodyMatch {
  /** The one endpoint the body is, when it is exactly one and nothing is wrong with it. */
  readonly spec?: SignedBodySpec;
  /** How to describe it: `spec`, or else the most dangerous way Aster could read it. */
  readonly reading?: SignedBodySpec;
  /** Why it is not one clean body, in words; empty when `spec` is set. */
  readonly problems: string[];
}

/**
 * Decides which endpoint a signed body is. One exact fit, under a scheme and chain id that endpoint is signed
 * with, with well-formed values and no other endpoint able to read it: that endpoint. Anything else — unknown,
 * duplicated, missing or mixed fields, a wrong `signatureChainId`, two possible readings — comes back with
 * problems and the most dangerous reading.
 */
export function matchSignedBody(
  pairs: readonly (readonly [string, string])[],
  scheme: BodyScheme,
): BodyMatch {
  const problems: string[] = [];
  const names = pairs.map(([name]) => name);
  const unique = [...new Set(names)];
  for (const name of unique) {
    const times = names.filter((n) => n === name).length;
    if (times > 1) problems.push(t('decode.match.duplicate', { field: quote(name), times: String(times) }));
  }
  const known = new Set(SIGNED_BODIES.flatMap((s) => s.fields.map((f) => f.name)));
  const unknown = unique.filter((n) => !known.has(n));
  if (unknown.length > 0)
    problems.push(t('decode.match.unknownFields', { fields: unknown.slice(0, 5).map(quote).join(', ') }));

  const exactAnyScheme = SIGNED_BODIES.filter((s) => fitsExactly(s, unique));
  const exact = exactAnyScheme.filter((s) => fitsScheme(s, scheme));
  const readers = SIGNED_BODIES.filter((s) => canRead(s, unique) && fitsScheme(s, scheme) && !s.readOnly);

  let spec: SignedBodySpec | undefined;
  const writes = exact.filter((s) => !s.readOnly);
  if (writes.length === 1) spec = writes[0];
  else if (writes.length === 0 && exact.length > 0)
    // A read's signature also works at a parameterless write (Rebalance): it is shown as that, the worse reading.
    spec = worst(readers.filter(parameterless)) ?? exact[0];
  else if (writes.length > 1)
    problems.push(
      t('decode.match.twoReadings', {
        readings: writes.map(describe).join(t('decode.match.readingsSeparator')),
      }),
    );

  if (spec) {
    const others = readers.filter(
      (r) => r !== spec && !sharesEndpoint(r, spec) && !(parameterless(r) && !parameterless(spec)),
    );
    if (others.length > 0)
      problems.push(t('decode.match.alsoSentTo', { endpoints: others.map(describe).join(', ') }));
  } else if (exactAnyScheme.length > 0 && exact.length === 0) {
    const spec = exactAnyScheme[0]!;
    const words = {
      endpoint: describe(spec),
      chainId:
        scheme.kind === 'evm' && scheme.chainId !== undefined
          ? String(scheme.chainId)
          : t('decode.match.noChainId'),
      expected: spec.evmChainIds.join(t('decode.orSeparator')),
    };
    problems.push(
      scheme.kind === 'solana'
        ? spec.signedBy === 'agent'
          ? t('decode.match.notSolanaAgent', words)
          : t('decode.match.notSolanaEvmOnly', words)
        : spec.evmChainIds.length > 0
          ? t('decode.match.chainId', words)
          : t('decode.match.chainIdSolanaOnly', words),
    );
  } else if (readers.length > 0) {
    const mixed = worst(readers)!;
    const extra = unique.filter((n) => !fieldSpec(mixed, n));
    if (extra.length > 0)
      problems.push(
        t('decode.match.mixed', {
          endpoint: describe(mixed),
          fields: extra.slice(0, 6).map(quote).join(', '),
        }),
      );
  } else if (problems.length === 0) {
    const closest = worst(
      SIGNED_BODIES.filter((s) =>
        unique.some((n) => fieldSpec(s, n) && n !== 'nonce' && n !== 'user' && n !== 'signer'),
      ),
    );
    const missing = closest ? requiredFields(closest).filter((n) => !unique.includes(n)) : [];
    problems.push(
      closest && missing.length > 0
        ? t('decode.match.missing', { endpoint: describe(closest), fields: missing.map(quote).join(', ') })
        : t('decode.body.notRecognised'),
    );
  }

  const reading =
    spec && problems.length === 0
      ? spec
      : worst([
          ...(spec ? [spec] : []),
          ...readers,
          ...exactAnyScheme,
          ...SIGNED_BODIES.filter((s) => canRead(s, unique) && !s.readOnly),
        ]);
  if (reading) {
    for (const [name, value] of pairs) {
      const field = fieldSpec(reading, name);
      if (field && !field.format.test(value))
        problems.push(
          t('decode.match.badValue', {
            field: quote(name),
            format: field.format.description,
            value: value.slice(0, 40),
          }),
        );
    }
    const chain = reading.signatureChainId;
    const sent = pairs.find(([n]) => n === 'signatureChainId')?.[1];
    if (chain && sent !== undefined && sent !== chain[scheme.kind])
      problems.push(
        scheme.kind === 'solana'
          ? t('decode.match.solanaSignatureChain', { expected: chain.solana, sent: sent.slice(0, 12) })
          : t('decode.match.evmSignatureChain', { expected: chain.evm, sent: sent.slice(0, 12) }),
      );
  }
  return problems.length === 0 && spec
    ? { spec, reading: spec, problems }
    : { ...(reading ? { reading } : {}), problems };
}
