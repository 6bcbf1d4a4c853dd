import { t } from '@/lib/i18n';
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

/** A shape problem: `chain` when only the signing chain id is wrong (a withdrawal words that itself). */
interface ShapeProblem {
  text: string;
  chain: boolean;
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
): ShapeProblem | undefined {
  const problem = (text: string): ShapeProblem => ({ text, chain: false });
  const keys = Object.keys(domain);
  if (keys.length !== DOMAIN_KEYS.length || !DOMAIN_KEYS.every((k) => keys.includes(k)))
    return problem(
      keys.length === 0
        ? t('decode.typedData.domainNoFields')
        : t('decode.typedData.domainFields', { fields: keys.slice(0, 8).join(', ') }),
    );
  if (domain.version !== shape.version) return problem(t('decode.typedData.domainVersion'));
  if (domain.verifyingContract !== VERIFYING_CONTRACT)
    return problem(t('decode.typedData.verifyingContract'));
  const typeNames = Object.keys(types);
  if (!typeNames.every((name) => name === shape.primaryType || name === 'EIP712Domain'))
    return problem(t('decode.typedData.extraTypes'));
  if (!sameFields(types[shape.primaryType], shape.types)) return problem(t('decode.typedData.typesDiffer'));
  if (Object.hasOwn(types, 'EIP712Domain') && !sameFields(types.EIP712Domain, EIP712_DOMAIN_TYPES))
    return problem(t('decode.typedData.domainTypesDiffer'));
  // Last: the withdrawal tells a wrong chain id in its own words (signing chain vs destination chain).
  if (chainId === undefined || !shape.chainIds.includes(chainId))
    return {
      text: t('decode.typedData.chainId', {
        chainId: String(chainId ?? String(domain.chainId).slice(0, 20)),
      }),
      chain: true,
    };
  return undefined;
}

export function decodeTypedData(input: unknown, context: DecodeContext): SigningSummary {
  let data = input;
  if (typeof data === 'string') {
    if (data.length > MAX_MESSAGE_LENGTH * 4)
      return unknown('eip712-other', 'too-large', t('decode.typedData.tooLarge'), 'block');
    try {
      data = JSON.parse(data);
    } catch {
      return unknown('invalid', 'unreadable-request', t('decode.typedData.notJson'), 'block');
    }
  }
  if (!isRecord(data))
    return unknown('invalid', 'unreadable-request', t('decode.typedData.notObject'), 'block');
  const { domain, types, primaryType, message } = data;
  if (!isRecord(domain) || !isRecord(types) || !isRecord(message))
    return unknown('invalid', 'unreadable-request', t('decode.typedData.incomplete'), 'block');
  const extraTop = Object.keys(data).filter(
    (k) => !['domain', 'types', 'primaryType', 'message'].includes(k),
  );
  const domainName = Object.hasOwn(domain, 'name') ? domain.name : undefined;
  const chainId = chainIdOf(Object.hasOwn(domain, 'chainId') ? domain.chainId : undefined);
  const withChain = chainId === undefined ? {} : { chainId };

  if (domainName === ASTER_MESSAGE_SHAPE.domainName && primaryType === ASTER_MESSAGE_SHAPE.primaryType) {
    const problem =
      shapeProblem(ASTER_MESSAGE_SHAPE, domain, types, chainId)?.text ??
      (extraTop.length > 0 ? t('decode.typedData.extraTop') : undefined) ??
      (Object.keys(message).length !== 1 || typeof message.msg !== 'string'
        ? t('decode.typedData.messageShape')
        : undefined);
    if (problem)
      return unknown(
        'eip712-message',
        'typed-data-shape',
        t('decode.typedData.claimsRequest', { problem }),
        'block',
        withChain,
      );
    const msg = message.msg as string;
    if (msg.length > MAX_MESSAGE_LENGTH)
      return unknown('eip712-message', 'too-large', t('decode.text.tooLarge'), 'block');
    return decodeAsterMsg(msg, 'eip712-message', chainId, context);
  }
  if (domainName === WITHDRAW_ACTION_SHAPE.domainName && primaryType === WITHDRAW_ACTION_SHAPE.primaryType) {
    const problem =
      shapeProblem(WITHDRAW_ACTION_SHAPE, domain, types, chainId) ??
      (extraTop.length > 0 ? { text: t('decode.typedData.extraTop'), chain: false } : undefined);
    // A wrong chain id is told by the withdrawal itself (signing chain vs destination chain).
    if (problem && !problem.chain)
      return unknown(
        'eip712-withdrawal',
        'typed-data-shape',
        t('decode.typedData.claimsWithdrawal', { problem: problem.text }),
        'block',
        withChain,
      );
    return decodeEvmWithdrawal(message, chainId, context);
  }
  // Permit-style typed data can move on-chain tokens of a master wallet: the companion signs Aster messages only.
  return unknown(
    'eip712-other',
    'foreign-typed-data',
    typeof domainName === 'string'
      ? t('decode.typedData.foreign', { domain: domainName.slice(0, 80) })
      : t('decode.typedData.foreignUnnamed'),
    'block',
    withChain,
  );
}
