import { defineConfig } from 'wxt';
import { extensionManifest } from './lib/manifest';
import { benchPages } from './scripts/bench-pages';
import { oneCopyPerPackage } from './scripts/one-copy-per-package';
import { groupPageChunks } from './scripts/page-chunks';

// `npm run build:test` sets WXT_TEST_BUILD=1 (development and test builds): the same extension, plus the
// local simulator's origin (http://localhost) as an exchange and auto-lock periods of a few seconds.
const testBuild = process.env.WXT_TEST_BUILD === '1';
// WXT sets NODE_ENV to the mode ("test"), which would build React's development bundle and JSX (twice the
// size, double renders, source paths in the code): tests and benchmarks must run the code that ships.
if (testBuild) process.env.NODE_ENV = 'production';
export default defineConfig({
  hooks: {
    // The pages' build (popup, prompt, approval, clipboard): few files for the first screens.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (entrypoints.some((entrypoint) => entrypoint.name === 'popup')) groupPageChunks(config);
    },
    // The benchmark's floor pages (a bare React page), in test builds only.
    'build:publicAssets': async (_wxt, files) => {
      if (testBuild) files.push(...(await benchPages()));
    },
  },
  // @wxt-dev/i18n: locales/*.yml → _locales (the browser's i18n) and the typed keys of lib/i18n's `t`.
  modules: ['@wxt-dev/module-react', '@wxt-dev/i18n/module'],
  // Firefox too is MV3 (WXT's default for Firefox is MV2): `npm run build:firefox` → .output/firefox-mv3.
  manifestVersion: 3,
  manifest: ({ browser }) => extensionManifest(browser, testBuild),
  zip: {
    // AMO's sources archive (`npm run zip`): what `npm ci && npm run build:firefox` needs to rebuild the
    // same add-on. WXT already leaves out node_modules, .output, dot files and *.test/*.spec files.
    excludeSources: [
      'tests/**',
      'simulator/**',
      'docs/**',
      'test-results/**',
      'playwright-report/**',
      '.tmp/**',
      '*.zip',
    ],
  },
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
