import { expect, test, type BrowserContext, type Frame, type Page } from '@playwright/test';
import {
  approvalWindow,
  askPersonalSign,
  inPagePrompt,
  usePromptBrowser,
  connectCompanion,
  rpc,
  signOutcome,
  type PromptBrowser,
} from './exchange';
import { INPAGE_TARGET } from '../../lib/messaging/page-protocol';
import { PASSWORD } from './fixtures';

/**
 * A hostile exchange page measuring the in-page prompt (its height could tell the trader's language or the
 * request's length) and covering it with what is neither an element nor an ancestor's style: the root's own
 * pseudo-elements.
 */
test.describe.configure({ mode: 'serial' });

let context: BrowserContext;
let page: Page;
let popup: Page;
let ids: PromptBrowser['ids'];
usePromptBrowser('attack-page-tricks', (browser) => ({ context, page, popup, ids } = browser));

const inPageFrame = () => inPagePrompt(page);
const promptWindow = () => approvalWindow(context);
const outcome = () => signOutcome(page);

async function framedPrompt(approveName = 'Approve'): Promise<Frame> {
  await expect
    .poll(() => {
      if (promptWindow()) throw new Error('the prompt opened in the popup window');
      return inPageFrame() !== undefined;
    })
    .toBe(true);
  const frame = inPageFrame()!;
  await expect(frame.getByRole('button', { name: approveName })).toBeEnabled({ timeout: 3_000 });
  return frame;
}

async function rejectWaiting(rejectName = 'Reject'): Promise<void> {
  const window = promptWindow();
  if (window) await window.getByRole('button', { name: rejectName }).click();
  else if (inPageFrame()) await inPageFrame()!.getByRole('button', { name: rejectName }).click();
  await expect.poll(() => promptWindow() === undefined && inPageFrame() === undefined).toBe(true);
}

const clearHostile = () =>
  page.evaluate(() => document.querySelectorAll('.hostile').forEach((e) => e.remove()));

/**
 * Everything the page can measure of the companion's prompt from its own world: what every point of a 24 px
 * grid hits (elementsFromPoint, retargeted to the host), the host's box and styles, the document's size.
 */
function measure(): Promise<string> {
  return page.evaluate(() => {
    const host = document.querySelector('aster-companion-prompt');
    const hits: string[] = [];
    for (let y = 0; y < innerHeight; y += 24)
      for (let x = 0; x < innerWidth; x += 24)
        hits.push(
          document
            .elementsFromPoint(x, y)
            .map((e) => e.localName)
            .join('>'),
        );
    const box = host?.getBoundingClientRect();
    const style = host ? getComputedStyle(host) : null;
    return JSON.stringify({
      host: host !== null,
      box: box && [box.x, box.y, box.width, box.height],
      style: style && [style.width, style.height, style.display],
      document: [document.documentElement.scrollWidth, document.documentElement.scrollHeight],
      hits,
    });
  });
}

const LONG_MESSAGE = Array.from({ length: 40 }, (_, i) => `line ${i + 1}: a long text to sign`).join('\n');

test.describe('what the page can measure of the prompt', () => {
  test('a short and a long request, in English and in Chinese: the page measures the same prompt every time', async () => {
    const seen: string[] = [];
    const heights: number[] = [];
    for (const language of ['en', 'zh_CN'] as const) {
      await popup.evaluate((language) => chrome.storage.local.set({ language }), language);
      const [approve, reject] = language === 'en' ? ['Approve', 'Reject'] : ['批准', '拒绝'];
      for (const message of [`You are signing into Astherus ${Date.now()}`, LONG_MESSAGE]) {
        await askPersonalSign(page, message);
        const frame = await framedPrompt(approve);
        heights.push(Math.round((await (await frame.frameElement()).boundingBox())!.height));
        seen.push(await measure());
        await rejectWaiting(reject);
      }
    }
    await popup.evaluate(() => chrome.storage.local.set({ language: 'auto' }));
    // The set-up: the prompts really had different sizes.
    expect(new Set(heights).size).toBeGreaterThan(1);
    expect(JSON.parse(seen[0]!).host).toBe(true);
    expect(new Set(seen).size).toBe(1);
  });
});

