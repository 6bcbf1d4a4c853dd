import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import * as v from 'valibot';
import { accountsChangedEvent, type AccountsChangedEvent } from '@/lib/messaging/popup-api';
import { DEMO_KEYS } from '@/simulator/keys';
import { dappBackground, mainDeskAndGrid } from '@/tests/support/dapp-background';

/** A switch tells open extension pages the new active id, and only that: they need not read the list. */
let events: unknown[];
let popup: ReturnType<typeof dappBackground>['popup'];
let ids: { main: string; grid: string };

beforeEach(async () => {
  fakeBrowser.tabs.sendMessage = (async () => undefined) as never;
  ({ popup } = dappBackground('accounts-changed', async () => ({ approve: true })));
  ids = await mainDeskAndGrid(popup, 'Follow-password-42');
  events = [];
  fakeBrowser.runtime.onMessage.addListener((message) => void events.push(message));
});

describe('accounts.changed on a switch', () => {
  it('carries the new active id, valid by the pages’ schema, with no key material', async () => {
    await popup('accounts.setActive', { id: ids.grid });
    const expected: AccountsChangedEvent = {
      channel: 'event',
      event: 'accounts.changed',
      activeId: ids.grid,
    };
    expect(events).toEqual([expected]);
    expect(v.is(accountsChangedEvent, events[0])).toBe(true);
    expect(JSON.stringify(events)).not.toContain(DEMO_KEYS.evmSubGrid.privateKey.slice(2));
  });

  it('is sent once the new id is stored: the background answers it to a page asking then', async () => {
    const answers: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((message) => {
      if (v.is(accountsChangedEvent, message)) {
        void popup('accounts.active', {}).then((active) => answers.push(active));
      }
    });
    await popup('accounts.setActive', { id: ids.grid });
    await popup('accounts.setActive', { id: ids.main });
    // The event goes out after the exchange tabs were told: the last answer may come after setActive's.
    await vi.waitFor(() => expect(answers).toEqual([ids.grid, ids.main]));
  });

  it('is not sent for an unknown account (nothing changed)', async () => {
    await expect(popup('accounts.setActive', { id: crypto.randomUUID() })).rejects.toThrow();
    expect(events).toEqual([]);
  });

  it('rejects key material and unknown fields at the pages’ schema', () => {
    const base = { channel: 'event', event: 'accounts.changed' };
    expect(v.is(accountsChangedEvent, base)).toBe(true);
    expect(v.is(accountsChangedEvent, { ...base, key: DEMO_KEYS.evmMaster.privateKey })).toBe(false);
    expect(v.is(accountsChangedEvent, { ...base, activeId: 'not-an-id' })).toBe(false);
  });
});
