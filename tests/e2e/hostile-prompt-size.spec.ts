import { expect, test, type BrowserContext, type Frame, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  PROMPT_DEFAULT_HEIGHT,
  PROMPT_PORT_CHANNEL,
  PROMPT_SIZE_CHANNEL,
  PROMPT_SIZE_WAIT_MS,
} from '../../lib/content/prompt-size';
import { RELAY_ERROR_TEXT } from '../../lib/messaging/page-protocol';
import { startSimulator, type RunningSimulator } from '../../simulator/server';
import { extensionIdOf, launchWithExtension } from '../support/chromium';
import { exposeClosedRoots } from './accessibility-scan';
import { findInShadow } from './closed-shadow';
import { askPersonalSign, connectCompanion, k, rpc, seedVault, signOutcome } from './exchange';

/**
 * A hostile exchange page against the fitted approval prompt and the in-page surfaces' language: it forges
 * size messages from every window it controls, navigates the prompt's own frame, covers the prompt from the
 * top layer, pollutes its own (MAIN) world before the content script runs and names an account with markup.
 * The content script's isolated world and the prompt's extension frame must not care.
 *
 * The page is polluted for the whole file (an init script, before any script of the page or the companion).
 */
test.describe.configure({ mode: 'serial' });

let dir: string;
let context: BrowserContext;
let sim: RunningSimulator;
let popup: Page;
let page: Page;
let extensionId: string;
let ids: { main: { id: string } };

/**
 * The page's MAIN world, poisoned before anything runs: the dictionary's keys on Object.prototype, JSON.parse
 * answering a forged dictionary, String.prototype.replace and the textContent setter turning the companion's
 * words into markup whose handler marks `window.__pwned`. An isolated world has its own built-ins.
 */
function pollute() {
  const forged = { message: '<img src=x onerror="window.__pwned=1">Claim your reward' };
  for (const key of ['content_switcherTitle', 'content_switcher_pillLabel', 'content_prompt_frameTitle'])
    Object.defineProperty(Object.prototype, key, { get: () => forged, configurable: true });
  const parse = JSON.parse;
  JSON.parse = function (text: string, reviver?: (key: string, value: unknown) => unknown) {
    return /content_|Switch account|切换/.test(String(text))
      ? { content_switcherTitle: forged }
      : parse.call(JSON, text, reviver);
  };
  const replace = String.prototype.replace;
  String.prototype.replace = function (this: string, ...args: Parameters<string['replace']>) {
    return /Switch account|切换账户/.test(this) ? forged.message : replace.apply(this, args);
  } as typeof String.prototype.replace;
  const text = Object.getOwnPropertyDescriptor(Node.prototype, 'textContent')!;
  Object.defineProperty(Node.prototype, 'textContent', {
    get: text.get,
    set(this: Node, value: string) {
      // Only in shadow roots (the companion's), so that the exchange page's own words stay.
      if (this instanceof Element && this.getRootNode() instanceof ShadowRoot)
        this.innerHTML = forged.message;
      else text.set!.call(this, value);
    },
    configurable: true,
  });
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dir = await mkdtemp(path.join(tmpdir(), 'aster-companion-hostile-prompt-size-'));
  context = await launchWithExtension(dir);
  sim = await startSimulator({ port: 0 });
  popup = await context.newPage();
  extensionId = await extensionIdOf(context);
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  ids = await seedVault(popup);
  page = await context.newPage();
  await page.addInitScript(pollute);
  await connectCompanion(page, sim.url.replace('127.0.0.1', 'localhost'), { autoLogin: false });
});

