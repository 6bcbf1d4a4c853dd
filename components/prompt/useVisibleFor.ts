import { useEffect, useRef, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import { restartsDelay } from '@/lib/content/deliberate-input';
import { PROMPT_SIZE_WAIT_MS } from '@/lib/content/prompt-size';
import { ACTIVE_MARK, SHOWN_MARK } from './marks';
import {
  entryProvesSeen,
  hasOcclusionTracking,
  seenProof,
  SURFACE_DELAY_MS,
} from '@/lib/content/surface-checks';

/** How long the whole prompt must have been seen, unoccluded, before Approve works (anti-clickjacking). */
export const APPROVE_DELAY_MS = SURFACE_DELAY_MS;

/**
 * Approve is active within this long of the prompt becoming fully visible: the delay, plus the first
 * IntersectionObserver v2 report (at most every 100 ms) and a frame or two. `npm run bench` checks the p95.
 */
export const APPROVE_ACTIVE_WITHIN_MS = 900;

/** A prompt in the page not seen whole for this long moves to the extension's popup window. */
export const COVERED_MOVE_MS = 4_000;

export { ACTIVE_MARK, SHOWN_MARK } from './marks';

/**
 * True once the prompt's WHOLE document has been visible and unoccluded for `ms`. IntersectionObserver v2
 * (`trackVisibility`) on <body>, which the prompt's CSS sizes to the frame: anything the page draws over
 * any part of the frame, clips, fades, filters or transforms it makes the report false, and the delay
 * restarts from zero when it is true again. Repeated true reports do not restart it. A press in the document
 * (pointerdown, Enter, Space) before it is true restarts it too: a stream of clicks the page lured to where
 * Approve appears keeps Approve disabled until the clicks stop. `onCovered` runs once if the document stays
 * unseen for COVERED_MOVE_MS.
 *
 * The frame follows its content's size, so the layout under the pointer can change: when the window (the
 * frame) is resized or `watched` (Approve) moves or changes size, the delay restarts from zero at once —
 * a control that moved under a waiting pointer is not one the trader aimed at.
 *
 * `ownWindow`: shown as the extension's own popup window. Where the browser has no IntersectionObserver v2
 * (Firefox), only there does the whole document in view count as seen (`seenProof`); a frame never does.
 */
export function useVisibleFor(
  ms: number = APPROVE_DELAY_MS,
  onCovered?: () => void,
  watched?: RefObject<HTMLElement | null>,
  ownWindow = false,
): boolean {
  const [visible, setVisible] = useState(false);
  const covered = useRef(onCovered);
  useEffect(() => {
    covered.current = onCovered;
  }, [onCovered]);

  useEffect(() => {
    // Not framed by anything: a top-level document of the extension's own window.
    const proof = seenProof(hasOcclusionTracking(), ownWindow && window.top === window);
    let seen = false;
    let armed = false;
    let armTimer: ReturnType<typeof setTimeout> | undefined;
    let coveredTimer: ReturnType<typeof setTimeout> | undefined;
    const watchCovered = (allowance = COVERED_MOVE_MS) => {
      clearTimeout(coveredTimer);
      coveredTimer = setTimeout(() => covered.current?.(), allowance);
    };
    const arm = () => {
      clearTimeout(armTimer);
      armTimer = setTimeout(() => {
        armed = true;
        performance.mark(ACTIVE_MARK);
        setVisible(true);
      }, ms);
    };
    const update = (now: boolean) => {
      if (now === seen) return;
      seen = now;
      clearTimeout(armTimer);
      if (now) {
        clearTimeout(coveredTimer);
        arm();
      } else {
        armed = false;
        setVisible(false);
        watchCovered();
      }
    };
    /** The layout moved: disarmed in this very frame (before any click can reach it), then the delay again. */
    const restart = () => {
      if (!seen) return;
      clearTimeout(armTimer);
      if (armed) {
        armed = false;
        flushSync(() => setVisible(false));
      }
      arm();
    };
    let placed: string | null = null;
    let watching = 0;
    const watch = () => {
      const rect = watched?.current?.getBoundingClientRect();
      const now = rect ? `${rect.left},${rect.top},${rect.width},${rect.height}` : null;
      if (placed !== null && now !== placed) restart();
      placed = now;
      watching = requestAnimationFrame(watch);
    };
    if (watched) watch();
    const onPress = (event: Event) => {
      if (seen && !armed && restartsDelay(event as KeyboardEvent)) arm();
    };
    const observer = new IntersectionObserver(
      (entries) => {
        const entry = entries[entries.length - 1];
        update(
          entry !== undefined && entryProvesSeen(entry, proof) && document.visibilityState === 'visible',
        );
      },
      // 100 ms is the smallest delay v2 allows.
      { threshold: [1], trackVisibility: true, delay: 100 } as IntersectionObserverInit,
    );
    observer.observe(document.body);
    // A framed prompt is hidden by its host until sized (at most PROMPT_SIZE_WAIT_MS): that time does not
    // count as being covered.
    watchCovered(COVERED_MOVE_MS + PROMPT_SIZE_WAIT_MS);
    // In its own window, shown when first painted; in a frame, when its host shows it (host-port.ts).
    const frame = window.parent === window ? requestAnimationFrame(() => performance.mark(SHOWN_MARK)) : 0;
    const onVisibility = () => {
      update(false);
      // A fresh first report once the tab is visible again.
      observer.unobserve(document.body);
      observer.observe(document.body);
    };
    document.addEventListener('visibilitychange', onVisibility);
    // Capture: seen before any handler in the document can stop it.
    window.addEventListener('pointerdown', onPress, true);
    window.addEventListener('keydown', onPress, true);
    window.addEventListener('resize', restart);
    return () => {
      window.removeEventListener('resize', restart);
      cancelAnimationFrame(watching);
      window.removeEventListener('pointerdown', onPress, true);
      window.removeEventListener('keydown', onPress, true);
      observer.disconnect();
      cancelAnimationFrame(frame);
      document.removeEventListener('visibilitychange', onVisibility);
      clearTimeout(armTimer);
      clearTimeout(coveredTimer);
    };
  }, [ms, watched, ownWindow]);
  return visible;
}
