// `npm start`: the main job. Sets up a fresh machine, builds the extension (the development build, in which
// the local simulator's http://localhost origin is an exchange), starts the Aster simulator and opens
// Chromium with the extension (with a display), or runs a headless walkthrough that saves screenshots.
import { ensureChromium, ensureCjkFonts, ensureDependencies, run } from './setup.mjs';

ensureDependencies();
ensureChromium();
ensureCjkFonts();
if (run('npx', ['wxt', 'build', '--mode', 'test'], { env: { ...process.env, WXT_TEST_BUILD: '1' } }) !== 0)
  process.exit(1);
process.exit(run('npx', ['tsx', 'scripts/walkthrough.ts']));
