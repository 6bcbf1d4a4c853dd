import { t } from '@/lib/i18n';
import { asterLoginNonce } from '../endpoints';
import { OK } from '../rules';
import { decodeAsterMsg } from './body';
import { HIDDEN_CHARACTERS, signerParty, unknown } from './common';
import { decodeSolanaWithdrawal } from './withdrawal';
import { MAX_MESSAGE_LENGTH, type DecodeContext, type SigningScheme, type SigningSummary } from './types';

/**
 * Text messages: EVM `personal_sign` and Solana `signMessage`. The login is recognised on the exact bytes
 * (../endpoints/login.ts); the text shown is decoded without dropping anything (a byte-order mark stays and
 * counts as a hidden character).
 */

function exactUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function hexToBytes(hex: string): Uint8Array | undefined {
  if (!/^0x([0-9a-fA-F]{2})*$/.test(hex)) return undefined;
  const bytes = new Uint8Array((hex.length - 2) / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 + i * 2, 4 + i * 2), 16);
  return bytes;
}

export function decodePersonalSign(message: string, context: DecodeContext): SigningSummary {
  if (message.length > MAX_MESSAGE_LENGTH * 2 + 2)
    return unknown('personal_sign', 'too-large', t('decode.text.tooLarge'), 'block');
  // The bytes that are signed: `0x` hex as EIP-1193 sends it, else the UTF-8 of the text (as dapp-service does).
  const hexBytes = message.startsWith('0x') ? hexToBytes(message) : undefined;
  const bytes = hexBytes ?? new TextEncoder().encode(message);
  const text = hexBytes ? exactUtf8(hexBytes) : message;
  // Hex that is not valid UTF-8 is binary data, e.g. a hash: signing it blind could authorise anything.
  if (text === undefined)
    return unknown(
      'personal_sign',
      'binary-data',
      t('decode.text.binary', { bytes: String(bytes.length) }),
      'block',
    );
  return decodeText(bytes, text, 'personal_sign', context);
}

/** A Solana text Aster could read as a request body: it has `&`, or starts as `name=`. */
const looksLikeBody = (text: string) => text.includes('&') || /^[^=\s]+=/.test(text);

export function decodeSolanaMessage(bytes: Uint8Array, context: DecodeContext): SigningSummary {
  if (bytes.length > MAX_MESSAGE_LENGTH)
    return unknown('solana-message', 'too-large', t('decode.text.tooLarge'), 'block');
  const text = exactUtf8(bytes);
  if (text === undefined)
    return unknown(
      'solana-message',
      'binary-data',
      t('decode.text.binary', { bytes: String(bytes.length) }),
      'block',
    );
  if (text.startsWith('PrimaryType=Withdraw,')) return decodeSolanaWithdrawal(text, context);
  if (looksLikeBody(text)) return decodeAsterMsg(text, 'solana-message', undefined, context);
  return decodeText(bytes, text, 'solana-message', context);
}

/** Full-width forms, or a word mixing Latin with other letters (a Cyrillic "е" in "Astherus"). */
function usesLookAlikes(text: string): boolean {
  if (/[\uff01-\uff5e]/.test(text)) return true;
  return (text.match(/\p{L}+/gu) ?? []).some(
    (word) => /\p{Script=Latin}/u.test(word) && /(?!\p{Script=Latin})\p{L}/u.test(word),
  );
}

function decodeText(
  bytes: Uint8Array,
  text: string,
  scheme: SigningScheme,
  context: DecodeContext,
): SigningSummary {
  if (text.length > MAX_MESSAGE_LENGTH)
    return unknown(scheme, 'too-large', t('decode.text.tooLarge'), 'block');
  const nonce = asterLoginNonce(bytes);
  if (nonce !== undefined) {
    const parties = signerParty(context);
    const name = parties[0]?.name;
    return {
      kind: 'login',
      title: name ? t('decode.login.titleAs', { name }) : t('decode.login.title'),
      scheme,
      parties,
      fields: [['nonce', nonce]],
      verdict: OK,
    };
  }
  const hidden = HIDDEN_CHARACTERS.test(text);
  const nearLogin = /Astherus|signing into/i.test(text) || usesLookAlikes(text);
  return unknown(
    scheme,
    hidden ? 'hidden-characters' : nearLogin ? 'login-look-alike' : 'not-aster-text',
    hidden
      ? t('decode.text.hidden')
      : nearLogin
        ? t('decode.text.loginLookAlike')
        : t('decode.text.notAster'),
    hidden || nearLogin ? 'block' : 'warn',
    { fields: [['text', text.length > 500 ? `${text.slice(0, 500)}…` : text]] },
  );
}
