/**
 * The vault password's policy and a strength hint. A small estimator on purpose: zxcvbn's dictionaries would
 * cost the popup several hundred kB, and the PBKDF2 cost plus the unlock throttle carry most of the defence.
 */

import { t } from '@/lib/i18n';

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 1024;

export type PasswordPolicyResult = { ok: true } | { ok: false; reason: string };

export function checkPasswordPolicy(password: string): PasswordPolicyResult {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return { ok: false, reason: t('background.strength.atLeast', { min: MIN_PASSWORD_LENGTH }) };
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return { ok: false, reason: t('background.strength.atMost', { max: MAX_PASSWORD_LENGTH }) };
  }
  return { ok: true };
}

export type StrengthLabel = 'too short' | 'weak' | 'fair' | 'good' | 'strong';

export interface PasswordStrength {
  /** 0 (too short) to 4 (strong). */
  score: 0 | 1 | 2 | 3 | 4;
  label: StrengthLabel;
  /** Rough bits of entropy after penalties. */
  bits: number;
  /** What would make it stronger, in words. */
  hint: string;
}

const COMMON = [
  'password',
  'passw0rd',
  '123456',
  'qwerty',
  'letmein',
  'welcome',
  'admin',
  'aster',
  'iloveyou',
  'abc123',
];

export function passwordStrength(password: string): PasswordStrength {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return {
      score: 0,
      label: 'too short',
      bits: 0,
      hint: t('background.strength.atLeast', { min: MIN_PASSWORD_LENGTH }),
    };
  }
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  const pool = [
    /[a-z]/.test(password) ? 26 : 0,
    /[A-Z]/.test(password) ? 26 : 0,
    /[0-9]/.test(password) ? 10 : 0,
  ]
    .concat(/[^A-Za-z0-9]/.test(password) ? [33] : [])
    .reduce((a, b) => a + b, 0);
  const distinct = new Set(password).size;
  // Repeats and sequences add little: count only distinct characters beyond the first few.
  const effectiveLength = Math.min(password.length, distinct + Math.floor((password.length - distinct) / 3));
  let bits = effectiveLength * Math.log2(Math.max(pool, 2));
  const lower = password.toLowerCase();
  if (COMMON.some((word) => lower.includes(word))) bits -= 20;
  if (/^(.)\1+$/.test(password)) bits = Math.min(bits, 10);
  bits = Math.max(0, Math.round(bits));
  const score = bits < 40 ? 1 : bits < 60 ? 2 : bits < 80 ? 3 : 4;
  const label = (['too short', 'weak', 'fair', 'good', 'strong'] as const)[score];
  const hint =
    score >= 4
      ? t('background.strength.strong')
      : COMMON.some((word) => lower.includes(word))
        ? t('background.strength.common')
        : classes < 3
          ? t('background.strength.mix')
          : t('background.strength.longer');
  return { score, label, bits, hint };
}
