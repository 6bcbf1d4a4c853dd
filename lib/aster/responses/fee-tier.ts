import { t } from '@/lib/i18n';
import { isDecimal, stripTrailingZeros } from '../decimal';
import { describeAnswer } from './sub-account-list';
import { isRecord } from '../json-values';

/**
 * Aster publishes no VIP endpoint; the closest figures are `feeTier` ("account commission tier") in the account
 * answers (`GET /fapi/v3/accountWithJoinMargin`, the older `/fapi/v3/account`, spot `/api/v3/account`) and the
 * rates of `GET /fapi/v3/commissionRate?symbol=` (§10). Both are read as a hint only: the trader may override.
 */

export interface CommissionRate {
  symbol: string;
  /** Decimal fractions as Aster sent them ("0.0002" = 0.02 %). */
  maker: string;
  taker: string;
}

/** The answer had no readable fee tier / rates; `message` says what came instead. */
export class FeeTierShapeError extends Error {
  constructor(detail: string) {
    super(t('errors.feeTier.shape', { detail }));
    this.name = 'FeeTierShapeError';
  }
}

/** `feeTier` of an account answer: a whole number ≥ 0, sent as a number or as its text. */
export function parseFeeTier(answer: unknown): number {
  if (!isRecord(answer))
    throw new FeeTierShapeError(t('errors.feeTier.notAccount', { answer: describeAnswer(answer) }));
  const raw = answer.feeTier;
  if (raw === undefined || raw === null) throw new FeeTierShapeError(t('errors.feeTier.noFeeTier'));
  const tier = typeof raw === 'string' && /^\d{1,3}$/.test(raw) ? Number(raw) : raw;
  if (typeof tier !== 'number' || !Number.isSafeInteger(tier) || tier < 0)
    throw new FeeTierShapeError(t('errors.feeTier.notWhole'));
  return tier;
}

/** `{symbol, makerCommissionRate, takerCommissionRate}` (futures and spot alike). */
export function parseCommissionRate(answer: unknown): CommissionRate {
  if (!isRecord(answer))
    throw new FeeTierShapeError(t('errors.feeTier.notRates', { answer: describeAnswer(answer) }));
  const rate = (field: string): string => {
    const value = typeof answer[field] === 'number' ? String(answer[field]) : answer[field];
    if (typeof value !== 'string' || !isDecimal(value) || value.startsWith('-'))
      throw new FeeTierShapeError(t('errors.feeTier.notRate', { field }));
    return value;
  };
  if (typeof answer.symbol !== 'string' || answer.symbol === '')
    throw new FeeTierShapeError(t('errors.feeTier.noSymbol'));
  return { symbol: answer.symbol, maker: rate('makerCommissionRate'), taker: rate('takerCommissionRate') };
}

/** "0.00014" → "0.014 %", exactly (a decimal shift, no floating point). */
export function ratePercent(rate: string): string {
  const [whole = '0', fraction = ''] = rate.split('.');
  const digits = `${whole}${fraction.padEnd(2, '0')}`;
  const point = whole.length + 2;
  const shifted = `${digits.slice(0, point)}.${digits.slice(point)}`.replace(/^0+(?=\d)/, '');
  return `${stripTrailingZeros(shifted.endsWith('.') ? shifted.slice(0, -1) : shifted)} %`;
}
