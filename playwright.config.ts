import { defineConfig } from '@playwright/test';
import { baseConfig } from './tests/support/playwright-base';

/** End-to-end tests: the built extension (`npm run build:test`) in Debian's Chromium. See tests/e2e/fixtures.ts. */
export default defineConfig(baseConfig, {
  testDir: 'tests/e2e',
  use: {
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
    trace: 'off',
  },
});
