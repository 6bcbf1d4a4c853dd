import { useId, useState, type FormEvent } from 'react';
import { t } from '@/lib/i18n';
import { callBackground } from '@/lib/messaging/background-client';
import { RESET_CONFIRMATION, type PopupVaultState } from '@/lib/messaging/popup-api';
import { checkPasswordPolicy } from '@/lib/password/strength';
import { Connections } from './Connections';
import { ExchangeSites } from './ExchangeSites';
import { formatPeriod } from './format';
import { LanguageSelect } from './LanguageSelect';
import { NetworkSettingsLink } from './operations/NetworkProfile';
import { PasswordField } from './PasswordField';
import { useThemeStore, type ThemeChoice } from './stores/theme-store';
import { StrengthMeter } from './StrengthMeter';
import { useAction } from './useAction';
import { VaultBackup } from './VaultBackup';

export function Settings({ state }: { state: PopupVaultState }) {
  return (
    <div className="stack">
      <LanguageSetting />
      <AutoLockSetting state={state} />
      <Connections />
      <ExchangeSites />
      <NetworkSettingsLink />
      <ThemeSetting />
      <VaultBackup />
      <ChangePassword />
      <ResetVault />
    </div>
  );
}

function LanguageSetting() {
  const id = useId();
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('settings.language.title')}</h2>
      <LanguageSelect />
    </section>
  );
}

function AutoLockSetting({ state }: { state: PopupVaultState }) {
  const id = useId();
  const { error, runVault } = useAction();
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('settings.autoLock.title')}</h2>
      <div className="field">
        <label htmlFor={id}>{t('settings.autoLock.label')}</label>
        <select
          id={id}
          value={String(state.autoLockMs)}
          onChange={(event) => {
            const autoLockMs = event.target.value === 'null' ? null : Number(event.target.value);
            void runVault(() => callBackground('settings.setAutoLock', { autoLockMs }));
          }}
        >
          {state.autoLockChoices.map((choice) => (
            <option key={String(choice)} value={String(choice)}>
              {formatPeriod(choice)}
            </option>
          ))}
        </select>
      </div>
      {error && <p role="alert">{error}</p>}
    </section>
  );
}

function ThemeSetting() {
  const id = useId();
  const { theme, setTheme } = useThemeStore();
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('settings.theme.title')}</h2>
      <div className="field">
        <label htmlFor={id}>{t('settings.theme.label')}</label>
        <select id={id} value={theme} onChange={(event) => setTheme(event.target.value as ThemeChoice)}>
          <option value="system">{t('settings.theme.system')}</option>
          <option value="light">{t('settings.theme.light')}</option>
          <option value="dark">{t('settings.theme.dark')}</option>
        </select>
      </div>
    </section>
  );
}

function ChangePassword() {
  const id = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [done, setDone] = useState(false);
  const { busy, error, setError, runVault } = useAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    const policy = checkPasswordPolicy(next);
    if (!policy.ok) return setError(policy.reason);
    if (next !== confirmation) return setError(t('settings.changePassword.differ'));
    if (
      await runVault(() =>
        callBackground('vault.changePassword', { oldPassword: current, newPassword: next }),
      )
    ) {
      setCurrent('');
      setNext('');
      setConfirmation('');
      setDone(true);
    }
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('settings.changePassword.title')}</h2>
      <form onSubmit={submit} noValidate>
        <PasswordField
          label={t('settings.changePassword.current')}
          value={current}
          onChange={setCurrent}
          autoComplete="current-password"
        />
        <PasswordField
          label={t('settings.changePassword.new')}
          value={next}
          onChange={setNext}
          autoComplete="new-password"
          describedBy={`${id}-strength`}
        />
        <StrengthMeter password={next} id={`${id}-strength`} />
        <PasswordField
          label={t('settings.changePassword.confirm')}
          value={confirmation}
          onChange={setConfirmation}
          autoComplete="new-password"
        />
        {error && <p role="alert">{error}</p>}
        {done && <p role="status">{t('settings.changePassword.done')}</p>}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('settings.changePassword.changing') : t('settings.changePassword.submit')}
        </button>
      </form>
    </section>
  );
}

function ResetVault() {
  const id = useId();
  const [typed, setTyped] = useState('');
  const { busy, error, runVault } = useAction();
  return (
    <section className="card danger" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('settings.reset.title')}</h2>
      <p>{t('settings.reset.warning')}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void runVault(() => callBackground('vault.reset', { confirmation: RESET_CONFIRMATION }));
        }}
      >
        <div className="field">
          <label htmlFor={id}>{t('settings.reset.typeToConfirm', { word: RESET_CONFIRMATION })}</label>
          <input
            id={id}
            value={typed}
            autoComplete="off"
            onChange={(event) => setTyped(event.target.value)}
          />
        </div>
        {error && <p role="alert">{error}</p>}
        <button type="submit" className="destructive" disabled={busy || typed !== RESET_CONFIRMATION}>
          {t('settings.reset.submit')}
        </button>
      </form>
    </section>
  );
}
