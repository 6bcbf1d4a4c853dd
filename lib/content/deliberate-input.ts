/**
 * When input on an in-page surface (approval prompt, switcher, key-capture panel) counts as a deliberate act.
 * The page knows where a surface's action will appear and when (it asks, or shows the key), so it can lure
 * the trader into clicking that spot again and again; the visibility delay alone lets a later click of that
 * stream land on the action once it is active. Two rules close that:
 *
 * 1. A press on the surface while its action is still inactive restarts the delay (`restartsDelay`): a stream
 *    of clicks keeps the action inactive until the clicks stop for the whole delay.
 * 2. A click by a hovering pointer (mouse, pen) counts only if the pointer moved onto the action after it
 *    became active, and was pressed after that (`DeliberatePointer`): a pointer left still where the page's
 *    button was, clicked slowly, approves nothing. A touch has no hover: its press after activation counts.
 *    Keyboard activation (Enter or Space on the focused action, which cannot hold focus while disabled)
 *    counts once active.
 * 3. A pointer press never focuses the action (`keepPointerFocusOff`): a lured press that did not count must
 *    not leave the focus there, where the next Enter or Space (to scroll the page, to submit its form) would
 *    act as keyboard activation.
 */

/** A press that would act on the surface: any pointer going down, or Enter or Space. */
export function restartsDelay(event: { type: string; key?: string }): boolean {
  if (event.type === 'pointerdown') return true;
  return event.type === 'keydown' && (event.key === 'Enter' || event.key === ' ');
}

export interface PointerPoint {
  x: number;
  y: number;
}

/** How the click being judged was made. */
export type ClickSource = 'keyboard' | 'pointer';

/** Follows one surface's pointer, and judges whether a click on its action was deliberate. */
export class DeliberatePointer {
  private active = false;
  /** Where the pointer was when the action became active; null when it had not been seen on the surface. */
  private activeAt: PointerPoint | null = null;
  private last: PointerPoint | null = null;
  /** The pointer has been somewhere else than `activeAt` since activation. */
  private moved = false;
  private movedOntoAction = false;
  private pressedWhileActive = false;
  private pressType = '';

  /** The action became active or inactive: what the pointer did before no longer counts. */
  setActive(active: boolean): void {
    if (active === this.active) return;
    this.active = active;
    this.activeAt = this.last;
    this.moved = false;
    this.movedOntoAction = false;
    this.pressedWhileActive = false;
  }

  /** A pointermove on the surface; `overAction` when it is over the action. */
  move(point: PointerPoint, overAction: boolean): void {
    // The same spot again (a move the browser makes up after a layout change) is no movement.
    if (this.active && (this.activeAt === null || point.x !== this.activeAt.x || point.y !== this.activeAt.y))
      this.moved = true;
    if (this.active && overAction && this.moved) this.movedOntoAction = true;
    this.last = point;
  }

  /** A pointerdown on the surface. */
  press(point: PointerPoint, pointerType: string): void {
    this.last = point;
    this.pressedWhileActive = this.active;
    this.pressType = pointerType;
  }

  /** Whether a click on the action now is a deliberate act. */
  counts(source: ClickSource): boolean {
    if (!this.active) return false;
    if (source === 'keyboard') return true;
    if (!this.pressedWhileActive) return false;
    return this.pressType === 'touch' || this.movedOntoAction;
  }
}

/**
 * For the action's `mousedown` (which a mouse, pen or touch press sends): its default is to move the focus to
 * the action; prevented, the focus stays where it was (Reject on the prompt). The click itself still comes.
 */
export function keepPointerFocusOff(event: { preventDefault(): void }): void {
  event.preventDefault();
}

/** Keyboard activation of a button dispatches a click with no press count (`detail` 0). */
export function clickSource(event: { detail: number }): ClickSource {
  return event.detail === 0 ? 'keyboard' : 'pointer';
}
