import type { Page } from 'puppeteer-core';
import {
  backgroundLoaded,
  click,
  createVault,
  dumpStorage,
  expect,
  select,
  shown,
  test,
  unlock,
  useFirefox,
} from './fixtures';

/**
 * Firefox runs the background as an event page and unloads it after `extensions.background.idle.timeout` with
 * nothing to do (here 2 s instead of 30 s): the unlocked session and auto-lock must hold across that unload,
 * as they do across a Chromium service-worker stop (tests/e2e/vault.spec.ts).
 */

const IDLE_MS = 2_000;
const firefox = useFirefox({ backgroundIdleMs: IDLE_MS });
let popup: Page;

/** Waits until Firefox has unloaded the event page (no background view left). */
async function backgroundUnloaded(page: Page): Promise<void> {
  await expect.poll(() => backgroundLoaded(page), { timeout: 30_000 }).toBe(false);
}

test('the unlocked session survives the event page being unloaded', async () => {
  popup = await firefox.ff.openExtensionPage();
  await createVault(popup);
  expect(await backgroundLoaded(popup)).toBe(true);
  await backgroundUnloaded(popup);

  // A fresh popup wakes the event page, which finds the session unlocked (storage.session), not locked.
  const again = await firefox.ff.openExtensionPage();
  await shown(again, 'Lock now', 'button');
  expect(await backgroundLoaded(again)).toBe(true);
  expect(Object.keys((await dumpStorage(again)).session)).toContain('vault.unlocked');
  await again.close();
});

test('auto-lock fires at its deadline while the event page is unloaded (the alarm loads it)', async () => {
  await click(popup, 'Settings');
  await select(popup, 'Lock after inactivity', '6000');
  const chosenAt = Date.now();
  await backgroundUnloaded(popup);
  expect(Date.now() - chosenAt).toBeLessThan(5_500); // unloaded well before the deadline
  // Nothing talks to the extension now: only the alarm can load the event page and lock.
  await shown(popup, 'Unlock', 'button', 30_000);
  expect(Date.now() - chosenAt).toBeGreaterThanOrEqual(5_500);
  expect(Object.keys((await dumpStorage(popup)).session)).not.toContain('vault.unlocked');
  await unlock(popup);
  await shown(popup, 'Lock now', 'button');
});
