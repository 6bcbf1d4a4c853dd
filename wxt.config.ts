import { defineConfig } from 'wxt';

// `npm run build:test` sets WXT_TEST_BUILD=1: the same extension, but with auto-lock periods of a few
// seconds allowed so that end-to-end tests can watch the lock fire. Nothing else differs.
const testBuild = process.env.WXT_TEST_BUILD === '1';

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  manifest: {
    name: 'Aster Companion',
    description:
      'Wallet companion for Aster traders: an encrypted vault for master and sub-account keys. Not affiliated with Aster.',
    permissions: ['storage', 'alarms', 'clipboardRead'],
    action: { default_title: 'Aster Companion' },
  },
  vite: () => ({
    define: { __TEST_BUILD__: JSON.stringify(testBuild) },
    build: { sourcemap: false },
  }),
});
