import type { Page } from 'puppeteer-core';
import { verifyMessage } from 'viem';
import { DEMO_KEYS as k } from '../../simulator/keys';
import { startSimulator } from '../../simulator/server';
import { locationOf } from './firefox';
import {
  backgroundLoaded,
  buttonMatching,
  click,
  createVault,
  dumpStorage,
  expect,
  rpc,
  select,
  shown,
  test,
  testId,
  text,
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

async function approvalWindows(): Promise<number> {
  let count = 0;
  for (const page of await firefox.ff.browser.pages())
    if ((await locationOf(page)).startsWith(`${firefox.ff.origin}approval.html`)) count += 1;
  return count;
}

/** The page's provider (chosen through EIP-6963) asks `method`; its outcome lands in `window.__outcome`. */
async function askProvider(page: Page, method: string, params: unknown[]): Promise<void> {
  await page.evaluate(
    (m, p) => {
      const w = window as unknown as { __outcome?: { result?: unknown; code?: number } };
      w.__outcome = undefined;
      window.addEventListener('eip6963:announceProvider', (event) => {
        const { info, provider } = (event as CustomEvent).detail as {
          info: { name: string };
          provider: { request(args: { method: string; params: unknown[] }): Promise<unknown> };
        };
        if (!info.name.startsWith('Aster Companion') || w.__outcome) return;
        w.__outcome = {};
        provider.request({ method: m, params: p }).then(
          (result) => (w.__outcome = { result }),
          (error: { code?: number }) => (w.__outcome = { code: error.code }),
        );
      });
      window.dispatchEvent(new Event('eip6963:requestProvider'));
    },
    method,
    params,
  );
}

const outcome = (page: Page) =>
  page.evaluate(() => (window as unknown as { __outcome?: { result?: unknown; code?: number } }).__outcome);

/** Keeps the event page loaded (a popup message every 500 ms) while the test sets up, returns the stop. */
async function keepBackgroundAwake(page: Page): Promise<() => Promise<void>> {
  await page.evaluate(() => {
    const w = window as unknown as { __awake?: ReturnType<typeof setInterval> };
    w.__awake = setInterval(
      () => void chrome.runtime.sendMessage({ channel: 'popup', method: 'ping', params: {} }),
      500,
    );
  });
  return () => page.evaluate(() => clearInterval((window as unknown as { __awake?: number }).__awake));
}

test('a pending approval across the event page unloading: the page gets 4900, the stale window cannot sign, the vault stays unlocked and the next request works', async () => {
  const sim = await startSimulator({ port: 0 });
  try {
    const stopAwake = await keepBackgroundAwake(popup);
    await rpc(popup, 'settings.setAutoLock', { autoLockMs: null }); // test 2 left a 6 s auto-lock
    const { id } = await rpc<{ id: string }>(popup, 'accounts.add', {
      role: 'master',
      kind: 'evm',
      name: 'MainDesk',
      key: k.evmMaster.privateKey,
    });
    await rpc(popup, 'accounts.setActive', { id });
    const exchange = await firefox.ff.openPage(sim.url.replace('127.0.0.1', 'localhost'));
    await click(exchange, 'Connect wallet');
    await (await buttonMatching(exchange, /^\s*Aster Companion.*EVM/s)).click();
    const connect = await firefox.ff.waitForExtensionPage('approval.html');
    await shown(connect, 'Connect this site?', 'heading');
    await click(connect, 'Connect'); // no standing consent: every signature below asks
    await expect.poll(() => text(exchange, testId('wallet-state'))).toContain(k.evmMaster.address);
    await expect.poll(approvalWindows).toBe(0);
    await stopAwake();

    // A signature that needs the trader: its window is open, and nothing else talks to the extension.
    const message = '0x' + Buffer.from('Aster Companion Firefox unload test').toString('hex');
    await askProvider(exchange, 'personal_sign', [message, k.evmMaster.address]);
    const stale = await firefox.ff.waitForExtensionPage('approval.html');
    await shown(stale, 'Approve', 'button');
    expect(await outcome(exchange)).toEqual({}); // waiting for the trader
    // Firefox unloads the event page with the approval pending (its window pings only every 20 s, here the
    // idle timeout is 2 s): the request fails with 4900 instead of hanging.
    await backgroundUnloaded(popup);
    await expect.poll(() => outcome(exchange)).toEqual({ code: 4900 });

    // Approving in the window that is still open signs nothing: no worker waits for that approval any more.
    await click(stale, 'Approve');
    await expect
      .poll(() => text(stale, 'body'))
      .toContain('This request is no longer waiting; nothing was signed.');
    expect(await outcome(exchange)).toEqual({ code: 4900 });
    const dump = await dumpStorage(popup);
    expect(Object.keys(dump.session)).toContain('vault.unlocked');
    const approvals = Object.values(
      dump.session['dapp.approvals'] as Record<string, { kind: string; status: string }>,
    );
    expect(approvals.filter((a) => a.kind !== 'connect').map((a) => a.status)).toEqual(['expired']);
    await stale.close();

    // The exchange is usable again at once: the same request asks again and is signed on approval.
    const stopAgain = await keepBackgroundAwake(popup);
    await askProvider(exchange, 'personal_sign', [message, k.evmMaster.address]);
    const fresh = await firefox.ff.waitForExtensionPage('approval.html');
    await click(fresh, 'Approve');
    await expect.poll(async () => (await outcome(exchange))?.result).toMatch(/^0x[0-9a-f]{130}$/);
    const signature = (await outcome(exchange))!.result as `0x${string}`;
    await stopAgain();
    expect(
      await verifyMessage({
        address: k.evmMaster.address,
        message: { raw: message as `0x${string}` },
        signature,
      }),
    ).toBe(true);
    await exchange.close();
  } finally {
    await sim.close();
  }
});
