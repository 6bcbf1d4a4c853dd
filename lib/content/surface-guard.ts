import { t } from '@/lib/i18n';
import { clickSource, DeliberatePointer, restartsDelay } from './deliberate-input';
import { entryShowsWhole, placementProblem, styleAlteration } from './surface-checks';

/**
 * The host's own inline style, `!important` so no page rule of lower rank applies; the shadow root's
 * `:host` rule (HOST_CSS) pins the same, and wins over every page rule, inline ones included.
 */
const PINNED_STYLE = 'all: initial !important; display: block !important; direction: ltr !important;';

export interface SurfaceGuardOptions {
  /** The element that must be seen whole: the prompt's frame, the switcher's menu, the capture panel. */
  surface: HTMLElement;
  /** The smallest the surface may be drawn at (CSS pixels). */
  minimum: { width: number; height: number };
  /**
   * The smallest window the surface may be shown in (CSS pixels): a surface that follows its content's size
   * may be small, but a window too small for its whole content is not one to act in.
   */
  minimumViewport?: { width: number; height: number };
  /** How long the surface must have been seen whole and unaltered before input counts. */
  delayMs: number;
  /** Track occlusion here (IntersectionObserver v2). The prompt tracks it inside its own frame instead. */
  trackOcclusion: boolean;
  /** Whether a pointer over this element is over the surface's action (see `clickCounts`). */
  isAction?(element: Element): boolean;
  /** Start armed when the first check passes (the prompt's frame runs its own delay from its first paint). */
  armedAtStart?: boolean;
  onChange(armed: boolean): void;
  /**
   * The page altered the surface, its host or an ancestor, or the surface cannot be drawn whole here: being
   * seen cannot be proven any more. The guard has stopped, disarmed; the surface must not act again.
   */
  onUnprovable(reason: string): void;
}

/**
 * Accepts input on an in-page surface only after the WHOLE surface has been seen, unaltered, for the delay.
 * Checked every animation frame (so no paint shows an altered surface while armed) and at every mutation of
 * the host, its ancestors or the page's style sheets, which re-arm the delay from zero. A press on the surface
 * (pointerdown, Enter, Space) while it is not armed restarts the delay too, and a pointer click counts only
 * if the pointer moved onto the action after arming (deliberate-input.ts): the page may lure the trader into
 * clicking, again and again, the spot where the action appears.
 */
export class SurfaceGuard {
  /** Since when the surface has been found whole and unaltered; null while it is not. */
  private since: number | null = null;
  private seen: boolean;
  private armed = false;
  private stopped = false;
  /** Why seeing the surface could not be proven, once it could not. */
  unprovable: string | null = null;
  private frame = 0;
  private readonly parent: Node | null;
  private readonly mutations = new MutationObserver((records) => this.onMutations(records));
  private readonly occlusion: IntersectionObserver | undefined;
  private readonly restart = () => {
    this.since = null;
    this.check();
  };
  private readonly pointer = new DeliberatePointer();
  private readonly onPress = (event: Event) => {
    this.check();
    // Seen but not yet armed: the delay starts again from this press.
    if (!this.armed && this.since !== null && restartsDelay(event as KeyboardEvent)) {
      this.since = performance.now();
    }
    if (event instanceof PointerEvent && event.type === 'pointerdown')
      this.pointer.press({ x: event.screenX, y: event.screenY }, event.pointerType);
  };
  private readonly onMove = (event: PointerEvent) => {
    const over = event.composedPath().some((t) => t instanceof Element && !!this.options.isAction?.(t));
    this.pointer.move({ x: event.screenX, y: event.screenY }, over);
  };

  constructor(
    private readonly host: HTMLElement,
    private readonly options: SurfaceGuardOptions,
  ) {
    this.parent = host.parentNode;
    host.setAttribute('style', PINNED_STYLE);
    this.seen = !options.trackOcclusion;
    this.mutations.observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
    if (options.trackOcclusion) {
      this.occlusion = new IntersectionObserver(
        (entries) => {
          const entry = entries[entries.length - 1];
          this.seen = entry !== undefined && entryShowsWhole(entry);
          this.check();
        },
        // 100 ms is the smallest delay v2 allows.
        { threshold: [1], trackVisibility: true, delay: 100 } as IntersectionObserverInit,
      );
      this.occlusion.observe(options.surface);
    }
    document.addEventListener('visibilitychange', this.restart);
    // Capture: seen before anything inside the surface can stop it.
    options.surface.addEventListener('pointerdown', this.onPress, true);
    options.surface.addEventListener('keydown', this.onPress, true);
    options.surface.addEventListener('pointermove', this.onMove, true);
    const problem = this.problem();
    if (problem) {
      this.fail(problem);
      return;
    }
    if (options.armedAtStart) this.since = performance.now() - options.delayMs;
    this.loop();
  }

