import { defineConfig } from '@playwright/test';

/**
 * What the Chromium suite (playwright.config.ts) and the Firefox suite (playwright.firefox.config.ts) share:
 * one browser at a time on the 2-core machines, no retries (a flake is a failure), and a JSON report when
 * scripts/test-all.mjs asks for one so that both suites are counted alike.
 */
export const baseConfig = defineConfig({
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
});