test.describe('the root’s own pseudo-elements over the armed prompt', () => {
  test.afterEach(clearHostile);

  const overlays: Record<string, string> = {
    'html::after, nearly transparent and click-through':
      'html::after { content: ""; position: fixed; inset: 0; z-index: 2147483647; background: rgba(255,255,255,.01); pointer-events: none; }',
    // (html::before comes before the host in tree order: at the same z-index it paints under the prompt.)
    'html::after, a fake amount over the middle, click-through':
      'html::after { content: "Amount: 1 USDT"; position: fixed; left: 0; right: 0; top: 40%; height: 80px; z-index: 2147483647; background: #fff; font: 24px sans-serif; pointer-events: none; }',
    ':root::after, a blending layer':
      ':root::after { content: ""; position: fixed; inset: 0; z-index: 2147483647; background: #fff; mix-blend-mode: difference; pointer-events: none; }',
    'html::after, a backdrop-filter layer':
      'html::after { content: ""; position: fixed; inset: 0; z-index: 2147483647; backdrop-filter: blur(6px); pointer-events: none; }',
  };
  for (const [name, css] of Object.entries(overlays)) {
    test(`${name}, added after Approve armed → Approve off, a click signs nothing; removed → on again`, async () => {
      await askPersonalSign(page);
      const frame = await framedPrompt();
      const approve = frame.getByRole('button', { name: 'Approve' });
      await page.evaluate((css) => {
        const style = document.createElement('style');
        style.className = 'hostile';
        style.textContent = css;
        document.head.append(style);
      }, css);
      await page.waitForTimeout(1_300);
      await expect(approve).toBeDisabled();
      const box = (await approve.boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y - 40);
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await page.waitForTimeout(300);
      expect(await outcome()).toBeNull();
      await clearHostile();
      await expect(approve).toBeEnabled({ timeout: 3_000 });
      await rejectWaiting();
      await expect.poll(outcome).toEqual({ code: 4001 });
    });
  }

  test('html::after installed before the prompt (no style change while it shows) → Approve never arms; the prompt moves to the window', async () => {
    await page.evaluate(() => {
      const style = document.createElement('style');
      style.className = 'hostile';
      style.textContent =
        'html::after { content: ""; position: fixed; inset: 0; z-index: 2147483647; background: rgba(255,255,255,.01); pointer-events: none; }';
      document.head.append(style);
    });
    await page.waitForTimeout(500);
    await askPersonalSign(page);
    await expect.poll(() => inPageFrame() !== undefined || promptWindow() !== undefined).toBe(true);
    if (inPageFrame()) {
      const approve = inPageFrame()!.getByRole('button', { name: 'Approve' });
      await page.waitForTimeout(1_500);
      expect(await approve.isEnabled().catch(() => false)).toBe(false);
    }
    // Unseen for COVERED_MOVE_MS (after the sizing wait): the approval goes to the extension's window.
    await expect.poll(() => promptWindow() !== undefined, { timeout: 10_000 }).toBe(true);
    expect(await outcome()).toBeNull();
    await rejectWaiting();
    await expect.poll(outcome).toEqual({ code: 4001 });
  });
});

test.describe('what the page hears of the trader’s other activity', () => {
  /** Every provider state message posted on the page's window from now on. */
  const listen = () =>
    page.evaluate((target) => {
      const heard: unknown[] = [];
      (window as unknown as { __states: unknown[] }).__states = heard;
      window.addEventListener('message', (event) => {
        const data = event.data as { target?: string; event?: string } | null;
        if (data?.target === target && data.event === 'state') heard.push(data);
      });
    }, INPAGE_TARGET);
  const heard = () => page.evaluate(() => (window as unknown as { __states: unknown[] }).__states);
  const origin = () => new URL(page.url()).origin;

  test('a page not connected hears nothing of switches (EVM, sub-account, Solana) or of other sites’ connections', async () => {
    await rpc(popup, 'connections.revoke', { origin: origin() });
    await page.reload();
    await expect
      .poll(() => page.evaluate(() => typeof (window as { ethereum?: unknown }).ethereum))
      .toBe('object');
    await page.waitForTimeout(500); // its starting state has arrived
    await listen();
    try {
      for (const account of [ids.grid, ids.sol, ids.main]) {
        await rpc(popup, 'accounts.setActive', { id: account.id });
        await page.waitForTimeout(300);
      }
      // Another exchange site's connection changing (its revoke broadcasts too), and a lock and unlock.
      await rpc(popup, 'connections.revoke', { origin: 'http://127.0.0.1:9' });
      await rpc(popup, 'vault.lock', {});
      await page.waitForTimeout(300);
      await rpc(popup, 'vault.unlock', { password: PASSWORD });
      await page.waitForTimeout(500);
      expect(await heard()).toEqual([]);
    } finally {
      await connectCompanion(page, page.url(), { autoLogin: false });
    }
  });

  test('a connected page hears a switch that changes what it sees, once; switches that change nothing for it, not at all', async () => {
    await listen();
    // Solana and back: the EVM account this page sees does not change, its Solana one does (twice).
    await rpc(popup, 'accounts.setActive', { id: ids.grid.id });
    await expect.poll(async () => (await heard()).length).toBe(1);
    await rpc(popup, 'accounts.setActive', { id: ids.grid.id });
    await rpc(popup, 'connections.revoke', { origin: 'http://127.0.0.1:9' });
    await page.waitForTimeout(600);
    expect(await heard()).toHaveLength(1);
    await rpc(popup, 'accounts.setActive', { id: ids.main.id });
    await expect.poll(async () => (await heard()).length).toBe(2);
  });
});
