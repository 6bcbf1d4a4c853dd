import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { approvalWindow, k, inPagePrompt, usePromptBrowser, signOutcome, type SignOutcome } from './exchange';

/**
 * ATTACKS by a hostile exchange page on the in-page approval prompt, beyond those in hostile-surfaces.spec.ts.
 * Each test states the expected-secure behaviour and FAILS while the hole exists.
 */
// Serial: the FINDING tests come last, so a failing one skips nothing that is held.
test.describe.configure({ mode: 'serial' });

let context: BrowserContext;
let page: Page;
usePromptBrowser('attack', (browser) => ({ context, page } = browser));

const inPageFrame = () => inPagePrompt(page);
const promptWindow = () => approvalWindow(context);
const outcome = () => signOutcome(page);

/** The page's script: ask for Aster's login signature (no standing consent: it must be approved). */
async function installAsk(): Promise<void> {
  await page.evaluate((address) => {
    const w = window as unknown as {
      __outcome: SignOutcome;
      __ask(): void;
      ethereum: { request(a: object): Promise<string> };
    };
    w.__ask = () => {
      w.__outcome = null;
      w.ethereum
        .request({
          method: 'personal_sign',
          params: [`You are signing into Astherus ${Date.now()}`, address],
        })
        .then(
          (signature) => (w.__outcome = { signature }),
          (error: { code: number }) => (w.__outcome = { code: error.code }),
        );
    };
  }, k.evmMaster.address);
}
const ask = () => page.evaluate(() => (window as unknown as { __ask(): void }).__ask());

async function rejectWaiting(): Promise<void> {
  const window = promptWindow();
  if (window) await window.getByRole('button', { name: 'Reject' }).click();
  else if (inPageFrame()) await inPageFrame()!.getByRole('button', { name: 'Reject' }).click();
  await expect.poll(() => promptWindow() === undefined && inPageFrame() === undefined).toBe(true);
}

