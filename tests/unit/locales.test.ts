import { parseMessagesFile } from '@wxt-dev/i18n/build';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '@/lib/i18n';

const localesDir = path.resolve(import.meta.dirname, '../../locales');
/** The highest `$n` a message uses (unescaped), as @wxt-dev/i18n counts substitutions. */
const substitutionCount = (text: string) =>
  Math.max(0, ...[...text.matchAll(/(?<!\$)\$([1-9])/g)].map((m) => Number(m[1])));
type Parsed = Awaited<ReturnType<typeof parseMessagesFile>>;
/** A locale file's own messages (the parser adds the browser's predefined `@@` ones). */
const load = async (language: string) =>
  (await parseMessagesFile(path.join(localesDir, `${language}.yml`))).filter(
    (m) => !m.key[0]!.startsWith('@@'),
  );
/** key → what a translation must keep: `$n` count and `{named}` substitutions. */
function shape(messages: Parsed) {
  return new Map(
    messages.map((m) => {
      const text = m.type === 'plural' ? Object.values(m.plurals).join(' | ') : m.message;
      return [
        m.key.join('.'),
        { substitutions: substitutionCount(text), named: [...new Set(text.match(/\{\w+\}/g) ?? [])].sort() },
      ];
    }),
  );
}

describe('locales', () => {
  it('ships exactly the languages the Settings offer', async () => {
    const files = (await readdir(localesDir)).filter((f) => f.endsWith('.yml')).map((f) => f.slice(0, -4));
    expect(files.sort()).toEqual([...LANGUAGES].sort());
  });

  for (const language of LANGUAGES.filter((l) => l !== 'en')) {
    it(`${language} has every English key, no other, with the same substitutions`, async () => {
      const english = shape(await load('en'));
      const translated = shape(await load(language));
      expect([...translated.keys()].sort()).toEqual([...english.keys()].sort());
      for (const [key, expected] of english)
        expect({ key, ...translated.get(key) }).toEqual({ key, ...expected });
    });

    it(`${language} is translated: no message left identical to a long English sentence`, async () => {
      const english = new Map((await load('en')).map((m) => [m.key.join('.'), JSON.stringify(m)]));
      const same = (await load(language)).filter(
        (m) =>
          english.get(m.key.join('.')) === JSON.stringify(m) &&
          /[a-z]{3,} [a-z]{3,}/i.test(JSON.stringify(m)),
      );
      // Brand names and the like may stay; sentences may not.
      expect(same.map((m) => m.key.join('.')).filter((k) => !['extName'].includes(k))).toEqual([]);
    });
  }
});
