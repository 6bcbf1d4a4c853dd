import { ProviderErrors } from './errors';

/** MetaMask's test (eth-json-rpc-middleware `resemblesAddress`): 0x + 20 bytes is 42 characters long. */
const resemblesAddress = (text: string): boolean => text.length === 2 + 20 * 2;

/**
 * `personal_sign` params as MetaMask reads them: `[message, address]`, or `[address, message]` when the first
 * resembles an address and the second does not. When both resemble one, the order stays as sent, and the
 * `from` check (the second must be the connected account) refuses a reversed pair: a reading that could
 * change what is signed is never guessed.
 */
export function personalSignOrder(params: unknown[]): { message: string; from: string } {
  const [first, second] = params;
  if (typeof first !== 'string' || typeof second !== 'string') {
    throw ProviderErrors.invalidParams('personal_sign takes [message, address].');
  }
  return resemblesAddress(first) && !resemblesAddress(second)
    ? { message: second, from: first }
    : { message: first, from: second };
}
