import { transferableAssets, type AssetBalance } from '@/lib/aster/rules';
import type { AccountBalances, WalletName } from '@/lib/messaging/operations-api';

/**
 * "Max": what the source wallet can send of `asset` now — Aster's withdrawable amount (futures
 * `maxWithdrawAmount`, spot `free`), else the balance, exactly as the background checks the amount — as Aster
 * wrote it (a decimal string, never a rounded float). Null when the wallet holds none of it.
 */
export function maxTransferable(
  balances: Pick<AccountBalances, WalletName>,
  wallet: WalletName,
  asset: string,
): string | null {
  const entry: AssetBalance | undefined = transferableAssets(balances[wallet]).find((b) => b.asset === asset);
  return entry ? (entry.withdrawable ?? entry.balance) : null;
}
