import * as v from 'valibot';

/**
 * The approval prompt's frame follows its content's height. The prompt (an extension page in the frame)
 * measures what it needs and tells the content script over a MessageChannel of its own: the content script
 * creates the channel and hands one port to the frame it made (to the extension's origin only, with a key
 * only the frame's URL carries). The page never sees a size (they can hint at the trader's language) and
 * cannot post one the host would read. Whatever is reported, the frame stays between PROMPT_MIN_HEIGHT and
 * the viewport.
 */
export const PROMPT_SIZE_CHANNEL = 'aster-companion:prompt-size';

/** The content script's message to the frame that carries the host's port. */
export const PROMPT_PORT_CHANNEL = 'aster-companion:prompt-port';

/** The content script's message over the port: the frame was just shown, at its size, at `at`. */
export const PROMPT_SHOWN_CHANNEL = 'aster-companion:prompt-shown';

/** The frame is never shorter than this (title, the verdict's first line and Approve/Reject). */
export const PROMPT_MIN_HEIGHT = 160;

/**
 * A frame whose prompt has not reported its size this long after it was inserted is shown anyway, this tall
 * (within the window): rather a prompt that scrolls inside than none.
 */
export const PROMPT_SIZE_WAIT_MS = 1_500;
export const PROMPT_DEFAULT_HEIGHT = 480;

/** The frame keeps this far from the window's top and bottom edges. */
export const PROMPT_MARGIN = 16;

/**
 * The in-page prompt needs a window at least this large; a smaller one sends it to the popup window (the
 * prompt's fixed parts and a few lines of its details must fit).
 */
export const PROMPT_MIN_VIEWPORT = { width: 400, height: 400 };

/** A report above this is nonsense (no screen is that tall): ignored, not clamped. */
const ABSURD_HEIGHT = 100_000;

const sane = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(ABSURD_HEIGHT));

export const promptSizeSchema = v.strictObject({ channel: v.literal(PROMPT_SIZE_CHANNEL), height: sane });

export type PromptSizeMessage = v.InferOutput<typeof promptSizeSchema>;

/** The key in the frame's URL fragment: 128 random bits, hex. */
const keySchema = v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/));

export const promptPortSchema = v.strictObject({ channel: v.literal(PROMPT_PORT_CHANNEL), key: keySchema });

export const promptShownSchema = v.strictObject({
  channel: v.literal(PROMPT_SHOWN_CHANNEL),
  at: v.pipe(v.number(), v.finite(), v.minValue(0)),
});

/** A fresh key for one frame: the page cannot read the URL of a frame in a closed shadow root. */
export function newPromptKey(): string {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** What the prompt sends over its port. */
export function promptSizeMessage(height: number): PromptSizeMessage {
  return { channel: PROMPT_SIZE_CHANNEL, height: Math.ceil(height) };
}

/** The height reported, or null when the message is not exactly a sane size report. */
export function parsePromptSize(data: unknown): number | null {
  const parsed = v.safeParse(promptSizeSchema, data);
  return parsed.success ? parsed.output.height : null;
}

/**
 * The host's port, when `event` hands it over: posted by the frame's parent (the exchange page's window,
 * where the content script runs; not another frame, not an opener), with exactly one port and the key of
 * this frame's URL. The page itself posts from the same window, but has no key: it cannot read our frame's
 * URL. Accepted once: the caller stops listening after the first.
 */
export function hostPortOf(
  event: { source: unknown; data: unknown; ports: readonly MessagePort[] },
  parent: unknown,
  self: unknown,
  key: string,
): MessagePort | null {
  if (parent === self || event.source !== parent || event.ports.length !== 1) return null;
  const parsed = v.safeParse(promptPortSchema, event.data);
  return parsed.success && parsed.output.key === key ? event.ports[0]! : null;
}

/** The frame's height for a reported content height in this viewport: whole, or scrolling inside. */
export function framedPromptHeight(reported: number, viewportHeight: number): number {
  const largest = Math.max(PROMPT_MIN_HEIGHT, Math.floor(viewportHeight - 2 * PROMPT_MARGIN));
  return Math.min(largest, Math.max(PROMPT_MIN_HEIGHT, Math.ceil(reported)));
}
