import { test as plain } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { extensionIdOf, launchWithExtension } from '../support/chromium';
import { rpc } from '../support/popup-rpc';
import { createVault, expect, PASSWORD, test } from './fixtures';

/**
 * The trader's language, in real Chromium: chosen in Settings (or on the first screens), followed at once by
 * the popup, kept across popup reopenings and service-worker restarts, and spoken by the background's own
 * errors; 'Browser language' follows the browser, whose language also names the extension and its shortcuts.
 */

const languageSelect = (page: import('@playwright/test').Page) =>
  page.getByRole('combobox', { name: /Language|语言|언어/ });

test('Settings → 한국어 and 简体中文: the popup, reopened popups, a restarted worker and its errors follow; Browser language returns to English', async ({
  popup,
  extensionId,
  openExtensionPage,
  stopServiceWorker,
}) => {
  await createVault(popup);
  await popup.evaluate(() => (location.hash = '#/settings'));
  const select = languageSelect(popup);
  await expect(select).toHaveValue('auto');
  await expect(select.locator('option')).toHaveText([
    'Browser language (English)',
    'English',
    '简体中文',
    '한국어',
  ]);
  await expect(select.locator('option[value="ko"]')).toHaveAttribute('lang', 'ko');

  // Korean at once, in this popup.
  await select.selectOption('ko');
  await expect(popup.getByRole('heading', { name: '자동 잠금' })).toBeVisible();
  await expect(popup.getByRole('heading', { name: 'Auto-lock' })).toHaveCount(0);
  await expect(popup.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(languageSelect(popup)).toHaveValue('ko');
  expect(await popup.evaluate(async () => (await chrome.storage.local.get('language')).language)).toBe('ko');

  // Closed and opened again: Korean from the first paint.
  await popup.close();
  const reopened = await openExtensionPage('popup.html#/settings');
  await expect(reopened.getByRole('heading', { name: '자동 잠금' })).toBeVisible();
  await expect(reopened.getByRole('heading', { name: '비밀번호 변경' })).toBeVisible();

  // A new service worker reads the choice before it answers: its errors are Korean.
  await stopServiceWorker();
  await rpc(reopened, 'vault.lock', {});
  await expect(reopened.getByRole('heading', { name: 'Aster Companion 잠금 해제' })).toBeVisible();
  await reopened.getByLabel('비밀번호', { exact: true }).fill('not the password');
  await reopened.getByRole('button', { name: '잠금 해제', exact: true }).click();
  await expect(reopened.getByRole('alert')).toHaveText('비밀번호가 틀렸습니다.');

  // The compact choice on the Unlock screen: Chinese, for the page and the background.
  await languageSelect(reopened).selectOption('zh_CN');
  await expect(reopened.getByRole('heading', { name: '解锁 Aster Companion' })).toBeVisible();
  await expect(reopened.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await reopened.getByLabel('密码', { exact: true }).fill('still not the password');
  await reopened.getByRole('button', { name: '解锁', exact: true }).click();
  await expect(reopened.getByRole('alert')).toHaveText(/^密码错误。/);

  // Back to the browser's language (English here).
  await languageSelect(reopened).selectOption('auto');
  await expect(reopened.getByRole('heading', { name: 'Unlock Aster Companion' })).toBeVisible();
  await expect(languageSelect(reopened).locator('option').first()).toHaveText('Browser language (English)');
  await expect(reopened.locator('html')).toHaveAttribute('lang', 'en');

  // Another extension page opened meanwhile follows a change made elsewhere.
  const other = await openExtensionPage(`popup.html?tab=1#/settings`);
  await expect(other.getByRole('heading', { name: 'Unlock Aster Companion' })).toBeVisible();
  await languageSelect(reopened).selectOption('ko');
  await expect(other.getByRole('heading', { name: 'Aster Companion 잠금 해제' })).toBeVisible();
  expect(extensionId).toBeTruthy();
});

plain(
  'in a Chinese browser with the choice on Browser language, the popup and the manifest texts are Chinese',
  async () => {
    const userDataDir = await mkdtemp(path.join(tmpdir(), 'aster-companion-e2e-zh-'));
    const context = await launchWithExtension(userDataDir, { uiLanguage: 'zh-CN' });
    try {
      const extensionId = await extensionIdOf(context);
      const popup = await context.newPage();
      await popup.setViewportSize({ width: 360, height: 600 });
      await popup.goto(`chrome-extension://${extensionId}/popup.html`);
      expect(await popup.evaluate(() => chrome.i18n.getUILanguage())).toBe('zh-CN');
      await expect(popup.getByRole('heading', { name: '创建您的保险库' })).toBeVisible();
      await expect(popup.locator('html')).toHaveAttribute('lang', 'zh-CN');
      const select = languageSelect(popup);
      await expect(select).toHaveValue('auto');
      await expect(select.locator('option').first()).toHaveText('浏览器语言（简体中文）');

      const manifest = await popup.evaluate(async () => ({
        self: await chrome.management.getSelf(),
        commands: await chrome.commands.getAll(),
      }));
      expect(manifest.self.name).toBe('Aster Companion');
      expect(manifest.self.description).toBe(
        'Aster 交易者的钱包助手：为主账户和子账户密钥提供加密保险库。与 Aster 官方无关。',
      );
      const descriptions = Object.fromEntries(manifest.commands.map((c) => [c.name, c.description]));
      expect(descriptions).toMatchObject({
        'next-account': '切换到下一个账户',
        'previous-account': '切换到上一个账户',
      });

      // The first screen works in that language: a too-short password is refused in Chinese.
      await popup.getByLabel('新密码', { exact: true }).fill('short');
      await expect(popup.getByText('强度：太短。至少使用 8 个字符。')).toBeVisible();
      await popup.getByLabel('新密码', { exact: true }).fill(PASSWORD);
      await popup.getByLabel('确认密码', { exact: true }).fill(PASSWORD);
      await popup.getByRole('button', { name: '创建保险库' }).click();
      await expect(popup.getByRole('heading', { name: '创建您的保险库' })).toHaveCount(0);
    } finally {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    }
  },
);
