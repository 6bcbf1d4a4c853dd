import { defineConfig } from '@playwright/test';

/**
 * The Firefox suite: the Firefox test build (`WXT_TEST_BUILD=1 wxt build -b firefox --mv3 --mode test`) in
 * Debian's Firefox ESR, driven over WebDriver BiDi by puppeteer-core (tests/firefox/firefox.ts). Playwright is
 * only the runner here: its reports count the tests like the Chromium suite's.
 */
export default defineConfig({
  testDir: 'tests/firefox',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
});
