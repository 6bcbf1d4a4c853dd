import { describe, expect, it } from 'vitest';
import { clickSource, DeliberatePointer, keepPointerFocusOff, restartsDelay } from './deliberate-input';

const AT = { x: 640, y: 520 };

describe('restartsDelay', () => {
  it('a pointer going down, Enter or Space restarts the delay', () => {
    expect(restartsDelay({ type: 'pointerdown' })).toBe(true);
    expect(restartsDelay({ type: 'keydown', key: 'Enter' })).toBe(true);
    expect(restartsDelay({ type: 'keydown', key: ' ' })).toBe(true);
  });
  it('moving, typing, Tab and Escape do not', () => {
    expect(restartsDelay({ type: 'pointermove' })).toBe(false);
    expect(restartsDelay({ type: 'keydown', key: 'a' })).toBe(false);
    expect(restartsDelay({ type: 'keydown', key: 'Tab' })).toBe(false);
    expect(restartsDelay({ type: 'keydown', key: 'Escape' })).toBe(false);
  });
});

describe('clickSource', () => {
  it('a click with no press count is the keyboard; any other is a pointer', () => {
    expect(clickSource({ detail: 0 })).toBe('keyboard');
    expect(clickSource({ detail: 1 })).toBe('pointer');
    expect(clickSource({ detail: 2 })).toBe('pointer');
  });
});

describe('DeliberatePointer', () => {
  it('nothing counts while the action is inactive', () => {
    const pointer = new DeliberatePointer();
    pointer.move(AT, true);
    pointer.press(AT, 'mouse');
    expect(pointer.counts('pointer')).toBe(false);
    expect(pointer.counts('keyboard')).toBe(false);
  });

  it('the attack: a still pointer clicking on where the action appears counts never, however long', () => {
    const pointer = new DeliberatePointer();
    pointer.press(AT, 'mouse');
    pointer.setActive(true);
    for (let i = 0; i < 20; i++) {
      // What Chromium may report after a layout change: a move to the same spot.
      pointer.move(AT, true);
      pointer.press(AT, 'mouse');
      expect(pointer.counts('pointer')).toBe(false);
    }
  });

  it('the honest trader: moved onto the action after it became active, then clicked → counts', () => {
    const pointer = new DeliberatePointer();
    pointer.move({ x: 100, y: 100 }, false);
    pointer.setActive(true);
    pointer.move({ x: 600, y: 510 }, false);
    pointer.move(AT, true);
    pointer.press(AT, 'mouse');
    expect(pointer.counts('pointer')).toBe(true);
  });

  it('moved off the action and back to the very same spot, then clicked → counts', () => {
    const pointer = new DeliberatePointer();
    pointer.press(AT, 'mouse');
    pointer.setActive(true);
    pointer.move({ x: AT.x, y: AT.y - 60 }, false);
    pointer.move(AT, true);
    pointer.press(AT, 'mouse');
    expect(pointer.counts('pointer')).toBe(true);
  });

  it('a pointer never seen on the surface before activation counts once it moves onto the action', () => {
    const pointer = new DeliberatePointer();
    pointer.setActive(true);
    pointer.move(AT, true);
    pointer.press(AT, 'mouse');
    expect(pointer.counts('pointer')).toBe(true);
  });

  it('moving elsewhere on the surface, not onto the action, does not count', () => {
    const pointer = new DeliberatePointer();
    pointer.move(AT, true);
    pointer.setActive(true);
    pointer.move({ x: 10, y: 10 }, false);
    pointer.press(AT, 'mouse');
    expect(pointer.counts('pointer')).toBe(false);
  });

  it('movement before activation does not carry over; deactivation forgets movement', () => {
    const pointer = new DeliberatePointer();
    pointer.move({ x: 1, y: 1 }, true);
    pointer.move(AT, true);
    pointer.setActive(true);
    pointer.press(AT, 'mouse');
    expect(pointer.counts('pointer')).toBe(false);
    pointer.move({ x: 641, y: 520 }, true);
    pointer.setActive(false);
    pointer.setActive(true);
    pointer.press({ x: 641, y: 520 }, 'mouse');
    expect(pointer.counts('pointer')).toBe(false);
  });

  it('a press that began before activation does not count when released after it', () => {
    const pointer = new DeliberatePointer();
    pointer.press(AT, 'mouse');
    pointer.setActive(true);
    pointer.move({ x: 641, y: 520 }, true);
    expect(pointer.counts('pointer')).toBe(false);
  });

  it('a touch (no hover) counts when pressed after activation', () => {
    const pointer = new DeliberatePointer();
    pointer.press(AT, 'touch');
    pointer.setActive(true);
    expect(pointer.counts('pointer')).toBe(false);
    pointer.press(AT, 'touch');
    expect(pointer.counts('pointer')).toBe(true);
  });

  it('the keyboard counts once active (a disabled action cannot hold focus before)', () => {
    const pointer = new DeliberatePointer();
    pointer.setActive(true);
    expect(pointer.counts('keyboard')).toBe(true);
  });
});

describe('keepPointerFocusOff', () => {
  it('prevents the press’s default (the focus change)', () => {
    let prevented = false;
    keepPointerFocusOff({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });
});
