import { expect, test, type BrowserContext, type Frame, type Page } from '@playwright/test';
import { clickInShadow, findInShadow, isEnabledInShadow, isInShadow } from './closed-shadow';
import {
  approvalWindow,
  askPersonalSign,
  inPagePrompt,
  usePromptBrowser,
  rpc,
  signOutcome,
  type PromptBrowser,
} from './exchange';

/**
 * A hostile exchange page against the three in-page surfaces that act: the approval prompt, the account
 * switcher and the key-capture panel. Each trick hides, clips, fades, moves or covers a surface (on its
 * host, on an ancestor, before or after it appears, or mid-delay); a click where the control was must then
 * never sign, switch or save. The honest page gets each in one click after the delay.
 *
 * One browser, vault and connected exchange tab for the whole file (setting them up is most of the cost).
 */
test.describe.configure({ mode: 'serial' });

let context: BrowserContext;
let popup: Page;
let page: Page;
let ids: PromptBrowser['ids'];
// Connected without standing consent: every signature asks. Never signed in, so switching asks nothing.
usePromptBrowser('hostile', (browser) => ({ context, popup, page, ids } = browser));

/** The page asks for Aster's login signature; the outcome lands in window.__outcome. */
async function ask(): Promise<void> {
  // The previous prompt (the connect prompt, or one just answered) is gone first.
  await expect.poll(() => promptWindow() === undefined && inPageFrame() === undefined).toBe(true);
  await askPersonalSign(page);
}

const outcome = () => signOutcome(page);

const inPageFrame = () => inPagePrompt(page);

const promptWindow = () => approvalWindow(context);

async function framedPrompt(): Promise<Frame> {
  await expect
    .poll(() => {
      if (promptWindow()) throw new Error('the prompt opened in the popup window');
      return inPageFrame() !== undefined;
    })
    .toBe(true);
  const frame = inPageFrame()!;
  await expect(frame.getByRole('button', { name: 'Approve' })).toBeVisible();
  return frame;
}

/** Rejects whatever is waiting (in the page or its popup window) and checks the page got 4001, no signature. */
async function rejectWaiting(): Promise<void> {
  const window = promptWindow();
  if (window) await window.getByRole('button', { name: 'Reject' }).click();
  else await inPageFrame()!.getByRole('button', { name: 'Reject' }).click();
  await expect.poll(outcome).toEqual({ code: 4001 });
  await expect.poll(() => promptWindow() === undefined && inPageFrame() === undefined).toBe(true);
}

/** Long enough for any delay to have run out: what is not active now was refused. */
const PAST_DELAY_MS = 1_300;

/** Every property a page can hide, clip, fade, move or blend with, and a value that does. */
const HIDING: Array<[string, string]> = [
  ['clip-path', 'inset(85% 0 0 0)'],
  ['mask-image', 'linear-gradient(transparent 85%, black 85%)'],
  ['-webkit-mask-image', 'linear-gradient(transparent 85%, black 85%)'],
  ['opacity', '0.01'],
  ['filter', 'opacity(0)'],
  ['backdrop-filter', 'blur(4px)'],
  ['transform', 'scale(0.4)'],
  ['scale', '0.4'],
  ['rotate', '180deg'],
  ['translate', '-2000px 0'],
  ['perspective', '20px'],
  ['visibility', 'hidden'],
  ['display', 'none'],
  ['content-visibility', 'hidden'],
  ['zoom', '0.3'],
  ['pointer-events', 'none'],
  ['mix-blend-mode', 'difference'],
  ['will-change', 'transform'],
  ['contain', 'paint'],
];

const HOST = {
  prompt: 'aster-companion-prompt',
  switcher: 'aster-companion-switcher',
  capture: 'aster-companion-capture',
};

/** The page's own code: set a style on a surface's host ('host') or on <html> ('html'). */
async function styleOn(target: 'host' | 'html', tag: string, property: string, value: string) {
  await page.evaluate(
    ([target, tag, property, value]) => {
      const element = target === 'host' ? document.querySelector(tag)! : document.documentElement;
      (element as HTMLElement).style.setProperty(property, value, 'important');
    },
    [target, tag, property, value] as const,
  );
}

