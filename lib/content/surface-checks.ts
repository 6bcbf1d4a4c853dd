import { t } from '@/lib/i18n';

/**
 * Pure checks of what the page may have done to an in-page surface (approval prompt, switcher, key-capture
 * panel) or to any of its ancestors. Each returns words naming the first alteration found, or null.
 */

/**
 * How long an in-page surface that acts (approval prompt, switcher, key-capture panel) must have been seen
 * whole, unoccluded and unaltered before input counts (anti-clickjacking).
 */
export const SURFACE_DELAY_MS = 700;

/** Just what the checks read of a computed style (a CSSStyleDeclaration in the browser). */
export interface ComputedStyleLike {
  getPropertyValue(property: string): string;
}

/**
 * Every property by which an element or an ancestor can hide, clip, fade, move, blend or disable what it
 * contains, with the only values that leave it intact. An empty value is a property this browser lacks.
 */
const NEUTRAL_VALUES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['opacity', ['1']],
  ['visibility', ['visible']],
  ['clip-path', ['none']],
  ['clip', ['auto']],
  ['mask-image', ['none']],
  ['-webkit-mask-image', ['none']],
  ['-webkit-mask-box-image-source', ['none']],
  ['filter', ['none']],
  ['backdrop-filter', ['none']],
  ['transform', ['none']],
  ['scale', ['none']],
  ['rotate', ['none']],
  ['translate', ['none']],
  ['perspective', ['none']],
  ['offset-path', ['none']],
  ['content-visibility', ['visible']],
  ['zoom', ['1', 'normal']],
  ['pointer-events', ['auto']],
  ['mix-blend-mode', ['normal']],
  // A containing block for fixed descendants: the page could then size or clip the surface through it.
  ['contain', ['none']],
  ['will-change', ['auto']],
];

/** The first property of `style` that alters what the element draws, as "name: value"; null when none. */
export function styleAlteration(style: ComputedStyleLike): string | null {
  // CSS, not words: the reason names the property and value as the page set them.
  // eslint-disable-next-line i18next/no-literal-string
  if (style.getPropertyValue('display') === 'none') return 'display: none';
  for (const [property, neutral] of NEUTRAL_VALUES) {
    const value = style.getPropertyValue(property).trim();
    if (value !== '' && !neutral.includes(value)) return `${property}: ${value}`;
  }
  return null;
}

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Whether the surface's drawn box is whole: at least `minimum` in size, drawn at its layout size (no
 * scaling), and entirely inside the viewport.
 */
export function placementProblem(
  drawn: Box,
  layout: { width: number; height: number },
  viewport: { width: number; height: number },
  minimum: { width: number; height: number },
): string | null {
  const slack = 1; // sub-pixel layout
  if (drawn.width + slack < minimum.width || drawn.height + slack < minimum.height)
    return t('content.reason.tooSmall', {
      width: Math.round(drawn.width),
      height: Math.round(drawn.height),
    });
  if (Math.abs(drawn.width - layout.width) > slack || Math.abs(drawn.height - layout.height) > slack)
    return t('content.reason.scaled');
  if (
    drawn.left < -slack ||
    drawn.top < -slack ||
    drawn.left + drawn.width > viewport.width + slack ||
    drawn.top + drawn.height > viewport.height + slack
  )
    return t('content.reason.outside');
  return null;
}

/** Whether an IntersectionObserver v2 entry proves the whole target visible and unoccluded. */
export function entryShowsWhole(entry: {
  isIntersecting: boolean;
  intersectionRatio: number;
  isVisible?: boolean;
}): boolean {
  return entry.isIntersecting && entry.intersectionRatio >= 0.999 && entry.isVisible === true;
}

/** IntersectionObserver v2 (occlusion tracking) is what proves a surface seen; without it, nothing does. */
export function hasOcclusionTracking(): boolean {
  return (
    typeof IntersectionObserverEntry !== 'undefined' && 'isVisible' in IntersectionObserverEntry.prototype
  );
}

/**
 * How a prompt proves that it is seen. `occlusion`: IntersectionObserver v2, wherever it is shown. Without
 * v2 (Firefox), only the extension's own top-level popup window can act, on plain intersection: no page
 * can draw over or restyle that window's document. A frame in a page without v2 proves nothing (`none`):
 * its Approve never arms, and the approval moves to the window.
 */
export type SeenProof = 'occlusion' | 'own-window' | 'none';

export function seenProof(occlusionTracking: boolean, ownTopLevelWindow: boolean): SeenProof {
  if (occlusionTracking) return 'occlusion';
  return ownTopLevelWindow ? 'own-window' : 'none';
}

/** Whether an IntersectionObserver entry shows the whole target, by the given proof. */
export function entryProvesSeen(
  entry: { isIntersecting: boolean; intersectionRatio: number; isVisible?: boolean },
  proof: SeenProof,
): boolean {
  if (proof === 'occlusion') return entryShowsWhole(entry);
  if (proof === 'own-window') return entry.isIntersecting && entry.intersectionRatio >= 0.999;
  return false;
}
