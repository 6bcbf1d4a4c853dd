import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as v from 'valibot';
import { recoverMessageAddress } from 'viem';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PAGE_CHANNEL, type PageEvent } from '@/lib/messaging/page-api';
import { accountsChangedEvent } from '@/lib/messaging/popup-api';
import type { RpcResponse, RpcServer } from '@/lib/messaging/rpc';
import type { Vault } from '@/lib/vault/vault';
import { DEMO_KEYS } from '@/simulator/keys';
import { connectSite, dappBackground, mainDeskAndGrid, pageSender } from '@/tests/support/dapp-background';

/**
 * What a switch promises, in order: the new id is stored before any exchange tab hears of it, the tabs hear
 * of it before extension pages do, and switches made in a burst reach each tab in the order they were made.
 * Then the re-login: Aster's exact login text is signed without a prompt only under standing consent, by the
 * account just switched to.
 */
const EXCHANGE = 'http://localhost:5173';
const page = pageSender(EXCHANGE);
const main = DEMO_KEYS.evmMaster.address.toLowerCase();
const grid = DEMO_KEYS.evmSubGrid.address.toLowerCase();

/** What reached whom, in order: `tab:<address>` for an exchange tab's state, `pages:<id>` for extension pages. */
let log: string[];
/** Runs before a tab's state is recorded (a slow tab, or a look at the vault at that moment). */
let delivering: (event: PageEvent) => Promise<void>;
let vault: Vault;
let pageServer: RpcServer;
let popup: ReturnType<typeof dappBackground>['popup'];
let approvals: ReturnType<typeof dappBackground>['approvals'];
let ids: { main: string; grid: string };

beforeEach(async () => {
  log = [];
  delivering = async () => undefined;
  fakeBrowser.tabs.sendMessage = vi.fn(async (_tab: number, event: PageEvent) => {
    await delivering(event);
    if (event.event === 'state') log.push(`tab:${event.state.evmAccounts[0] ?? 'none'}`);
  }) as never;
  ({ vault, pageServer, popup, approvals } = dappBackground('switch-order', async () => ({ approve: true })));
  ids = await mainDeskAndGrid(popup, 'Order-password-42');
  await popup('accounts.setActive', { id: ids.main });
  await connectSite(vault, EXCHANGE, [ids.main], true);
  await pageCall('hello', {});
  fakeBrowser.runtime.onMessage.addListener((message) => {
    if (v.is(accountsChangedEvent, message) && message.activeId) log.push(`pages:${message.activeId}`);
  });
  log.length = 0;
  approvals.mockClear();
});

async function pageCall<T>(method: string, params: object): Promise<RpcResponse<T>> {
  return (await pageServer.handle({ channel: PAGE_CHANNEL, method, params }, page)) as RpcResponse<T>;
}
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const storedActive = () => vault.database.getMeta('activeAccountId');

describe('a switch, in order', () => {
  it('stores the new id before any tab hears of it: a slow write holds the tabs back', async () => {
    const putMeta = vault.database.putMeta.bind(vault.database);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    vi.spyOn(vault.database, 'putMeta').mockImplementation(async (key, value) => {
      await held;
      return putMeta(key, value);
    });
    delivering = async () => void log.push(`stored:${(await storedActive()) === ids.grid}`);
    const switching = popup('accounts.setActive', { id: ids.grid });
    await wait(30);
    expect(log).toEqual([]);
    release();
    await switching;
    expect(log).toEqual(['stored:true', `tab:${grid}`, `pages:${ids.grid}`]);
  });

  it('a write that fails tells no tab and no page, and the previous account stays active', async () => {
    vi.spyOn(vault.database, 'putMeta').mockRejectedValueOnce(new Error('QuotaExceededError'));
    await expect(popup('accounts.setActive', { id: ids.grid })).rejects.toThrow();
    await wait(10);
    expect(log).toEqual([]);
    expect(await storedActive()).toBe(ids.main);
  });

  it('tells the exchange tabs before extension pages, even when a tab is slow to take it', async () => {
    delivering = async () => void (await wait(30));
    await popup('accounts.setActive', { id: ids.grid });
    await vi.waitFor(() => expect(log).toHaveLength(2));
    expect(log).toEqual([`tab:${grid}`, `pages:${ids.grid}`]);
  });

  it('a burst of switches reaches the tab in the order made: its last state is the account stored last', async () => {
    // The first switch's tab message is slow: a second switch must not overtake it.
    delivering = async (event) => {
      if (event.event === 'state' && event.state.evmAccounts[0] === grid) await wait(40);
    };
    await Promise.all([
      popup('accounts.setActive', { id: ids.grid }),
      popup('accounts.setActive', { id: ids.main }),
    ]);
    await vi.waitFor(() => expect(log).toHaveLength(4));
    expect(log).toEqual([`tab:${grid}`, `pages:${ids.grid}`, `tab:${main}`, `pages:${ids.main}`]);
    expect(await storedActive()).toBe(ids.main);
  });

  it('the switcher in the tab names the account switched to, in the same message', async () => {
    const events: PageEvent[] = [];
    delivering = async (event) => void events.push(event);
    await popup('accounts.setActive', { id: ids.grid });
    expect(events).toEqual([
      {
        channel: 'page-event',
        event: 'state',
        state: { chainId: '0x38', evmAccounts: [grid], solanaAccounts: [] },
        switcher: { locked: false, active: { id: ids.grid, name: 'Grid01' }, hasAccounts: true },
      },
    ]);
  });
});

describe('the re-login after a switch', () => {
  const loginText = 'You are signing into Astherus 1733130000123';
  const sign = (message: string, from: string) =>
    pageCall<string>('request', { method: 'personal_sign', params: [message, from] });

  it('signs Aster’s exact login text under standing consent, with no prompt, as the new account', async () => {
    await popup('accounts.setActive', { id: ids.grid });
    const response = await sign(loginText, grid);
    expect(response.ok).toBe(true);
    if (!response.ok) return;
    expect(
      (
        await recoverMessageAddress({ message: loginText, signature: response.result as `0x${string}` })
      ).toLowerCase(),
    ).toBe(grid);
    expect(approvals).not.toHaveBeenCalled();
  });

  it('refuses the login for the account switched away from (4100), with no prompt', async () => {
    await popup('accounts.setActive', { id: ids.grid });
    const response = await sign(loginText, main);
    expect(response).toMatchObject({ ok: false, error: { code: '4100' } });
    expect(approvals).not.toHaveBeenCalled();
  });

  it('asks when the text is not exactly the login text, or the site has no standing consent', async () => {
    await popup('accounts.setActive', { id: ids.grid });
    // A look-alike of the login text is asked about (and blocked by the rules): never signed silently.
    await sign(`${loginText} and more`, grid);
    expect(approvals).toHaveBeenCalledTimes(1);
    await connectSite(vault, EXCHANGE, [ids.grid], false);
    expect((await sign(loginText, grid)).ok).toBe(true);
    expect(approvals).toHaveBeenCalledTimes(2);
  });

  it('a site no longer connected gets 4100 and nothing is signed', async () => {
    await popup('accounts.setActive', { id: ids.grid });
    await vault.database.connections.delete(EXCHANGE);
    expect(await sign(loginText, grid)).toMatchObject({ ok: false, error: { code: '4100' } });
    expect(approvals).not.toHaveBeenCalled();
  });
});
