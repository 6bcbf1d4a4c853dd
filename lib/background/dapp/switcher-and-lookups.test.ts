import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { subAccountTransferMessage } from '@/lib/aster/messages';
import { asterMessageTypedData } from '@/lib/aster/typed-data';
import type { SigningSummary } from '@/lib/aster/decode';
import { PAGE_CHANNEL, type PageEvent, type SwitcherAccount } from '@/lib/messaging/page-api';
import type { RpcResponse, RpcServer } from '@/lib/messaging/rpc';
import type { Vault } from '@/lib/vault/vault';
import { DEMO_KEYS } from '@/simulator/keys';
import { connectSite, dappBackground, mainDeskAndGrid, pageSender } from '@/tests/support/dapp-background';

/**
 * What a switch sends every exchange tab stays the same size at any number of accounts (the closed
 * switcher's state; the list only when the trader opens it), and a signing summary still names every party
 * of the vault, read from the worker's cached accounts, as they are after a change.
 */

const k = DEMO_KEYS;
const EXCHANGE = 'http://localhost:5173';
const page = pageSender(EXCHANGE);
const stranger: Browser.runtime.MessageSender = {
  ...page,
  url: 'https://evil.example/',
  origin: 'https://evil.example',
};

let pageServer: RpcServer;
let popup: (method: string, params: object) => Promise<{ id: string }>;
let sent: PageEvent[];
let approvals: ReturnType<typeof dappBackground>['approvals'];
let vault: Vault;
let ids: { main: string; grid: string };

beforeEach(async () => {
  sent = [];
  fakeBrowser.tabs.sendMessage = vi.fn(async (_tab: number, event: PageEvent) => {
    sent.push(event);
  }) as never;
  ({ vault, approvals, pageServer, popup } = dappBackground('switcher', async () => ({ approve: true })));
  ids = await mainDeskAndGrid(popup, 'Switcher-password-42');
  await popup('accounts.setActive', { id: ids.main });
  await connectSite(vault, EXCHANGE, [ids.main]);
});

async function pageCall<T>(method: string, params: object = {}, sender = page): Promise<RpcResponse<T>> {
  return (await pageServer.handle({ channel: PAGE_CHANNEL, method, params }, sender)) as RpcResponse<T>;
}
const resultOf = <T>(response: RpcResponse<T>): T => {
  if (!response.ok) throw new Error(response.error.message);
  return response.result;
};
const addSubs = async (count: number) => {
  for (let i = 0; i < count; i++)
    await popup('accounts.generate', { parentId: ids.main, name: `Extra${i}x1` });
};

describe('the in-page switcher', () => {
  it('a closed switcher gets the active account only, the same bytes with 2 accounts or 15', async () => {
    const small = resultOf(await pageCall('switcher.state'));
    expect(small).toEqual({ locked: false, active: { id: ids.main, name: 'MainDesk' }, hasAccounts: true });
    await addSubs(13);
    const large = resultOf(await pageCall('switcher.state'));
    expect(JSON.stringify(large)).toBe(JSON.stringify(small));
  });

  it('the open switcher asks for the list: every account with a key, in list order, masters named', async () => {
    await popup('accounts.add', {
      role: 'master',
      kind: 'evm',
      name: 'Cold',
      watchAddress: k.evmMasterAgent.address,
    });
    const list = resultOf(await pageCall<SwitcherAccount[]>('switcher.accounts'));
    expect(list).toEqual([
      { id: ids.main, name: 'MainDesk', kind: 'evm', role: 'master', address: k.evmMaster.address },
      {
        id: ids.grid,
        name: 'Grid01',
        kind: 'evm',
        role: 'sub',
        address: k.evmSubGrid.address,
        masterName: 'MainDesk',
      },
    ]);
  });

  it('locked: nothing to show and no list; a foreign page gets neither', async () => {
    await vault.lock();
    expect(resultOf(await pageCall('switcher.state'))).toEqual({
      locked: true,
      active: null,
      hasAccounts: false,
    });
    expect(resultOf(await pageCall('switcher.accounts'))).toEqual([]);
    await vault.unlock('Switcher-password-42');
    for (const method of ['switcher.state', 'switcher.accounts'])
      expect((await pageCall(method, {}, stranger)).ok).toBe(false);
  });

  it('a switch sends each tab its provider state with the closed switcher’s, never the list', async () => {
    await pageCall('hello', {});
    await addSubs(13);
    sent.length = 0;
    resultOf(await pageCall('switcher.select', { id: ids.grid }));
    const states = sent.filter((event) => event.event === 'state');
    expect(states).toHaveLength(1);
    expect(states[0]).toMatchObject({
      state: { evmAccounts: [k.evmSubGrid.address.toLowerCase()] },
      switcher: { locked: false, active: { id: ids.grid, name: 'Grid01' }, hasAccounts: true },
    });
    expect(JSON.stringify(states[0])).not.toContain('Extra');
  });
});

describe('signing summaries from the cached accounts', () => {
  const transferToGrid = () =>
    asterMessageTypedData(
      subAccountTransferMessage({
        toAccountAddress: k.evmSubGrid.address,
        asset: 'USDT',
        amount: '10',
        kindType: 'FUTURE_FUTURE',
        nonce: Date.now() * 1000,
        user: k.evmMaster.address,
        signer: k.evmMaster.address,
      }).msg,
      1666,
    );
  const summaryOfTransfer = async (): Promise<SigningSummary> => {
    approvals.mockClear();
    const response = await pageCall('request', {
      method: 'eth_signTypedData_v4',
      params: [k.evmMaster.address, JSON.stringify(transferToGrid())],
    });
    expect(response.ok).toBe(true);
    return (approvals.mock.calls[0]![0] as { summary: SigningSummary }).summary;
  };

  it('names both parties, warns of a recipient not backed up, and follows a rename and a backup', async () => {
    const first = await summaryOfTransfer();
    expect(first.parties.map((p) => [p.role, p.name])).toEqual([
      ['from', 'MainDesk'],
      ['to', 'Grid01'],
    ]);
    expect(first.verdict.codes).toContain('recipient-not-backed-up');
    await popup('accounts.rename', { id: ids.grid, name: 'Scalper07' });
    const renamed = await summaryOfTransfer();
    expect(renamed.parties.map((p) => p.name)).toEqual(['MainDesk', 'Scalper07']);
    expect(renamed.verdict.reasons.join(' ')).toContain('Scalper07');
    await vault.database.accounts.update(ids.grid, {
      backup: { state: 'backed-up', method: 'reveal', at: Date.now() },
    });
    expect((await summaryOfTransfer()).verdict.codes).not.toContain('recipient-not-backed-up');
  });

  it('a removed recipient is no longer named as the vault’s', async () => {
    await popup('accounts.remove', { id: ids.grid, confirmation: 'Grid01' });
    const summary = await summaryOfTransfer();
    expect(summary.parties.find((p) => p.role === 'to')?.name).not.toBe('Grid01');
  });
});
