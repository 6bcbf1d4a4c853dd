// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PromptHost } from './prompt-host';
import { hasOcclusionTracking } from './surface-checks';

describe('PromptHost without IntersectionObserver v2', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('never shows the prompt in the page: the background opens the popup window instead', () => {
    // An IntersectionObserverEntry without `isVisible`: occlusion cannot be tracked here.
    vi.stubGlobal('IntersectionObserverEntry', class {});
    expect(hasOcclusionTracking()).toBe(false);
    const moved: string[] = [];
    const prompts = new PromptHost((id) => moved.push(id));
    expect(prompts.show('4f1c7a0e-3b2d-4c5e-9f6a-1b2c3d4e5f60')).toBe(false);
    expect(document.querySelector('aster-companion-prompt')).toBeNull();
    expect(moved).toEqual([]); // show() answered false: the background opens the window itself
  });

  it('knows v2 when the entry has `isVisible`', () => {
    vi.stubGlobal(
      'IntersectionObserverEntry',
      class {
        get isVisible() {
          return false;
        }
      },
    );
    expect(hasOcclusionTracking()).toBe(true);
  });
});
