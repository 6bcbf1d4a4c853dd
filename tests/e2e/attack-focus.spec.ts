import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { approvalWindow, askPersonalSign, inPagePrompt, usePromptBrowser, signOutcome } from './exchange';

/**
 * A hostile exchange page against the keyboard path of the in-page prompt: a pointer click the page lured onto
 * the spot where Approve appears does not count (the pointer never moved onto it after it armed), but it may
 * leave the focus on Approve; Enter or Space pressed afterwards (to scroll the page, to submit the page's
 * form) must not approve either: a pointer press never focuses Approve, so the focus stays on Reject.
 */
test.describe.configure({ mode: 'serial' });

let context: BrowserContext;
let page: Page;
usePromptBrowser('attack-focus', (browser) => ({ context, page } = browser));

const inPageFrame = () => inPagePrompt(page);
const promptWindow = () => approvalWindow(context);
const outcome = () => signOutcome(page);
const approve = () => inPageFrame()!.getByRole('button', { name: 'Approve' });

async function rejectWaiting(): Promise<void> {
  const window = promptWindow();
  if (window) await window.getByRole('button', { name: 'Reject' }).click();
  else if (inPageFrame()) await inPageFrame()!.getByRole('button', { name: 'Reject' }).click();
  await expect.poll(() => promptWindow() === undefined && inPageFrame() === undefined).toBe(true);
}

test.afterEach(async () => {
  if (promptWindow() || inPageFrame()) await rejectWaiting().catch(() => undefined);
});

/** Where Approve appears: the prompt is centred, so the page knows it in advance (measured once). */
let approveSpot: { x: number; y: number } | undefined;

async function framedApprove() {
  await expect.poll(() => inPageFrame() !== undefined).toBe(true);
  await expect(approve()).toBeVisible();
  return approve();
}

/**
 * The pointer waits, still, where Approve will appear (as on a page's lure there); the page asks; returns once
 * Approve is active under the pointer.
 */
async function pointerWaitingOnApprove(): Promise<{ x: number; y: number }> {
  if (!approveSpot) {
    await askPersonalSign(page);
    await expect(await framedApprove()).toBeEnabled({ timeout: 3_000 });
    const box = (await approve().boundingBox())!;
    approveSpot = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await rejectWaiting();
  }
  await page.mouse.move(approveSpot.x, approveSpot.y);
  await askPersonalSign(page);
  await expect(await framedApprove()).toBeEnabled({ timeout: 3_000 });
  return approveSpot;
}

const NOT_APPROVED = 'Not approved: move the pointer onto Approve';

for (const key of ['Space', 'Enter'] as const) {
  test(`a lured still click on the armed Approve, then ${key}: nothing signed`, async () => {
    await pointerWaitingOnApprove();
    await page.mouse.down();
    await page.mouse.up();
    await expect(inPageFrame()!.getByText(NOT_APPROVED)).toBeVisible();
    expect(await outcome()).toBeNull();
    await expect(approve()).not.toBeFocused();
    await page.keyboard.press(key);
    // The focus stayed on Reject, where the prompt put it: the key rejects, the page gets no signature.
    await expect.poll(outcome).toEqual({ code: 4001 });
  });
}

test('a lured press on the armed Approve dragged off (no click at all), then Enter: nothing signed', async () => {
  const at = await pointerWaitingOnApprove();
  await page.mouse.down();
  await page.mouse.move(at.x - 300, at.y + 200, { steps: 4 });
  await page.mouse.up();
  await expect(approve()).not.toBeFocused();
  await page.keyboard.press('Enter');
  await page.waitForTimeout(600);
  expect((await outcome())?.signature).toBeUndefined();
});

test('lured still clicks, pressed many times past activation, then Space: nothing signed', async () => {
  await pointerWaitingOnApprove();
  for (let i = 0; i < 4; i++) {
    await page.mouse.down();
    await page.mouse.up();
    await page.waitForTimeout(120);
  }
  await expect(inPageFrame()!.getByText(NOT_APPROVED)).toBeVisible();
  await page.keyboard.press('Space');
  await page.waitForTimeout(600);
  expect((await outcome())?.signature).toBeUndefined();
});

