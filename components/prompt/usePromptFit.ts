import { useEffect } from 'react';
import { browser } from 'wxt/browser';
import { reportToFrameHost } from './host-port';

/** Elements of the prompt that scroll inside it when it is shorter than its content. */
const SCROLLER = '.prompt-head, .prompt-details';

/** The smallest and largest window the approval window is fitted to (outer size, CSS pixels). */
const WINDOW_HEIGHT = { min: 240, max: 1_000 };

/** More title bar and border than any window has: a larger difference is not the window's frame. */
const WINDOW_CHROME_MAX = 150;

/**
 * The height the prompt's content needs to be shown whole: the laid-out `main`, plus what its scrolling
 * parts hide. The same whether the frame is larger or smaller than that, so reporting it cannot loop.
 */
export function wantedPromptHeight(main: HTMLElement): number {
  let hidden = 0;
  for (const scroller of main.querySelectorAll<HTMLElement>(SCROLLER))
    hidden += Math.max(0, scroller.scrollHeight - scroller.clientHeight);
  return main.offsetHeight + hidden;
}

/** Fits the extension's own approval window to the prompt (its frame and title bar included). */
async function fitOwnWindow(height: number): Promise<void> {
  const current = await browser.windows.getCurrent();
  if (current.id === undefined || current.state !== 'normal') return;
  // The window's own title bar and borders; never negative (a test's emulated viewport can exceed it).
  const chrome = Math.min(WINDOW_CHROME_MAX, Math.max(0, window.outerHeight - window.innerHeight));
  const wanted = Math.min(
    Math.max(WINDOW_HEIGHT.min, Math.ceil(height + chrome)),
    Math.min(WINDOW_HEIGHT.max, screen.availHeight),
  );
  if (Math.abs(wanted - window.outerHeight) < 2) return;
  await browser.windows.update(current.id, { height: wanted });
}

/**
 * Sizes the prompt's frame (in the page) or window (the extension's popup window) to its content, again
 * whenever the content's size changes (another screen, details opened). The frame's host clamps the size
 * to the page's window; the prompt restarts its activation delay when its layout moves (useVisibleFor).
 */
export function usePromptFit(inWindow: boolean): void {
  useEffect(() => {
    const root = document.getElementById('root');
    if (!root) return;
    let last = -1;
    let pending = 0;
    const report = () => {
      pending = 0;
      const main = root.querySelector<HTMLElement>('main') ?? root;
      // Still loading: the host shows the frame at its first report, so that is the real content's.
      if (main.getAttribute('aria-busy') === 'true') return;
      const height = Math.ceil(wantedPromptHeight(main));
      if (height === last) return;
      last = height;
      if (inWindow) void fitOwnWindow(height).catch(() => undefined);
      else reportToFrameHost(height);
    };
    // A timer, not a frame: the hidden frame (until its first report) draws no frames, and its
    // ResizeObserver waits for one; a change in the DOM (MutationObserver) still reports it.
    const schedule = () => (pending ||= window.setTimeout(report, 0));
    const sizes = new ResizeObserver(schedule);
    /** What is observed follows the DOM: each screen has its own `main` and scrolling parts. */
    const observeAll = () => {
      sizes.disconnect();
      sizes.observe(root);
      for (const element of root.querySelectorAll<HTMLElement>(
        `main, ${SCROLLER}, .prompt-head > *, .prompt-details > *`,
      ))
        sizes.observe(element);
      schedule();
    };
    const changes = new MutationObserver(observeAll);
    changes.observe(root, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['open', 'aria-busy'],
    });
    observeAll();
    return () => {
      changes.disconnect();
      sizes.disconnect();
      clearTimeout(pending);
    };
  }, [inWindow]);
}
