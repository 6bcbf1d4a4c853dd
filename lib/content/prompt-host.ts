import { browser } from 'wxt/browser';
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
  .box { position: relative; width: 380px; height: 600px; max-height: 95vh; background: #fff; box-shadow: 0 10px 40px rgba(0,0,0,.4); }
  iframe { display: block; width: 100%; height: 100%; border: 0; }
  .shield { position: absolute; inset: 0; display: grid; place-items: center; padding: 24px; background: #fff; color: #16181d; font: 14px system-ui, sans-serif; text-align: center; }
  .shield[hidden] { display: none; }
`;

/** The smallest prompt that shows the whole request (95vh of a short window may cut it). */
const MINIMUM = { width: 380, height: 400 };

interface Shown {
  host: HTMLElement;
  guard: SurfaceGuard;
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
    frame.title = 'Aster Companion approval';
    frame.src = browser.runtime.getURL(`/prompt.html?id=${encodeURIComponent(approvalId)}`);
    const shield = document.createElement('div');
    shield.className = 'shield';
    shield.setAttribute('role', 'status');
    shield.textContent = 'Aster Companion: the page changed around this prompt. Checking it again…';
    shield.hidden = true;
    box.append(frame, shield);
    backdrop.append(box);
    root.append(backdrop);
    let placed = false;
    const guard = new SurfaceGuard(host, {
      surface: box,
      minimum: MINIMUM,
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
    // Keyboard users go back where they were on the page once the prompt closes.
    const returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    this.shown.set(approvalId, { host, guard, returnFocus });
    frame.focus();
    return true;
  }

  hide(approvalId: string): void {
    const shown = this.shown.get(approvalId);
    shown?.guard.stop();
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
