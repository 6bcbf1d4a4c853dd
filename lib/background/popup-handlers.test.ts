import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Browser } from 'wxt/browser';
import { VaultDatabase } from '@/lib/vault/db';
import { Vault } from '@/lib/vault/vault';
import { listen } from './index';
import { createPopupServer, isExtensionPage } from './popup-handlers';

type Sender = Browser.runtime.MessageSender;
const PASSWORD = 'correct horse battery staple';
const popupSender: Sender = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') };
const pageSender: Sender = {
  id: fakeBrowser.runtime.id,
  url: 'https://evil.example/',
  tab: { id: 3 } as never,
};

function setup() {
  const vault = new Vault({ db: new VaultDatabase(`handlers-${crypto.randomUUID()}`), kdfIterations: 1000 });
  const server = createPopupServer(vault);
  const call = (method: string, params: unknown, sender: Sender = popupSender) =>
    server.handle({ channel: 'popup', method, params }, sender)!;
  return { vault, server, call };
}

describe('the popup channel', () => {
  it('accepts only the extension’s own pages', () => {
    expect(isExtensionPage(popupSender)).toBe(true);
    expect(isExtensionPage(pageSender)).toBe(false);
    expect(
      isExtensionPage({ id: 'another-extension', url: 'chrome-extension://another-extension/popup.html' }),
    ).toBe(false);
    expect(isExtensionPage({ id: fakeBrowser.runtime.id })).toBe(false);
  });

  it('refuses a content script or web page with a clear error and changes nothing', async () => {
    const { call, vault } = setup();
    expect(await call('vault.create', { password: PASSWORD }, pageSender)).toEqual({
      ok: false,
      error: { code: 'unauthorized', message: 'This sender may not call that.' },
    });
    expect((await vault.state()).status).toBe('uninitialized');
  });

  it('ignores other channels and answers malformed envelopes, unknown methods and bad params', async () => {
    const { server, call, vault } = setup();
    expect(
      server.handle({ channel: 'page', method: 'vault.create', params: {} }, popupSender),
    ).toBeUndefined();
    expect(server.handle('vault.create', popupSender)).toBeUndefined();
    expect(server.handle(null, popupSender)).toBeUndefined();
    const malformed = await server.handle({ channel: 'popup', method: 42, params: {} }, popupSender)!;
    expect(malformed).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const extra = await server.handle(
      { channel: 'popup', method: 'ping', params: {}, from: 'x' },
      popupSender,
    )!;
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await call('__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(await call('toString', {})).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(await call('vault.create', { password: 42 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-params', message: expect.stringContaining('password') },
    });
    expect(await call('vault.create', { password: PASSWORD, extra: true })).toMatchObject({
      ok: false,
      error: { code: 'invalid-params' },
    });
    expect(await call('vault.create', { password: 'x'.repeat(2000) })).toMatchObject({
      ok: false,
      error: { code: 'invalid-params' },
    });
    expect(await call('vault.reset', { confirmation: 'reset' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-params' },
    });
    expect(await call('settings.setAutoLock', { autoLockMs: -5 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-params' },
    });
    expect((await vault.state()).status).toBe('uninitialized');
  });

  it('runs the vault’s life cycle and reports vault errors by code', async () => {
    const { call } = setup();
    expect(await call('vault.create', { password: PASSWORD })).toMatchObject({
      ok: true,
      result: { status: 'unlocked', autoLockMs: 15 * 60_000 },
    });
    expect(await call('vault.lock', {})).toMatchObject({ ok: true, result: { status: 'locked' } });
    expect(await call('vault.unlock', { password: 'wrong password' })).toEqual({
      ok: false,
      error: { code: 'wrong-password', message: 'Wrong password.', retryAfterMs: 0 },
    });
    expect(await call('vault.unlock', { password: PASSWORD })).toMatchObject({
      ok: true,
      result: { status: 'unlocked' },
    });
    expect(
      await call('vault.changePassword', { oldPassword: PASSWORD, newPassword: PASSWORD }),
    ).toMatchObject({
      ok: false,
      error: { code: 'same-password' },
    });
    expect(await call('settings.setAutoLock', { autoLockMs: 1234 })).toMatchObject({
      ok: false,
      error: { code: 'corrupt', message: 'That auto-lock period is not offered.' },
    });
    expect(await call('settings.setAutoLock', { autoLockMs: null })).toMatchObject({
      ok: true,
      result: { autoLockMs: null, lockDeadline: null },
    });
    expect(await call('vault.reset', { confirmation: 'RESET' })).toMatchObject({
      ok: true,
      result: { status: 'uninitialized' },
    });
  });

  it('never puts an unexpected error’s text in the answer', async () => {
    const { vault, call } = setup();
    vault.state = async () => {
      throw new Error('secret 0xdeadbeef inside');
    };
    const response = await call('vault.state', {});
    expect(JSON.stringify(response)).not.toContain('deadbeef');
    expect(response).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('answers through runtime messaging in the fake browser as in Chromium', async () => {
    const { server } = setup();
    listen([server]);
    // fakeBrowser sends an empty sender: the popup channel refuses it, which proves the answer came back.
    expect(
      await fakeBrowser.runtime.sendMessage({ channel: 'popup', method: 'ping', params: {} }),
    ).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
  });
});
