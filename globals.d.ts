/** Set by wxt.config.ts (and vitest.config.ts): true only in `npm run build:test` builds and unit tests. */
declare const __TEST_BUILD__: boolean;
