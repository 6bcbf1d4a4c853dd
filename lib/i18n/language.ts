import { browser } from 'wxt/browser';
import { useMessages, type ChromeMessages } from './translate';

/** The languages the extension ships (`locales/*.yml`), in the browser's locale codes. */
export const LANGUAGES = ['en', 'zh_CN', 'ko'] as const;
export type Language = (typeof LANGUAGES)[number];
/** `auto` follows the browser's language (English where we have no translation). */
export type LanguageChoice = 'auto' | Language;

/** chrome.storage.local key: the background, content scripts and framed pages read it there. */
export const LANGUAGE_STORAGE_KEY = 'language';
/** localStorage key of the extension's own pages: read synchronously, so the popup paints at once. */
const MIRROR_KEY = 'aster-companion.language';

export function isLanguageChoice(value: unknown): value is LanguageChoice {
  return value === 'auto' || (LANGUAGES as readonly unknown[]).includes(value);
}

/** localStorage, or null where it is denied (the prompt page framed by the exchange is a third party). */
function mirror(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** The choice as this page last saw it, without waiting (extension pages only; `auto` elsewhere). */
export function mirroredLanguageChoice(): LanguageChoice {
  const value = mirror()?.getItem(MIRROR_KEY);
  return isLanguageChoice(value) ? value : 'auto';
}

export async function storedLanguageChoice(): Promise<LanguageChoice> {
  const stored = (await browser.storage.local.get(LANGUAGE_STORAGE_KEY))[LANGUAGE_STORAGE_KEY];
  return isLanguageChoice(stored) ? stored : 'auto';
}

/** How a context gets a language's messages: extension pages and the worker read the packaged file. */
export type MessagesLoader = (language: Language) => Promise<ChromeMessages>;

export const packagedMessages: MessagesLoader = async (language) => {
  const response = await fetch(browser.runtime.getURL(`/_locales/${language}/messages.json` as '/'));
  if (!response.ok) throw new Error(`The ${language} messages could not be read (${response.status}).`);
  return (await response.json()) as ChromeMessages;
};

let applied: LanguageChoice = 'auto';

/** Makes `t` speak this choice from now on. */
export async function applyLanguageChoice(
  choice: LanguageChoice,
  load: MessagesLoader = packagedMessages,
): Promise<void> {
  useMessages(choice === 'auto' ? null : await load(choice));
  applied = choice;
  mirror()?.setItem(MIRROR_KEY, choice);
}

export function appliedLanguageChoice(): LanguageChoice {
  return applied;
}

/** Saves the trader's choice for every context (each one follows it through `followLanguageChoice`). */
export async function saveLanguageChoice(choice: LanguageChoice): Promise<void> {
  mirror()?.setItem(MIRROR_KEY, choice);
  await browser.storage.local.set({ [LANGUAGE_STORAGE_KEY]: choice });
}

/**
 * Applies the stored choice now and again whenever it changes; `onChange` runs after each change is
 * applied (re-render). Returns the stop function.
 */
export function followLanguageChoice(
  onChange: (choice: LanguageChoice) => void = () => {},
  load: MessagesLoader = packagedMessages,
): { ready: Promise<void>; stop(): void } {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !(LANGUAGE_STORAGE_KEY in changes)) return;
    const next = changes[LANGUAGE_STORAGE_KEY]!.newValue;
    const choice = isLanguageChoice(next) ? next : 'auto';
    void applyLanguageChoice(choice, load).then(
      () => onChange(choice),
      (error: unknown) => console.error(error),
    );
  };
  browser.storage.onChanged.addListener(listener);
  const ready = storedLanguageChoice().then(async (choice) => {
    if (choice !== applied) {
      await applyLanguageChoice(choice, load);
      onChange(choice);
    }
  });
  return { ready, stop: () => browser.storage.onChanged.removeListener(listener) };
}
