import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n';
import {
  framedPromptHeight,
  newPromptKey,
  parsePromptSize,
  PROMPT_DEFAULT_HEIGHT,
  PROMPT_MIN_HEIGHT,
  PROMPT_MIN_VIEWPORT,
  PROMPT_PORT_CHANNEL,
  PROMPT_SHOWN_CHANNEL,
  PROMPT_SIZE_WAIT_MS,
} from './prompt-size';
import { createShadowHost } from './shadow-host';
import { hasOcclusionTracking } from './surface-checks';
import { SurfaceGuard } from './surface-guard';

/**
 * How long the shield stays over the frame after the host, an ancestor or a style sheet of the page
 * changed: long enough for the frame's own occlusion tracking (a report every 100 ms at most) to see it
 * and restart its delay from zero.
 */
const SHIELD_HOLD_MS = 200;

// The frame has no rounded corners, shadow or transform of its own: Chromium routes a click into an
// out-of-process frame by its rectangle; a clipped or decorated one can send the click to the host instead.
const PROMPT_CSS = `
  .backdrop { position: fixed; inset: 0; z-index: 2147483647; background: rgba(0,0,0,.45); display: grid; place-items: center; }
  .box { position: relative; width: 380px; background: #fff; box-shadow: 0 10px 40px rgba(0,0,0,.4); }
  iframe { display: block; width: 100%; height: 100%; border: 0; }
  .shield { position: absolute; inset: 0; display: grid; place-items: center; padding: 24px; background: #fff; color: #16181d; font: 14px system-ui, sans-serif; text-align: center; }
  .catcher { position: absolute; inset: 0; }
  .shield[hidden], .catcher[hidden] { display: none; }
  .box.sizing { visibility: hidden; }
`;

/** The frame's width, and the smallest frame drawn (its height follows the prompt's content). */
const MINIMUM = { width: 380, height: PROMPT_MIN_HEIGHT };

interface Shown {
  host: HTMLElement;
  guard: SurfaceGuard;
  /** Stops following the prompt's size reports and the window's size. */
  unfollow(): void;
  /** What had focus on the page before the prompt took it. */
  returnFocus: HTMLElement | null;
}

/**
 * Shows an approval prompt over the exchange page: an extension page in an iframe inside a closed shadow
 * root. The page cannot script or read it (another origin). The frame enables Approve only after its whole
 * document has been seen unoccluded for its delay; here, a guard watches what the page could do to the
 * frame's host and ancestors and shields the frame while anything changes. Where being seen cannot be
 * proven, the approval goes to the extension's own popup window.
 */
export class PromptHost {
  private readonly shown = new Map<string, Shown>();

  constructor(private readonly moveToWindow: (approvalId: string) => void) {}

  /** True when shown in the page; false to have the background open a popup window instead. */
  show(approvalId: string): boolean {
    if (document.visibilityState !== 'visible' || !hasOcclusionTracking()) return false;
    if (this.shown.has(approvalId)) return true;
    const { host, root } = createShadowHost('aster-companion-prompt', PROMPT_CSS);
    const backdrop = document.createElement('div');
    backdrop.className = 'backdrop';
    const box = document.createElement('div');
    // Hidden (not drawn, not hit-testable, not visible to the frame's occlusion tracking) until the prompt
    // reported its size and the frame has it: the trader first sees the final layout, and the prompt's
    // delay starts once, then.
    box.className = 'box sizing';
    const frame = document.createElement('iframe');
    frame.title = t('content.prompt.frameTitle');
    const key = newPromptKey();
    frame.src = browser.runtime.getURL(`/prompt.html?id=${encodeURIComponent(approvalId)}#${key}`);
    const shield = document.createElement('div');
    shield.className = 'shield';
    shield.setAttribute('role', 'status');
    shield.textContent = t('content.prompt.shield');
    shield.hidden = true;
    // Takes the clicks while the frame settles at a new size: the prompt's controls move then.
    const catcher = document.createElement('div');
    catcher.className = 'catcher';
    catcher.setAttribute('aria-hidden', 'true');
    catcher.hidden = true;
    box.append(frame, shield, catcher);
    box.style.height = `${framedPromptHeight(PROMPT_DEFAULT_HEIGHT, window.innerHeight)}px`;
    backdrop.append(box);
    root.append(backdrop);
    let placed = false;
    const guard = new SurfaceGuard(host, {
      surface: box,
      minimum: MINIMUM,
      minimumViewport: PROMPT_MIN_VIEWPORT,
      delayMs: SHIELD_HOLD_MS,
      trackOcclusion: false, // the frame tracks its own occlusion
      armedAtStart: true,
      onChange: (armed) => (shield.hidden = armed),
      onUnprovable: () => {
        if (!placed) return; // refused at once: show() answers false and the background opens the window
        this.hide(approvalId);
        this.moveToWindow(approvalId);
      },
    });
    if (guard.unprovable) {
      host.remove();
      return false;
    }
    placed = true;
    const unfollow = followPromptSize(frame, key, box, catcher, () => frame.focus());
    // Keyboard users go back where they were on the page once the prompt closes.
    const returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    this.shown.set(approvalId, { host, guard, unfollow, returnFocus });
    return true;
  }

