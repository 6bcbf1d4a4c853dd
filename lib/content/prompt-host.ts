import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n';
import {
  framedPromptHeight,
  PROMPT_MIN_HEIGHT,
  PROMPT_MIN_VIEWPORT,
  reportedPromptHeight,
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
    box.className = 'box';
    const frame = document.createElement('iframe');
    frame.title = t('content.prompt.frameTitle');
    frame.src = browser.runtime.getURL(`/prompt.html?id=${encodeURIComponent(approvalId)}`);
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
    box.style.height = `${framedPromptHeight(PROMPT_MIN_HEIGHT, window.innerHeight)}px`;
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
    const unfollow = followPromptSize(frame, box, catcher);
    // Keyboard users go back where they were on the page once the prompt closes.
    const returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    this.shown.set(approvalId, { host, guard, unfollow, returnFocus });
    frame.focus();
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
 * Sizes the frame to what its prompt reports (from the frame itself, at the extension's origin: the page
 * cannot forge it), within the window; again when the window's size changes. While the frame settles at a
 * new size a transparent layer takes the clicks, and the prompt restarts its delay (its controls moved).
 */
function followPromptSize(frame: HTMLIFrameElement, box: HTMLElement, catcher: HTMLElement): () => void {
  const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;
  let reported = PROMPT_MIN_HEIGHT;
  let settle: ReturnType<typeof setTimeout> | undefined;
  const apply = () => {
    const height = `${framedPromptHeight(reported, window.innerHeight)}px`;
    if (box.style.height === height) return;
    catcher.hidden = false;
    box.style.height = height;
    clearTimeout(settle);
    settle = setTimeout(() => (catcher.hidden = true), SHIELD_HOLD_MS);
  };
  const onMessage = (event: MessageEvent) => {
    const height = reportedPromptHeight(event, frame.contentWindow, extensionOrigin);
    if (height === null) return;
    reported = height;
    apply();
  };
  window.addEventListener('message', onMessage);
  window.addEventListener('resize', apply);
  return () => {
    clearTimeout(settle);
    window.removeEventListener('message', onMessage);
    window.removeEventListener('resize', apply);
  };
}
