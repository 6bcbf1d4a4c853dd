import {
  ASTER_MESSAGE_SHAPE,
  DOMAIN_KEYS,
  EIP712_DOMAIN_TYPES,
  VERIFYING_CONTRACT,
  WITHDRAW_ACTION_SHAPE,
  type TypedDataShape,
} from '../endpoints';
import { decodeAsterMsg } from './body';
import { chainIdOf, unknown } from './common';
import { decodeEvmWithdrawal } from './withdrawal';
import { MAX_MESSAGE_LENGTH, type DecodeContext, type SigningSummary } from './types';
import { isRecord } from '../json-values';

/** Exactly these `{name, type}` entries, in this order, nothing more on any entry. */
function sameFields(actual: unknown, expected: readonly { name: string; type: string }[]): boolean {
  return (
    Array.isArray(actual) &&
    actual.length === expected.length &&
    actual.every((field, i) => {
      const want = expected[i]!;
      return (
        isRecord(field) &&
        Object.keys(field).length === 2 &&
        field.name === want.name &&
        field.type === want.type
      );
    })
  );
}

/**
 * Why this typed data is not exactly the Aster shape it names, or undefined when it is: domain keys exactly
 * `name, version, chainId, verifyingContract` (no salt, nothing else), zero verifying contract, a chain id the
 * shape is signed with, an EIP712Domain type list (when sent) that matches, and only the primary type beside it.
 */
function shapeProblem(
  shape: TypedDataShape,
  domain: Record<string, unknown>,
  types: Record<string, unknown>,
  chainId: number | undefined,
): string | undefined {
  const keys = Object.keys(domain);
  if (keys.length !== DOMAIN_KEYS.length || !DOMAIN_KEYS.every((k) => keys.includes(k)))
    return `Its signing domain has the fields ${keys.slice(0, 8).join(', ') || 'none'}, not Aster's name, version, chainId and verifyingContract.`;
  if (domain.version !== shape.version) return 'Its signing domain has another version than Aster’s "1".';
  if (domain.verifyingContract !== VERIFYING_CONTRACT)
    return 'Its signing domain names a verifying contract: Aster’s is the zero address.';
  const typeNames = Object.keys(types);
  if (!typeNames.every((name) => name === shape.primaryType || name === 'EIP712Domain'))
    return 'It declares types Aster does not use.';
  if (!sameFields(types[shape.primaryType], shape.types)) return "Its types differ from Aster's.";
  if (Object.hasOwn(types, 'EIP712Domain') && !sameFields(types.EIP712Domain, EIP712_DOMAIN_TYPES))
    return "Its EIP712Domain type list differs from Aster's domain.";
  // Last: the withdrawal tells a wrong chain id in its own words (signing chain vs destination chain).
  if (chainId === undefined || !shape.chainIds.includes(chainId))
    return `Unexpected signing chain id ${chainId ?? String(domain.chainId).slice(0, 20)} for this Aster request.`;
  return undefined;
}

export function decodeTypedData(input: unknown, context: DecodeContext): SigningSummary {
  let data = input;
  if (typeof data === 'string') {
    if (data.length > MAX_MESSAGE_LENGTH * 4)
      return unknown('eip712-other', 'The typed data is too large to show.', 'block');
    try {
      data = JSON.parse(data);
    } catch {
      return unknown('invalid', 'The typed data is not valid JSON.', 'block');
    }
  }
  if (!isRecord(data)) return unknown('invalid', 'The typed data is not an object.', 'block');
  const { domain, types, primaryType, message } = data;
  if (!isRecord(domain) || !isRecord(types) || !isRecord(message))
    return unknown('invalid', 'The typed data lacks its domain, types or message.', 'block');
  const extraTop = Object.keys(data).filter(
    (k) => !['domain', 'types', 'primaryType', 'message'].includes(k),
  );
  const domainName = Object.hasOwn(domain, 'name') ? domain.name : undefined;
  const chainId = chainIdOf(Object.hasOwn(domain, 'chainId') ? domain.chainId : undefined);
  const withChain = chainId === undefined ? {} : { chainId };

  if (domainName === ASTER_MESSAGE_SHAPE.domainName && primaryType === ASTER_MESSAGE_SHAPE.primaryType) {
    const problem =
      shapeProblem(ASTER_MESSAGE_SHAPE, domain, types, chainId) ??
      (extraTop.length > 0
        ? 'The typed data carries more than domain, types, primaryType and message.'
        : undefined) ??
      (Object.keys(message).length !== 1 || typeof message.msg !== 'string'
        ? 'The Aster message must be exactly { msg: text }.'
        : undefined);
    if (problem)
      return unknown('eip712-message', `Claims to be an Aster request, but: ${problem}`, 'block', withChain);
    const msg = message.msg as string;
    if (msg.length > MAX_MESSAGE_LENGTH)
      return unknown('eip712-message', 'The message is too large to show.', 'block');
    return decodeAsterMsg(msg, 'eip712-message', chainId, context);
  }
  if (domainName === WITHDRAW_ACTION_SHAPE.domainName && primaryType === WITHDRAW_ACTION_SHAPE.primaryType) {
    const problem =
      shapeProblem(WITHDRAW_ACTION_SHAPE, domain, types, chainId) ??
      (extraTop.length > 0
        ? 'The typed data carries more than domain, types, primaryType and message.'
        : undefined);
    // A wrong chain id is told by the withdrawal itself (signing chain vs destination chain).
    if (problem && !problem.startsWith('Unexpected signing chain id'))
      return unknown(
        'eip712-withdrawal',
        `Claims to be an Aster withdrawal, but: ${problem}`,
        'block',
        withChain,
      );
    return decodeEvmWithdrawal(message, chainId, context);
  }
  const name = typeof domainName === 'string' ? domainName.slice(0, 80) : 'an unnamed domain';
  // Permit-style typed data can move on-chain tokens of a master wallet: the companion signs Aster messages only.
  return unknown(
    'eip712-other',
    `Typed data for ${name}: not an Aster request; Aster Companion does not sign it.`,
    'block',
    withChain,
  );
}
