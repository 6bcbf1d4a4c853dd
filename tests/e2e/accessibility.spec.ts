import type { BrowserContext, Page } from '@playwright/test';
import {
  describeFindings,
  exposeClosedRoots,
  failing,
  scanFrame,
  scanPage,
  scrollsSideways,
  type Finding,
} from './accessibility-scan';
import { findInShadow } from './closed-shadow';
import { promptFrame, rpc, test } from './exchange';
import { expect, PASSWORD, unlock } from './fixtures';
import { setupOperations } from './operations-helpers';

/**
 * axe-core (WCAG 2.0/2.1 A and AA, and best practice) on every screen of the companion, in the light and the
 * dark theme, one browser per theme: 0 serious or critical violations. Every finding is printed; moderate and
 * minor ones are listed in the test's output without failing it. Popup screens must also fit 360 px without
 * scrolling sideways.
 */

type Theme = 'light' | 'dark';

/**
 * The popup's screens: route → how to reach it from the unlocked home (a vault on the simulator with
 * MainDesk, its subs Grid01 and Hedge02, and LossDesk). Edit this table when screens move.
 */
interface PopupScreen {
  route: string;
  name: string;
  /** After navigating to `route`: what must be shown (and done) before the scan. */
  reach(popup: Page, ids: { grid: string }): Promise<void>;
}

const heading = (popup: Page, name: string | RegExp) =>
  expect(popup.getByRole('heading', { name }).first()).toBeVisible();

const POPUP_SCREENS: PopupScreen[] = [
  {
    route: '/accounts',
    name: 'home: the family at a glance',
    reach: async (p) => {
      await expect(p.getByRole('option', { name: /^Grid01/ })).toBeVisible();
      await expect(p.getByRole('progressbar')).toHaveCount(0);
    },
  },
  {
    route: '/accounts/manage',
    name: 'manage accounts: an account opened',
    reach: async (p) => {
      await heading(p, 'Accounts');
      await p.getByRole('button', { name: 'Manage Grid01' }).click();
      await expect(p.getByRole('button', { name: 'Manage Grid01' })).toHaveAttribute('aria-expanded', 'true');
    },
  },
  { route: '/add', name: 'add account', reach: (p) => heading(p, /add/i) },
  { route: '/backup/{grid}', name: 'key backup: step 1 and 2', reach: (p) => heading(p, 'Back up Grid01') },
  {
    route: '/backup/{grid}',
    name: 'key backup: key revealed, check characters',
    reach: async (p) => {
      await p.getByLabel('Vault password to reveal', { exact: true }).fill(PASSWORD);
      await p.getByRole('button', { name: 'Reveal key' }).click();
      await expect(p.getByRole('button', { name: 'Confirm I saved it' })).toBeVisible();
    },
  },
  {
    route: '/settings',
    name: 'settings, vault backup and restore',
    reach: (p) => heading(p, 'Back up the whole vault'),
  },
  // Operations: every task of the four groups (Operations.tsx OPERATION_GROUPS) and the network screen.
  ...['portfolio', 'transfer', 'perpspot', 'sweep', 'manage', 'create', 'agents', 'withdraw', 'network'].map(
    (section): PopupScreen => ({
      route: `/operations/${section}`,
      name: `operations: ${section}`,
      reach: async (p) => {
        await heading(p, 'Operations on Aster');
        await expect(p.getByRole('status').filter({ hasText: /Loading/ })).toHaveCount(0);
      },
    }),
  ),
];

/** Background colours that prove a surface is in the theme under test (app.css, lib/content/shadow-host.ts). */
const BODY = { light: 'rgb(255, 255, 255)', dark: 'rgb(21, 22, 26)' };
const PANEL = { light: 'rgb(255, 255, 255)', dark: 'rgb(31, 33, 39)' };

/** The theme for every extension page of the context (theme-store's localStorage) and every web page. */
async function useTheme(context: BrowserContext, page: Page, theme: Theme): Promise<void> {
  await page.evaluate((t) => localStorage.setItem('aster-companion.theme', t), theme);
  await page.emulateMedia({ colorScheme: theme });
  context.on('page', (p) => void p.emulateMedia({ colorScheme: theme }).catch(() => undefined));
}

