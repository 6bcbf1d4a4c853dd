import { browser } from 'wxt/browser';
import { createShadowHost } from './shadow-host';

const PROMPT_CSS = `
  :host { all: initial; }
  .backdrop { position: fixed; inset: 0; z-index: 2147483647; background: rgba(0,0,0,.45); display: grid; place-items: center; }
  iframe { width: 380px; height: 600px; max-height: 95vh; border: 0; border-radius: 12px; background: #fff; box-shadow: 0 10px 40px rgba(0,0,0,.4); }
`;

/**
 * Shows an approval prompt over the exchange page: an extension page in an iframe inside a closed shadow
 * root. The page cannot script or read it (another origin); clicks reach it only while it is visible.
 */
export class PromptHost {
  private readonly shown = new Map<string, HTMLElement>();

  /** True when shown in the page; false when the tab is hidden, so the background opens a popup window. */
  show(approvalId: string): boolean {
    if (document.visibilityState !== 'visible') return false;
    if (this.shown.has(approvalId)) return true;
    const { host, root } = createShadowHost('aster-companion-prompt', PROMPT_CSS);
    const backdrop = document.createElement('div');
    backdrop.className = 'backdrop';
    const frame = document.createElement('iframe');
    frame.title = 'Aster Companion approval';
    frame.src = browser.runtime.getURL(`/prompt.html?id=${encodeURIComponent(approvalId)}`);
    backdrop.append(frame);
    root.append(backdrop);
    this.shown.set(approvalId, host);
    frame.focus();
    return true;
  }

  hide(approvalId: string): void {
    this.shown.get(approvalId)?.remove();
    this.shown.delete(approvalId);
  }

  hideAll(): void {
    for (const id of [...this.shown.keys()]) this.hide(id);
  }
}
