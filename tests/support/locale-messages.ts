import { generateChromeMessages, parseMessagesFile } from '@wxt-dev/i18n/build';
import path from 'node:path';
import type { ChromeMessages, Language } from '@/lib/i18n';

/** A language's messages exactly as the build writes them to `_locales/<language>/messages.json`. */
export async function localeMessages(language: Language): Promise<ChromeMessages> {
  const parsed = await parseMessagesFile(
    path.resolve(import.meta.dirname, '../../locales', `${language}.yml`),
  );
  return generateChromeMessages(parsed) as ChromeMessages;
}
