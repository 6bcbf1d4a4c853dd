import { t } from '@/lib/i18n';
import type { VerdictCode } from '../rules';
import { ASTER_SIGNING_CHAIN_ID } from '../typed-data';
import type { BodyFields, DecodeContext, Party, PartyRole, SigningScheme, SigningSummary } from './types';

export function unknown(
  scheme: SigningScheme,
  code: VerdictCode,
  reason: string,
  level: 'warn' | 'block' = 'warn',
  extra: Partial<SigningSummary> = {},
): SigningSummary {
  return {
    kind: 'unknown',
    title: t('decode.unknown.title'),
    scheme,
    parties: [],
    fields: [],
    ...extra,
    verdict: {
      level,
      reasons: [reason, ...(extra.verdict?.reasons ?? [])],
      codes: [code, ...(extra.verdict?.codes ?? [])],
    },
  };
}

export function short(address: string): string {
  return address.length > 14 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}

export function party(role: PartyRole, address: string, context: DecodeContext): Party {
  const account = context.lookup(address);
  return account
    ? { role, address, ...(account.name ? { name: account.name } : {}), account }
    : { role, address };
}

export function signerParty(context: DecodeContext): Party[] {
  return context.signer ? [party('signer', context.signer, context)] : [];
}

export const nameOf = (p: Party) => (p.name ? `"${p.name}"` : short(p.address));

export function networkOf(chainId: number | undefined): string | undefined {
  if (chainId === ASTER_SIGNING_CHAIN_ID.mainnet) return 'mainnet';
  if (chainId === ASTER_SIGNING_CHAIN_ID.testnet) return 'testnet';
  return undefined;
}

export function chainIdOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'bigint' && value <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(value);
  if (typeof value === 'string' && /^(0x[0-9a-fA-F]{1,13}|\d{1,15})$/.test(value)) return Number(value);
  return undefined;
}

export function bodyFields(pairs: readonly (readonly [string, string])[]): BodyFields {
  const all = (name: string) => pairs.filter(([n]) => n === name).map(([, v]) => v);
  return {
    all,
    get: (name) => all(name).at(-1),
    has: (name) => pairs.some(([n]) => n === name),
    names: () => [...new Set(pairs.map(([n]) => n))],
  };
}

/**
 * Text that hides what it says: control characters (other than tab and newline), format characters (zero-width,
 * bidi, byte-order mark, soft hyphen), private-use and unassigned code points, line/paragraph separators, and
 * the blank "fillers" that render as nothing.
 */
export const HIDDEN_CHARACTERS =
  /(?![\t\n])(?:[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\p{Zl}\p{Zp}\p{Variation_Selector}\u115f\u1160\u3164\uffa0]|\u034f|\u17b4|\u17b5)/u;
