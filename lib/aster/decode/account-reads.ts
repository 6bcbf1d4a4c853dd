import { t } from '@/lib/i18n';
import { OK } from '../rules';
import type { BodySummary } from './types';

/** Reads (sub-account list, balances, transfer history): nothing changes. */
export function accountReadSummary(): BodySummary {
  return {
    kind: 'list',
    title: t('decode.read.title'),
    parties: [],
    verdict: OK,
  };
}
