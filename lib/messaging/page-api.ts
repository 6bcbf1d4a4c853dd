import * as v from 'valibot';
import type { SigningSummary } from '@/lib/aster/decode';
import { LANGUAGES, type ChromeMessages } from '@/lib/i18n';
import type { ProviderState } from './page-protocol';
import { returns, type Contract } from './rpc';

/**
 * The exchange page's channel. Page script ↔ content relay: window.postMessage with the shapes below (the
 * page is untrusted: the relay validates every message). Content relay → background: the `page` RPC channel,
 * whose sender the browser vouches for (tab, frame, origin).
 */

export { CONTENT_TARGET, INPAGE_TARGET } from './page-protocol';
export type { ContentToPage, ProviderErrorPayload, ProviderState } from './page-protocol';

export const PAGE_CHANNEL = 'page';
export const PAGE_EVENT_CHANNEL = 'page-event';

/** What a provider may ask: EIP-1193 methods and the Solana wallet's `solana:*` calls. */
export const providerRequestSchema = v.strictObject({
  method: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  params: v.optional(v.unknown()),
});
export type ProviderRequest = v.InferOutput<typeof providerRequestSchema>;

/** inpage → content. */
export const pageToContentSchema = v.strictObject({
  target: v.literal('aster-companion-content'),
  id: v.pipe(v.number(), v.integer(), v.minValue(0)),
  request: providerRequestSchema,
});

/** background → content (tabs.sendMessage). */
export type PageEvent =
  | { channel: typeof PAGE_EVENT_CHANNEL; event: 'state'; state: ProviderState; switcher: SwitcherState }
  | { channel: typeof PAGE_EVENT_CHANNEL; event: 'show-prompt'; approvalId: string }
  | { channel: typeof PAGE_EVENT_CHANNEL; event: 'hide-prompt'; approvalId: string }
  | { channel: typeof PAGE_EVENT_CHANNEL; event: 'toggle-switcher' };

export interface SwitcherAccount {
  id: string;
  name: string;
  kind: 'evm' | 'solana';
  role: 'master' | 'sub';
  address: string;
  /** The master's name, for a sub-account. */
  masterName?: string;
}

/**
 * What the closed switcher shows, the same size at any number of accounts: it comes with every state event
 * (a switch reaches every exchange tab). The list itself is asked for when the trader opens the switcher.
 */
export interface SwitcherState {
  locked: boolean;
  /** The active account, when it is one the switcher lists (it has a key). */
  active: { id: string; name: string } | null;
  /** Whether any account can be switched to: the switcher shows only then. */
  hasAccounts: boolean;
}

export const pageContract = {
  /** A provider call forwarded from the page; errors carry EIP-1193 codes. */
  request: returns<unknown>()(providerRequestSchema),
  /** The provider's starting state; also registers the tab for events. */
  hello: returns<ProviderState>()(
    v.strictObject({
      /** When this document started (performance.timeOrigin): approvals of the tab older than that are over. */
      documentStartedAt: v.optional(v.pipe(v.number(), v.finite())),
    }),
  ),
  'switcher.state': returns<SwitcherState>()(v.strictObject({})),
  /** The accounts the open switcher lists (none while locked). */
  'switcher.accounts': returns<SwitcherAccount[]>()(v.strictObject({})),
  'switcher.select': returns<SwitcherState>()(v.strictObject({ id: v.pipe(v.string(), v.uuid()) })),
  /** Opens Aster Companion (the toolbar popup, or its page in a small window) where the page cannot switch. */
  'switcher.openPopup': returns<'popup' | 'window'>()(v.strictObject({})),
  /** The in-page prompt could not be proven seen (the page altered it): show it in a popup window instead. */
  'prompt.toWindow': returns<null>()(v.strictObject({ approvalId: v.pipe(v.string(), v.uuid()) })),
  /**
   * The messages of a language the trader chose, for the in-page surfaces (a content script cannot read
   * `_locales`). Asked by the content script over extension messaging, which the page cannot reach.
   */
  'language.messages': returns<ChromeMessages>()(v.strictObject({ language: v.picklist(LANGUAGES) })),
  /** Key capture: the masters a captured sub-account key can join. */
  'capture.masters': returns<SwitcherAccount[]>()(v.strictObject({})),
  /** Key capture: save a key read from the page's own dialog, after the trader clicked Save. */
  'capture.save': returns<{ id: string; name: string }>()(
    v.strictObject({
      key: v.pipe(v.string(), v.maxLength(200)),
      name: v.pipe(v.string(), v.maxLength(64)),
      parentId: v.pipe(v.string(), v.uuid()),
    }),
  ),
} satisfies Contract;

export type PageContract = typeof pageContract;

export interface Connection {
  /** The page origin, as the browser reports it for the sender. */
  origin: string;
  /** 'active': the page sees whichever account is active (switching follows); 'fixed': only `accountIds`. */
  mode: 'active' | 'fixed';
  accountIds: string[];
  /** Standing consent to sign Aster's exact login message without a prompt on this trusted origin. */
  autoLogin: boolean;
  connectedAt: number;
}

/** What the approval prompt page shows. */
export interface ApprovalView {
  id: string;
  origin: string;
  kind: 'connect' | 'sign';
  /** For `connect`: the account the page would see (the active one). */
  account?: { id: string; name: string; address: string; kind: 'evm' | 'solana' } | null;
  /** For `connect`: the accounts the trader may expose instead of following the active one. */
  choices?: { id: string; name: string; address: string; kind: 'evm' | 'solana' }[];
  /** For `sign`: the decoder's summary. */
  summary?: SigningSummary;
  /** Which account signs. */
  signer?: { name: string; address: string };
  status: 'pending' | 'approved' | 'rejected' | 'expired';
  createdAt: number;
  expiresAt: number;
}
