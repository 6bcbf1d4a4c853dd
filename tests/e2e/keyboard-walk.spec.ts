import type { ElementHandle, Frame, Locator, Page } from '@playwright/test';
import type { ChromeMessages, Language } from '@/lib/i18n';
import { DEMO_KEYS } from '../../simulator/keys';
import { localeMessages } from '../support/locale-messages';
import { promptFrame, rpc, test } from './exchange';
import { expect, PASSWORD } from './fixtures';

/**
 * The main flow with the keyboard only — create and lock the vault, unlock, switch account, transfer from the
 * master to a sub-account on the simulator, connect the exchange and approve its signature request in the
 * in-page prompt — pressing Tab / Shift+Tab / Enter / Space / arrows and typing, never clicking. Every focus
 * stop must show a focus indicator (outline or box-shadow), and after each screen change the test says where
 * focus landed. Run in English and again in 简体中文, finding every control by its message in the language.
 */

/**
 * Texts whose message key is not yet shown translated on this branch: the walk finds these controls by
 * their ENGLISH text, in both runs. THE LEAD EMPTIES THIS LIST after merging the translations (and fixes any
 * key name that came out different); every other name is read from locales/<language>.yml.
 */
/** Every control is found by its message in the language under test (locales/*.yml). */
const ENGLISH_UNTIL_TRANSLATED: Record<string, string> = {};

type Namer = (key: string, values?: Record<string, string>) => string;

function namerFor(messages: ChromeMessages): Namer {
  return (key, values = {}) => {
    const text =
      ENGLISH_UNTIL_TRANSLATED[key] ??
      (messages as Record<string, { message: string } | undefined>)[key.replaceAll('.', '_')]?.message;
    if (!text) throw new Error(`no message ${key} in the locale files (nor in ENGLISH_UNTIL_TRANSLATED)`);
    return text.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? `{${name}}`);
  };
}

/** Where focus is in `scope`'s document, in words (for the landings after a screen change). */
async function focusedIn(scope: Page | Frame): Promise<string> {
  return scope.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return 'body';
    const label = element.id ? document.querySelector(`label[for="${element.id}"]`)?.textContent : null;
    const name = element.getAttribute('aria-label') ?? label ?? element.textContent ?? '';
    return `${element.tagName.toLowerCase()} "${name.trim().slice(0, 40)}"`;
  });
}

/**
 * Presses Tab (or Shift+Tab) until `target` has focus, checking at every stop that the focused element shows
 * a focus indicator. Keys go to the page; Chromium routes them to the focused frame.
 */
async function tabTo(
  keyboardPage: Page,
  scope: Page | Frame,
  target: Locator,
  { backwards = false, max = 40 } = {},
): Promise<void> {
  await expect(target).toBeVisible();
  const handle: ElementHandle = (await target.elementHandle())!;
  for (let presses = 0; presses < max; presses++) {
    await keyboardPage.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    const stop = await focusIndicator(scope);
    if (stop) expect(stop.visible, `no visible focus indicator on ${stop.what}`).toBe(true);
    if (await handle.evaluate((element) => element === element.ownerDocument?.activeElement)) return;
  }
  throw new Error(`${String(target)} not reached in ${max} presses of ${backwards ? 'Shift+Tab' : 'Tab'}`);
}

/** How the focused element of `scope`'s document shows its focus: an outline or a box-shadow (null: none focused). */
async function focusIndicator(scope: Page | Frame): Promise<{ what: string; visible: boolean } | null> {
  const what = await focusedIn(scope);
  // Focus in a child frame, in a closed shadow root (its host is all this document shows), or nowhere.
  if (what === 'body' || what.startsWith('iframe') || what.startsWith('aster-companion-')) return null;
  const visible = await scope.evaluate(() => {
    const style = getComputedStyle(document.activeElement!);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    return outline || style.boxShadow !== 'none';
  });
  return { what, visible };
}

