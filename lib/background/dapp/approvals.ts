import { browser } from 'wxt/browser';
import type { ApprovalView, PageEvent } from '@/lib/messaging/page-api';
import { PAGE_EVENT_CHANNEL } from '@/lib/messaging/page-api';
import { ProviderErrors } from './errors';

/** How long an approval waits for the trader before it is rejected (4001). */
export const APPROVAL_TIMEOUT_MS = 5 * 60_000;
const SESSION_KEY = 'dapp.approvals';

export interface ApprovalDecision {
  approve: boolean;
  /** Connect prompts: standing consent to sign Aster's login message on this origin without a prompt. */
  autoLogin?: boolean;
  /** Connect prompts: the one account the site may see, instead of following the active account. */
  accountId?: string;
}

interface StoredApproval extends ApprovalView {
  tabId: number;
  windowId?: number;
}

interface Waiter {
  /** The approval as shown: decisions are checked against this copy, without a storage read. */
  approval: StoredApproval;
  resolve(decision: ApprovalDecision): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Pending approvals: shown in the page (an extension iframe the content script places over it) or, when the
 * tab is hidden, the vault locked, or the page's prompt cannot be proven seen, in a popup window
 * (approval.html). Each is kept in storage.session so the prompt page can read it; the
 * promise waiting for the answer lives only in this worker. After a worker restart an approval without a
 * waiter can no longer be approved: it is marked expired, and the page got 4900 — never a late signature.
 */
export class ApprovalQueue {
  private readonly waiters = new Map<string, Waiter>();
  /** Serialises read-modify-write of the stored approvals. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly now: () => number = Date.now) {}

  /** Registers listeners; call synchronously at worker start. */
  listen(): void {
    browser.tabs.onRemoved.addListener(
      (tabId) => void this.rejectWhere((a) => a.tabId === tabId, 'The tab was closed.'),
    );
    browser.windows?.onRemoved.addListener(
      (windowId) => void this.rejectWhere((a) => a.windowId === windowId, 'The prompt window was closed.'),
    );
  }

  /** Marks approvals left by a previous worker as expired: nobody waits for them any more. */
  async expireOrphans(): Promise<void> {
    const stored = await this.read();
    if (!Object.values(stored).some((a) => a.status === 'pending' && !this.waiters.has(a.id))) return;
    await this.update((all) => {
      for (const approval of Object.values(all)) {
        if (approval.status === 'pending' && !this.waiters.has(approval.id)) approval.status = 'expired';
      }
    });
  }

  /**
   * Shows the approval and waits for the trader's decision (rejects with 4001 on reject, close or timeout).
   * One request per site waits at a time, so a page cannot stack prompts (-32002, as MetaMask answers).
   */
  async request(
    view: Omit<ApprovalView, 'id' | 'status' | 'createdAt' | 'expiresAt'>,
    tabId: number,
    { inWindow = false }: { inWindow?: boolean } = {},
  ): Promise<ApprovalDecision> {
    const id = crypto.randomUUID();
    const createdAt = this.now();
    const approval: StoredApproval = {
      ...view,
      id,
      tabId,
      status: 'pending',
      createdAt,
      expiresAt: createdAt + APPROVAL_TIMEOUT_MS,
    };
    const accepted = await this.update((all) => {
      const busy = Object.values(all).some(
        (a) => a.status === 'pending' && a.origin === view.origin && this.waiters.has(a.id),
      );
      if (!busy) all[id] = approval;
      return !busy;
    });
    if (!accepted) {
      throw ProviderErrors.resourceUnavailable(
        `A request from ${view.origin} is already waiting for your approval in Aster Companion.`,
      );
    }
    const decision = new Promise<ApprovalDecision>((resolve, reject) => {
      const timer = setTimeout(
        () => void this.finish(id, 'expired', undefined, 'The request timed out.'),
        APPROVAL_TIMEOUT_MS,
      );
      this.waiters.set(id, { approval, resolve, reject, timer });
    });
    await this.show(approval, inWindow);
    return decision;
  }

  async get(id: string): Promise<ApprovalView | undefined> {
    const approval = (await this.read())[id];
    if (!approval) return undefined;
    // Not the tab or window ids: the prompt page needs only what it shows.
    const { tabId, windowId, ...view } = approval;
    return view;
  }

  /** Whether `tabId` may answer approval `id` (the prompt frame lives in that tab, or in its popup window). */
  async belongsTo(id: string, tabId: number | undefined, windowId: number | undefined): Promise<boolean> {
    const approval = this.waiters.get(id)?.approval ?? (await this.read())[id];
    if (!approval) return false;
    return approval.tabId === tabId || (approval.windowId !== undefined && approval.windowId === windowId);
  }

