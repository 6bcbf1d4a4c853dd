import type { Page } from '@playwright/test';
import { rpc } from '../support/popup-rpc';
import { DEMO_KEYS } from '../../simulator/keys';
import { createVault, expect, test, unlock } from './fixtures';

/**
 * The popup's first screen, in the built extension: what `npm run bench` times ("Lock now" in the DOM) is the
 * whole home, and the page runs its own code only, asking the background what it shows once.
 */

/** Records, before any of the page's code runs, each call it sends and what the DOM held when "Lock now" came. */
const RECORDER = `
  window.__sent = [];
  const send = chrome.runtime.sendMessage.bind(chrome.runtime);
  chrome.runtime.sendMessage = (message, ...rest) => {
    window.__sent.push(message && message.method);
    return send(message, ...rest);
  };
  const observer = new MutationObserver(() => {
    for (const button of document.querySelectorAll('button')) {
      if (button.textContent.trim() === 'Lock now') {
        window.__atLockNow = {
          options: document.querySelectorAll('[role="option"]').length,
          text: document.body.innerText,
        };
        observer.disconnect();
        return;
      }
    }
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
`;

async function openRecorded(popup: Page): Promise<Page> {
  const tab = await popup.context().newPage();
  await tab.setViewportSize({ width: 360, height: 600 });
  await tab.addInitScript(RECORDER);
  await tab.goto(popup.url());
  return tab;
}

const sent = (tab: Page) => tab.evaluate(() => (window as unknown as { __sent: string[] }).__sent);

test('the unlocked popup’s first screen is the whole home: its list is there when "Lock now" is, from one aster.home call', async ({
  popup,
}) => {
  await createVault(popup);
  const main = await rpc<{ id: string }>(popup, 'accounts.add', {
    role: 'master',
    kind: 'evm',
    name: 'MainDesk',
    key: DEMO_KEYS.evmMaster.privateKey,
  });
  await rpc(popup, 'accounts.setActive', { id: main.id });

  const tab = await openRecorded(popup);
  await expect(tab.getByRole('option', { name: /^MainDesk\b/ })).toBeVisible();
  const atLockNow = await tab.evaluate(
    () => (window as unknown as { __atLockNow: { options: number; text: string } }).__atLockNow,
  );
  expect(atLockNow.options).toBeGreaterThan(0);
  expect(atLockNow.text).toContain('MainDesk family');
  expect(atLockNow.text).not.toContain('Loading');
  // Asked once each, early.
  const methods = await sent(tab);
  expect(methods.filter((m) => m === 'aster.home')).toHaveLength(1);
  expect(methods.filter((m) => m === 'vault.state')).toHaveLength(1);
});

test('opened locked, the popup lists the accounts once unlocked (the early home call, refused, is asked again)', async ({
  popup,
}) => {
  await createVault(popup);
  await rpc(popup, 'accounts.add', {
    role: 'master',
    kind: 'evm',
    name: 'MainDesk',
    key: DEMO_KEYS.evmMaster.privateKey,
  });
  await rpc(popup, 'vault.lock', {});

  const tab = await openRecorded(popup);
  await expect(tab.getByRole('button', { name: 'Unlock' })).toBeVisible();
  await unlock(tab);
  await expect(tab.getByRole('option', { name: /^MainDesk\b/ })).toBeVisible();
  await expect(tab.getByText('Loading accounts…')).toBeHidden();
  expect((await sent(tab)).filter((m) => m === 'aster.home')).toHaveLength(2);
});

test('opened at another route, the popup does not ask for home early', async ({ popup }) => {
  await createVault(popup);
  const tab = await popup.context().newPage();
  await tab.addInitScript(RECORDER);
  await tab.goto(`${popup.url()}#/settings`);
  await expect(tab.getByRole('button', { name: 'Lock now' })).toBeVisible();
  expect(await sent(tab)).not.toContain('aster.home');
});

test('the popup page runs its own code only: no prompt is rendered in it, nor its approval asked for', async ({
  popup,
}) => {
  await createVault(popup);
  const tab = await openRecorded(popup);
  await expect(tab.getByRole('button', { name: 'Lock now' })).toBeVisible();
  // What the prompt's page script would do on mount (scripts/page-chunks.ts keeps it in its own chunk).
  await tab.waitForTimeout(500);
  expect((await sent(tab)).filter((m) => m.startsWith('approval.'))).toEqual([]);
  await expect(tab.getByText('This request is no longer waiting')).toHaveCount(0);
});