  hide(approvalId: string): void {
    const shown = this.shown.get(approvalId);
    shown?.guard.stop();
    shown?.unfollow();
    shown?.host.remove();
    this.shown.delete(approvalId);
    const back = shown?.returnFocus;
    if (back?.isConnected && (document.activeElement === document.body || !document.activeElement))
      back.focus({ preventScroll: true });
  }

  hideAll(): void {
    for (const id of [...this.shown.keys()]) this.hide(id);
  }
}

/**
 * Sizes the frame to what its prompt reports, within the window; again when the window's size changes.
 * The reports come over a MessageChannel whose other port only the frame we made received (posted to the
 * extension's origin, with the key of its URL); nothing posted on the page's window counts.
 *
 * The frame stays hidden (`.sizing`) until its first report, then is shown at that height; or, with no
 * report within PROMPT_SIZE_WAIT_MS, at PROMPT_DEFAULT_HEIGHT (a later report resizes it as below). Then
 * `shown` runs and the prompt is told when, for its SHOWN_MARK. Once shown, while the frame settles at a new size a
 * transparent layer takes the clicks, and the prompt restarts its delay (its controls moved).
 */
export function followPromptSize(
  frame: HTMLIFrameElement,
  key: string,
  box: HTMLElement,
  catcher: HTMLElement,
  shown: () => void,
): () => void {
  const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;
  let port: MessagePort | null = null;
  let reported = PROMPT_DEFAULT_HEIGHT;
  let visible = false;
  let settle: ReturnType<typeof setTimeout> | undefined;
  const apply = () => {
    const height = `${framedPromptHeight(reported, window.innerHeight)}px`;
    if (box.style.height === height) return;
    box.style.height = height;
    if (!visible) return; // nobody can click a hidden frame
    catcher.hidden = false;
    clearTimeout(settle);
    settle = setTimeout(() => (catcher.hidden = true), SHIELD_HOLD_MS);
  };
  const show = () => {
    if (visible) return;
    visible = true;
    clearTimeout(wait);
    box.classList.remove('sizing');
    // On the clock the frame shares (timeOrigin + now): painted at the next frame, never earlier.
    port?.postMessage({ channel: PROMPT_SHOWN_CHANNEL, at: performance.timeOrigin + performance.now() });
    shown();
  };
  const wait = setTimeout(show, PROMPT_SIZE_WAIT_MS);
  const onSize = (event: MessageEvent) => {
    const height = parsePromptSize(event.data);
    if (height === null) return;
    reported = height;
    apply();
    show();
  };
  // A new channel for each document loaded in the frame (the first `load` can be its initial empty
  // document, which the extension-origin target drops, port and all); only the latest port is read.
  const handOver = () => {
    port?.close();
    const channel = new MessageChannel();
    port = channel.port1;
    port.onmessage = onSize;
    frame.contentWindow?.postMessage({ channel: PROMPT_PORT_CHANNEL, key }, extensionOrigin, [channel.port2]);
  };
  frame.addEventListener('load', handOver);
  window.addEventListener('resize', apply);
  return () => {
    clearTimeout(settle);
    clearTimeout(wait);
    port?.close();
    frame.removeEventListener('load', handOver);
    window.removeEventListener('resize', apply);
  };
}
