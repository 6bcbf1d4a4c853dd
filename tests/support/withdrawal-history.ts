import type { WithdrawalHistoryEntry } from '@/lib/aster/ledgers';
import type { WithdrawalSought } from '@/lib/background/operations/withdrawal-history';

/**
 * One withdrawal as the journal seeks it in Aster's deposit and withdrawal history, and the history entry that
 * is exactly it: the fixture of the settlement tests, in one place.
 */

export const SENT = Date.UTC(2026, 11, 1, 12, 1, 0);

/** 10 USDT to BNB Chain (56) from "Main desk", sent at SENT. */
export const sought: WithdrawalSought = {
  id: 'op',
  accountId: 'a',
  asset: 'USDT',
  amount: '10',
  chainId: 56,
  receiver: '0xAbC0000000000000000000000000000000000001',
  startedAt: SENT,
  fromName: 'Main desk',
  userNonce: String(SENT * 1000),
};

/** Aster's entry of that withdrawal (made, 300 ms after SENT), with `over` changed. */
export const historyEntry = (over: Partial<WithdrawalHistoryEntry> = {}): WithdrawalHistoryEntry => ({
  id: '77',
  type: 'WITHDRAW',
  asset: 'USDT',
  amount: '10.00',
  time: SENT + 300,
  state: 'SUCCESS',
  chainId: 56,
  accountType: 'perp',
  txHash: '0xabc',
  receiver: null,
  userNonce: null,
  ...over,
});
