import { OK } from '../rules';
import type { BodySummary } from './types';

/** Reads (sub-account list, balances, transfer history): nothing changes. */
export function accountReadSummary(): BodySummary {
  return {
    kind: 'list',
    title: 'Read account data (such as the sub-account list)',
    parties: [],
    verdict: OK,
  };
}
