import { defineConfig } from '@playwright/test';
import { baseConfig } from './tests/support/playwright-base';

/**
 * The Firefox suite: the Firefox test build (`WXT_TEST_BUILD=1 wxt build -b firefox --mv3 --mode test`) in
 * Debian's Firefox ESR, driven over WebDriver BiDi by puppeteer-core (tests/firefox/firefox.ts). Playwright is
 * only the runner here: its reports count the tests like the Chromium suite's.
 */
export default defineConfig(baseConfig, { testDir: 'tests/firefox' });