async function clearStyles(): Promise<void> {
  await page.evaluate(() => {
    document.documentElement.removeAttribute('style');
    document.documentElement.removeAttribute('class');
    document.querySelectorAll('.hostile').forEach((element) => element.remove());
  });
}

test.describe('approval prompt', () => {
  test.afterEach(clearStyles);

  test('honest page: Approve is active after the delay and the first click counts, 8 times in a row', async () => {
    for (let i = 0; i < 8; i++) {
      await ask();
      const approve = (await framedPrompt()).getByRole('button', { name: 'Approve' });
      await expect(approve).toBeEnabled({ timeout: 3_000 });
      await approve.click();
      await expect.poll(outcome).toMatchObject({ signature: expect.stringMatching(/^0x/) });
    }
  });

  for (const target of ['host', 'html'] as const) {
    // backdrop-filter on <html> draws nothing (the root has no backdrop): the prompt stays whole.
    for (const [property, value] of HIDING.filter(([p]) => target === 'host' || p !== 'backdrop-filter')) {
      test(`${property}: ${value} on the ${target} after the prompt appears → no signature; the approval moves to the popup window`, async () => {
        await ask();
        const frame = await framedPrompt();
        const box = (await frame.getByRole('button', { name: 'Approve' }).boundingBox())!;
        await styleOn(target, HOST.prompt, property, value);
        await page.waitForTimeout(PAST_DELAY_MS);
        // The trader (or the page's fake text beside it) clicks where Approve was.
        await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
        await page.waitForTimeout(200);
        expect(await outcome()).toBeNull();
        expect(inPageFrame()).toBeUndefined();
        await expect.poll(() => promptWindow() !== undefined).toBe(true);
        await clearStyles();
        await rejectWaiting();
      });
    }
  }

  test('the page’s own style sheet cannot restyle the host (it beat `:host { all: initial }` before)', async () => {
    await ask();
    const frame = await framedPrompt();
    const computed = await page.evaluate(
      ([tag, rules]) => {
        const style = document.createElement('style');
        style.className = 'hostile';
        style.textContent = `${tag} { ${rules} } html ${tag}, body ~ ${tag} { ${rules} }`;
        document.head.append(style);
        const host = getComputedStyle(document.querySelector(tag)!);
        return [host.clipPath, host.opacity, host.visibility, host.transform, host.direction, host.maskImage];
      },
      [
        HOST.prompt,
        'clip-path: inset(85% 0 0 0) !important; opacity: 0 !important; visibility: hidden !important; transform: scale(.5) !important; direction: rtl !important; mask-image: linear-gradient(transparent, black) !important;',
      ] as const,
    );
    expect(computed).toEqual(['none', '1', 'visible', 'none', 'ltr', 'none']);
    // Nothing altered: the prompt stays in the page and works in one click after the delay.
    const approve = frame.getByRole('button', { name: 'Approve' });
    await expect(approve).toBeEnabled({ timeout: 3_000 });
    await approve.click();
    await expect.poll(outcome).toMatchObject({ signature: expect.stringMatching(/^0x/) });
  });

  test('a style on <html> set before the prompt appears → straight to the popup window', async () => {
    await styleOn('html', '', 'opacity', '0.01');
    await ask();
    await expect.poll(() => promptWindow() !== undefined).toBe(true);
    expect(inPageFrame()).toBeUndefined();
    await clearStyles();
    await rejectWaiting();
  });

  test('the host moved into a faded wrapper → no signature; the popup window', async () => {
    await ask();
    const frame = await framedPrompt();
    const box = (await frame.getByRole('button', { name: 'Approve' }).boundingBox())!;
    await page.evaluate((tag) => {
      const wrapper = document.createElement('div');
      wrapper.className = 'hostile';
      wrapper.style.opacity = '0';
      document.body.append(wrapper);
      wrapper.append(document.querySelector(tag)!);
    }, HOST.prompt);
    await page.waitForTimeout(PAST_DELAY_MS);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    expect(await outcome()).toBeNull();
    await expect.poll(() => promptWindow() !== undefined).toBe(true);
    await rejectWaiting();
  });

  // Placed on the frame where it is: its height follows the prompt's content.
  type FrameBox = { x: number; y: number; width: number; height: number };
  const overlays: Record<string, (frame: FrameBox) => string> = {
    'a transparent layer over the whole page': () =>
      'position:fixed;inset:0;background:rgba(255,255,255,.01)',
    'an opaque "claim your reward" box over the summary only': (f) =>
      `position:fixed;left:${f.x}px;top:${f.y}px;width:${f.width}px;height:${Math.round(f.height / 3)}px;background:#fc0`,
    'a 4×4 px dot on the frame’s corner': (f) =>
      `position:fixed;left:${f.x + f.width - 4}px;top:${f.y + f.height - 4}px;width:4px;height:4px;background:#000`,
  };
  for (const [name, place] of Object.entries(overlays)) {
    test(`${name}, click-through (pointer-events: none) → Approve stays disabled; removed → active again`, async () => {
      await ask();
      const frame = await framedPrompt();
      const approve = frame.getByRole('button', { name: 'Approve' });
      // Once the frame has its content's height (Approve arms only then).
      await expect(approve).toBeEnabled({ timeout: 3_000 });
      const css = place((await (await frame.frameElement()).boundingBox())!);
      await page.evaluate((css) => {
        const overlay = document.createElement('div');
        overlay.className = 'hostile';
        overlay.style.cssText = `${css};z-index:2147483647;pointer-events:none`;
        document.documentElement.append(overlay);
      }, css);
      await page.waitForTimeout(PAST_DELAY_MS);
      await expect(approve).toBeDisabled();
      const box = (await approve.boundingBox())!;
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      expect(await outcome()).toBeNull();
      await clearStyles();
      await expect(approve).toBeEnabled({ timeout: 3_000 });
      await rejectWaiting();
    });
  }

  test('a prompt kept covered moves to the popup window (COVERED_MOVE_MS), where it can be answered', async () => {
    await ask();
    await framedPrompt();
    await page.evaluate(() => {
      const overlay = document.createElement('div');
      overlay.className = 'hostile';
      overlay.style.cssText = 'position:fixed;inset:0;z-index:2147483647;pointer-events:none;background:#fff';
      document.documentElement.append(overlay);
    });
    await expect.poll(() => promptWindow() !== undefined, { timeout: 8_000 }).toBe(true);
    expect(inPageFrame()).toBeUndefined();
    expect(await outcome()).toBeNull();
    await clearStyles();
    await rejectWaiting();
  });

  test('changes mid-delay (a class on <html>, every 150 ms) restart the delay from zero each time', async () => {
    await ask();
    const frame = await framedPrompt();
    const approve = frame.getByRole('button', { name: 'Approve' });
    // Harmless to the eye, but the page changed around the prompt: the delay starts again after each one.
    const changes = page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          let count = 0;
          const timer = setInterval(() => {
            document.documentElement.classList.toggle('hostile-mid-delay');
            if (++count === 10) {
              clearInterval(timer);
              resolve();
            }
          }, 150);
        }),
    );
    // Throughout the changes (1.5 s, twice the delay) Approve never becomes active.
    const sampled: boolean[] = [];
    const sampling = (async () => {
      // From just after the first change (150 ms in): before it, Approve may already be active.
      await page.waitForTimeout(200);
      for (let i = 0; i < 12; i++) {
        sampled.push(await approve.isEnabled());
        await page.waitForTimeout(100);
      }
    })();
    await changes;
    const lastChangeAt = Date.now();
    await sampling;
    expect(sampled).toEqual(sampled.map(() => false));
    await expect(approve).toBeEnabled({ timeout: 3_000 });
    expect(Date.now() - lastChangeAt).toBeGreaterThanOrEqual(600); // the delay, less the polling slack
    await rejectWaiting();
  });

  test('a window too small for the whole prompt → the popup window', async () => {
    await page.setViewportSize({ width: 420, height: 380 });
    try {
      await ask();
      await expect.poll(() => promptWindow() !== undefined).toBe(true);
      expect(inPageFrame()).toBeUndefined();
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
    await rejectWaiting();
  });

  test('the vault locks while the prompt is in the page → no Unlock form in the page; it moves to the window', async () => {
    await ask();
    const frame = await framedPrompt();
    await rpc(popup, 'vault.lock', {});
    await expect.poll(() => promptWindow() !== undefined).toBe(true);
    expect(frame.isDetached() || (await frame.getByLabel('Password').count()) === 0).toBe(true);
    expect(inPageFrame()).toBeUndefined();
    const window = promptWindow()!;
    await window.getByLabel('Password', { exact: true }).fill('Correct-horse-battery-9');
    await window.getByRole('button', { name: 'Unlock' }).click();
    await window.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(outcome).toMatchObject({ signature: expect.stringMatching(/^0x/) });
  });
});