async function walk(
  popup: Page,
  context: import('@playwright/test').BrowserContext,
  exchangeUrl: string,
  name: Namer,
  language: Language,
): Promise<string[]> {
  const landings: string[] = [];
  const landed = async (step: string, scope: Page | Frame) => {
    landings.push(`${step}: ${await focusedIn(scope)}`);
  };

  // First run: the create form focuses its first field.
  const newPassword = popup.getByLabel(name('vault.create.newPassword'), { exact: true });
  await expect(newPassword).toBeFocused();
  await landed('create vault', popup);
  await popup.keyboard.type(PASSWORD);
  await tabTo(popup, popup, popup.getByLabel(name('vault.create.confirmPassword'), { exact: true }));
  await popup.keyboard.type(PASSWORD);
  await popup.keyboard.press('Enter');
  const lock = popup.getByRole('button', { name: name('shell.lockNow') });
  await expect(lock).toBeVisible();
  await landed('vault created', popup);

  // The family on the simulator (not part of the walk: the background's own calls, as operations.spec does).
  await rpc(popup, 'aster.setNetwork', { network: 'simulator', simulatorUrl: exchangeUrl });
  const add = (role: 'master' | 'sub', account: string, key: string, parentId?: string) =>
    rpc<{ id: string }>(popup, 'accounts.add', {
      role,
      kind: 'evm',
      name: account,
      key,
      ...(parentId ? { parentId } : {}),
    });
  const main = await add('master', 'MainDesk', DEMO_KEYS.evmMaster.privateKey);
  await add('sub', 'Grid01', DEMO_KEYS.evmSubGrid.privateKey, main.id);
  await rpc(popup, 'accounts.setActive', { id: main.id });
  await rpc(popup, 'vault.lock', {});

  // Unlock: the password field has focus; Enter submits.
  const password = popup.getByLabel(name('vault.unlock.password'), { exact: true });
  await expect(password).toBeFocused();
  await landed('locked', popup);
  await popup.keyboard.type(PASSWORD);
  await popup.keyboard.press('Enter');
  await expect(lock).toBeVisible();
  await landed('unlocked', popup);

  // Switch: type-ahead in the home's search, Enter switches to the highlighted account.
  const search = popup.getByRole('combobox', { name: name('home.search') });
  await tabTo(popup, popup, search);
  await popup.keyboard.type('Grid01');
  await expect(popup.getByRole('option')).toHaveCount(1);
  await popup.keyboard.press('Enter');
  await expect(popup.getByRole('option', { name: /^Grid01/ })).toHaveAttribute('aria-current', 'true');
  await landed('switched to Grid01', popup);

  // Transfer 25 USDT from MainDesk to Grid01: Operations → Move funds → Transfer.
  const sections = popup.getByRole('navigation', { name: name('home.nav.label') });
  await tabTo(
    popup,
    popup,
    sections.getByRole('button', { name: name('home.nav.operations'), exact: true }),
    {
      backwards: true,
      max: 60,
    },
  );
  await popup.keyboard.press('Enter');
  const groups = popup.getByRole('navigation', { name: name('operations.nav.label'), exact: true });
  await landed('operations opened', popup);
  const moveFunds = groups.getByRole('button', { name: name('operations.nav.move'), exact: true });
  await expect(moveFunds).toHaveAttribute('aria-current', 'page');
  const tasks = popup.getByRole('navigation', { name: name('operations.nav.move'), exact: true });
  const transferTab = tasks.getByRole('button', { name: name('operations.nav.transfer'), exact: true });
  await tabTo(popup, popup, transferTab);
  await popup.keyboard.press('Space');
  await expect(transferTab).toHaveAttribute('aria-current', 'page');
  await landed('transfer section opened', popup);
  const form = popup.getByRole('form', { name: name('operations.transfer.form') });
  const from = form.getByLabel(name('operations.transfer.from'), { exact: true });
  const to = form.getByLabel(name('operations.transfer.to'), { exact: true });
  await tabTo(popup, popup, from);
  await popup.keyboard.type('MainDesk');
  await expect(from.locator('option:checked')).toHaveText('MainDesk');
  await tabTo(popup, popup, to);
  // Arrow keys on a closed select move its choice: down until Grid01.
  for (let i = 0; i < 5 && (await to.locator('option:checked').textContent()) !== 'Grid01'; i++)
    await popup.keyboard.press('ArrowDown');
  await expect(to.locator('option:checked')).toHaveText('Grid01');
  await tabTo(popup, popup, form.getByLabel(name('operations.transfer.amount'), { exact: true }));
  await popup.keyboard.type('25');
  await popup.keyboard.press('Enter'); // submits the form: the check before signing
  const understood = form.getByLabel(name('operations.transfer.understood'));
  await tabTo(popup, popup, understood);
  await popup.keyboard.press('Space');
  await expect(understood).toBeChecked();
  const sign = form.getByRole('button', {
    name: name('operations.transfer.sign', { amount: '25', asset: 'USDT' }),
  });
  await tabTo(popup, popup, sign);
  await popup.keyboard.press('Enter');
  await expect(form.getByRole('status')).toBeVisible();
  await landed('transfer made', popup);

  // The exchange: connect (in-page prompt), then approve its sign-in signature in the in-page prompt.
  const page = await context.newPage();
  await page.goto(exchangeUrl);
  await page.bringToFront(); // the trader's tab in front: its documents have the window's focus
  await tabTo(page, page, page.getByRole('button', { name: 'Connect wallet' }));
  await page.keyboard.press('Enter');
  await tabTo(page, page, page.getByRole('button', { name: /^Aster Companion.*EVM/ }));
  await page.keyboard.press('Enter');
  let prompt = await promptFrame(page);
  const connect = prompt.getByRole('button', { name: name('prompt.connect'), exact: true });
  await expect(connect).toBeEnabled();
  // Reject has the frame's focus (toBeFocused also wants the OS window's focus, which headless tabs share).
  await expect.poll(() => focusedIn(prompt)).toBe(`button "${name('prompt.reject')}"`);
  await landed('connect prompt', prompt);
  await tabTo(page, prompt, connect);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('wallet-state')).toContainText(DEMO_KEYS.evmSubGrid.address, {
    ignoreCase: true,
  });
  await landed('connected (exchange page)', page);

  await tabTo(page, page, page.getByRole('button', { name: 'Sign in' }));
  await page.keyboard.press('Enter');
  prompt = await promptFrame(page);
  const approve = prompt.getByRole('button', { name: name('prompt.approve'), exact: true });
  await expect(approve).toBeEnabled();
  // Reject has the frame's focus (toBeFocused also wants the OS window's focus, which headless tabs share).
  await expect.poll(() => focusedIn(prompt)).toBe(`button "${name('prompt.reject')}"`);
  await landed('signature prompt', prompt);
  await tabTo(page, prompt, approve);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('signed-in-address')).toHaveText(DEMO_KEYS.evmSubGrid.address);
  await landed('signed in (exchange page)', page);
  await expect(popup.locator('html')).toHaveAttribute('lang', language === 'zh_CN' ? 'zh-CN' : 'en');
  return landings;
}

