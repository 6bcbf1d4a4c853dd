// Plain Node, no dependencies: runs before node_modules exists on a fresh machine.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  return result.status ?? 1;
}

const LOCK_STAMP = 'node_modules/.aster-companion-lock';
const lockHash = () => createHash('sha256').update(readFileSync('package-lock.json')).digest('hex');

/** Records which package-lock.json node_modules was installed from (npm's postinstall calls this). */
export function stampDependencies() {
  writeFileSync(LOCK_STAMP, lockHash());
}

/** `npm ci` when node_modules is missing or was installed from another package-lock.json. */
export function ensureDependencies() {
  if (
    existsSync('node_modules/.bin/wxt') &&
    existsSync(LOCK_STAMP) &&
    readFileSync(LOCK_STAMP, 'utf8') === lockHash()
  ) {
    return;
  }
  console.log('[setup] installing npm dependencies (npm ci)…');
  if (run('npm', ['ci', '--no-audit', '--no-fund']) !== 0) throw new Error('npm ci failed');
}

if (process.argv[2] === '--stamp') stampDependencies();

/** Debian's Chromium (Playwright's own browser download is not reachable here). */
function apt(...args) {
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  return run(sudo[0] ?? 'apt-get', sudo.length ? ['apt-get', ...args] : args, { env });
}

/** Noto CJK: without it Chromium draws the Chinese and Korean screens as empty boxes. */
const CJK_FONT_DIR = '/usr/share/fonts/opentype/noto';

export function ensureChromium() {
  if (!existsSync(CHROMIUM_PATH)) {
    console.log('[setup] installing Chromium from Debian (apt-get install chromium)…');
    if (
      apt('update', '-qq') !== 0 ||
      apt('install', '-y', '-qq', 'chromium') !== 0 ||
      !existsSync(CHROMIUM_PATH)
    )
      throw new Error(`Chromium is missing at ${CHROMIUM_PATH} and could not be installed`);
  }
}

/** Debian's Firefox ESR (128+ for MAIN-world scripts; BiDi installs add-ons from 138): the Firefox suite. */
export function ensureFirefox() {
  if (!existsSync(FIREFOX_PATH)) {
    console.log('[setup] installing Firefox ESR from Debian (apt-get install firefox-esr)…');
    if (
      apt('update', '-qq') !== 0 ||
      apt('install', '-y', '-qq', 'firefox-esr') !== 0 ||
      !existsSync(FIREFOX_PATH)
    )
      throw new Error(`Firefox is missing at ${FIREFOX_PATH} and could not be installed`);
  }
}

export function firefoxVersion() {
  try {
    return execFileSync(FIREFOX_PATH, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** Fonts for the walkthrough's screenshots in 简体中文 (and 한국어): a display concern, not a test one. */
export function ensureCjkFonts() {
  if (existsSync(CJK_FONT_DIR)) return;
  console.log('[setup] installing Chinese and Korean fonts from Debian (apt-get install fonts-noto-cjk)…');
  if (
    apt('install', '-y', '-qq', 'fonts-noto-cjk') !== 0 &&
    (apt('update', '-qq') !== 0 || apt('install', '-y', '-qq', 'fonts-noto-cjk') !== 0)
  )
    console.warn(
      '[setup] fonts-noto-cjk could not be installed: Chinese and Korean screenshots will show boxes',
    );
}

export function chromiumVersion() {
  try {
    return execFileSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}
