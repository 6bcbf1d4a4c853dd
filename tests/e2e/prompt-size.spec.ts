import { expect, test, type BrowserContext, type Frame, type Page } from '@playwright/test';
import { PROMPT_SIZE_CHANNEL } from '../../lib/content/prompt-size';
import { findInShadow } from './closed-shadow';
import { approvalWindow, askPersonalSign, usePromptBrowser, signOutcome } from './exchange';

/**
 * The approval surfaces size to their content: the in-page frame follows what its prompt reports (and
 * nothing the page posts), long details scroll inside with Approve in view, the popup window fits its
 * content, and the in-page surfaces speak the trader's chosen language.
 */
test.describe.configure({ mode: 'serial' });

let context: BrowserContext;
let popup: Page;
let page: Page;
let extensionId: string;
usePromptBrowser('prompt-size', (browser) => ({ context, popup, page, extensionId } = browser));

/** The page asks for a personal_sign of `message` (Aster's login text by default). */
async function ask(message?: string): Promise<void> {
  await expect.poll(() => promptWindow() === undefined && inPageFrame() === undefined).toBe(true);
  await askPersonalSign(page, message);
}

const outcome = () => signOutcome(page);
const inPageFrame = (): Frame | undefined =>
  page
    .frames()
    .find(
      (f) =>
        f.url().includes('/prompt.html?id=') &&
        !f.isDetached() &&
        f.parentFrame() === page.mainFrame() &&
        !f.url().includes('forged'),
    );
const promptWindow = () => approvalWindow(context);

async function framedPrompt(approveName = 'Approve'): Promise<Frame> {
  await expect
    .poll(() => {
      if (promptWindow()) throw new Error('the prompt opened in the popup window');
      return inPageFrame() !== undefined;
    })
    .toBe(true);
  const frame = inPageFrame()!;
  await expect(frame.getByRole('button', { name: approveName })).toBeVisible();
  return frame;
}

/** The frame's box in the page (its host is in a closed shadow root; the frame element is still ours to measure). */
async function frameBox(frame: Frame) {
  return (await (await frame.frameElement()).boundingBox())!;
}

/** What the prompt's content needs: its `main` plus what its scrolling parts hide. */
const contentHeight = (frame: Frame | Page) =>
  frame.evaluate(() => {
    const main = document.querySelector('main')!;
    let hidden = 0;
    for (const scroller of main.querySelectorAll<HTMLElement>('.prompt-head, .prompt-details'))
      hidden += Math.max(0, scroller.scrollHeight - scroller.clientHeight);
    return main.offsetHeight + hidden;
  });

/** Waits until the frame's height has settled (no change for 300 ms); returns it. */
async function settledHeight(frame: Frame): Promise<number> {
  let last = -1;
  for (;;) {
    const now = Math.round((await frameBox(frame)).height);
    if (now === last) return now;
    last = now;
    await page.waitForTimeout(300);
  }
}

async function reject(): Promise<void> {
  const window = promptWindow();
  if (window) await window.getByRole('button', { name: 'Reject' }).click();
  else await inPageFrame()!.getByRole('button', { name: 'Reject' }).click();
  await expect.poll(outcome).toEqual({ code: 4001 });
}

/** Whether `box` lies whole inside the rectangle (0,0)–(width,height), with a pixel's slack. */
const inside = (
  box: { x: number; y: number; width: number; height: number },
  width: number,
  height: number,
) => box.x >= -1 && box.y >= -1 && box.x + box.width <= width + 1 && box.y + box.height <= height + 1;

const LONG_MESSAGE = Array.from(
  { length: 60 },
  (_, i) => `line ${i + 1}: a long text the page asks to sign`,
).join('\n');

test('a short request’s frame is short: it is as tall as its content, no empty half', async () => {
  await ask();
  const frame = await framedPrompt();
  const height = await settledHeight(frame);
  const content = await contentHeight(frame);
  expect(height).toBeLessThan(600);
  expect(Math.abs(height - content)).toBeLessThanOrEqual(2);
  await expect(frame.getByRole('button', { name: 'Approve' })).toBeEnabled({ timeout: 3_000 });
  await frame.getByRole('button', { name: 'Approve' }).click();
  await expect.poll(outcome).toMatchObject({ signature: expect.stringMatching(/^0x/) });
});

test('a long field list scrolls inside the prompt; title, verdict and Approve stay in view without scrolling the page', async () => {
  await page.setViewportSize({ width: 1280, height: 440 });
  try {
    await ask(LONG_MESSAGE);
    const frame = await framedPrompt();
    await frame.getByText('Every signed field').click();
    const lastField = frame.locator('.fields > div').last();
    await expect(lastField).toBeVisible();
    const height = await settledHeight(frame);
    expect(height).toBe(440 - 2 * 16); // the viewport less its margins, not the content's
    expect(await contentHeight(frame)).toBeGreaterThan(height + 40);
    // The details scroll inside; the page itself does not scroll.
    const details = frame.getByRole('region', { name: 'Request details' });
    expect(await details.evaluate((e) => e.scrollHeight > e.clientHeight)).toBe(true);
    expect(
      await page.evaluate(() => [window.scrollY, document.documentElement.scrollHeight <= innerHeight]),
    ).toEqual([0, true]);
    const box = await frameBox(frame);
    for (const control of [
      frame.getByRole('heading', { level: 1 }),
      frame.getByRole('button', { name: 'Approve' }),
      frame.getByRole('button', { name: 'Reject' }),
    ]) {
      const inFrame = (await control.boundingBox())!;
      expect(inside(inFrame, box.x + box.width, box.y + box.height)).toBe(true);
      expect(inFrame.y).toBeGreaterThanOrEqual(box.y - 1);
      expect(inside(inFrame, 1280, 440)).toBe(true);
    }
    await details.evaluate((e) => e.scrollTo(0, e.scrollHeight));
    const end = (await lastField.boundingBox())!;
    expect(end.y + end.height).toBeLessThanOrEqual(box.y + box.height + 1);
    expect(end.y + end.height).toBeGreaterThan(box.y);
    await reject();
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
  }
});

