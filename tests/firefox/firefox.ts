import { readFileSync } from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

/**
 * Debian's Firefox ESR, headless, driven over WebDriver BiDi by puppeteer-core (no browser download), with the
 * Firefox test build installed as a temporary add-on (BiDi `webExtension.install`, Firefox 138+).
 */

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** `WXT_TEST_BUILD=1 wxt build -b firefox --mv3 --mode test`: the local simulator's origin is an exchange. */
export const FIREFOX_EXTENSION_PATH = path.resolve(
  process.env.FIREFOX_EXTENSION_PATH ?? '.output/firefox-mv3-test',
);
/** The moz-extension:// host is random per profile; this pref fixes it before launch. */
const EXTENSION_UUID = '6f1c7f0e-4a52-4d1e-9b7c-3a5e2f0d8c41';

/** Quiet and offline: no telemetry, updates, remote settings, captive-portal or safe-browsing traffic. */
const QUIET_PREFS: Record<string, unknown> = {
  'app.update.auto': false,
  'app.update.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.blockedURIs.enabled': false,
  'browser.newtabpage.enabled': false,
  'browser.startup.homepage_override.mstone': 'ignore',
  'datareporting.policy.dataSubmissionEnabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
  'toolkit.telemetry.server': 'data:,',
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'services.settings.server': 'data:,#remote-settings-dummy/v1',
  'extensions.getAddons.cache.enabled': false,
  'extensions.update.enabled': false,
  'extensions.systemAddon.update.enabled': false,
};

export interface FirefoxOptions {
  /** `extensions.background.idle.timeout`: how long the event page stays loaded with nothing to do. */
  backgroundIdleMs?: number;
}

/** The add-on's gecko id, from the built manifest (browser_specific_settings.gecko.id). */
function geckoId(extensionPath: string): string {
  const manifest = JSON.parse(readFileSync(path.join(extensionPath, 'manifest.json'), 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (!id) throw new Error(`${extensionPath}/manifest.json has no gecko id`);
  return id;
}

export interface ExtensionInFirefox {
  browser: Browser;
  /** moz-extension://<uuid>/ */
  origin: string;
  /** Opens an extension page (popup.html by default) in a new tab, at the popup's size. */
  openExtensionPage(file?: string): Promise<Page>;
  /** Opens a web page in a new tab. */
  openPage(url: string): Promise<Page>;
  /** The first tab or window whose document is the extension's `file` (e.g. approval.html), once it exists. */
  waitForExtensionPage(file: string, timeoutMs?: number): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Navigates over BiDi without waiting for the load event: Firefox moves the tab into the extension process
 * for moz-extension:// documents, and the remote agent does not report that load to the page it started in.
 */
async function navigate(page: Page, url: string): Promise<void> {
  const context = (
    page.mainFrame() as unknown as {
      browsingContext: { navigate(url: string, wait: 'none' | 'interactive' | 'complete'): Promise<void> };
    }
  ).browsingContext;
  await context.navigate(url, 'interactive');
}

/** The document's own URL (puppeteer's page.url() does not follow the switch into the extension process). */
export async function locationOf(page: Page): Promise<string> {
  return page.evaluate(() => location.href).catch(() => '');
}

export async function launchFirefox(options: FirefoxOptions = {}): Promise<ExtensionInFirefox> {
  const id = geckoId(FIREFOX_EXTENSION_PATH);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    // BiDi only navigates to http(s), file and blob URLs unless the client may reach privileged documents:
    // the driver opens the extension's own pages (popup.html), as Chromium's driver opens chrome-extension://.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      ...QUIET_PREFS,
      'extensions.webextensions.uuids': JSON.stringify({ [id]: EXTENSION_UUID }),
      ...(options.backgroundIdleMs !== undefined
        ? { 'extensions.background.idle.timeout': options.backgroundIdleMs }
        : {}),
    },
  });
  try {
    const installed = await browser.installExtension(FIREFOX_EXTENSION_PATH);
    if (installed !== id) throw new Error(`installed ${installed}, expected ${id}`);
  } catch (error) {
    await browser.close();
    throw error;
  }
  const origin = `moz-extension://${EXTENSION_UUID}/`;

  const waitForExtensionPage = async (file: string, timeoutMs = 15_000): Promise<Page> => {
    const deadline = Date.now() + timeoutMs;
    const prefix = `${origin}${file}`;
    for (;;) {
      for (const page of await browser.pages()) if ((await locationOf(page)).startsWith(prefix)) return page;
      if (Date.now() > deadline) throw new Error(`no ${file} page within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  return {
    browser,
    origin,
    async openExtensionPage(file = 'popup.html') {
      const page = await browser.newPage();
      await page.setViewport({ width: 360, height: 600 });
      await navigate(page, `${origin}${file}`);
      return page;
    },
    async openPage(url) {
      const page = await browser.newPage();
      await page.setViewport({ width: 1280, height: 800 });
      await page.goto(url);
      return page;
    },
    waitForExtensionPage,
    close: () => browser.close(),
  };
}
