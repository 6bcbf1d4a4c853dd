import {
  AsterApiError,
  AsterBannedError,
  AsterOutcomeUnknownError,
  AsterRateLimitError,
} from '@/lib/aster/errors';
import { WITHDRAW_CHAIN_NAMES, type WithdrawChainId } from '@/lib/messaging/operations-api';
import type { JournalOutcome } from './journal';

export const UNKNOWN_LEADS: Record<AsterOutcomeUnknownError['reason'], string> = {
  'http-503': 'Aster answered 503 (unavailable) after the withdrawal was sent',
  timeout: 'Aster did not answer the withdrawal in time',
  network: "The connection was lost before Aster's answer to the withdrawal came back",
  'unreadable-answer': "Aster's answer to the withdrawal could not be read",
};

/**
 * Why a withdrawal's outcome is still unknown after Aster's withdrawal history was read (`reason`), and what
 * the trader must do: check on Aster's site and on the chain, then dismiss by hand.
 */
export function withdrawalUnknownMessage(
  lead: string,
  w: { amount: string; asset: string; fromName: string; receiver: string; chainId: number },
  reason = "Aster's withdrawal history was not read yet",
): string {
  const chain = WITHDRAW_CHAIN_NAMES[w.chainId as WithdrawChainId] ?? `chain ${w.chainId}`;
  return (
    `${lead}: the withdrawal of ${w.amount} ${w.asset} may or may not have gone out. ${reason}. ` +
    `Check the withdrawal history on Aster's site (and the receiver ${w.receiver} on ${chain}) before withdrawing again; dismiss this entry once you have checked. ` +
    `Until then, withdrawals of ${w.asset} from "${w.fromName}" are refused.`
  );
}

/** How a journalled withdrawal that failed ends: refused by Aster before executing it, or unknown. */
export function withdrawalFailure(
  error: unknown,
  w: Parameters<typeof withdrawalUnknownMessage>[1],
): JournalOutcome {
  const refused =
    error instanceof AsterApiError ||
    error instanceof AsterRateLimitError ||
    error instanceof AsterBannedError;
  if (refused)
    return { status: 'not-made', withdrawId: null, message: `${error.message} Nothing was withdrawn.` };
  const lead =
    error instanceof AsterOutcomeUnknownError
      ? UNKNOWN_LEADS[error.reason]
      : 'The withdrawal failed after it was sent';
  return { status: 'unknown', withdrawId: null, message: withdrawalUnknownMessage(lead, w) };
}
