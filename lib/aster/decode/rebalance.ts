import { warn } from '../rules';
import type { BodyFields, BodySummary } from './types';

const TAIL = new Set(['nonce', 'user', 'signer']);

/**
 * The bare agent tail: an account read, and also everything Aster's Rebalance needs. Also the worst reading of a
 * refused body that has a few more fields: then the words name them rather than claim there are none.
 */
export function rebalanceSummary(fields: BodyFields): BodySummary {
  const extra = fields.names().filter((name) => !TAIL.has(name));
  return {
    kind: 'rebalance',
    title: 'Convert assets to cover negative balances (Rebalance) — or read account data',
    parties: [],
    verdict: warn(
      extra.length === 0
        ? 'This signature carries no parameters: Aster can use it to read your account, and also to run Rebalance, which converts your assets to cover negative balances. Approve only if you asked for one of these.'
        : `Besides nonce, user and signer this signature carries only ${extra.join(', ')}: Aster ignores parameters an endpoint does not take, so it can also run Rebalance, which converts your assets to cover negative balances, or any endpoint that takes just these fields. Approve only if you asked for one of these.`,
    ),
  };
}
