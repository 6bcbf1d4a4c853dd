import {
  AsterApiError,
  AsterBannedError,
  AsterOutcomeUnknownError,
  AsterRateLimitError,
} from '@/lib/aster/errors';
import { WITHDRAW_CHAIN_NAMES, type WithdrawChainId } from '@/lib/messaging/operations-api';
import { t } from '@/lib/i18n';
import type { JournalOutcome } from './journal';

/** Why the withdrawal's answer is missing, in the trader's language (read when the message is made). */
export function unknownLead(reason: AsterOutcomeUnknownError['reason']): string {
  switch (reason) {
    case 'http-503':
      return t('background.withdrawalOutcome.lead503');
    case 'timeout':
      return t('background.withdrawalOutcome.leadTimeout');
    case 'network':
      return t('background.withdrawalOutcome.leadNetwork');
    case 'unreadable-answer':
      return t('background.withdrawalOutcome.leadUnreadable');
  }
}

/**
 * Why a withdrawal's outcome is still unknown after Aster's withdrawal history was read (`reason`), and what
 * the trader must do: check on Aster's site and on the chain, then dismiss by hand.
 */
export function withdrawalUnknownMessage(
  lead: string,
  w: { amount: string; asset: string; fromName: string; receiver: string; chainId: number },
  reason = t('background.withdrawalOutcome.historyNotRead'),
): string {
  const chain =
    WITHDRAW_CHAIN_NAMES[w.chainId as WithdrawChainId] ??
    t('background.withdrawalOutcome.chain', { chainId: String(w.chainId) });
  return t('background.withdrawalOutcome.unknown', {
    lead,
    amount: w.amount,
    asset: w.asset,
    reason,
    receiver: w.receiver,
    chain,
    fromName: w.fromName,
  });
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
    return {
      status: 'not-made',
      withdrawId: null,
      message: t('background.withdrawalOutcome.nothingWithdrawn', { error: error.message }),
    };
  const lead =
    error instanceof AsterOutcomeUnknownError
      ? unknownLead(error.reason)
      : t('background.withdrawalOutcome.failedAfterSent');
  return { status: 'unknown', withdrawId: null, message: withdrawalUnknownMessage(lead, w) };
}
