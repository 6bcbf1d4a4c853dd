// `npm run bench`: sets up like the other commands, builds the extension, then measures it in Chromium.
import { ensureChromium, ensureDependencies, run } from './setup.mjs';

ensureDependencies();
ensureChromium();
// The development build: the simulator's localhost page counts as an exchange there.
if (run('npx', ['wxt', 'build', '--mode', 'test'], { env: { ...process.env, WXT_TEST_BUILD: '1' } }) !== 0)
  process.exit(1);
process.exit(run('npx', ['tsx', 'scripts/bench.ts', ...process.argv.slice(2)]));