for (const theme of ['light', 'dark'] as const) {
  test(`axe: every popup screen, the prompts and the in-page surfaces, ${theme} theme`, async ({
    popup,
    context,
    exchangeUrl,
  }) => {
    test.setTimeout(480_000); // some 30 axe runs: 2–5 min on a loaded 2-core machine
    const others: Finding[] = [];
    // Each screen's serious and critical findings fail it at once (soft: the walk goes on to the others).
    const findings = {
      push(...found: Finding[]) {
        expect.soft(failing(found), describeFindings(failing(found))).toEqual([]);
        others.push(...found.filter((f) => !failing([f]).length));
      },
    };
    const scanPopup = async (screen: string) => {
      findings.push(...(await scanPage(popup, screen)));
      expect.soft(await scrollsSideways(popup), `${screen} scrolls sideways at 360 px`).toBe(false);
    };
    await useTheme(context, popup, theme);
    await popup.reload();
    await expect(popup.locator('html')).toHaveAttribute('data-theme', theme);

    // First run, with the strength meter's advice showing.
    await expect(popup.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
    await scanPopup('create vault');
    await popup.getByLabel('New password', { exact: true }).fill('short');
    await scanPopup('create vault: weak password');
    await popup.getByLabel('New password', { exact: true }).fill('');

    const ids = await setupOperations(popup, exchangeUrl);
    for (const screen of POPUP_SCREENS) {
      await popup.evaluate((hash) => (window.location.hash = hash), screen.route.replace('{grid}', ids.grid));
      await screen.reach(popup, ids);
      await scanPopup(screen.name);
    }

    // Locked, then a wrong password.
    await popup.evaluate((hash) => (window.location.hash = hash), '/accounts');
    await popup.getByRole('button', { name: 'Lock now' }).click();
    await expect(popup.getByRole('heading', { name: 'Unlock Aster Companion' })).toBeVisible();
    await scanPopup('unlock');
    await unlock(popup, 'not-the-password-1');
    await expect(popup.getByRole('alert')).toBeVisible();
    await scanPopup('unlock: wrong password');
    await unlock(popup);
    await expect(popup.getByRole('button', { name: 'Lock now' })).toBeVisible();

    // The exchange: the connect prompt in the page's frame, then the in-page switcher.
    await rpc(popup, 'accounts.setActive', { id: ids.main });
    const page = await context.newPage();
    await page.emulateMedia({ colorScheme: theme });
    await page.goto(exchangeUrl);
    await page.getByRole('button', { name: 'Connect wallet' }).click();
    await page.getByRole('button', { name: /^Aster Companion.*EVM/ }).click();
    let prompt = await promptFrame(page);
    await expect(prompt.getByRole('heading', { name: 'Connect this site?' })).toBeVisible();
    await expect(prompt.getByRole('button', { name: 'Connect' })).toBeEnabled();
    // The framed prompt follows the system's scheme (it has no storage of its own in the exchange's page).
    expect(await prompt.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(BODY[theme]);
    findings.push(...(await scanFrame(prompt, 'prompt in the page: connect')));
    await prompt.getByRole('button', { name: 'Connect' }).click();
    await expect(page.getByTestId('wallet-state')).toContainText(/connected/i);

    await page.getByRole('button', { name: 'Sign in' }).click();
    prompt = await promptFrame(page);
    await expect(prompt.getByRole('button', { name: 'Approve' })).toBeEnabled();
    findings.push(...(await scanFrame(prompt, 'prompt in the page: signature')));
    await prompt.getByRole('button', { name: 'Approve' }).click();
    await expect(page.getByTestId('signed-in-address')).not.toBeEmpty();

    await findInShadow(page, 'button', /Switch account$/);
    expect(await exposeClosedRoots(page, ['aster-companion-switcher'])).toBe(1);
    expect(
      await page.evaluate(() => {
        const pill = document.querySelector('aster-companion-switcher')!.shadowRoot!.querySelector('.pill')!;
        return getComputedStyle(pill).backgroundColor;
      }),
    ).toBe(PANEL[theme]);
    findings.push(...(await scanPage(page, 'in-page switcher: closed', ['aster-companion-switcher'])));
    await findInShadow(page, 'button', /Switch account$/).then((pill) =>
      page.mouse.click(pill.center!.x, pill.center!.y),
    );
    await findInShadow(page, 'listbox', 'Accounts');
    findings.push(...(await scanPage(page, 'in-page switcher: open', ['aster-companion-switcher'])));
    await page.keyboard.press('Escape');

    // A new sub-account's one-time key: the key-capture panel inside the page's dialog.
    await page.getByLabel('Sub-account name').fill('AxeCheck01');
    await page.getByRole('button', { name: 'Create sub-account' }).click();
    prompt = await promptFrame(page);
    await expect(prompt.getByRole('button', { name: 'Approve' })).toBeEnabled();
    findings.push(...(await scanFrame(prompt, 'prompt in the page: create sub-account')));
    await prompt.getByRole('button', { name: 'Approve' }).click();
    await findInShadow(page, 'dialog', 'Save this key to Aster Companion');
    await findInShadow(page, 'button', 'Save to Aster Companion', 10_000, { enabled: true });
    expect(await exposeClosedRoots(page, ['aster-companion-capture'])).toBe(1);
    findings.push(...(await scanPage(page, 'in-page key capture', ['aster-companion-capture'])));
    await page.close();

    // The approval in the extension's own window: the prompt of a site the trader added (not framable).
    await popup.evaluate((hash) => (window.location.hash = hash), '/settings');
    await popup.getByLabel('Add an exchange site').fill('http://127.0.0.1');
    await popup.getByRole('button', { name: 'Add site' }).click();
    await popup
      .getByRole('alertdialog')
      .getByRole('button', { name: 'Add and allow signature requests' })
      .click();
    const site = await context.newPage();
    await site.goto(exchangeUrl.replace('localhost', '127.0.0.1'));
    await expect.poll(() => site.evaluate(() => 'ethereum' in window)).toBe(true);
    await site.getByRole('button', { name: 'Connect wallet' }).click();
    const before = new Set(context.pages());
    await site.getByRole('button', { name: /^Aster Companion.*EVM/ }).click();
    const find = () => context.pages().find((p) => !before.has(p) && p.url().includes('/approval.html'));
    await expect.poll(() => find() !== undefined).toBe(true);
    const approvalWindow = find()!;
    await approvalWindow.emulateMedia({ colorScheme: theme });
    await expect(approvalWindow.getByRole('button', { name: 'Connect' })).toBeEnabled();
    await expect(approvalWindow.locator('html')).toHaveAttribute('data-theme', theme);
    findings.push(...(await scanPage(approvalWindow, 'prompt in the extension window: connect')));

    if (others.length) console.log(`${theme}: moderate/minor findings\n${describeFindings(others)}`);
  });
}
