/**
 * Exact decimal strings for amounts: Aster sends and signs amounts as text, so they are compared and
 * formatted without floating point (0.1 + 0.2 must not become 0.30000000000000004 in a signed body).
 */

const DECIMAL = /^-?\d+(\.\d+)?$/;

export function isDecimal(text: string): boolean {
  return DECIMAL.test(text) && text.length <= 80;
}

/** Strips trailing zeros of the fraction (and a dangling point): `1.20` → `1.2`, `5.000` → `5`, `100` → `100`. */
export function stripTrailingZeros(text: string): string {
  if (!text.includes('.')) return text;
  return text.replace(/0+$/, '').replace(/\.$/, '');
}

function scaled(text: string, scale: number): bigint {
  if (!isDecimal(text)) throw new RangeError(`Not a decimal amount: "${text.slice(0, 40)}"`);
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const value = BigInt(whole + fraction.padEnd(scale, '0'));
  return negative ? -value : value;
}

/** -1, 0 or 1 as `a` is below, equal to or above `b`. Throws RangeError on a non-decimal. */
export function compareDecimal(a: string, b: string): -1 | 0 | 1 {
  const scale = Math.max(fractionLength(a), fractionLength(b));
  const x = scaled(a, scale);
  const y = scaled(b, scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

function fractionLength(text: string): number {
  const at = text.indexOf('.');
  return at < 0 ? 0 : text.length - at - 1;
}

export function isPositiveDecimal(text: string): boolean {
  return isDecimal(text) && compareDecimal(text, '0') > 0;
}

export function isNegativeDecimal(text: string): boolean {
  return isDecimal(text) && compareDecimal(text, '0') < 0;
}