test.describe('account switcher', () => {
  test.beforeEach(async () => {
    await rpc(popup, 'accounts.setActive', { id: ids.main.id });
    await expect.poll(() => isInShadow(page, 'button', /account: MainDesk/)).toBe(true);
  });
  test.afterEach(async () => {
    await clearStyles();
    // A fresh page: a refused menu stays refused until it is opened again.
    await page.reload();
  });

  const active = () => rpc<string | null>(popup, 'accounts.active', {});

  const tricks: Record<string, () => Promise<void>> = {
    'opacity: 0 on its host (the attack found)': () => styleOn('host', HOST.switcher, 'opacity', '0'),
    'clip-path on <html>': () => styleOn('html', '', 'clip-path', 'inset(0 0 0 50%)'),
    'filter on <html>': () => styleOn('html', '', 'filter', 'opacity(0.05)'),
    'transform on its host': () => styleOn('host', HOST.switcher, 'transform', 'translateX(-200px)'),
    'visibility on its host': () => styleOn('host', HOST.switcher, 'visibility', 'hidden'),
    'a "claim your reward" box over the menu, click-through': () =>
      page.evaluate(() => {
        const box = document.createElement('div');
        box.className = 'hostile';
        box.textContent = 'Claim your reward!';
        box.style.cssText =
          'position:fixed;left:0;bottom:0;width:400px;height:400px;background:#fc0;z-index:2147483647;pointer-events:none';
        document.documentElement.append(box);
      }),
  };
  for (const [name, apply] of Object.entries(tricks)) {
    test(`${name} → a click on an account does not switch`, async () => {
      await clickInShadow(page, 'button', /Switch account$/);
      await findInShadow(page, 'option', 'Grid01');
      await apply();
      await page.waitForTimeout(PAST_DELAY_MS);
      await clickInShadow(page, 'option', 'Grid01');
      await page.waitForTimeout(300);
      expect(await active()).toBe(ids.main.id);
    });
  }

  test('a click before the delay has run does not switch', async () => {
    await clickInShadow(page, 'button', /Switch account$/);
    await clickInShadow(page, 'option', 'Grid01');
    await page.waitForTimeout(300);
    expect(await active()).toBe(ids.main.id);
  });

  test('clicks every 150 ms on an account with the pointer still, before and past activation, do not switch; aimed, one click does', async () => {
    await clickInShadow(page, 'button', /Switch account$/);
    const at = (await findInShadow(page, 'option', 'Grid01')).center!;
    await page.mouse.move(at.x, at.y);
    // Each press restarts the delay: the clicks keep the menu inactive.
    for (let i = 0; i < 14; i++) {
      await page.mouse.down();
      await page.mouse.up();
      await page.waitForTimeout(150);
    }
    expect(await isEnabledInShadow(page, 'listbox', 'Accounts')).toBe(false);
    await findInShadow(page, 'listbox', 'Accounts', 5_000, { enabled: true });
    // Active under the still pointer: more clicks there choose nothing.
    for (let i = 0; i < 5; i++) {
      await page.mouse.down();
      await page.mouse.up();
      await page.waitForTimeout(150);
    }
    await page.waitForTimeout(300);
    expect(await active()).toBe(ids.main.id);
    // The trader aims: the pointer moves onto the account, one click switches.
    await page.mouse.move(at.x, at.y - 30);
    await page.mouse.click(at.x, at.y);
    await expect.poll(active).toBe(ids.grid.id);
  });

  test('honest page: one click on an account after the delay switches', async () => {
    await clickInShadow(page, 'button', /Switch account$/);
    await findInShadow(page, 'listbox', 'Accounts', 5_000, { enabled: true });
    await clickInShadow(page, 'option', 'Grid01');
    await expect.poll(active).toBe(ids.grid.id);
  });
});