  /**
   * Moves a waiting approval shown in its tab's page to a popup window: its in-page prompt could not be
   * proven seen, or needs the vault unlocked (a password is typed only in the extension's own window).
   */
  async moveToWindow(id: string, tabId: number): Promise<void> {
    const approval = this.waiters.get(id)?.approval;
    if (!approval || approval.tabId !== tabId || approval.windowId !== undefined) return;
    const event: PageEvent = { channel: PAGE_EVENT_CHANNEL, event: 'hide-prompt', approvalId: id };
    await browser.tabs.sendMessage(tabId, event, { frameId: 0 }).catch(() => undefined);
    await this.show(approval, true);
  }

  async decide(id: string, decision: ApprovalDecision): Promise<void> {
    // Only this worker's waiters can be answered: an approval left by a previous worker has none.
    if (!this.waiters.has(id)) {
      throw ProviderErrors.resourceUnavailable('This request is no longer waiting; nothing was signed.');
    }
    await this.finish(id, decision.approve ? 'approved' : 'rejected', decision);
  }

  private async finish(
    id: string,
    status: ApprovalView['status'],
    decision?: ApprovalDecision,
    reason = 'The trader rejected the request.',
  ): Promise<void> {
    const waiter = this.waiters.get(id);
    this.waiters.delete(id);
    if (waiter) {
      clearTimeout(waiter.timer);
      // The request goes on at once; recording the outcome (for the prompt to show) follows.
      if (status === 'approved' && decision) waiter.resolve(decision);
      else waiter.reject(ProviderErrors.userRejected(reason));
    }
    // Best effort: the decision stands even if storage refuses the write (the prompt then shows no outcome).
    const approval = await this.update((all) => {
      const stored = all[id];
      if (stored) stored.status = status;
      return stored;
    }).catch(() => waiter?.approval);
    if (approval) void this.hide(approval);
  }

  /**
   * A reloaded page starts afresh: what its previous document was waiting for (created before `before`) is
   * rejected. The cutoff matters: the new document's own first request can be handled before its hello.
   */
  rejectTab(tabId: number, reason: string, before: number = this.now()): Promise<void> {
    return this.rejectWhere((approval) => approval.tabId === tabId && approval.createdAt < before, reason);
  }

  private async rejectWhere(match: (approval: StoredApproval) => boolean, reason: string): Promise<void> {
    for (const approval of Object.values(await this.read())) {
      if (approval.status === 'pending' && match(approval))
        await this.finish(approval.id, 'rejected', undefined, reason);
    }
  }

  /** In the page when its tab is visible; otherwise a small popup window. */
  private async show(approval: StoredApproval, inWindow: boolean): Promise<void> {
    const event: PageEvent = { channel: PAGE_EVENT_CHANNEL, event: 'show-prompt', approvalId: approval.id };
    const shown = inWindow
      ? false
      : await browser.tabs
          .sendMessage(approval.tabId, event, { frameId: 0 })
          .then((answer: unknown) => (answer as { shown?: boolean } | undefined)?.shown === true)
          .catch(() => false);
    if (shown) return;
    const window = await browser.windows?.create({
      url: browser.runtime.getURL(`/approval.html?id=${approval.id}`),
      type: 'popup',
      width: 400,
      height: 640,
      focused: true,
    });
    const windowId = window?.id;
    if (windowId !== undefined) {
      const waiting = this.waiters.get(approval.id);
      if (waiting) waiting.approval.windowId = windowId;
      await this.update((all) => {
        const stored = all[approval.id];
        if (stored) stored.windowId = windowId;
      });
    }
  }

  private async hide(approval: StoredApproval): Promise<void> {
    const event: PageEvent = { channel: PAGE_EVENT_CHANNEL, event: 'hide-prompt', approvalId: approval.id };
    await browser.tabs.sendMessage(approval.tabId, event, { frameId: 0 }).catch(() => undefined);
    if (approval.windowId !== undefined)
      await browser.windows?.remove(approval.windowId).catch(() => undefined);
  }

  private async read(): Promise<Record<string, StoredApproval>> {
    const stored = await browser.storage.session.get(SESSION_KEY);
    return (stored[SESSION_KEY] as Record<string, StoredApproval> | undefined) ?? {};
  }

  /** Applies `change` to the stored approvals, one change at a time. */
  private update<T>(change: (all: Record<string, StoredApproval>) => T): Promise<T> {
    const run = async () => {
      const all = await this.read();
      const result = change(all);
      await this.write(all);
      return result;
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async write(all: Record<string, StoredApproval>): Promise<void> {
    // Keep finished approvals for a minute (the prompt shows their outcome), then drop them.
    const cutoff = this.now() - 60_000;
    const kept = Object.fromEntries(
      Object.entries(all).filter(
        ([, a]) => a.status === 'pending' || a.expiresAt - APPROVAL_TIMEOUT_MS > cutoff,
      ),
    );
    await browser.storage.session.set({ [SESSION_KEY]: kept });
  }
}
