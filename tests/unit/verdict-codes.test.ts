import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERDICT_CODES } from '@/lib/aster/verdict-codes';

/**
 * Verdicts are acted on by their codes, never by their words (the words are in the trader's language): every
 * code the code base asks for or gives exists, every listed code is given somewhere, and no source file looks
 * into a verdict's reasons or an error's message for a phrase.
 */

const root = path.resolve(import.meta.dirname, '../..');
const SOURCE_DIRS = ['components', 'entrypoints', 'lib'];

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(root, dir), { withFileTypes: true });
  const files = await Promise.all(
    entries.map((entry) => {
      const relative = path.join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(relative);
      return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [relative] : [];
    }),
  );
  return files.flat();
}

const sources = new Map<string, string>();
for (const dir of SOURCE_DIRS)
  for (const file of await sourceFiles(dir)) sources.set(file, await readFile(path.join(root, file), 'utf8'));

const known = new Set<string>(VERDICT_CODES);
const matches = (pattern: RegExp) =>
  [...sources].flatMap(([file, text]) => [...text.matchAll(pattern)].map((m) => ({ file, code: m[1]! })));

describe('verdict codes', () => {
  it('every code asked for exists (hasCode, codes.includes)', () => {
    const asked = matches(/(?:hasCode\([^,()]+(?:\([^()]*\))?,\s*|codes\.includes\()'([^']+)'/g);
    // Withdraw's "Rebalance first" (popup and background) is the case that once matched English words.
    expect(asked.map((a) => `${a.file}:${a.code}`)).toEqual(
      expect.arrayContaining([
        'components/operations/Withdraw.tsx:rebalance-first',
        'lib/background/operations/withdraw.ts:rebalance-first',
      ]),
    );
    expect(asked.filter((a) => !known.has(a.code))).toEqual([]);
  });

  it('every code given exists, and every listed code is given somewhere', () => {
    const given = matches(/\b(?:block|warn)\(\s*'([^']+)'/g);
    expect(given.length).toBeGreaterThan(50);
    expect(given.filter((g) => !known.has(g.code))).toEqual([]);
    const literals = new Set(
      [...sources]
        .filter(([file]) => file !== path.join('lib', 'aster', 'verdict-codes.ts'))
        .flatMap(([, text]) => [...text.matchAll(/'([a-z]+(?:-[a-z]+)+|[a-z]+)'/g)].map((m) => m[1]!)),
    );
    expect(VERDICT_CODES.filter((code) => !literals.has(code))).toEqual([]);
  });

  it('no source file matches the words of a verdict reason or an error message', () => {
    const byWords = [...sources].flatMap(([file, text]) =>
      [
        ...text.matchAll(
          /(?:\breasons\b|\.reason\b|\b(?:error|err|e|cause)\.message\b)[^;\n]{0,60}\.(?:startsWith|endsWith|includes|match)\(\s*['"`/]/g,
        ),
        ...text.matchAll(
          /\/[^/\n]*\/\.(?:test|exec)\((?:\breasons?\b|[^)]*\.reason\b|(?:error|err|e)\.message)/g,
        ),
      ].map((m) => `${file}: ${m[0]}`),
    );
    expect(byWords).toEqual([]);
  });
});
