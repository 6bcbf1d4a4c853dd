// `npm run bench`: sets up like the other commands, builds the extension, then measures it in Chromium.
import { ensureChromium, ensureDependencies, run } from './setup.mjs';

ensureDependencies();
ensureChromium();
if (run('npx', ['wxt', 'build']) !== 0) process.exit(1);
process.exit(run('npx', ['tsx', 'scripts/bench.ts', ...process.argv.slice(2)]));
