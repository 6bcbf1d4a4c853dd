import { useId } from 'react';
import { browser } from 'wxt/browser';
import { LANGUAGES, t, type Language, type LanguageChoice } from '@/lib/i18n';
import { useLanguageStore } from './stores/language-store';

/** Each language's name in its own language, and the `lang` its option is read in. */
const LANGUAGE_OPTIONS = {
  en: { name: () => t('language.names.en'), lang: 'en' },
  zh_CN: { name: () => t('language.names.zh_CN'), lang: 'zh-CN' },
  ko: { name: () => t('language.names.ko'), lang: 'ko' },
} as const satisfies Record<Language, { name(): string; lang: string }>;

/** The name of the language the browser's own i18n picks ("Browser language" puts it in effect). */
export function browserLanguageName(): string {
  try {
    // Typed for the predefined messages only; ours are typed through `t`.
    const browserMessage = browser.i18n.getMessage as (name: string) => string;
    return browserMessage('meta_languageName') || t('meta.languageName');
  } catch {
    // No browser i18n (unit tests): the messages loaded are the ones in effect.
    return t('meta.languageName');
  }
}

/**
 * The trader's language: the browser's, or one of the shipped ones. Every context follows the saved choice
 * (chrome.storage.local), this page included. `compact` is the first screens' form: a trader who cannot read
 * English finds it by its globe and by the language names, each written in its own language.
 */
export function LanguageSelect({ compact = false }: { compact?: boolean }) {
  const id = useId();
  const { choice, choose } = useLanguageStore();
  const select = (
    <select
      id={id}
      value={choice}
      onChange={(event) =>
        void choose(event.target.value as LanguageChoice).catch((error: unknown) => console.error(error))
      }
    >
      <option value="auto">{t('language.auto', { language: browserLanguageName() })}</option>
      {LANGUAGES.map((language) => (
        <option key={language} value={language} lang={LANGUAGE_OPTIONS[language].lang}>
          {LANGUAGE_OPTIONS[language].name()}
        </option>
      ))}
    </select>
  );
  if (compact)
    return (
      <div className="row small language-choice">
        <label htmlFor={id}>
          <span aria-hidden="true">🌐 </span>
          {t('language.label')}
        </label>
        {select}
      </div>
    );
  return (
    <div className="field">
      <label htmlFor={id}>{t('language.label')}</label>
      {select}
    </div>
  );
}
