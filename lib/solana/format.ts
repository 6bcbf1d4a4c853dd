/** Amounts and addresses of Solana instructions in the words the prompt shows. */

export const LAMPORTS_PER_SOL_DECIMALS = 9;

/** `raw` base units as a decimal with `decimals` places, trailing zeros dropped: (1500000n, 6) → "1.5". */
export function formatUnits(raw: bigint, decimals: number): string {
  const digits = raw.toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

export const formatSol = (lamports: bigint): string =>
  `${formatUnits(lamports, LAMPORTS_PER_SOL_DECIMALS)} SOL`;

/** `7xKXtg…9fQa`, as the prompt shortens every address (components/Badges' shortAddress). */
export const shortSolanaAddress = (address: string): string =>
  address.length > 14 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
