import { t } from '@/lib/i18n';
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
    title: t('decode.rebalance.title'),
    parties: [],
    verdict: warn(
      'may-rebalance',
      extra.length === 0
        ? t('decode.rebalance.noParameters')
        : t('decode.rebalance.fewParameters', { fields: extra.join(', ') }),
    ),
  };
}
