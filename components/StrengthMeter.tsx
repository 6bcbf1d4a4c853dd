import { passwordStrength } from '@/lib/password/strength';

/** The password's estimated strength as a meter plus words (colour is never the only signal). */
export function StrengthMeter({ password, id }: { password: string; id: string }) {
  const strength = passwordStrength(password);
  return (
    <div className="strength" id={id}>
      <meter
        aria-label="Password strength"
        min={0}
        max={4}
        low={2}
        high={3}
        optimum={4}
        value={password ? strength.score : 0}
      />
      <p aria-live="polite">
        {password ? (
          <>
            Strength: <strong>{strength.label}</strong>. {strength.hint}
          </>
        ) : (
          'At least 8 characters; a long passphrase is best.'
        )}
      </p>
    </div>
  );
}
