import { describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { ApprovalQueue } from './approvals';

const view = { origin: 'https://www.asterdex.com', kind: 'sign' as const };

function stubBrowser(shownInPage: boolean) {
  const created: string[] = [];
  vi.spyOn(browser.tabs, 'sendMessage').mockImplementation((async (
    _tab: number,
    message: { event: string },
  ) => (message.event === 'show-prompt' ? { shown: shownInPage } : undefined)) as never);
  (browser as unknown as { windows: object }).windows = {
    create: vi.fn(async ({ url }: { url: string }) => {
      created.push(url);
      return { id: 77 };
    }),
    remove: vi.fn(async () => undefined),
    onRemoved: { addListener: vi.fn() },
  };
  return created;
}

describe('approvals', () => {
  it('moves an in-page approval to a popup window only for its own tab, once', async () => {
    const created = stubBrowser(true);
    const queue = new ApprovalQueue();
    const decision = queue.request(view, 5);
    const id = await vi.waitFor(async () => {
      const stored = (await browser.storage.session.get('dapp.approvals'))['dapp.approvals'] as object;
      const pending = Object.keys(stored ?? {});
      expect(pending).toHaveLength(1);
      return pending[0]!;
    });
    await queue.moveToWindow(id, 6); // another tab's content script: nothing happens
    expect(created).toEqual([]);
    await queue.moveToWindow(id, 5);
    expect(created).toEqual([expect.stringMatching(/\/approval\.html\?id=/)]);
    expect(browser.tabs.sendMessage).toHaveBeenCalledWith(
      5,
      expect.objectContaining({ event: 'hide-prompt', approvalId: id }),
      { frameId: 0 },
    );
    await queue.moveToWindow(id, 5); // already in its window
    expect(created).toHaveLength(1);
    // Now the window answers for it.
    expect(await queue.belongsTo(id, 9, 77)).toBe(true);
    await queue.decide(id, { approve: false });
    await expect(decision).rejects.toMatchObject({ code: '4001' });
  });

  it('show in the page when it is visible, and in a popup window when it is not (or the vault is locked)', async () => {
    let created = stubBrowser(true);
    const queue = new ApprovalQueue();
    const first = queue.request(view, 5);
    await vi.waitFor(async () =>
      expect(await queue.belongsTo((await pendingId())!, 5, undefined)).toBe(true),
    );
    expect(created).toEqual([]);
    await queue.decide((await pendingId())!, { approve: false });
    await expect(first).rejects.toMatchObject({ code: '4001' });

    created = stubBrowser(false);
    const hidden = queue.request(view, 6);
    await vi.waitFor(() => expect(created).toHaveLength(1));
    expect(created[0]).toMatch(/\/approval\.html\?id=[0-9a-f-]+$/);
    // The window answers for the request: it may decide it, another tab may not.
    const id = (await pendingId())!;
    expect(await queue.belongsTo(id, 9, 77)).toBe(true);
    expect(await queue.belongsTo(id, 9, 78)).toBe(false);
    await queue.decide(id, { approve: true });
    await expect(hidden).resolves.toMatchObject({ approve: true });

    created = stubBrowser(true);
    const locked = queue.request(view, 7, { inWindow: true });
    await vi.waitFor(() => expect(created).toHaveLength(1));
    await queue.decide((await pendingId())!, { approve: false });
    await expect(locked).rejects.toMatchObject({ code: '4001' });
  });

  it('let one request per site wait, and cannot be answered twice', async () => {
    stubBrowser(true);
    const queue = new ApprovalQueue();
    const first = queue.request(view, 5);
    await vi.waitFor(async () => expect(await pendingId()).toBeDefined());
    await expect(queue.request(view, 5)).rejects.toMatchObject({ code: '-32002' });
    const id = (await pendingId())!;
    await queue.decide(id, { approve: true });
    await expect(first).resolves.toMatchObject({ approve: true });
    await expect(queue.decide(id, { approve: true })).rejects.toMatchObject({ code: '-32002' });
  });

  it('let the request go on as soon as the trader decides, even when recording the outcome fails', async () => {
    stubBrowser(true);
    const queue = new ApprovalQueue();
    const request = queue.request(view, 5);
    await vi.waitFor(async () => expect(await pendingId()).toBeDefined());
    const id = (await pendingId())!;
    const write = vi.spyOn(browser.storage.session, 'set').mockRejectedValue(new Error('QuotaExceededError'));
    await queue.decide(id, { approve: true });
    await expect(request).resolves.toMatchObject({ approve: true });
    // The prompt is taken down all the same, and the answer cannot be given twice.
    expect(browser.tabs.sendMessage).toHaveBeenCalledWith(
      5,
      expect.objectContaining({ event: 'hide-prompt', approvalId: id }),
      { frameId: 0 },
    );
    await expect(queue.decide(id, { approve: false })).rejects.toMatchObject({ code: '-32002' });
    write.mockRestore();
  });

  it('are expired, never answerable, after a worker restart', async () => {
    stubBrowser(true);
    const before = new ApprovalQueue();
    void before.request(view, 5).catch(() => undefined);
    await vi.waitFor(async () => expect(await pendingId()).toBeDefined());
    const id = (await pendingId())!;
    const restarted = new ApprovalQueue();
    await restarted.expireOrphans();
    expect((await restarted.get(id))?.status).toBe('expired');
    await expect(restarted.decide(id, { approve: true })).rejects.toMatchObject({ code: '-32002' });
  });
});

async function pendingId(): Promise<string | undefined> {
  const stored = (await browser.storage.session.get('dapp.approvals'))['dapp.approvals'] as
    Record<string, { id: string; status: string }> | undefined;
  return Object.values(stored ?? {}).find((a) => a.status === 'pending')?.id;
}

describe('a reloaded tab', () => {
  it('rejects only what was waiting before the reload, not the new document’s first request', async () => {
    stubBrowser(true);
    let now = 1_000;
    const queue = new ApprovalQueue(() => now);
    const old = queue.request(view, 5);
    await vi.waitFor(async () => expect(await pendingId()).toBeDefined());
    now = 2_000;
    await queue.rejectTab(5, 'The page was reloaded.', 1_500);
    await expect(old).rejects.toMatchObject({ code: '4001' });
    const fresh = queue.request(view, 5);
    await vi.waitFor(async () => expect(await pendingId()).toBeDefined());
    // A hello handled late, after the new request was created, leaves the new request alone.
    await queue.rejectTab(5, 'The page was reloaded.', 1_900);
    expect(await pendingId()).toBeDefined();
    await queue.decide((await pendingId())!, { approve: true });
    await expect(fresh).resolves.toMatchObject({ approve: true });
  });
});
