import { describe, expect, it } from 'vitest';
import {
  framedPromptHeight,
  hostPortOf,
  newPromptKey,
  parsePromptSize,
  PROMPT_MARGIN,
  PROMPT_MIN_HEIGHT,
  PROMPT_PORT_CHANNEL,
  PROMPT_SIZE_CHANNEL,
  promptSizeMessage,
} from './prompt-size';

const KEY = '0123456789abcdef0123456789abcdef';
const parent = { name: 'the exchange page window' };
const self = { name: "the prompt's own window" };
const port = { name: "the host's port" } as unknown as MessagePort;
const handOver = (data: unknown, source: unknown = parent, ports: readonly MessagePort[] = [port]) => ({
  source,
  data,
  ports,
});

describe("hostPortOf: the prompt takes only its host's port", () => {
  it("takes the port its parent posts with this frame's key", () => {
    expect(hostPortOf(handOver({ channel: PROMPT_PORT_CHANNEL, key: KEY }), parent, self, KEY)).toBe(port);
  });

  it("refuses a port without the key, or with another one (the page cannot read our frame's URL)", () => {
    for (const data of [
      { channel: PROMPT_PORT_CHANNEL },
      { channel: PROMPT_PORT_CHANNEL, key: 'f'.repeat(32) },
      { channel: PROMPT_PORT_CHANNEL, key: KEY.toUpperCase() },
      { channel: PROMPT_PORT_CHANNEL, key: `${KEY} ` },
      { channel: PROMPT_PORT_CHANNEL, key: KEY, extra: 1 },
      { channel: PROMPT_SIZE_CHANNEL, key: KEY },
      KEY,
      null,
    ])
      expect(hostPortOf(handOver(data), parent, self, KEY)).toBeNull();
  });

  it('refuses look-alikes of the key: other scripts, hidden characters, other types', () => {
    const cyrillicA = KEY.replace('a', '\u0430');
    const fullwidthZero = KEY.replace('0', '\uff10');
    for (const key of [
      cyrillicA,
      fullwidthZero,
      `${KEY}\u200b`,
      `\u200b${KEY}`,
      `${KEY.slice(0, 16)}\u200d${KEY.slice(16)}`,
      `#${KEY}`,
      KEY.slice(0, 31),
      `${KEY}0`,
      new String(KEY),
      [KEY],
      { toString: () => KEY },
    ])
      expect(
        hostPortOf(handOver({ channel: PROMPT_PORT_CHANNEL, key }), parent, self, KEY),
        JSON.stringify(String(key)),
      ).toBeNull();
    // The channel name too: a look-alike is not the host's message.
    for (const channel of [
      PROMPT_PORT_CHANNEL.toUpperCase(),
      `${PROMPT_PORT_CHANNEL}\u200b`,
      ` ${PROMPT_PORT_CHANNEL}`,
    ])
      expect(hostPortOf(handOver({ channel, key: KEY }), parent, self, KEY)).toBeNull();
  });

  it('a frame whose own URL carries a non-key (no fragment, or not 32 hex) takes no port, whatever is posted', () => {
    for (const own of ['', 'x', KEY.toUpperCase(), `${KEY}\u200b`])
      expect(hostPortOf(handOver({ channel: PROMPT_PORT_CHANNEL, key: own }), parent, self, own)).toBeNull();
  });

  it('refuses it from any window but the parent: another frame, an opener, itself', () => {
    const data = { channel: PROMPT_PORT_CHANNEL, key: KEY };
    expect(hostPortOf(handOver(data, { name: 'another frame' }), parent, self, KEY)).toBeNull();
    expect(hostPortOf(handOver(data, null), parent, self, KEY)).toBeNull();
    expect(hostPortOf(handOver(data, self), parent, self, KEY)).toBeNull();
  });

  it('refuses it when not framed at all (the parent is the window itself)', () => {
    expect(
      hostPortOf(handOver({ channel: PROMPT_PORT_CHANNEL, key: KEY }, self), self, self, KEY),
    ).toBeNull();
  });

  it('refuses a message with no port or with two', () => {
    const data = { channel: PROMPT_PORT_CHANNEL, key: KEY };
    expect(hostPortOf(handOver(data, parent, []), parent, self, KEY)).toBeNull();
    expect(hostPortOf(handOver(data, parent, [port, port]), parent, self, KEY)).toBeNull();
  });
});

describe('newPromptKey', () => {
  it('is 128 random bits in hex, new each time', () => {
    const a = newPromptKey();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(newPromptKey()).not.toBe(a);
  });
});

describe('parsePromptSize: what a report over the port may say', () => {
  it("reads the prompt's own report", () => {
    expect(parsePromptSize(promptSizeMessage(412.2))).toBe(413);
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
      expect(parsePromptSize({ channel: PROMPT_SIZE_CHANNEL, height })).toBeNull();
    expect(parsePromptSize({ channel: PROMPT_SIZE_CHANNEL, height: 400, extra: 1 })).toBeNull();
    expect(parsePromptSize({ channel: 'other', height: 400 })).toBeNull();
    expect(parsePromptSize('400')).toBeNull();
    expect(parsePromptSize(null)).toBeNull();
  });

  it('reads zero and the largest sane height (then clamped)', () => {
    expect(parsePromptSize({ channel: PROMPT_SIZE_CHANNEL, height: 0 })).toBe(0);
    expect(parsePromptSize({ channel: PROMPT_SIZE_CHANNEL, height: 100_000 })).toBe(100_000);
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
