// `npm test`: every check and every suite, then one plain line "N passed, N failed" for CI.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import {
  chromiumVersion,
  ensureChromium,
  ensureDependencies,
  ensureFirefox,
  firefoxVersion,
  run,
} from './setup.mjs';

const results = []; // { name, passed, failed }

function step(name, command, args, env = {}) {
  console.log(`\n=== ${name} ===`);
  const status = run(command, args, { env: { ...process.env, ...env } });
  return status;
}

/** A check that is one test: it passes or fails as a whole. */
function check(name, command, args, env) {
  const status = step(name, command, args, env);
  results.push({ name, passed: status === 0 ? 1 : 0, failed: status === 0 ? 0 : 1 });
  return status === 0;
}

/** A suite with its own JSON report: count its tests; a crash without a report counts as one failure. */
function suite(name, command, args, reportPath, count, env) {
  rmSync(reportPath, { force: true });
  const status = step(name, command, args, env);
  let counts = { passed: 0, failed: 0 };
  if (existsSync(reportPath)) counts = count(JSON.parse(readFileSync(reportPath, 'utf8')));
  if (status !== 0 && counts.failed === 0) counts.failed = 1;
  if (status === 0 && counts.passed === 0) counts.failed += 1; // a suite that ran no test is a failure
  results.push({ name, ...counts });
}

ensureDependencies();
ensureChromium();
ensureFirefox();
console.log(`[test] ${chromiumVersion()}, ${firefoxVersion()}, Node ${process.version}`);
mkdirSync('.tmp', { recursive: true });

check('typecheck', 'npx', ['tsc', '--noEmit']);
check('lint', 'npx', ['eslint', '--max-warnings=0', '.']);
check('format', 'npx', ['prettier', '--check', '.']);
const chromeBuild = check('build chrome-mv3', 'npx', ['wxt', 'build']);
if (chromeBuild) check('size budgets (gzipped per entry)', 'node', ['scripts/size-budget.mjs']);
if (check('build firefox-mv3', 'npx', ['wxt', 'build', '-b', 'firefox', '--mv3'])) {
  // Errors fail; the remaining warnings are React DOM's own innerHTML support.
  check('web-ext lint (firefox)', 'npx', ['web-ext', 'lint', '--source-dir', '.output/firefox-mv3']);
}
const testBuild = check('build chrome-mv3-test', 'npx', ['wxt', 'build', '--mode', 'test'], {
  WXT_TEST_BUILD: '1',
});
const firefoxTestBuild = check(
  'build firefox-mv3-test',
  'npx',
  ['wxt', 'build', '-b', 'firefox', '--mv3', '--mode', 'test'],
  { WXT_TEST_BUILD: '1' },
);

suite(
  'unit (vitest)',
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=.tmp/vitest.json'],
  '.tmp/vitest.json',
  (r) => ({
    passed: r.numPassedTests,
    failed: r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0),
  }),
);

/** Playwright's JSON report: skipped tests count as failures too (no spec may be skipped to pass). */
const playwrightCounts = (r) => ({
  passed: r.stats.expected,
  failed: r.stats.unexpected + r.stats.flaky + r.stats.skipped,
});

if (testBuild) {
  suite(
    'end-to-end (playwright, chromium)',
    'npx',
    ['playwright', 'test'],
    '.tmp/playwright.json',
    playwrightCounts,
    { PLAYWRIGHT_JSON_OUTPUT_NAME: '.tmp/playwright.json' },
  );
} else {
  results.push({ name: 'end-to-end (playwright, chromium)', passed: 0, failed: 1 });
}

// Firefox ESR over WebDriver BiDi (puppeteer-core), Playwright as the runner: tests/firefox.
if (firefoxTestBuild) {
  suite(
    'end-to-end (firefox, webdriver bidi)',
    'npx',
    ['playwright', 'test', '-c', 'playwright.firefox.config.ts'],
    '.tmp/playwright-firefox.json',
    playwrightCounts,
    { PLAYWRIGHT_JSON_OUTPUT_NAME: '.tmp/playwright-firefox.json' },
  );
} else {
  results.push({ name: 'end-to-end (firefox, webdriver bidi)', passed: 0, failed: 1 });
}

console.log('\n=== summary ===');
for (const r of results)
  console.log(`${r.failed ? 'FAIL' : 'ok  '} ${r.name}: ${r.passed} passed, ${r.failed} failed`);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
