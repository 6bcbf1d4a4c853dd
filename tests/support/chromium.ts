import { chromium, type BrowserContext } from '@playwright/test';
import path from 'node:path';

/** The test build (`npm run build:test`): production code with short auto-lock periods allowed. */
export const TEST_EXTENSION_PATH = path.resolve(process.env.EXTENSION_PATH ?? '.output/chrome-mv3-test');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that keep Chromium quiet on a machine without network, plus the two that load an unpacked extension. */
export function chromiumArgs(extensionPath: string): string[] {
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--disable-extensions-except=${extensionPath}`,
    `--load-extension=${extensionPath}`,
  ];
}

/**
 * Starts Chromium with the built extension on a profile directory (reuse it to simulate a browser restart).
 * `uiLanguage` (e.g. 'zh-CN') is the browser's own language, the one extensions' _locales follow: Linux
 * Chromium takes it from the LANGUAGE environment variable, other platforms from --lang.
 */
export function launchWithExtension(
  userDataDir: string,
  {
    extensionPath = TEST_EXTENSION_PATH,
    headless = true,
    uiLanguage,
  }: { extensionPath?: string; headless?: boolean; uiLanguage?: string } = {},
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless,
    viewport: headless ? { width: 1280, height: 800 } : null,
    args: [...chromiumArgs(extensionPath), ...(uiLanguage ? [`--lang=${uiLanguage}`] : [])],
    ...(uiLanguage
      ? { locale: uiLanguage, env: { ...process.env, LANGUAGE: uiLanguage.replace('-', '_') } }
      : {}),
  });
}

/** The extension's id, from its service worker's URL. */
export async function extensionIdOf(context: BrowserContext): Promise<string> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return new URL(worker.url()).host;
}
