import { test as base, expect, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { extensionIdOf, launchWithExtension } from '../support/chromium';
import { leaksIn } from '../support/leak-needles';
import { readExtensionStorage, type StorageDump } from '../support/storage-dump';
import { startStaticServer, type StaticServer } from './static-server';

export { launchWithExtension };

export const PASSWORD = 'Correct-horse-battery-9';

export type { StorageDump };

export interface ExtensionFixtures {
  userDataDir: string;
  /** The live browser context; `restartBrowser` replaces it. */
  browserHolder: { current: BrowserContext; workerStopped: boolean };
  /** The browser context as launched (after `restartBrowser`, use the context it returns). */
  context: BrowserContext;
  extensionId: string;
  /** The live service worker, woken if it was stopped. */
  serviceWorker: () => Promise<Worker>;
  /** The popup page, opened in a tab at the popup's size. */
  popup: Page;
  /** Opens another extension page (popup.html by default) in a new tab. */
  openExtensionPage: (page?: string) => Promise<Page>;
  /** Stops the extension's service worker through CDP, as Chrome does after 30 s idle. */
  stopServiceWorker: () => Promise<void>;
  /** Reads every storage area of the extension (all IndexedDB databases, storage.local/sync/session). */
  dumpStorage: () => Promise<StorageDump>;
  /** Closes and relaunches the browser on the same profile: storage.session is gone, IndexedDB stays. */
  restartBrowser: () => Promise<BrowserContext>;
}

export const test = base.extend<ExtensionFixtures & { storageScan: void }, { staticServer: StaticServer }>({
  /**
   * After every test, every storage area of the extension is scanned for the test keys in any encoding
   * (architecture invariant 1). A test that closed its browser is scanned if a browser is still open.
   */
  storageScan: [
    async ({ browserHolder, dumpStorage }, use) => {
      await use();
      if (browserHolder.current.pages().length === 0 && browserHolder.current.serviceWorkers().length === 0)
        return;
      const dump = await dumpStorage().catch(() => ({}));
      expect(leaksIn(dump), 'key material found in extension storage').toEqual([]);
    },
    { auto: true },
  ],

  staticServer: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await startStaticServer(path.resolve('tests/pages'));
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],

  // eslint-disable-next-line no-empty-pattern
  userDataDir: async ({}, use) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'aster-companion-e2e-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },

  browserHolder: async ({ userDataDir }, use) => {
    const holder = { current: await launchWithExtension(userDataDir), workerStopped: false };
    await use(holder);
    await holder.current.close();
  },

  context: async ({ browserHolder }, use) => {
    await use(browserHolder.current);
  },

  extensionId: async ({ context }, use) => {
    await use(await extensionIdOf(context));
  },

  openExtensionPage: async ({ browserHolder, extensionId }, use) => {
    await use(async (page = 'popup.html') => {
      const tab = await browserHolder.current.newPage();
      await tab.setViewportSize({ width: 360, height: 600 });
      await tab.goto(`chrome-extension://${extensionId}/${page}`);
      return tab;
    });
  },

  popup: async ({ openExtensionPage }, use) => {
    await use(await openExtensionPage());
  },

  serviceWorker: async ({ browserHolder, extensionId }, use) => {
    await use(async () => {
      const context = browserHolder.current;
      // Playwright keeps one Worker handle across restarts (it evaluates in the new instance); a stopped
      // worker is woken first with a message from an extension page.
      const live = () => context.serviceWorkers().find((w) => w.url().includes(extensionId));
      if (!browserHolder.workerStopped) {
        const worker = live() ?? (await context.waitForEvent('serviceworker', { timeout: 10_000 }));
        return worker;
      }
      const origin = `chrome-extension://${extensionId}/`;
      const open = context.pages().find((p) => p.url().startsWith(`${origin}popup.html`));
      const page = open ?? (await context.newPage());
      if (!open) await page.goto(`${origin}popup.html`);
      await page.evaluate(() => chrome.runtime.sendMessage({ channel: 'popup', method: 'ping', params: {} }));
      if (!open) await page.close();
      browserHolder.workerStopped = false;
      const worker = live();
      if (!worker) throw new Error('the service worker did not start');
      return worker;
    });
  },

  stopServiceWorker: async ({ browserHolder, extensionId }, use) => {
    await use(async () => {
      const context = browserHolder.current;
      // The ServiceWorker domain sees the workers of the session's page origin: use an extension page.
      const origin = `chrome-extension://${extensionId}/`;
      let page = context.pages().find((p) => p.url().startsWith(origin));
      const temporary = !page;
      if (!page) {
        // An inert resource of the extension's origin: opening the popup would itself call the worker.
        page = await context.newPage();
        await page.goto(`${origin}icon/16.png`);
      }
      const cdp = await context.newCDPSession(page);
      // CDP reports the stop at once (Playwright's Worker 'close' event does not come until the browser closes).
      const stopped = new Promise<void>((resolve) => {
        cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
          if (versions.every((version) => version.runningStatus === 'stopped')) resolve();
        });
      });
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await stopped;
      browserHolder.workerStopped = true;
      await cdp.detach();
      if (temporary) await page.close();
    });
  },

  dumpStorage: async ({ serviceWorker }, use) => {
    await use(async () => (await serviceWorker()).evaluate(readExtensionStorage, { sync: true }));
  },

  restartBrowser: async ({ browserHolder, userDataDir }, use) => {
    await use(async () => {
      await browserHolder.current.close();
      browserHolder.current = await launchWithExtension(userDataDir);
      return browserHolder.current;
    });
  },
});

export { expect };

/** Fills the first-run form and waits for the unlocked home screen. */
export async function createVault(page: Page, password = PASSWORD): Promise<void> {
  // Settings has a "New password" field too (change password): wait for the first-run form itself.
  await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
  await page.getByLabel('New password', { exact: true }).fill(password);
  await page.getByLabel('Confirm password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Create vault' }).click();
  await expect(page.getByRole('button', { name: 'Lock now' })).toBeVisible();
}

export async function unlock(page: Page, password = PASSWORD): Promise<void> {
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Unlock' }).click();
}
