import { useCallback, useLayoutEffect, useRef, type RefObject } from 'react';
import { clickSource, DeliberatePointer } from '@/lib/content/deliberate-input';

/**
 * Judges clicks on the prompt's action (`action`): a mouse click counts only if the pointer moved onto it
 * after it became active (`active`), so a pointer left still where the page's button was, clicking on, signs
 * nothing. Returns the judge for the action's click handler.
 */
export function useDeliberateClick(
  active: boolean,
  action: RefObject<HTMLElement | null>,
): (event: { detail: number }) => boolean {
  const pointer = useRef(new DeliberatePointer());
  // Layout effect: in step with the DOM, before any input reaches the now-enabled action.
  useLayoutEffect(() => pointer.current.setActive(active), [active]);
  useLayoutEffect(() => {
    const over = (event: PointerEvent) =>
      event.target instanceof Node && !!action.current?.contains(event.target);
    const onMove = (event: PointerEvent) =>
      pointer.current.move({ x: event.screenX, y: event.screenY }, over(event));
    const onDown = (event: PointerEvent) =>
      pointer.current.press({ x: event.screenX, y: event.screenY }, event.pointerType);
    // Capture: seen before any handler in the document can stop it.
    window.addEventListener('pointermove', onMove, true);
    window.addEventListener('pointerdown', onDown, true);
    return () => {
      window.removeEventListener('pointermove', onMove, true);
      window.removeEventListener('pointerdown', onDown, true);
    };
  }, [action]);
  return useCallback((event: { detail: number }) => pointer.current.counts(clickSource(event)), []);
}
