// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { followPromptSize } from './prompt-host';
import {
  PROMPT_DEFAULT_HEIGHT,
  PROMPT_PORT_CHANNEL,
  PROMPT_SHOWN_CHANNEL,
  PROMPT_SIZE_CHANNEL,
  PROMPT_SIZE_WAIT_MS,
  promptSizeMessage,
} from './prompt-size';

const KEY = '0123456789abcdef0123456789abcdef';

/** The host's side over a frame whose window only records what is posted to it. */
function setUp() {
  const box = document.createElement('div');
  box.className = 'box sizing';
  const frame = document.createElement('iframe');
  const catcher = document.createElement('div');
  catcher.hidden = true;
  // Not in the document: happy-dom would try to load the frame.
  box.append(frame, catcher);
  const posted: { data: unknown; origin: string; ports: MessagePort[] }[] = [];
  Object.defineProperty(frame, 'contentWindow', {
    value: {
      postMessage: (data: unknown, origin: string, ports: MessagePort[]) =>
        posted.push({ data, origin, ports }),
    },
  });
  const shown = vi.fn();
  const unfollow = followPromptSize(frame, KEY, box, catcher, shown);
  /** The frame loads: the host hands over a port; the test plays the prompt on its other end. */
  const load = () => {
    frame.dispatchEvent(new Event('load'));
    const handed = posted.at(-1)!;
    const heard: unknown[] = [];
    const prompt = handed.ports[0]!;
    prompt.onmessage = (event) => heard.push(event.data);
    return { handed, prompt, heard };
  };
  const hidden = () => box.classList.contains('sizing');
  return { box, catcher, shown, unfollow, load, hidden };
}

/** Lets the message ports deliver (they are real, Node's). */
const delivered = () => new Promise((resolve) => setTimeout(resolve, 20));

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  window.innerHeight = 900;
});
afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('followPromptSize: the frame is shown once, at its size', () => {
  it("hands the port to the extension's origin with the frame's key", () => {
    const { load, unfollow } = setUp();
    const { handed } = load();
    expect(handed.data).toEqual({ channel: PROMPT_PORT_CHANNEL, key: KEY });
    expect(handed.origin).toBe(new URL(browser.runtime.getURL('/')).origin);
    expect(handed.ports).toHaveLength(1);
    unfollow();
  });

  it('stays hidden until the first report, then is shown at that height and tells the prompt when', async () => {
    vi.useRealTimers();
    const { box, catcher, shown, load, hidden, unfollow } = setUp();
    const { prompt, heard } = load();
    expect(hidden()).toBe(true);
    expect(shown).not.toHaveBeenCalled();
    prompt.postMessage(promptSizeMessage(333.4));
    await delivered();
    expect(hidden()).toBe(false);
    expect(box.style.height).toBe('334px');
    expect(catcher.hidden).toBe(true); // nothing moved under anyone's pointer: it was not visible
    expect(shown).toHaveBeenCalledTimes(1);
    expect(heard).toEqual([{ channel: PROMPT_SHOWN_CHANNEL, at: expect.any(Number) }]);
    // A later size (the content grew): resized behind the click catcher, shown only once.
    prompt.postMessage(promptSizeMessage(500));
    await delivered();
    expect(box.style.height).toBe('500px');
    expect(catcher.hidden).toBe(false);
    expect(shown).toHaveBeenCalledTimes(1);
    unfollow();
  });

  it('a prompt that never reports is shown after PROMPT_SIZE_WAIT_MS at the default height, not before', () => {
    const { box, shown, load, hidden, unfollow } = setUp();
    load();
    vi.advanceTimersByTime(PROMPT_SIZE_WAIT_MS - 1);
    expect(hidden()).toBe(true);
    expect(shown).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(hidden()).toBe(false);
    expect(shown).toHaveBeenCalledTimes(1);
    expect(box.style.height === '' || box.style.height === `${PROMPT_DEFAULT_HEIGHT}px`).toBe(true);
    unfollow();
  });

  it('ignores sizes posted on the window, whoever posts them: the frame stays hidden until the timeout', async () => {
    vi.useRealTimers();
    const { box, shown, load, hidden, unfollow } = setUp();
    load();
    window.postMessage({ channel: PROMPT_SIZE_CHANNEL, height: 200 }, '*');
    window.dispatchEvent(
      new MessageEvent('message', { data: { channel: PROMPT_SIZE_CHANNEL, height: 200 } }),
    );
    await delivered();
    expect(hidden()).toBe(true);
    expect(box.style.height).not.toBe('200px');
    expect(shown).not.toHaveBeenCalled();
    unfollow();
  });

  it('reads only the latest port: one a reload replaced is closed', async () => {
    vi.useRealTimers();
    const { box, load, hidden, unfollow } = setUp();
    const first = load();
    const second = load();
    first.prompt.postMessage(promptSizeMessage(222));
    await delivered();
    expect(hidden()).toBe(true);
    second.prompt.postMessage(promptSizeMessage(444));
    await delivered();
    expect(hidden()).toBe(false);
    expect(box.style.height).toBe('444px');
    unfollow();
  });

  it('a window resize after it is shown re-fits it behind the click catcher', async () => {
    vi.useRealTimers();
    const { box, catcher, load, unfollow } = setUp();
    const { prompt } = load();
    prompt.postMessage(promptSizeMessage(800));
    await delivered();
    expect(box.style.height).toBe('800px');
    window.innerHeight = 500;
    window.dispatchEvent(new Event('resize'));
    expect(box.style.height).toBe(`${500 - 32}px`);
    expect(catcher.hidden).toBe(false);
    unfollow();
  });
});
