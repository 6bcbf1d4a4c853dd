import * as v from 'valibot';
import { browser } from 'wxt/browser';
import {
  isLanguageChoice,
  storedLanguageChoice,
  useMessages,
  type ChromeMessages,
  type LanguageChoice,
  type MessagesLoader,
} from '@/lib/i18n';
import { LANGUAGE_STORAGE_KEY as LANGUAGE_KEY } from '@/lib/i18n/language';

const messagesSchema = v.record(v.string(), v.object({ message: v.string() }));

/** A dictionary as the background sends it; anything else is refused (the choice then falls back). */
export function checkedMessages(value: unknown): ChromeMessages {
  return v.parse(messagesSchema, value);
}

/**
 * Makes the content script's `t` speak the trader's CHOSEN language, now and after every change. A content
 * script cannot read `_locales` (not web-accessible, on purpose), so `load` asks the background for the
 * dictionary over the extension's own messaging: the page can neither post on that channel nor touch
 * chrome.storage, so it can neither supply nor alter the words the in-page surfaces show. Unlike
 * lib/i18n's `followLanguageChoice`, nothing is mirrored in localStorage: here that is the page's.
 * `onChange` runs after each change is applied (relabel). A choice whose dictionary cannot be had falls
 * back to the browser's language.
 */
export function followChosenLanguageInPage(
  load: MessagesLoader,
  onChange: () => void = () => {},
): { ready: Promise<void>; stop(): void } {
  /** Only the latest choice may apply: an earlier, slower load must not overwrite it. */
  let latest = 0;
  const apply = async (choice: LanguageChoice) => {
    const turn = ++latest;
    let messages: ChromeMessages | null = null;
    if (choice !== 'auto')
      messages = await load(choice)
        .then(checkedMessages)
        .catch(() => null);
    if (turn !== latest) return;
    useMessages(messages);
    onChange();
  };
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !(LANGUAGE_KEY in changes)) return;
    const next = changes[LANGUAGE_KEY]!.newValue;
    void apply(isLanguageChoice(next) ? next : 'auto');
  };
  browser.storage.onChanged.addListener(listener);
  const ready = storedLanguageChoice().then(apply, () => apply('auto'));
  return { ready, stop: () => browser.storage.onChanged.removeListener(listener) };
}