test.afterAll(async () => {
  await context?.close();
  await sim?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

type Outcome = { signature?: string; code?: number; message?: string } | null;

async function ask(message = `You are signing into Astherus ${Date.now()}`): Promise<void> {
  await expect.poll(() => promptWindow() === undefined && inPageFrame() === undefined).toBe(true);
  await page.evaluate(
    ([message, address]) => {
      const w = window as unknown as {
        __outcome: Outcome;
        ethereum: { request(a: object): Promise<string> };
      };
      w.__outcome = null;
      w.ethereum.request({ method: 'personal_sign', params: [message, address] }).then(
        (signature) => (w.__outcome = { signature }),
        (error: { code: number; message: string }) =>
          (w.__outcome = { code: error.code, message: error.message }),
      );
    },
    [message, k.evmMaster.address] as const,
  );
}

const outcome = () => page.evaluate(() => (window as unknown as { __outcome: Outcome }).__outcome);
const pwned = () => page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? 0);
const inPageFrame = (): Frame | undefined =>
  page
    .frames()
    .find(
      (f) => f.url().includes('/prompt.html?id=') && !f.isDetached() && f.parentFrame() === page.mainFrame(),
    );
const promptWindow = (): Page | undefined => context.pages().find((p) => p.url().includes('/approval.html'));

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

async function frameBox(frame: Frame) {
  return (await (await frame.frameElement()).boundingBox())!;
}

async function settledHeight(frame: Frame): Promise<number> {
  let last = -1;
  for (;;) {
    const now = Math.round((await frameBox(frame)).height);
    if (now === last) return now;
    last = now;
    await page.waitForTimeout(300);
  }
}

/** Rejects what waits (in the page or its window); the page gets 4001 and no signature. */
async function rejectWaiting(rejectName = 'Reject'): Promise<void> {
  const window = promptWindow();
  if (window) await window.getByRole('button', { name: rejectName }).click();
  else await inPageFrame()!.getByRole('button', { name: rejectName }).click();
  await expect.poll(outcome).toMatchObject({ code: 4001 });
  await expect.poll(() => promptWindow() === undefined && inPageFrame() === undefined).toBe(true);
}

const LONG_MESSAGE = Array.from(
  { length: 60 },
  (_, i) => `line ${i + 1}: a long text the page asks to sign`,
).join('\n');

async function clearHostile(): Promise<void> {
  await page.evaluate(() => {
    document.querySelectorAll('.hostile').forEach((element) => element.remove());
    if (document.fullscreenElement) void document.exitFullscreen();
  });
}

test.describe('the prompt’s own delay restart, proven without the host’s click catcher', () => {
  test('the frame resized by nobody but the test (no catcher, no shield) → Approve off at once, on again after the delay', async () => {
    await ask();
    const frame = await framedPrompt();
    const approve = frame.getByRole('button', { name: 'Approve' });
    await settledHeight(frame);
    await expect(approve).toBeEnabled({ timeout: 3_000 });
    // Out of band (CDP, as DevTools does): the host's closed root, for this test only.
    expect(await exposeClosedRoots(page, ['aster-companion-prompt'])).toBe(1);
    const box = (await approve.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    // The frame shrinks by 24 px behind the host's back: its size-following code never runs, so its
    // catcher never shows; the shield neither (the host and its ancestors are untouched).
    const resizedAt = Date.now(); // just before: the resize happens inside the evaluation below
    const layers = await page.evaluate(
      () =>
        new Promise<{ catcher: boolean; shield: boolean }[]>((resolve) => {
          const root = document.querySelector('aster-companion-prompt')!.shadowRoot!;
          const frameBox = root.querySelector<HTMLElement>('.box')!;
          frameBox.style.height = `${frameBox.getBoundingClientRect().height - 24}px`;
          const seen: { catcher: boolean; shield: boolean }[] = [];
          const started = performance.now();
          const sample = () => {
            seen.push({
              catcher: !root.querySelector<HTMLElement>('.catcher')!.hidden,
              shield: !root.querySelector<HTMLElement>('.shield')!.hidden,
            });
            if (performance.now() - started < 400) requestAnimationFrame(sample);
            else resolve(seen);
          };
          sample();
        }),
    );
    expect(layers.length).toBeGreaterThan(3);
    expect(layers.every((l) => !l.catcher && !l.shield)).toBe(true);
    // Only the prompt's own resize listener can have turned Approve off.
    await expect(approve).toBeDisabled({ timeout: 300 });
    await page.mouse.down();
    await page.mouse.up();
    await expect(approve).toBeEnabled({ timeout: 3_000 });
    expect(Date.now() - resizedAt).toBeGreaterThanOrEqual(550);
    expect(await outcome()).toBeNull();
    await rejectWaiting();
  });

  test('Approve moved inside a frame already at its largest (no resize, so no catcher) → Approve off at once', async () => {
    await page.setViewportSize({ width: 1280, height: 470 });
    try {
      await ask(LONG_MESSAGE);
      const frame = await framedPrompt();
      await frame.getByText('Every signed field').click();
      await expect(frame.locator('.fields > div').last()).toBeVisible();
      const approve = frame.getByRole('button', { name: 'Approve' });
      const height = await settledHeight(frame);
      expect(height).toBe(470 - 2 * 16); // clamped: the content is taller
      await expect(approve).toBeEnabled({ timeout: 3_000 });
      const before = (await approve.boundingBox())!;
      await page.mouse.move(before.x + 2, before.y + before.height / 2);
      // The prompt's own layout moves Approve 30 px (as a longer label would); the frame keeps its size.
      const movedAt = Date.now();
      await approve.evaluate((button) => (button.style.marginLeft = '30px'));
      await expect(approve).toBeDisabled({ timeout: 300 });
      expect(Math.round((await frameBox(frame)).height)).toBe(height);
      await page.mouse.down();
      await page.mouse.up();
      await expect(approve).toBeEnabled({ timeout: 3_000 });
      expect(Date.now() - movedAt).toBeGreaterThanOrEqual(550);
      expect(await outcome()).toBeNull();
      await rejectWaiting();
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });
});

test.describe('size messages the page forges', () => {
  test('from a same-origin about:blank frame it inserts and scripts, and from its top window, at 60 Hz: the frame keeps its content’s height', async () => {
    await page.evaluate((channel) => {
      const blank = document.createElement('iframe');
      blank.className = 'hostile';
      document.body.append(blank);
      const sizes = [1, 100_000, -1, 0, 20, 3_000, 159, 161];
      let i = 0;
      (window as unknown as { __forging: number }).__forging = window.setInterval(() => {
        const height = sizes[i++ % sizes.length];
        // Posted BY the blank frame's window (its source), at the page's origin.
        (blank.contentWindow as unknown as { eval(code: string): void }).eval(
          `parent.postMessage({ channel: ${JSON.stringify(channel)}, height: ${height} }, '*')`,
        );
        window.postMessage({ channel, height }, '*');
      }, 16);
    }, PROMPT_SIZE_CHANNEL);
    try {
      await ask();
      const frame = await framedPrompt();
      await page.waitForTimeout(600);
      const first = await settledHeight(frame);
      const content = await frame.evaluate(() => document.querySelector('main')!.offsetHeight);
      expect(Math.abs(first - content)).toBeLessThanOrEqual(2);
      // Still, after a second: never flapping with the forged sizes.
      const heights: number[] = [];
      for (let i = 0; i < 8; i++) {
        heights.push(Math.round((await frameBox(frame)).height));
        await page.waitForTimeout(120);
      }
      expect(new Set(heights)).toEqual(new Set([first]));
      await expect(frame.getByRole('button', { name: 'Approve' })).toBeEnabled({ timeout: 3_000 });
      await rejectWaiting();
    } finally {
      await page.evaluate(() => clearInterval((window as unknown as { __forging: number }).__forging));
      await clearHostile();
    }
  });

  test('after the prompt closed: the page’s sizes are posted to nobody, and the next prompt starts at its own height', async () => {
    await ask();
    await framedPrompt();
    await rejectWaiting();
    await page.evaluate((channel) => {
      for (let f = 0; f < window.frames.length; f++)
        window.frames[f]!.postMessage({ channel, height: 5_000 }, '*');
      window.postMessage({ channel, height: 5_000 }, '*');
    }, PROMPT_SIZE_CHANNEL);
    await ask();
    const frame = await framedPrompt();
    expect(await settledHeight(frame)).toBeLessThan(600);
    await rejectWaiting();
  });
});

test.describe('the page navigates the prompt’s own frame', () => {
  test('it cannot reach the frame: window.frames does not list a frame in a closed shadow root, so nothing it navigates or scripts is the prompt', async () => {
    const before = await page.evaluate(() => window.frames.length);
    await ask();
    const frame = await framedPrompt();
    // The way a page reaches a cross-origin child to navigate it (`frames[i].location = …`) or to post from
    // it once same-origin: the prompt's frame is not among them.
    expect(await page.evaluate(() => window.frames.length)).toBe(before);
    const navigated = await page.evaluate(() => {
      let count = 0;
      for (let f = 0; f < window.frames.length; f++) {
        try {
          window.frames[f]!.location.href = 'about:blank';
          count++;
        } catch {
          // not navigable from here
        }
      }
      return count;
    });
    expect(navigated).toBe(before);
    expect(frame.isDetached()).toBe(false);
    expect(frame.url()).toContain(`chrome-extension://${extensionId}/prompt.html?id=`);
    await expect(frame.getByRole('button', { name: 'Approve' })).toBeEnabled({ timeout: 3_000 });
    await rejectWaiting();
  });
});

test.describe('the top layer over the prompt', () => {
  test.afterEach(clearHostile);

  const tricks: Record<string, string> = {
    'a transparent click-through popover': `
      const box = document.createElement('div');
      box.className = 'hostile';
      box.popover = 'manual';
      box.style.cssText = 'position:fixed;inset:0;margin:0;width:100vw;height:100vh;border:0;padding:0;background:rgba(255,255,255,.01);pointer-events:none';
      document.body.append(box);
      box.showPopover();`,
    'a transparent modal <dialog> (the rest of the page inert)': `
      const dialog = document.createElement('dialog');
      dialog.className = 'hostile';
      dialog.style.cssText = 'position:fixed;inset:0;margin:0;width:100vw;height:100vh;max-width:none;max-height:none;border:0;padding:0;background:transparent';
      document.body.append(dialog);
      dialog.showModal();`,
  };
  for (const [name, code] of Object.entries(tricks)) {
    test(`${name} over the armed prompt → Approve off, a click signs nothing; removed → on again`, async () => {
      await ask();
      const frame = await framedPrompt();
      const approve = frame.getByRole('button', { name: 'Approve' });
      await settledHeight(frame);
      await expect(approve).toBeEnabled({ timeout: 3_000 });
      await page.evaluate(code);
      await page.waitForTimeout(1_300);
      await expect(approve).toBeDisabled();
      const box = (await approve.boundingBox())!;
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      expect(await outcome()).toBeNull();
      await clearHostile();
      await expect(approve).toBeEnabled({ timeout: 3_000 });
      await rejectWaiting();
    });
  }
});

test('a page element made fullscreen by a lured click covers the prompt → Approve off, a click signs nothing; exited → on again', async () => {
  await page.evaluate(() => {
    const lure = document.createElement('button');
    lure.className = 'hostile';
    lure.textContent = 'Claim';
    lure.style.cssText = 'position:fixed;left:8px;top:8px;z-index:2147483647';
    const cover = document.createElement('div');
    cover.className = 'hostile';
    cover.style.cssText = 'background:rgba(255,255,255,.01)';
    document.body.append(lure, cover);
  });
  try {
    // A click on the page's button grants it user activation (5 s in Chromium), spent once Approve is armed.
    await page.mouse.click(20, 20);
    await ask();
    const frame = await framedPrompt();
    const approve = frame.getByRole('button', { name: 'Approve' });
    await expect(approve).toBeEnabled({ timeout: 3_000 });
    await page.evaluate(() => document.querySelector<HTMLElement>('div.hostile')!.requestFullscreen());
    await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
    await page.waitForTimeout(1_300);
    await expect(approve).toBeDisabled();
    const box = (await approve.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    expect(await outcome()).toBeNull();
    await page.evaluate(() => document.exitFullscreen());
    await expect(approve).toBeEnabled({ timeout: 3_000 });
    await rejectWaiting();
  } finally {
    await clearHostile();
  }
});

test.describe('language and names the page would like to read or rewrite', () => {
  test('the polluted MAIN world changes no word of the switcher or the prompt, in Chinese; no markup runs', async () => {
    await popup.evaluate(() => chrome.storage.local.set({ language: 'zh_CN' }));
    try {
      await findInShadow(page, 'button', /切换账户$/);
      await ask();
      const frame = await framedPrompt('批准');
      await expect(frame.getByRole('button', { name: '拒绝' })).toBeVisible();
      await rejectWaiting('拒绝');
      expect(await pwned()).toBe(0);
      // The pollution is live in the page (the test's own check of its set-up).
      expect(
        await page.evaluate(
          () => (({}) as Record<string, { message: string }>).content_switcherTitle?.message,
        ),
      ).toContain('onerror');
    } finally {
      await popup.evaluate(() => chrome.storage.local.set({ language: 'auto' }));
    }
    await findInShadow(page, 'button', /Switch account$/);
  });

  test('errors the page provokes are English whatever language the trader chose', async () => {
    await popup.evaluate(() => chrome.storage.local.set({ language: 'ko' }));
    try {
      await findInShadow(page, 'button', /계정 전환$/);
      const error = await page.evaluate(async (address) => {
        const ethereum = (window as unknown as { ethereum: { request(a: object): Promise<unknown> } })
          .ethereum;
        return ethereum.request({ method: 'personal_sign', params: ['x'.repeat(300_000), address] }).then(
          () => null,
          (e: { code: number; message: string }) => ({ code: e.code, message: e.message }),
        );
      }, k.evmMaster.address);
      expect(error).toEqual({ code: -32602, message: RELAY_ERROR_TEXT.tooLarge });
    } finally {
      await popup.evaluate(() => chrome.storage.local.set({ language: 'auto' }));
    }
  });

  test('an account named with markup is shown as text in the switcher and the prompt; its handler never runs', async () => {
    const markup = '<img src=x onerror=__pwned=2>';
    await rpc(popup, 'accounts.rename', { id: ids.main.id, name: markup });
    try {
      // The switcher reads names when the page loads (a rename is not pushed to pages).
      await page.reload();
      const escaped = markup.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const pill = await findInShadow(page, 'button', new RegExp(`${escaped}\\. Switch account$`));
      expect(pill.name).toBe(`Aster Companion account: ${markup}. Switch account`);
      await ask();
      const frame = await framedPrompt();
      await expect(frame.getByText(markup).first()).toBeVisible();
      expect(await frame.locator('img').count()).toBe(0);
      await rejectWaiting();
      expect(await pwned()).toBe(0);
    } finally {
      await rpc(popup, 'accounts.rename', { id: ids.main.id, name: 'MainDesk' });
    }
  });
});

/** Another tab on the exchange, connected, with `init` run first in each of its documents and frames. */
async function tabWith(init: () => void): Promise<Page> {
  const tab = await context.newPage();
  await tab.addInitScript(init);
  await tab.goto(page.url());
  await tab.getByRole('button', { name: 'Connect wallet' }).click();
  await tab.getByRole('button', { name: /^Aster Companion.*EVM/ }).click();
  await expect(tab.getByTestId('wallet-state')).toContainText(k.evmMaster.address, { ignoreCase: true });
  return tab;
}

test.describe('the size channel (a MessageChannel the content script hands to its own frame)', () => {
  test('the page hears no size: nothing the prompt reports is posted on the page’s window', async () => {
    await page.evaluate(() => {
      const heard: unknown[] = [];
      (window as unknown as { __heard: unknown[] }).__heard = heard;
      window.addEventListener('message', (event) => {
        if (event.source !== window) heard.push(event.data);
      });
    });
    await ask(LONG_MESSAGE);
    const frame = await framedPrompt();
    await frame.getByText('Every signed field').click(); // the content grows: a new report
    await expect.poll(() => settledHeight(frame)).toBeGreaterThan(400);
    expect(await page.evaluate(() => (window as unknown as { __heard: unknown[] }).__heard)).toEqual([]);
    await rejectWaiting();
  });

  test('the page cannot read the frame’s key: its resource timing and observers name no extension URL', async () => {
    // The key rides in the frame's URL fragment; the frame is in a closed shadow root, but the page could
    // still hear of the load through Resource Timing (iframes are reported to their parent document).
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __seen: string[] }).__seen = seen;
      new PerformanceObserver((list) => seen.push(...list.getEntries().map((e) => e.name))).observe({
        type: 'resource',
        buffered: true,
      });
    });
    await ask(LONG_MESSAGE);
    const frame = await framedPrompt();
    const key = new URL(frame.url()).hash.slice(1);
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    const names = await page.evaluate(() => [
      ...performance.getEntries().map((e) => e.name),
      ...(window as unknown as { __seen: string[] }).__seen,
      document.documentElement.outerHTML,
    ]);
    expect(names.filter((n) => n.includes('prompt.html') || n.includes(key))).toEqual([]);
    await rejectWaiting();
  });

  test('the page’s own port reaching the prompt’s frame before the host’s (forged keys, at 250 Hz) is refused; the host’s, later, is the one sized by', async () => {
    // The page has no handle on the frame (a closed shadow root, not in window.frames), and the host hands
    // its port over at once: here the test lends the page a handle and holds the host's port back 500 ms
    // inside the frame, so the page's ports come first.
    const racing = await tabWith(() => {
      if (location.protocol !== 'chrome-extension:' || location.pathname !== '/prompt.html') return;
      const key = location.hash.slice(1);
      window.addEventListener(
        'message',
        (event) => {
          if (event.isTrusted && (event.data as { key?: string } | null)?.key === key) {
            event.stopImmediatePropagation();
            const { data, origin, source, ports } = event;
            setTimeout(
              () =>
                window.dispatchEvent(
                  new MessageEvent('message', { data, origin, source, ports: [...ports] }),
                ),
              500,
            );
          }
        },
        true,
      );
    });
    try {
      await racing.evaluate((channel) => {
        const heard: unknown[] = [];
        const w = window as unknown as { __heard: unknown[]; __hand(target: Window): void };
        w.__heard = heard;
        w.__hand = (target: Window) => {
          for (const key of ['a'.repeat(32), '', 'not a key']) {
            const { port1, port2 } = new MessageChannel();
            port1.onmessage = (event) => heard.push(event.data);
            target.postMessage({ channel, key }, '*', [port2]);
          }
        };
      }, PROMPT_PORT_CHANNEL);
      await askPersonalSign(racing);
      const racingFrame = () =>
        racing.frames().find((f) => f.url().includes('/prompt.html?id=') && !f.isDetached());
      await expect.poll(() => racingFrame() !== undefined, { intervals: [5] }).toBe(true);
      const frame = racingFrame()!;
      const element = await frame.frameElement();
      await racing.evaluate((iframe) => {
        const w = window as unknown as { __hand(target: Window): void; __lent: number };
        const target = (iframe as HTMLIFrameElement).contentWindow!;
        w.__lent = window.setInterval(() => w.__hand(target), 4);
      }, element);
      await expect(frame.getByRole('button', { name: 'Approve' })).toBeEnabled({ timeout: 5_000 });
      const height = Math.round((await element.boundingBox())!.height);
      const content = await frame.evaluate(() => document.querySelector('main')!.offsetHeight);
      expect(Math.abs(height - content)).toBeLessThanOrEqual(2);
      expect(height).toBeLessThan(PROMPT_DEFAULT_HEIGHT - 50); // sized by its report, not the wait's default
      expect(await racing.evaluate(() => (window as unknown as { __heard: unknown[] }).__heard)).toEqual([]);
      await frame.getByRole('button', { name: 'Reject' }).click();
      await expect.poll(() => signOutcome(racing)).toMatchObject({ code: 4001 });
    } finally {
      await racing.close();
    }
  });

  test('a copy of prompt.html the page frames itself (at the static URL: the dynamic one is unknown to it), handed a port with the key the page chose, tells the page nothing', async () => {
    const heard = await page.evaluate(
      async ([channel, extensionId]) => {
        const key = 'b'.repeat(32);
        const copy = document.createElement('iframe');
        copy.className = 'hostile';
        copy.src = `chrome-extension://${extensionId}/prompt.html?id=forged#${key}`;
        const loaded = new Promise((resolve) => copy.addEventListener('load', resolve, { once: true }));
        document.body.append(copy);
        await loaded;
        const heard: unknown[] = [];
        const { port1, port2 } = new MessageChannel();
        port1.onmessage = (event) => heard.push(event.data);
        copy.contentWindow!.postMessage({ channel, key }, '*', [port2]);
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        return heard;
      },
      [PROMPT_PORT_CHANNEL, extensionId] as const,
    );
    expect(heard).toEqual([]);
    await clearHostile();
  });

  test('the frame stays hidden (nothing to click, Approve not armed) until it is sized; one that never reports is shown at the default after the wait, and its delay starts then', async () => {
    // A second tab whose prompt frames never receive the host's port (the test stops it in the frame):
    // the prompt never reports its size.
    const muted = await tabWith(() => {
      if (location.protocol === 'chrome-extension:' && location.pathname === '/prompt.html')
        window.addEventListener(
          'message',
          (event) => {
            if (event.ports.length > 0) event.stopImmediatePropagation();
          },
          true,
        );
    });
    try {
      await askPersonalSign(muted);
      const mutedFrame = () =>
        muted.frames().find((f) => f.url().includes('/prompt.html?id=') && !f.isDetached());
      await expect.poll(() => mutedFrame() !== undefined, { intervals: [5] }).toBe(true);
      const frame = mutedFrame()!;
      // The frame's own navigation start: just after the host made it and started its wait (the test's
      // notice of the frame can come later than that on a busy machine).
      const attachedAt = await frame.evaluate(() => performance.timeOrigin);
      const element = await frame.frameElement();
      const visibility = () => element.evaluate((el) => getComputedStyle(el as Element).visibility);
      const approve = frame.getByRole('button', { name: 'Approve' });
      await expect(approve).toBeAttached();
      expect(await visibility()).toBe('hidden');
      // Past the delay and then some, still hidden: Approve is off, and a click where it is reaches nothing.
      await muted.waitForTimeout(Math.max(0, attachedAt + 1_100 - Date.now()));
      expect(await visibility()).toBe('hidden');
      expect(await approve.isDisabled()).toBe(true);
      const where = (await approve.boundingBox())!;
      await muted.mouse.click(where.x + where.width / 2, where.y + where.height / 2);
      await expect.poll(visibility, { intervals: [10], timeout: 3_000 }).toBe('visible');
      const shownAt = Date.now();
      expect(shownAt - attachedAt).toBeGreaterThanOrEqual(PROMPT_SIZE_WAIT_MS - 100);
      expect(Math.round((await element.boundingBox())!.height)).toBe(PROMPT_DEFAULT_HEIGHT);
      expect(await approve.isDisabled()).toBe(true);
      await expect(approve).toBeEnabled({ timeout: 3_000 });
      expect(Date.now() - shownAt).toBeGreaterThanOrEqual(650);
      expect(await signOutcome(muted)).toBeNull();
      await frame.getByRole('button', { name: 'Reject' }).click();
      await expect.poll(() => signOutcome(muted)).toMatchObject({ code: 4001 });
    } finally {
      await muted.close();
    }
  });
});
