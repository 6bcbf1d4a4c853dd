import { defineConfig } from 'wxt';
import { ASTER_WEB_MATCHES, DEVELOPMENT_MATCHES, TEST_ADDABLE_SITES } from './lib/exchange-matches';
import { oneCopyPerPackage } from './scripts/one-copy-per-package';
import { groupPageChunks } from './scripts/page-chunks';

// `npm run build:test` sets WXT_TEST_BUILD=1 (development and test builds): the same extension, plus the
// local simulator's origin (http://localhost) as an exchange and auto-lock periods of a few seconds.
const testBuild = process.env.WXT_TEST_BUILD === '1';
// WXT sets NODE_ENV to the mode ("test"), which would build React's development bundle and JSX (twice the
// size, double renders, source paths in the code): tests and benchmarks must run the code that ships.
if (testBuild) process.env.NODE_ENV = 'production';
const exchangeMatches = [...ASTER_WEB_MATCHES, ...(testBuild ? DEVELOPMENT_MATCHES : [])];
/** Aster's API hosts (reference §9): the background calls them. */
const asterApiHosts = [
  'https://fapi.asterdex.com/*',
  'https://sapi.asterdex.com/*',
  'https://fapi.asterdex-testnet.com/*',
  'https://sapi.asterdex-testnet.com/*',
];

export default defineConfig({
  hooks: {
    // The pages' build (popup, prompt, approval, clipboard): few files for the first screens.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (entrypoints.some((entrypoint) => entrypoint.name === 'popup')) groupPageChunks(config);
    },
  },
  // @wxt-dev/i18n: locales/*.yml → _locales (the browser's i18n) and the typed keys of lib/i18n's `t`.
  modules: ['@wxt-dev/module-react', '@wxt-dev/i18n/module'],
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // `offscreen` (Chromium): the document that clears a copied key once the popup has closed.
    permissions: [
      'storage',
      'alarms',
      'clipboardRead',
      'scripting',
      ...(browser === 'firefox' ? [] : ['offscreen', 'clipboardWrite']),
    ],
    host_permissions: [...asterApiHosts, ...exchangeMatches, ...(testBuild ? TEST_ADDABLE_SITES : [])],
    // Exchange sites the trader adds in settings are asked for one by one when added.
    optional_host_permissions: ['https://*/*'],
    action: { default_title: '__MSG_extName__' },
    // The approval prompt is framed by the exchange page; dynamic URLs keep pages from fingerprinting it.
    web_accessible_resources: [
      { resources: ['prompt.html'], matches: exchangeMatches, use_dynamic_url: true },
    ],
    commands: {
      'next-account': {
        suggested_key: { default: 'Alt+Shift+Period' },
        description: '__MSG_commands_nextAccount__',
      },
      'previous-account': {
        suggested_key: { default: 'Alt+Shift+Comma' },
        description: '__MSG_commands_previousAccount__',
      },
      'open-switcher': {
        suggested_key: { default: 'Alt+Shift+A' },
        description: '__MSG_commands_openSwitcher__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'aster-companion@astercompanion.app',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
  vite: () => ({
    // One copy of each library (e.g. the elliptic-curve code) in the bundle, or the build fails.
    plugins: [oneCopyPerPackage()],
    define: {
      __TEST_BUILD__: JSON.stringify(testBuild),
      // (WXT defines NODE_ENV as the mode in the bundle too.)
      ...(testBuild ? { 'process.env.NODE_ENV': JSON.stringify('production') } : {}),
    },
    build: { sourcemap: false },
  }),
});