for (const language of ['en', 'zh_CN'] as const) {
  test(`keyboard only: unlock, switch, transfer to a sub-account, approve in the page (${language})`, async ({
    popup,
    context,
    exchangeUrl,
  }) => {
    test.setTimeout(120_000);
    if (language !== 'en') {
      // The trader's choice, as Settings saves it: storage.local for every context, the popup's mirror.
      await popup.evaluate(async (choice) => {
        await chrome.storage.local.set({ language: choice });
        localStorage.setItem('aster-companion.language', choice);
      }, language);
      await popup.reload();
    }
    const name = namerFor(await localeMessages(language));
    const landings = await walk(popup, context, exchangeUrl, name, language);
    expect(landings).toEqual([
      `create vault: input "${name('vault.create.newPassword')}"`,
      // A whole new screen: focus starts at its top, as on a page load (the next Tab is its first control).
      'vault created: body',
      `locked: input "${name('vault.unlock.password')}"`,
      'unlocked: body',
      // Enter in the search switches; focus stays in the search, ready for the next account.
      `switched to Grid01: input "${name('home.search')}"`,
      `operations opened: button "${name('home.nav.operations')}"`,
      `transfer section opened: button "${name('operations.nav.transfer')}"`,
      // The Sign button goes once the transfer is made: focus is on the result, which says what was done.
      expect.stringMatching(/^transfer made: p "/),
      `connect prompt: button "${name('prompt.reject')}"`,
      // Focus goes back to the wallet choice that asked if the page still shows it, else the page's top.
      expect.stringMatching(/^connected \(exchange page\): (body|button "Aster Companion \(EVM\)")$/),
      `signature prompt: button "${name('prompt.reject')}"`,
      // The prompt gives focus back to what had it on the page (the exchange page's own English).
      'signed in (exchange page): button "Sign in"',
    ]);
  });
}
