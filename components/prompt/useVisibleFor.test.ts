// @vitest-environment happy-dom
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PROMPT_SIZE_WAIT_MS } from '@/lib/content/prompt-size';
import { APPROVE_DELAY_MS, COVERED_MOVE_MS, useVisibleFor } from './useVisibleFor';

/**
 * Whether Approve arms, decided by feature detection: IntersectionObserver v2 (Chromium) or not (Firefox).
 * The observer is a stub that reports what the test says; `isVisible` on the entry's prototype is what
 * tells v2 apart.
 */
let report: (entry: { isIntersecting: boolean; intersectionRatio: number; isVisible?: boolean }) => void;

function browserWith({ occlusionTracking }: { occlusionTracking: boolean }) {
  vi.stubGlobal(
    'IntersectionObserverEntry',
    occlusionTracking
      ? class {
          get isVisible() {
            return false;
          }
        }
      : class {},
  );
  vi.stubGlobal(
    'IntersectionObserver',
    class {
      constructor(callback: (entries: unknown[]) => void) {
        report = (entry) => callback([entry]);
      }
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  );
}

const inView = { isIntersecting: true, intersectionRatio: 1 };

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function armedAfterDelay(ownWindow: boolean, entry: Parameters<typeof report>[0], onCovered = vi.fn()) {
  const { result } = renderHook(() => useVisibleFor(APPROVE_DELAY_MS, onCovered, undefined, ownWindow));
  act(() => report(entry));
  act(() => vi.advanceTimersByTime(APPROVE_DELAY_MS + 10));
  return result.current;
}

describe('Approve without IntersectionObserver v2 (Firefox)', () => {
  beforeEach(() => browserWith({ occlusionTracking: false }));

  it("arms in the extension's own popup window once the whole prompt is in view for the delay", () => {
    expect(armedAfterDelay(true, inView)).toBe(true);
  });

  it('not before the delay, and not while part of it is out of view', () => {
    const { result } = renderHook(() => useVisibleFor(APPROVE_DELAY_MS, undefined, undefined, true));
    act(() => report(inView));
    act(() => vi.advanceTimersByTime(APPROVE_DELAY_MS - 50));
    expect(result.current).toBe(false);
    expect(armedAfterDelay(true, { isIntersecting: true, intersectionRatio: 0.9 })).toBe(false);
  });

  it('never arms in a frame over a page: the approval moves to the window instead', () => {
    const onCovered = vi.fn();
    expect(armedAfterDelay(false, inView, onCovered)).toBe(false);
    act(() => vi.advanceTimersByTime(COVERED_MOVE_MS + PROMPT_SIZE_WAIT_MS));
    expect(onCovered).toHaveBeenCalledTimes(1);
  });

  it('the host’s sizing wait (frame hidden) does not count as covered; unseen past it, the approval moves', () => {
    const onCovered = vi.fn();
    renderHook(() => useVisibleFor(APPROVE_DELAY_MS, onCovered, undefined, false));
    act(() => vi.advanceTimersByTime(COVERED_MOVE_MS + PROMPT_SIZE_WAIT_MS - 10));
    expect(onCovered).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(20));
    expect(onCovered).toHaveBeenCalledTimes(1);
  });
});

describe('Approve with IntersectionObserver v2 (Chromium): unchanged', () => {
  beforeEach(() => browserWith({ occlusionTracking: true }));

  it('arms only on a v2 report that the prompt is visible, in the page and in the window alike', () => {
    expect(armedAfterDelay(false, { ...inView, isVisible: true })).toBe(true);
    expect(armedAfterDelay(true, { ...inView, isVisible: true })).toBe(true);
  });

  it('in view but occluded (isVisible false) never arms, even in the window', () => {
    expect(armedAfterDelay(true, { ...inView, isVisible: false })).toBe(false);
    expect(armedAfterDelay(false, { ...inView, isVisible: false })).toBe(false);
  });
});
