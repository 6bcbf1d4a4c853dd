// `npm start`: the main job. Sets up a fresh machine, builds the extension and opens Chromium with it
// (with a display), or runs a headless walkthrough that saves screenshots (without one).
import { ensureChromium, ensureDependencies, run } from './setup.mjs';

ensureDependencies();
ensureChromium();
if (run('npx', ['wxt', 'build']) !== 0) process.exit(1);
process.exit(run('npx', ['tsx', 'scripts/walkthrough.ts']));
