import { t } from '@/lib/i18n';
import { MIN_PASSWORD_LENGTH, passwordStrength, type StrengthLabel } from '@/lib/password/strength';

const LEVEL_KEYS = {
  'too short': 'vault.strength.levels.tooShort',
  weak: 'vault.strength.levels.weak',
  fair: 'vault.strength.levels.fair',
  good: 'vault.strength.levels.good',
  strong: 'vault.strength.levels.strong',
} as const satisfies Record<StrengthLabel, string>;

/** The password's estimated strength as a meter plus words (colour is never the only signal). */
export function StrengthMeter({ password, id }: { password: string; id: string }) {
  const strength = passwordStrength(password);
  return (
    <div className="strength" id={id}>
      <meter
        aria-label={t('vault.strength.meter')}
        min={0}
        max={4}
        low={2}
        high={3}
        optimum={4}
        value={password ? strength.score : 0}
      />
      <p aria-live="polite">
        {password
          ? t('vault.strength.summary', { level: t(LEVEL_KEYS[strength.label]), hint: strength.hint })
          : t('vault.strength.empty', { min: MIN_PASSWORD_LENGTH })}
      </p>
    </div>
  );
}
