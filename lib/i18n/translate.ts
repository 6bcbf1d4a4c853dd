import { createI18n } from '@wxt-dev/i18n';
import type { GeneratedI18nStructure } from '#i18n';

/** A language's messages as the browser keeps them (`_locales/<language>/messages.json`). */
export type ChromeMessages = Record<string, { message: string }>;

/** The browser's own lookup: `_locales` in the browser's language, falling back to English. */
const browserI18n = createI18n<GeneratedI18nStructure>();

/** The messages of a language the trader chose in Settings; null follows the browser's language. */
let chosen: ChromeMessages | null = null;

/** Use these messages instead of the browser's language (null: the browser's language again). */
export function useMessages(messages: ChromeMessages | null): void {
  chosen = messages;
}

const NAMED = /\{([A-Za-z0-9_]+)\}/g;

/** `$1`…`$9` and `$$` as `browser.i18n.getMessage` substitutes them. */
function substitute(message: string, substitutions: readonly string[]): string {
  return message.replace(/\$(\$|[1-9])/g, (_, which: string) =>
    which === '$' ? '$' : (substitutions[Number(which) - 1] ?? ''),
  );
}

/** @wxt-dev/i18n's `t`, reading the chosen language's messages where the trader chose one. */
function translate(key: string, ...args: unknown[]): string {
  if (chosen === null) return (browserI18n.t as (k: string, ...a: unknown[]) => string)(key, ...args);
  let substitutions: string[] = [];
  let named: Record<string, string | number> | undefined;
  let count: number | undefined;
  for (const arg of args) {
    if (typeof arg === 'number') count = arg;
    else if (Array.isArray(arg)) substitutions = arg.map(String);
    else if (arg !== null && typeof arg === 'object') named = arg as Record<string, string | number>;
  }
  if (count !== undefined && substitutions.length === 0) substitutions = [String(count)];
  const entry = chosen[key.replaceAll('.', '_')];
  // A key missing from the chosen language (never shipped: tests/unit/locales.test.ts) reads as the browser's.
  if (!entry) return (browserI18n.t as (k: string, ...a: unknown[]) => string)(key, ...args);
  let message = substitute(entry.message, substitutions);
  if (count !== undefined) {
    const forms = message.split(' | ');
    message =
      forms.length === 1
        ? forms[0]!
        : forms.length === 2
          ? forms[count === 1 ? 0 : 1]!
          : forms[count === 0 || count === 1 ? count : 2]!;
  }
  return named === undefined
    ? message
    : message.replace(NAMED, (match, name: string) =>
        Object.prototype.hasOwnProperty.call(named, name) ? String(named[name]) : match,
      );
}

/**
 * The text of a message key in the trader's language, typed by `locales/en.yml` (keys, `$1` and `{named}`
 * substitutions, plural counts). Every user-visible text goes through it.
 */
export const t = translate as typeof browserI18n.t;

/** The BCP 47 tag of the language the messages are in (for `lang`, numbers and dates). */
export function messagesLocale(): string {
  return t('meta.locale');
}
