import { useId, useState } from 'react';
import { messagesLocale, t } from '@/lib/i18n';

interface PasswordFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  autoComplete: 'current-password' | 'new-password' | 'off';
  autoFocus?: boolean;
  describedBy?: string;
}

/** A password input with its label and a show/hide toggle whose accessible name names the field. */
export function PasswordField({
  label,
  value,
  onChange,
  autoComplete,
  autoFocus,
  describedBy,
}: PasswordFieldProps) {
  const id = useId();
  const [visible, setVisible] = useState(false);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="password-row">
        <input
          id={id}
          type={visible ? 'text' : 'password'}
          value={value}
          autoComplete={autoComplete}
          autoFocus={autoFocus}
          spellCheck={false}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.target.value)}
        />
        <button
          type="button"
          className="ghost"
          aria-label={t(visible ? 'vault.passwordField.hideField' : 'vault.passwordField.showField', {
            field: label.toLocaleLowerCase(messagesLocale()),
          })}
          aria-pressed={visible}
          onClick={() => setVisible(!visible)}
        >
          {visible ? t('vault.passwordField.hide') : t('vault.passwordField.show')}
        </button>
      </div>
    </div>
  );
}
