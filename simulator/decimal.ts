/** Balances as exact decimals (18 fractional digits), independent of lib/aster's helpers. */
const SCALE = 18n;
const ONE = 10n ** SCALE;

export function isAmount(text: string): boolean {
  return /^-?\d{1,30}(\.\d{1,18})?$/.test(text);
}

export function toUnits(text: string): bigint {
  if (!isAmount(text)) throw new RangeError('not an amount');
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const units = BigInt(whole) * ONE + BigInt(fraction.padEnd(Number(SCALE), '0'));
  return negative ? -units : units;
}

export function fromUnits(units: bigint): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const whole = abs / ONE;
  const fraction = (abs % ONE).toString().padStart(Number(SCALE), '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

export function mulUnits(a: bigint, b: bigint): bigint {
  return (a * b) / ONE;
}

export function divUnits(a: bigint, b: bigint): bigint {
  return (a * ONE) / b;
}