  /** Whether input counts now: checks again first, so a change since the last frame is seen. */
  ready(): boolean {
    this.check();
    return !this.stopped && this.armed;
  }

  /** Whether a click on the action counts: armed, and by keyboard or a pointer aimed at it after arming. */
  clickCounts(event: { detail: number }): boolean {
    return this.ready() && this.pointer.counts(clickSource(event));
  }

  stop(): void {
    this.stopped = true;
    this.mutations.disconnect();
    this.occlusion?.disconnect();
    cancelAnimationFrame(this.frame);
    document.removeEventListener('visibilitychange', this.restart);
    this.options.surface.removeEventListener('pointerdown', this.onPress, true);
    this.options.surface.removeEventListener('keydown', this.onPress, true);
    this.options.surface.removeEventListener('pointermove', this.onMove, true);
  }

  private loop(): void {
    if (this.stopped) return;
    this.check();
    this.frame = requestAnimationFrame(() => this.loop());
  }

  /** What is wrong with the surface's host, ancestors or placement now, in words; null when nothing. */
  private problem(): string | null {
    if (!this.host.isConnected || this.host.parentNode !== this.parent) return t('content.reason.moved');
    for (let element: Element | null = this.host; element; element = element.parentElement) {
      const style = styleAlteration(getComputedStyle(element));
      if (style)
        return element === this.host
          ? t('content.reason.hostStyle', { style })
          : t('content.reason.ancestorStyle', { element: element.localName, style });
    }
    const { surface, minimum, minimumViewport } = this.options;
    const viewport = { width: window.innerWidth, height: window.innerHeight };
    if (
      minimumViewport &&
      (viewport.width < minimumViewport.width || viewport.height < minimumViewport.height)
    )
      return t('content.reason.windowTooSmall', viewport);
    return placementProblem(
      surface.getBoundingClientRect(),
      { width: surface.offsetWidth, height: surface.offsetHeight },
      viewport,
      minimum,
    );
  }

  private check(): void {
    if (this.stopped) return;
    const problem = this.problem();
    if (problem) return this.fail(problem);
    if (!this.seen || document.visibilityState !== 'visible') this.since = null;
    else this.since ??= performance.now();
    this.setArmed(this.since !== null && performance.now() - this.since >= this.options.delayMs);
  }

  private onMutations(records: MutationRecord[]): void {
    let restart = false;
    for (const record of records) {
      const target = record.target;
      if (target === this.host && record.type === 'attributes') {
        // The host is ours: nothing in the page has a reason to touch it.
        return this.fail(t('content.reason.hostAttribute', { attribute: record.attributeName ?? '' }));
      }
      if (isStyleMutation(record) || (record.type === 'attributes' && target.contains(this.host)))
        restart = true;
    }
    if (!this.host.isConnected || this.host.parentNode !== this.parent)
      return this.fail(t('content.reason.moved'));
    if (restart) this.restart();
  }

  private fail(reason: string): void {
    if (this.stopped) return;
    this.stop();
    this.unprovable = reason;
    this.setArmed(false);
    this.options.onUnprovable(reason);
  }

  private setArmed(armed: boolean): void {
    if (armed === this.armed) return;
    this.armed = armed;
    this.pointer.setActive(armed);
    this.options.onChange(armed);
  }
}

/** A style sheet added, removed or edited in the page. */
function isStyleMutation(record: MutationRecord): boolean {
  const isSheet = (node: Node) =>
    node.nodeName === 'STYLE' || node.nodeName === 'LINK' || node.parentNode?.nodeName === 'STYLE';
  return (
    isSheet(record.target) ||
    Array.from(record.addedNodes).some(isSheet) ||
    Array.from(record.removedNodes).some((node) => node.nodeName === 'STYLE' || node.nodeName === 'LINK')
  );
}
