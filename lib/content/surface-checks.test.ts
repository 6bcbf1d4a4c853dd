import { describe, expect, it } from 'vitest';
import {
  entryProvesSeen,
  entryShowsWhole,
  placementProblem,
  seenProof,
  styleAlteration,
  type ComputedStyleLike,
} from './surface-checks';

/** A computed style as Chromium reports an untouched element, with `changes` applied. */
function computed(changes: Record<string, string> = {}): ComputedStyleLike {
  const values: Record<string, string> = {
    display: 'block',
    opacity: '1',
    visibility: 'visible',
    'clip-path': 'none',
    clip: 'auto',
    'mask-image': 'none',
    '-webkit-mask-image': 'none',
    '-webkit-mask-box-image-source': 'none',
    filter: 'none',
    'backdrop-filter': 'none',
    transform: 'none',
    scale: 'none',
    rotate: 'none',
    translate: 'none',
    perspective: 'none',
    'offset-path': 'none',
    'content-visibility': 'visible',
    zoom: '1',
    'pointer-events': 'auto',
    'mix-blend-mode': 'normal',
    contain: 'none',
    'will-change': 'auto',
    ...changes,
  };
  return { getPropertyValue: (property) => values[property] ?? '' };
}

describe('styleAlteration', () => {
  it('passes an untouched element, and properties this browser lacks', () => {
    expect(styleAlteration(computed())).toBeNull();
    expect(styleAlteration(computed({ 'offset-path': '', zoom: '' }))).toBeNull();
    expect(styleAlteration(computed({ zoom: 'normal', display: 'contents' }))).toBeNull();
  });

  // Every way the page hid, clipped, faded, moved or blended a surface in the attacks, and their kin.
  const alterations: Record<string, string> = {
    display: 'none',
    opacity: '0',
    visibility: 'hidden',
    'clip-path': 'inset(540px 0px 0px)',
    clip: 'rect(0px, 10px, 10px, 0px)',
    'mask-image': 'linear-gradient(transparent 90%, black 90%)',
    '-webkit-mask-image': 'url("x.svg")',
    '-webkit-mask-box-image-source': 'linear-gradient(red, blue)',
    filter: 'opacity(0.01)',
    'backdrop-filter': 'blur(2px)',
    transform: 'matrix(0.01, 0, 0, 0.01, 0, 0)',
    scale: '0.01',
    rotate: '180deg',
    translate: '-9999px',
    perspective: '10px',
    'offset-path': 'path("M 0 0 L 9999 0")',
    'content-visibility': 'hidden',
    zoom: '0.1',
    'pointer-events': 'none',
    'mix-blend-mode': 'multiply',
    contain: 'paint',
    'will-change': 'transform',
  };
  for (const [property, value] of Object.entries(alterations)) {
    it(`flags ${property}: ${value}`, () => {
      expect(styleAlteration(computed({ [property]: value }))).toBe(`${property}: ${value}`);
    });
  }

  it('flags near-neutral values too (opacity 0.99 is not 1)', () => {
    expect(styleAlteration(computed({ opacity: '0.99' }))).toBe('opacity: 0.99');
    expect(styleAlteration(computed({ transform: 'matrix(1, 0, 0, 1, 0.5, 0)' }))).not.toBeNull();
  });
});

describe('placementProblem', () => {
  const viewport = { width: 1280, height: 800 };
  const minimum = { width: 380, height: 400 };
  const whole = { left: 450, top: 100, width: 380, height: 600 };
  const layout = { width: 380, height: 600 };

  it('passes a surface drawn whole, at its size, inside the window', () => {
    expect(placementProblem(whole, layout, viewport, minimum)).toBeNull();
    expect(placementProblem({ ...whole, left: 0, top: 200 }, layout, viewport, minimum)).toBeNull();
  });

  it('flags a surface too small, scaled, or partly off-screen', () => {
    const tiny = { ...whole, width: 2, height: 2 };
    expect(placementProblem(tiny, { width: 2, height: 2 }, viewport, minimum)).toMatch(/too small/);
    expect(placementProblem({ ...whole, width: 190, height: 300 }, layout, viewport, minimum)).toMatch(
      /too small/,
    );
    expect(placementProblem({ ...whole, width: 400, height: 640 }, layout, viewport, minimum)).toMatch(
      /another size/,
    );
    expect(placementProblem({ ...whole, left: -100 }, layout, viewport, minimum)).toMatch(/outside/);
    expect(placementProblem({ ...whole, top: 300 }, layout, viewport, minimum)).toMatch(/outside/);
    expect(placementProblem({ ...whole, left: 5000 }, layout, viewport, minimum)).toMatch(/outside/);
  });
});

describe('entryShowsWhole', () => {
  it('needs the whole target intersecting AND v2 saying it is visible', () => {
    expect(entryShowsWhole({ isIntersecting: true, intersectionRatio: 1, isVisible: true })).toBe(true);
    expect(entryShowsWhole({ isIntersecting: true, intersectionRatio: 0.98, isVisible: true })).toBe(false);
    expect(entryShowsWhole({ isIntersecting: true, intersectionRatio: 1, isVisible: false })).toBe(false);
    expect(entryShowsWhole({ isIntersecting: false, intersectionRatio: 0, isVisible: true })).toBe(false);
    // No IntersectionObserver v2: nothing proves it seen.
    expect(entryShowsWhole({ isIntersecting: true, intersectionRatio: 1 })).toBe(false);
  });
});

describe('seenProof: how a prompt proves it is seen, by feature detection', () => {
  const whole = { isIntersecting: true, intersectionRatio: 1 };

  it('IntersectionObserver v2: its occlusion report, wherever the prompt is', () => {
    expect(seenProof(true, true)).toBe('occlusion');
    expect(seenProof(true, false)).toBe('occlusion');
    expect(entryProvesSeen({ ...whole, isVisible: true }, 'occlusion')).toBe(true);
    expect(entryProvesSeen({ ...whole, isVisible: false }, 'occlusion')).toBe(false);
    expect(entryProvesSeen(whole, 'occlusion')).toBe(false);
  });

  it("without v2: the extension's own top-level window only, whole in view", () => {
    expect(seenProof(false, true)).toBe('own-window');
    expect(entryProvesSeen(whole, 'own-window')).toBe(true);
    expect(entryProvesSeen({ isIntersecting: true, intersectionRatio: 0.98 }, 'own-window')).toBe(false);
    expect(entryProvesSeen({ isIntersecting: false, intersectionRatio: 0 }, 'own-window')).toBe(false);
  });

  it('without v2, a frame in a page proves nothing', () => {
    expect(seenProof(false, false)).toBe('none');
    expect(entryProvesSeen({ ...whole, isVisible: true }, 'none')).toBe(false);
  });
});
