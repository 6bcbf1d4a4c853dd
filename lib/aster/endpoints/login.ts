/**
 * Aster's web login text (§7): `You are signing into Astherus {nonce}`, signed with EVM `personal_sign` or
 * Solana `signMessage`. Decided on the exact bytes, for both paths, by this one function: no text decoding in
 * between (a decoder that strips a byte-order mark, or a regex that accepts full-width digits, would let a
 * look-alike be signed without a prompt).
 */

const PREFIX = new TextEncoder().encode('You are signing into Astherus ');
export const LOGIN_NONCE_MAX_DIGITS = 40;

/** The nonce when `bytes` are exactly Aster's login text (ASCII prefix, then 1–40 ASCII digits, nothing else). */
export function asterLoginNonce(bytes: Uint8Array): string | undefined {
  const digits = bytes.length - PREFIX.length;
  if (digits < 1 || digits > LOGIN_NONCE_MAX_DIGITS) return undefined;
  for (let i = 0; i < PREFIX.length; i++) if (bytes[i] !== PREFIX[i]) return undefined;
  let nonce = '';
  for (let i = PREFIX.length; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte < 0x30 || byte > 0x39) return undefined;
    nonce += String.fromCharCode(byte);
  }
  return nonce;
}

export function isAsterLoginMessage(bytes: Uint8Array): boolean {
  return asterLoginNonce(bytes) !== undefined;
}