test('the layout moving under the pointer (the window shrinks the frame) restarts the activation delay', async () => {
  await page.setViewportSize({ width: 1280, height: 470 });
  try {
    await ask(LONG_MESSAGE);
    const frame = await framedPrompt();
    await frame.getByText('Every signed field').click();
    const approve = frame.getByRole('button', { name: 'Approve' });
    await settledHeight(frame);
    // A long text that is not Aster's is a warning, not blocked: Approve arms after the delay.
    await expect(approve).toBeEnabled({ timeout: 3_000 });
    const before = (await approve.boundingBox())!;
    await page.mouse.move(before.x + before.width / 2, before.y + before.height / 2);
    await page.setViewportSize({ width: 1280, height: 430 });
    const resizedAt = Date.now();
    await expect(approve).toBeDisabled({ timeout: 500 });
    // Clicks where the pointer rests (Approve moved under it) sign nothing.
    await page.mouse.down();
    await page.mouse.up();
    await expect(approve).toBeEnabled({ timeout: 3_000 });
    expect(Date.now() - resizedAt).toBeGreaterThanOrEqual(600);
    expect(await outcome()).toBeNull();
    await reject();
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
  }
});

test('size messages the page forges are ignored: from the page, its own frames, its own copy of prompt.html, at any time', async () => {
  // The page posts forged sizes before, during and after the prompt: tiny, huge, NaN, negative.
  await page.evaluate(
    ([channel, extensionId]) => {
      const heights = [1, 5_000, -20, Number.NaN, 0, 99_999, 2_000];
      let i = 0;
      const forge = document.createElement('iframe');
      forge.srcdoc = `<script>setInterval(() => parent.postMessage({ channel: ${JSON.stringify(channel)}, height: 3000 }, '*'), 25)</script>`;
      document.body.append(forge);
      const copy = document.createElement('iframe');
      copy.src = `chrome-extension://${extensionId}/prompt.html?id=forged`;
      document.body.append(copy);
      (window as unknown as { __forging: number }).__forging = window.setInterval(() => {
        window.postMessage({ channel, height: heights[i++ % heights.length] }, '*');
        // To the prompt's own frame too (it does not listen; nothing may change).
        for (let f = 0; f < window.frames.length; f++)
          window.frames[f]!.postMessage({ channel, height: 1 }, '*');
      }, 20);
    },
    [PROMPT_SIZE_CHANNEL, extensionId] as const,
  );
  try {
    for (let round = 0; round < 2; round++) {
      await ask();
      const frame = await framedPrompt();
      await page.waitForTimeout(800);
      const height = await settledHeight(frame);
      expect(Math.abs(height - (await contentHeight(frame)))).toBeLessThanOrEqual(2);
      expect(height).toBeLessThan(600);
      expect(height).toBeGreaterThan(160);
      await reject();
    }
  } finally {
    await page.evaluate(() => {
      clearInterval((window as unknown as { __forging: number }).__forging);
      document.querySelectorAll('body > iframe').forEach((f) => f.remove());
    });
  }
});

test('the popup window fits its content', async () => {
  // Too small a window for the in-page prompt: the approval opens in the extension's window.
  await page.setViewportSize({ width: 420, height: 380 });
  try {
    await ask();
    await expect.poll(() => promptWindow() !== undefined).toBe(true);
    const window = promptWindow()!;
    await expect(window.getByRole('button', { name: 'Approve' })).toBeVisible();
    const content = await contentHeight(window);
    const windowHeight = async () =>
      popup.evaluate(async () => {
        const windows = await chrome.windows.getAll({ populate: true });
        return windows.find((w) => w.tabs?.some((t) => t.url?.includes('/approval.html')))?.height ?? 0;
      });
    // Opened at 640; fitted to the content (plus the window's own frame, if any).
    await expect.poll(windowHeight).toBeLessThan(640);
    const fitted = await windowHeight();
    expect(fitted).toBeGreaterThanOrEqual(content);
    expect(fitted - content).toBeLessThan(100);
    await reject();
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
  }
});

for (const [language, words] of [
  ['ko', { approve: '승인', reject: '거부', switcher: /계정 전환$/ }],
  ['zh_CN', { approve: '批准', reject: '拒绝', switcher: /切换账户$/ }],
] as const) {
  test(`the in-page prompt and switcher speak the chosen language: ${language}`, async () => {
    await popup.evaluate((language) => chrome.storage.local.set({ language }), language);
    try {
      // The switcher relabels in place; the next prompt opens in the language.
      await findInShadow(page, 'button', words.switcher);
      await ask();
      const frame = await framedPrompt(words.approve);
      await expect(frame.getByRole('button', { name: words.reject })).toBeVisible();
      await expect(frame.locator('html')).toHaveAttribute('lang', language === 'ko' ? 'ko' : 'zh-CN');
      await frame.getByRole('button', { name: words.reject }).click();
      await expect.poll(outcome).toEqual({ code: 4001 });
    } finally {
      await popup.evaluate(() => chrome.storage.local.set({ language: 'auto' }));
    }
    await findInShadow(page, 'button', /Switch account$/);
  });
}