async function approveBox(): Promise<{ x: number; y: number }> {
  await expect.poll(() => inPageFrame() !== undefined).toBe(true);
  const box = (await inPageFrame()!.getByRole('button', { name: 'Approve' }).boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

test.afterEach(async () => {
  await page.evaluate(() => document.querySelectorAll('.hostile').forEach((e) => e.remove()));
  if (promptWindow() || inPageFrame()) await rejectWaiting().catch(() => undefined);
  await page.reload();
});

test('held: view transition — the page freezes its own picture over the live prompt; a click on the picture must not approve', async () => {
  // Installed long before any prompt (so no style-sheet change happens around the prompt).
  await page.evaluate(() => {
    const style = document.createElement('style');
    style.className = 'hostile';
    style.textContent = `
      html::view-transition { pointer-events: none; }
      html::view-transition-group(root) { animation: hostile-hold 600s linear; }
      html::view-transition-image-pair(root) { animation: none; }
      html::view-transition-old(root) { animation: none; opacity: 1; }
      html::view-transition-new(root) { animation: none; opacity: 0; }
      @keyframes hostile-hold { from { opacity: 1; } to { opacity: 1; } }
    `;
    document.head.append(style);
    const lure = document.createElement('button');
    lure.className = 'hostile';
    lure.textContent = 'Claim your reward';
    lure.style.cssText =
      'position:fixed;left:calc(50% - 60px);top:calc(50% + 240px);width:200px;height:48px;z-index:5;background:#fc0;font-size:18px';
    document.body.append(lure);
  });
  await page.waitForTimeout(1_000);
  // The page snapshots itself (the lure, no prompt) and keeps the snapshot on screen; then it asks.
  await installAsk();
  await page.evaluate(async () => {
    const transition = (
      document as unknown as { startViewTransition(cb: () => void): { ready: Promise<void> } }
    ).startViewTransition(() => undefined);
    await transition.ready;
    (window as unknown as { __ask(): void }).__ask();
  });
  const at = await approveBox();
  await page.waitForTimeout(2_000);
  const enabled = await inPageFrame()!.getByRole('button', { name: 'Approve' }).isEnabled();
  await page.screenshot({ path: test.info().outputPath('view-transition-what-the-trader-sees.png') });
  // The trader clicks the "Claim your reward" picture.
  await page.mouse.click(at.x, at.y);
  await page.waitForTimeout(500);
  const result = await outcome();
  test.info().annotations.push({ type: 'approve-enabled', description: String(enabled) });
  test.info().annotations.push({ type: 'outcome', description: JSON.stringify(result) });
  // Expected secure: the prompt is not what the trader sees, so Approve never arms and nothing is signed.
  expect(result?.signature).toBeUndefined();
  expect(enabled).toBe(false);
});

test('held: a double-click on the page’s button (the second click lands where Approve appears) signs nothing', async () => {
  await installAsk();
  await ask();
  const at = await approveBox();
  await rejectWaiting();
  await page.reload();
  await installAsk();
  await page.evaluate(({ x, y }) => {
    const lure = document.createElement('button');
    lure.className = 'hostile';
    lure.textContent = 'Double-click to open';
    lure.style.cssText = `position:fixed;left:${x - 100}px;top:${y - 24}px;width:200px;height:48px;z-index:5;background:#fc0`;
    lure.addEventListener('mousedown', () => (window as unknown as { __ask(): void }).__ask(), {
      once: true,
    });
    document.body.append(lure);
  }, at);
  await page.mouse.dblclick(at.x, at.y, { delay: 120 });
  await page.waitForTimeout(1_500);
  expect((await outcome())?.signature).toBeUndefined();
});

/** Where Approve appears: the prompt is centred, so the page knows it in advance (measured once). */
let approveSpot: { x: number; y: number } | undefined;

/** The page's "Tap fast" button exactly where Approve will appear; its first click asks for a signature. */
async function lureUnderApprove(): Promise<{ x: number; y: number }> {
  if (!approveSpot) {
    await installAsk();
    await ask();
    approveSpot = await approveBox();
    await rejectWaiting();
    await page.reload();
  }
  const at = approveSpot;
  await installAsk();
  await page.evaluate(({ x, y }) => {
    const lure = document.createElement('button');
    lure.className = 'hostile';
    lure.textContent = 'Tap fast to open the box!';
    lure.style.cssText = `position:fixed;left:${x - 100}px;top:${y - 24}px;width:200px;height:48px;z-index:5;background:#fc0`;
    lure.addEventListener('click', () => (window as unknown as { __ask(): void }).__ask(), {
      once: true,
    });
    document.body.append(lure);
  }, at);
  return at;
}

/** The trader taps `count` times, every `everyMs`, never moving the pointer from `at`; returns when. */
async function tapStill(at: { x: number; y: number }, count: number, everyMs: number): Promise<number> {
  await page.mouse.move(at.x, at.y);
  for (let i = 0; i < count; i++) {
    if (i > 0) await page.waitForTimeout(everyMs);
    await page.mouse.down();
    await page.mouse.up();
  }
  return Date.now();
}

const approveInFrame = () => inPageFrame()!.getByRole('button', { name: 'Approve' });

test('rapid clicks: a trader clicking the page’s button repeatedly does not approve the prompt that appears under the pointer', async () => {
  const at = await lureUnderApprove();
  // The trader taps the page's button every 150 ms for 2.5 s, never moving the pointer.
  await tapStill(at, 17, 150);
  await page.waitForTimeout(650);
  const result = await outcome();
  test.info().annotations.push({ type: 'outcome', description: JSON.stringify(result) });
  // Expected secure: clicks that began before the prompt could be read (pointer never moved onto Approve after
  // it became active) do not approve.
  expect(result?.signature).toBeUndefined();
});

for (const everyMs of [50, 150, 400]) {
  test(`rapid clicks every ${everyMs} ms keep Approve disabled until they stop for the whole delay; none approves`, async () => {
    const at = await lureUnderApprove();
    const stoppedAt = await tapStill(at, Math.ceil(2_500 / everyMs), everyMs);
    // The last click restarted the delay: nothing signed, Approve still disabled just after the clicks stop…
    expect((await outcome())?.signature).toBeUndefined();
    expect(await approveInFrame().isEnabled()).toBe(false);
    // …and active only once the clicks have stopped for the delay (less the polling slack).
    await expect(approveInFrame()).toBeEnabled({ timeout: 3_000 });
    expect(Date.now() - stoppedAt).toBeGreaterThanOrEqual(600);
    expect((await outcome())?.signature).toBeUndefined();
  });
}

test('clicks continued past activation, with the pointer still, approve nothing; moving onto Approve then clicking does', async () => {
  const at = await lureUnderApprove();
  await tapStill(at, 10, 150);
  expect((await outcome())?.signature).toBeUndefined();
  await expect(approveInFrame()).toBeEnabled({ timeout: 3_000 });
  // Approve is active under the still pointer: more clicks there, fast and slow (slower than the delay).
  await tapStill(at, 8, 150);
  await page.waitForTimeout(1_000);
  await tapStill(at, 3, 900);
  await page.waitForTimeout(300);
  expect((await outcome())?.signature).toBeUndefined();
  await expect(approveInFrame()).toBeEnabled();
  await expect(inPageFrame()!.getByText('Not approved: move the pointer onto Approve')).toBeVisible();
  // The trader now aims: the pointer moves onto Approve, one click signs.
  await page.mouse.move(at.x, at.y - 60);
  await page.mouse.click(at.x, at.y);
  await expect.poll(outcome).toMatchObject({ signature: expect.stringMatching(/^0x/) });
});

test('honest keyboard: Tab to Approve and Enter signs after the delay', async () => {
  await installAsk();
  await ask();
  await expect.poll(() => inPageFrame() !== undefined).toBe(true);
  await expect(approveInFrame()).toBeEnabled({ timeout: 3_000 });
  await inPageFrame()!.getByRole('button', { name: 'Reject' }).focus();
  await page.keyboard.press('Tab');
  await expect(approveInFrame()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect.poll(outcome).toMatchObject({ signature: expect.stringMatching(/^0x/) });
});
