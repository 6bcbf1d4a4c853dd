import * as v from 'valibot';
import { hostPortOf, promptShownSchema, promptSizeMessage } from '@/lib/content/prompt-size';
import { SHOWN_MARK } from './marks';

/**
 * The prompt's end of its frame host's size channel (lib/content/prompt-host.ts). The content script that
 * made this frame posts one port to it once it loaded, with the key it put in the frame's URL; the first
 * such port from the parent window is the only one taken. Sizes go over it alone: the page sees none.
 */
let port: MessagePort | null = null;
let waiting: number | null = null;

/** Starts listening for the host's port: before anything is awaited, so that it is never missed. */
export function listenForHostPort(): void {
  const key = location.hash.slice(1);
  if (window.parent === window || key === '') return;
  const onMessage = (event: MessageEvent) => {
    const accepted = hostPortOf(event, window.parent, window, key);
    if (!accepted) return;
    window.removeEventListener('message', onMessage);
    port = accepted;
    port.onmessage = (message: MessageEvent) => {
      const shown = v.safeParse(promptShownSchema, message.data);
      // When the host made the frame visible at its size: what `npm run bench` measures Approve from.
      if (!shown.success) return;
      performance.mark(SHOWN_MARK, { startTime: Math.max(0, shown.output.at - performance.timeOrigin) });
      focusWhenSeen();
    };
    if (waiting !== null) port.postMessage(promptSizeMessage(waiting));
  };
  window.addEventListener('message', onMessage);
}

/** The prompt's control marked to take focus first (Reject). */
export function initialControl(): HTMLElement | null {
  return document.querySelector<HTMLElement>('[data-initial-focus]');
}

/** The initial control takes focus, unless the trader already focused something. */
function focusInitialControl(): void {
  const target = initialControl();
  const current = document.activeElement;
  if (!target || current === target || (current && current !== document.body)) return;
  target.focus();
}

/**
 * Focus given while the frame was hidden did not take, and the frame learns it is shown a little after its
 * host showed it: Reject takes focus once the browser reports it really visible (IntersectionObserver v2,
 * as Approve's own check), unless the trader focused something first.
 */
function focusWhenSeen(): void {
  const target = initialControl();
  if (!target) return;
  const seen = new IntersectionObserver(
    (entries) => {
      if (!(entries[entries.length - 1] as { isVisible?: boolean } | undefined)?.isVisible) return;
      seen.disconnect();
      focusInitialControl();
    },
    { threshold: [1], trackVisibility: true, delay: 100 } as IntersectionObserverInit,
  );
  seen.observe(target);
  focusInitialControl();
}

/** Tells the frame's host how tall the prompt wants its frame (sent once the port is there). */
export function reportToFrameHost(height: number): void {
  waiting = height;
  port?.postMessage(promptSizeMessage(height));
}
