// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
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
);