/** The page's own form field, first in the document: where a trader's Shift+Tab starts. */
async function pageField(): Promise<void> {
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.className = 'hostile';
    input.id = 'hostile-field';
    input.setAttribute('aria-label', 'Order size');
    document.body.prepend(input);
  });
}

test.describe('focus the page takes', () => {
  test.afterEach(() => page.evaluate(() => document.querySelectorAll('.hostile').forEach((e) => e.remove())));

  test('the page steals the focus back to its field whenever the prompt takes it; the trader types and presses Enter: nothing signed', async () => {
    await pageField();
    await page.evaluate(() => {
      const field = document.getElementById('hostile-field')!;
      const w = window as unknown as { __steal(): void };
      // The frame taking the focus blurs the page's window.
      w.__steal = () => setTimeout(() => field.focus(), 0);
      window.addEventListener('blur', w.__steal);
      field.focus();
    });
    try {
      await askPersonalSign(page);
      await expect(await framedApprove()).toBeEnabled({ timeout: 3_000 });
      await page.keyboard.type('100');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Space');
      await page.waitForTimeout(400);
      expect(await outcome()).toBeNull();
    } finally {
      await page.evaluate(() =>
        window.removeEventListener('blur', (window as unknown as { __steal(): void }).__steal),
      );
    }
  });
});

test.describe('focus that wraps into the prompt from the page', () => {
  const reject = () => inPageFrame()!.getByRole('button', { name: 'Reject' });
  test.afterEach(() => page.evaluate(() => document.querySelectorAll('.hostile').forEach((e) => e.remove())));

  for (const presses of [1, 2, 3, 4]) {
    test(`Shift+Tab ×${presses} from the page's first field, then Enter and Space: nothing signed`, async () => {
      await pageField();
      await askPersonalSign(page);
      await expect(await framedApprove()).toBeEnabled({ timeout: 3_000 });
      // The page puts the focus on its first field (the document's start) once the prompt is armed.
      await page.evaluate(() => document.getElementById('hostile-field')!.focus());
      for (let i = 0; i < presses; i++) await page.keyboard.press('Shift+Tab');
      await expect(approve()).not.toBeFocused();
      await page.keyboard.press('Enter');
      await page.keyboard.press('Space');
      await page.waitForTimeout(400);
      expect((await outcome())?.signature).toBeUndefined();
    });
  }

  test("Tab from the page's last field enters the prompt at its start, never on Approve: Enter signs nothing", async () => {
    await askPersonalSign(page);
    await expect(await framedApprove()).toBeEnabled({ timeout: 3_000 });
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.className = 'hostile';
      input.id = 'hostile-last';
      input.setAttribute('aria-label', 'Price');
      document.body.append(input);
      input.focus();
    });
    await page.keyboard.press('Tab');
    await expect(approve()).not.toBeFocused();
    await page.keyboard.press('Enter');
    await page.waitForTimeout(400);
    expect((await outcome())?.signature).toBeUndefined();
  });

  test('honest: Tab from Reject reaches Approve, Tab past Approve comes back to Reject, and Tab then Enter signs', async () => {
    await askPersonalSign(page);
    await expect(await framedApprove()).toBeEnabled({ timeout: 3_000 });
    await expect(reject()).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(approve()).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(reject()).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(approve()).toBeFocused();
    await page.keyboard.press('Enter');
    await expect.poll(outcome).toMatchObject({ signature: expect.stringMatching(/^0x/) });
  });
});

test('honest: the pointer moved onto the armed Approve and clicked signs', async () => {
  const at = await pointerWaitingOnApprove();
  await page.mouse.move(at.x, at.y - 60);
  await page.mouse.click(at.x, at.y);
  await expect.poll(outcome).toMatchObject({ signature: expect.stringMatching(/^0x/) });
});