test.describe('key-capture panel', () => {
  const accountCount = async () => (await rpc<unknown[]>(popup, 'accounts.list', {})).length;

  /** The page shows a private key in a modal dialog (its OWN key, in the attack): the panel is offered. */
  async function showKeyDialog(): Promise<void> {
    const { generatePrivateKey } = await import('viem/accounts');
    await page.evaluate((key) => {
      const dialog = document.createElement('dialog');
      dialog.className = 'hostile';
      dialog.textContent = `Your new sub-account key: ${key}`;
      document.body.append(dialog);
      dialog.showModal();
    }, generatePrivateKey());
    await findInShadow(page, 'dialog', 'Save this key to Aster Companion');
    // Named, as a trader would: only the guard stands between this panel and the vault.
    await clickInShadow(page, 'textbox', 'Name in Aster Companion');
    await page.keyboard.type(`Cap${Date.now() % 1e8}`); // 6–20 letters and digits (Aster’s rule)
  }
  test.afterEach(clearStyles);

  const tricks: Record<string, () => Promise<void>> = {
    'opacity: 0 on its host': () => styleOn('host', HOST.capture, 'opacity', '0'),
    'opacity: 0 on the page’s dialog (an ancestor)': () =>
      page.evaluate(() =>
        document.querySelector<HTMLElement>('dialog.hostile')!.style.setProperty('opacity', '0'),
      ),
    'clip-path on its host': () => styleOn('host', HOST.capture, 'clip-path', 'inset(0 0 90% 0)'),
    'mask on <html>': () => styleOn('html', '', 'mask-image', 'linear-gradient(transparent, transparent)'),
    'a click-through top-layer box over the panel': () =>
      page.evaluate(() => {
        const box = document.createElement('div');
        box.className = 'hostile';
        box.popover = 'manual';
        box.textContent = 'Claim your reward!';
        box.style.cssText =
          'position:fixed;inset:0 0 auto auto;margin:0;width:400px;height:400px;background:#fc0;pointer-events:none';
        document.body.append(box);
        box.showPopover();
      }),
  };
  for (const [name, apply] of Object.entries(tricks)) {
    test(`${name} → Save saves nothing`, async () => {
      const before = await accountCount();
      await showKeyDialog();
      await apply();
      await page.waitForTimeout(PAST_DELAY_MS);
      await clickInShadow(page, 'button', 'Save to Aster Companion');
      await page.waitForTimeout(300);
      expect(await accountCount()).toBe(before);
    });
  }

  test('clicks every 150 ms on Save with the pointer still, before and past activation, save nothing; aimed, one click saves', async () => {
    // Where Save is once enabled (its status line goes, so it moves up): the page can know it in advance.
    await showKeyDialog();
    const at = (await findInShadow(page, 'button', 'Save to Aster Companion', 5_000, { enabled: true }))
      .center!;
    await clearStyles();
    const before = await accountCount();
    await showKeyDialog();
    await page.mouse.move(at.x, at.y);
    // Each press restarts the delay: the clicks keep Save disabled.
    for (let i = 0; i < 14; i++) {
      await page.mouse.down();
      await page.mouse.up();
      await page.waitForTimeout(150);
    }
    expect(await isEnabledInShadow(page, 'button', 'Save to Aster Companion')).toBe(false);
    await findInShadow(page, 'button', 'Save to Aster Companion', 5_000, { enabled: true });
    // Enabled under the still pointer: more clicks there save nothing.
    for (let i = 0; i < 5; i++) {
      await page.mouse.down();
      await page.mouse.up();
      await page.waitForTimeout(150);
    }
    await page.waitForTimeout(300);
    expect(await accountCount()).toBe(before);
    // The trader aims: the pointer moves onto Save, one click saves.
    const backup = context.waitForEvent('page');
    await page.mouse.move(at.x - 30, at.y);
    await page.mouse.click(at.x, at.y);
    await (await backup).close();
    await expect.poll(accountCount).toBe(before + 1);
  });

  test('honest page: one click on Save after the delay saves the key', async () => {
    const before = await accountCount();
    await showKeyDialog();
    await findInShadow(page, 'button', 'Save to Aster Companion', 5_000, { enabled: true });
    expect(await isEnabledInShadow(page, 'button', 'Save to Aster Companion')).toBe(true);
    const backup = context.waitForEvent('page');
    await clickInShadow(page, 'button', 'Save to Aster Companion');
    await (await backup).close();
    await expect.poll(accountCount).toBe(before + 1);
  });
});
