import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import type { HomeSnapshot } from '@/lib/messaging/home-api';
import { useAccountsStore } from '../stores/accounts-store';
import { loadEarly, takeEarlyLoad } from './home-store';

const snapshot = (name: string): HomeSnapshot => ({
  networkId: 'mainnet',
  accounts: [
    {
      id: 'a1',
      kind: 'evm',
      role: 'master',
      parentId: null,
      name,
      address: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
      status: 'NORMAL',
      hasKey: true,
    } as HomeSnapshot['accounts'][number],
  ],
  activeId: 'a1',
  balances: {},
  refresh: null,
});

describe('home’s early snapshot (sent by the popup’s early script)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    useAccountsStore.setState({ accounts: null, activeId: null });
  });

  it('is applied to the accounts before home shows, and home then asks nothing more', async () => {
    const send = vi.spyOn(browser.runtime, 'sendMessage');
    await loadEarly(Promise.resolve({ ok: true, result: snapshot('MainDesk') }));
    expect(useAccountsStore.getState().accounts?.map((a) => a.name)).toEqual(['MainDesk']);
    await takeEarlyLoad();
    expect(send).not.toHaveBeenCalled();
    // Taken once: a later load is home's own.
    expect(takeEarlyLoad()).toBeNull();
  });

  it('refused (a locked vault), is asked again by home when it shows, refresh on', async () => {
    const send = vi
      .spyOn(browser.runtime, 'sendMessage')
      .mockResolvedValue({ ok: true, result: snapshot('AfterUnlock') } as never);
    await loadEarly(Promise.resolve({ ok: false, error: { code: 'locked', message: 'Locked' } }));
    expect(useAccountsStore.getState().accounts).toBeNull();
    await takeEarlyLoad();
    expect(send).toHaveBeenCalledTimes(1);
    expect(send.mock.calls[0]![0]).toMatchObject({ method: 'aster.home', params: { refresh: true } });
    expect(useAccountsStore.getState().accounts?.map((a) => a.name)).toEqual(['AfterUnlock']);
  });

  it('never rejects: a lost answer leaves home to ask', async () => {
    await expect(loadEarly(Promise.reject(new Error('worker stopped')))).resolves.toBeUndefined();
    vi.spyOn(browser.runtime, 'sendMessage').mockResolvedValue({
      ok: true,
      result: snapshot('Again'),
    } as never);
    await takeEarlyLoad();
    expect(useAccountsStore.getState().accounts?.map((a) => a.name)).toEqual(['Again']);
  });
});
