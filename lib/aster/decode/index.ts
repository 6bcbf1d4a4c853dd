import { t } from '@/lib/i18n';
import { unknown } from './common';
import { decodePersonalSign, decodeSolanaMessage } from './text';
import { decodeTypedData } from './typed-data';
import type { DecodeContext, SigningSummary } from './types';

/**
 * Turns any signing request into a summary a trader can read before approving: what it does, between whom
 * (by vault name), how much, on which network, and the rules' verdict. It never throws: unknown or malformed
 * input becomes kind `unknown` with the reason, so hostile pages cannot crash or mislabel the prompt. One file
 * per endpoint summary beside this one; which endpoint a body is comes from ../endpoints.
 */

export * from './types';
export { splitBody } from './body';
export { partyRoleLabel } from './party-role';

export function decodeSigningRequest(request: unknown, context: DecodeContext): SigningSummary {
  try {
    return decode(request, safeContext(context));
  } catch {
    return unknown('invalid', 'unreadable-request', t('decode.request.unreadable'));
  }
}

function safeContext(context: DecodeContext): DecodeContext {
  const guard =
    <T>(fn: ((address: string) => T | undefined) | undefined) =>
    (address: string): T | undefined => {
      try {
        return fn?.(address);
      } catch {
        return undefined;
      }
    };
  return { ...context, lookup: guard(context.lookup), balances: guard(context.balances) };
}

function decode(request: unknown, context: DecodeContext): SigningSummary {
  if (typeof request !== 'object' || request === null)
    return unknown('invalid', 'unreadable-request', t('decode.request.notObject'));
  const method = (request as { method?: unknown }).method;
  if (method === 'personal_sign') {
    const message = (request as { message?: unknown }).message;
    if (typeof message !== 'string')
      return unknown('personal_sign', 'unreadable-request', t('decode.request.notText'));
    return decodePersonalSign(message, context);
  }
  if (method === 'eth_signTypedData_v4')
    return decodeTypedData((request as { typedData?: unknown }).typedData, context);
  if (method === 'solana_signMessage') {
    const message = (request as { message?: unknown }).message;
    if (!(message instanceof Uint8Array))
      return unknown('solana-message', 'unreadable-request', t('decode.request.notBytes'));
    return decodeSolanaMessage(message, context);
  }
  return unknown('invalid', 'unsupported-method', t('decode.request.unsupportedMethod'));
}
