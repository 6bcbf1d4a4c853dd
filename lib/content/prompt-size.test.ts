import { describe, expect, it } from 'vitest';
import {
  framedPromptHeight,
  PROMPT_MARGIN,
  PROMPT_MIN_HEIGHT,
  PROMPT_SIZE_CHANNEL,
  promptSizeMessage,
  reportedPromptHeight,
} from './prompt-size';

const EXTENSION = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
const frame = { name: "the prompt's frame" };
const fromFrame = (data: unknown, source: unknown = frame, origin = EXTENSION) => ({ source, origin, data });

describe('reportedPromptHeight: only the prompt itself sizes its frame', () => {
  it("reads the prompt's own report", () => {
    expect(reportedPromptHeight(fromFrame(promptSizeMessage(412.2)), frame, EXTENSION)).toBe(413);
  });

  it('ignores the same report posted by the page, another frame, or a prompt.html the page framed itself', () => {
    const page = { name: 'the page window' };
    const otherFrame = { name: 'another frame' };
    const message = promptSizeMessage(300);
    expect(
      reportedPromptHeight(fromFrame(message, page, 'https://www.asterdex.com'), frame, EXTENSION),
    ).toBeNull();
    expect(reportedPromptHeight(fromFrame(message, page), frame, EXTENSION)).toBeNull();
    // Its own copy of prompt.html (web-accessible to the exchange) posts from the extension's origin.
    expect(reportedPromptHeight(fromFrame(message, otherFrame), frame, EXTENSION)).toBeNull();
    expect(reportedPromptHeight(fromFrame(message, null), frame, EXTENSION)).toBeNull();
  });

  it('ignores our frame once the page navigated it to another origin', () => {
    const message = promptSizeMessage(300);
    expect(
      reportedPromptHeight(fromFrame(message, frame, 'https://evil.example'), frame, EXTENSION),
    ).toBeNull();
    expect(reportedPromptHeight(fromFrame(message, frame, 'null'), frame, EXTENSION)).toBeNull();
  });

  it('ignores any frame before ours exists (no contentWindow)', () => {
    expect(reportedPromptHeight(fromFrame(promptSizeMessage(300), null), null, EXTENSION)).toBeNull();
    expect(
      reportedPromptHeight(fromFrame(promptSizeMessage(300), undefined), undefined, EXTENSION),
    ).toBeNull();
  });

  it('ignores NaN, infinities, negative, absurd, non-numeric and padded reports', () => {
    for (const height of [
      NaN,
      Infinity,
      -Infinity,
      -1,
      -0.5,
      100_001,
      1e308,
      '400',
      null,
      undefined,
      {},
      [400],
    ])
      expect(
        reportedPromptHeight(fromFrame({ channel: PROMPT_SIZE_CHANNEL, height }), frame, EXTENSION),
      ).toBeNull();
    expect(
      reportedPromptHeight(
        fromFrame({ channel: PROMPT_SIZE_CHANNEL, height: 400, extra: 1 }),
        frame,
        EXTENSION,
      ),
    ).toBeNull();
    expect(reportedPromptHeight(fromFrame({ channel: 'other', height: 400 }), frame, EXTENSION)).toBeNull();
    expect(reportedPromptHeight(fromFrame('400'), frame, EXTENSION)).toBeNull();
    expect(reportedPromptHeight(fromFrame(null), frame, EXTENSION)).toBeNull();
  });

  it('reads zero and the largest sane height (then clamped)', () => {
    expect(
      reportedPromptHeight(fromFrame({ channel: PROMPT_SIZE_CHANNEL, height: 0 }), frame, EXTENSION),
    ).toBe(0);
    expect(
      reportedPromptHeight(fromFrame({ channel: PROMPT_SIZE_CHANNEL, height: 100_000 }), frame, EXTENSION),
    ).toBe(100_000);
  });
});

describe('framedPromptHeight: between a safe minimum and the viewport', () => {
  it('follows the content in between', () => {
    expect(framedPromptHeight(420, 800)).toBe(420);
    expect(framedPromptHeight(420.3, 800)).toBe(421);
  });

  it('never below the minimum (tiny or zero reports)', () => {
    expect(framedPromptHeight(0, 800)).toBe(PROMPT_MIN_HEIGHT);
    expect(framedPromptHeight(1, 800)).toBe(PROMPT_MIN_HEIGHT);
  });

  it('never taller than the viewport less its margins: the rest scrolls inside', () => {
    expect(framedPromptHeight(100_000, 800)).toBe(800 - 2 * PROMPT_MARGIN);
    expect(framedPromptHeight(2_000, 500)).toBe(500 - 2 * PROMPT_MARGIN);
  });

  it('a viewport shorter than the minimum still gets the minimum (the guard then refuses the window)', () => {
    expect(framedPromptHeight(400, 100)).toBe(PROMPT_MIN_HEIGHT);
  });
});
