// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import i18next from 'eslint-plugin-i18next';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Context boundaries (../shared/reference/architecture.md): which code each context may import.
 * Secrets live in the background only, so vault, crypto, signers and the background's wiring are
 * off-limits to the inpage script, content scripts and extension pages alike.
 */
/** @param {string[]} names @param {boolean} [allowTypeImports] */
const forbidLib = (names, allowTypeImports = false) =>
  names.map((name) => ({
    group: [`@/lib/${name}`, `@/lib/${name}/*`, `**/lib/${name}`, `**/lib/${name}/*`],
    message: `lib/${name} is background-only: call the background through lib/messaging.`,
    allowTypeImports,
  }));
const backgroundOnly = forbidLib(['vault', 'crypto', 'signers', 'background']);
const storage = [{ name: 'dexie', message: 'IndexedDB is reached through the background only.' }];

/** @param {string[]} files @param {Array<{group: string[], message: string}>} patterns @param {Array<{name: string, message: string}>} paths */
const boundary = (files, patterns, paths = []) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns, paths }] },
});

/**
 * No user-visible English literal in the UI: every text goes through `t` (lib/i18n) so that it is shown in
 * the trader's language. What may stay literal: strings without letters, lower-case identifiers, routes,
 * method names and CSS classes, SCREAMING constants — none of which a trader reads.
 */
const noLiteralText = {
  'i18next/no-literal-string': [
    'error',
    {
      mode: 'all',
      'should-validate-template': true,
      words: {
        exclude: [
          '^[^A-Za-z]*$',
          // identifiers, paths, keys, query strings, CSS classes: no capital, or camelCase, or dotted
          '^[a-z0-9_./:#@$&=?%*+\\-\\[\\]]*$',
          '^[a-z][\\w-]*(?: [a-z][\\w-]*)*$',
          '^[a-z][a-zA-Z0-9]*(?:[.:/][a-zA-Z0-9]+)*$',
          '^[A-Z][A-Z0-9_]*$',
        ],
      },
      callees: {
        exclude: [
          't',
          'callBackground',
          'require',
          'addEventListener',
          'removeEventListener',
          'postMessage',
          'getElementById',
          'querySelector',
          'querySelectorAll',
          'closest',
          'createElement',
          'setAttribute',
          'getAttribute',
          'removeAttribute',
          'toggleAttribute',
          'hasAttribute',
          'setProperty',
          'matchMedia',
          'includes',
          'startsWith',
          'endsWith',
          'indexOf',
          'split',
          'join',
          'replace',
          'replaceAll',
          'test',
          'mark',
          'measure',
          'getEntriesByName',
          'console.*',
          'Error',
          'TypeError',
          'RangeError',
        ],
      },
      'jsx-attributes': {
        exclude: [
          'className',
          'type',
          'key',
          'id',
          'role',
          'data-.*',
          'autoComplete',
          'inputMode',
          'name',
          'htmlFor',
          'aria-current',
          'aria-live',
          'aria-hidden',
          'aria-haspopup',
          'aria-controls',
          'aria-describedby',
          'aria-labelledby',
          'aria-owns',
          'aria-activedescendant',
          'rel',
          'target',
          'lang',
          'method',
          'href',
          'accept',
          'download',
          'pattern',
          'spellCheck',
          'autoCapitalize',
          'value',
          'form',
          'scope',
          'src',
          'dir',
          'translate',
          'enterKeyHint',
        ],
      },
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      '.output/**',
      '.wxt/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'screenshots/**',
      '.tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['components/**/*.{ts,tsx}', 'entrypoints/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'no-console': ['error', { allow: ['error', 'warn'] }],
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-implied-eval': 'error',
    },
  },
  {
    files: ['scripts/**', 'tests/**', 'simulator/**', '**/*.config.{ts,js}', '.ci/**'],
    languageOptions: { globals: globals.node },
    rules: { 'no-console': 'off' },
  },
  // Content scripts and extension pages hold no secrets: they talk to the background.
  boundary(['entrypoints/*.content*', 'entrypoints/*.content/**', 'lib/content/**'], backgroundOnly, storage),
  boundary(['entrypoints/!(background)*/**', 'components/**'], backgroundOnly, storage),
  // Shared pure modules must not reach into the background.
  // (lib/crypto is pure and allowed there: key codecs need it. They may name the Signer type, not use a signer.)
  boundary(
    ['lib/messaging/**', 'lib/password/**', 'lib/accounts/**', 'lib/aster/**', 'lib/solana/**'],
    [...forbidLib(['vault', 'background']), ...forbidLib(['signers'], true)],
    storage,
  ),
  // Last, so it wins over the content-script rule for `inpage.content.ts`.
  // The inpage script runs in the page's own world: no secrets, no extension API, no heavy libraries.
  boundary(
    ['entrypoints/*inpage*/**', 'entrypoints/*inpage*', 'lib/provider/**'],
    [
      ...backgroundOnly,
      {
        group: ['@/lib/accounts', '@/lib/accounts/*', '@/lib/aster', '@/lib/aster/*', '@/components/*'],
        message: 'The inpage script stays tiny: provider code and page messaging only.',
      },
    ],
    [
      ...storage,
      { name: 'wxt/browser', message: 'The MAIN world has no extension API.' },
      { name: 'react', message: 'The inpage script stays tiny.' },
    ],
  ),
  {
    files: ['components/**/*.{ts,tsx}', 'entrypoints/**/*.{ts,tsx}', 'lib/content/**/*.ts'],
    ignores: ['**/*.test.{ts,tsx}'],
    plugins: { i18next },
    rules: {
      ...noLiteralText,
      // The plugin lets SCREAMING_CASE constants hold any string (`const LABELS = { to: 'To' }`): words there
      // are texts too.
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'VariableDeclarator[id.name=/^[A-Z][A-Z0-9_]*$/] Literal[value=/^[A-Z][a-z]|[A-Za-z]{3,} [A-Za-z]{3,}/]:not(.key)',
          message: 'Words in a constant are user-visible text: use t() (lib/i18n).',
        },
      ],
    },
  },
  // The background's operations report to the trader in words too (errors the popup shows, settled outcomes,
  // the compatibility report): the same rule. Aster's protocol values stay literal, marked where they are.
  {
    files: ['lib/background/operations/**/*.ts'],
    ignores: ['**/*.test.ts'],
    plugins: { i18next },
    rules: noLiteralText,
  },
);
