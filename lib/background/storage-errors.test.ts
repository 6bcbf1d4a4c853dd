import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { VaultDatabase } from '@/lib/vault/db';
import { Vault } from '@/lib/vault/vault';
import { createPopupServer, describeVaultError } from './popup-handlers';
import { isStorageFull, storageFullMessage } from './storage-errors';

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('a full storage', () => {
  it('is recognised however the browser or Dexie wraps it', () => {
    expect(isStorageFull(quota())).toBe(true);
    expect(isStorageFull(new Dexie.AbortError('Transaction aborted', quota()))).toBe(true);
    expect(isStorageFull(new Dexie.BulkError('1 of 2 failed', { 1: quota() }))).toBe(true);
    expect(isStorageFull(new Error('Write failed', { cause: quota() }))).toBe(true);
    expect(isStorageFull(new Error('QUOTA_BYTES quota exceeded'))).toBe(true);
    expect(isStorageFull(new Dexie.AbortError('Transaction aborted', new Error('disk I/O')))).toBe(false);
    expect(isStorageFull(new TypeError('x'))).toBe(false);
    expect(isStorageFull(null)).toBe(false);
    // A cycle does not loop.
    const a: { name: string; inner?: unknown } = { name: 'AbortError' };
    a.inner = a;
    expect(isStorageFull(a)).toBe(false);
  });

  it('is described for both channels (popup and exchange page); other unexpected errors stay unexplained', () => {
    expect(describeVaultError(new Dexie.AbortError('aborted', quota()))).toEqual({
      code: 'storage-full',
      message: storageFullMessage(),
    });
    expect(describeVaultError(new TypeError('secret detail'))).toBeUndefined();
  });

  it('is told in words by the popup server (not "something went wrong"), and nothing is half-saved', async () => {
    const db = new VaultDatabase(`quota-${crypto.randomUUID()}`);
    const vault = new Vault({ db, kdfIterations: 1000 });
    const server = createPopupServer(vault);
    const sender = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') };
    const call = (method: string, params: unknown) =>
      server.handle({ channel: 'popup', method, params }, sender)!;
    await vault.create('correct horse battery staple');
    const add = (name: string, key: string) =>
      call('accounts.add', { role: 'master', kind: 'evm', name, key });
    expect(
      await add('Main', '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318'),
    ).toMatchObject({ ok: true });
    const full = () => {
      throw quota();
    };
    db.secrets.hook('creating', full);
    const refused = await add('Second', '59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d');
    expect(refused).toEqual({ ok: false, error: { code: 'storage-full', message: storageFullMessage() } });
    db.secrets.hook('creating').unsubscribe(full);
    expect(await call('accounts.list', {})).toMatchObject({ ok: true, result: [{ name: 'Main' }] });
    expect(await db.secrets.count()).toBe(1);
    expect(
      await add('Second', '59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d'),
    ).toMatchObject({ ok: true });
  });
});
