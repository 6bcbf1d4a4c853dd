import { warn } from '../rules';
import type { BodySummary } from './types';

/** The bare agent tail: an account read, and also everything Aster's Rebalance needs. */
export function rebalanceSummary(): BodySummary {
  return {
    kind: 'rebalance',
    title: 'Convert assets to cover negative balances (Rebalance) — or read account data',
    parties: [],
    verdict: warn(
      'This signature carries no parameters: Aster can use it to read your account, and also to run Rebalance, which converts your assets to cover negative balances. Approve only if you asked for one of these.',
    ),
  };
}
