import * as v from 'valibot';
import { RELAY_ERROR_TEXT } from '@/lib/messaging/page-protocol';
import {
  INPAGE_TARGET,
  pageToContentSchema,
  type ContentToPage,
  type ProviderErrorPayload,
  type ProviderState,
} from '@/lib/messaging/page-api';
import { RpcError } from '@/lib/messaging/rpc';
import { callPageChannel } from './page-client';

/** Page requests larger than this are refused unread (no Aster request comes close). */
const MAX_REQUEST_BYTES = 256 * 1024;

/**
 * An RPC failure as an EIP-1193 error: numeric codes (the background's provider errors, English) pass
 * through; a lost worker is 4900. Any other error's text is the trader's, in the chosen language: the page
 * gets a fixed English text instead (RELAY_ERROR_TEXT says why).
 */
export function providerErrorOf(error: unknown): ProviderErrorPayload {
  if (error instanceof RpcError) {
    const code = Number(error.code);
    if (Number.isInteger(code)) return { code, message: error.message };
    if (error.code === 'locked') return { code: 4100, message: RELAY_ERROR_TEXT.locked };
    if (error.code === 'unauthorized') return { code: 4100, message: RELAY_ERROR_TEXT.unauthorized };
    if (error.code === 'no-response') return { code: 4900, message: RELAY_ERROR_TEXT.noAnswer };
    return { code: -32603, message: RELAY_ERROR_TEXT.failed };
  }
  // runtime.sendMessage rejects when the worker stops mid-request (or the extension reloads).
  return { code: 4900, message: RELAY_ERROR_TEXT.restarted };
}

function post(message: ContentToPage): void {
  window.postMessage(message, window.location.origin);
}

/**
 * Tells `send` a provider state only when it differs from the last one told. The background sends every
 * provider tab its state after any switch, lock or connection change anywhere; the page must not hear those
 * that change nothing for it (found: a page not connected heard every switch, and every other site's
 * connection change, as a message on its window).
 */
export class StateTeller {
  private told: string | null = null;

  constructor(private readonly send: (state: ProviderState) => void) {}

  tell(state: ProviderState): void {
    const now = JSON.stringify([state.chainId, state.evmAccounts, state.solanaAccounts]);
    if (now === this.told) return;
    this.told = now;
    this.send(state);
  }

  /** The page was told the provider is disconnected (4900): the next state, even the same, reconnects it. */
  forget(): void {
    this.told = null;
  }
}

const teller = new StateTeller((state) => post({ target: INPAGE_TARGET, event: 'state', state }));

export function postState(state: ProviderState): void {
  teller.tell(state);
}

export interface RelayOptions {
  /**
   * Called whenever the last of the page's requests has been answered. An approval prompt exists only while a
   * request of this tab waits for it, so none may stay on screen then — in particular one whose worker
   * stopped (its request failed with 4900 and nobody will ever hide it), which would cover the page.
   */
  onIdle?(): void;
}

/**
 * Relays the page's provider calls to the background. Everything from the page is untrusted: messages that
 * do not match the schema are dropped, and the background decides with the origin the browser reports.
 */
export function startRelay({ onIdle }: RelayOptions = {}): void {
  let inFlight = 0;
  const settled = () => {
    inFlight -= 1;
    if (inFlight === 0) onIdle?.();
  };
  window.addEventListener('message', (event: MessageEvent) => {
    if (event.source !== window || event.origin !== window.location.origin) return;
    const parsed = v.safeParse(pageToContentSchema, event.data);
    if (!parsed.success) return;
    const { id, request } = parsed.output;
    let size: number;
    try {
      size = JSON.stringify(request).length;
    } catch {
      size = Infinity;
    }
    if (size > MAX_REQUEST_BYTES) {
      post({ target: INPAGE_TARGET, id, error: { code: -32602, message: RELAY_ERROR_TEXT.tooLarge } });
      return;
    }
    inFlight += 1;
    callPageChannel('request', request)
      .then(
        (result) => post({ target: INPAGE_TARGET, id, result }),
        (error: unknown) => {
          const payload = providerErrorOf(error);
          if (payload.code === 4900) teller.forget();
          post({ target: INPAGE_TARGET, id, error: payload });
        },
      )
      .finally(settled);
  });
  // The provider's starting state (and registration of this tab for switch events).
  void callPageChannel('hello', { documentStartedAt: performance.timeOrigin }).then(
    postState,
    () => undefined,
  );
}
