import * as v from 'valibot';

/**
 * The approval prompt's frame follows its content's height. The prompt (an extension page in the frame)
 * measures what it needs and tells the content script over `window.postMessage`; the page can post on that
 * channel too, so a size counts only when it comes from the prompt's own frame, at the extension's origin,
 * and is a sane number. Whatever is reported, the frame stays between PROMPT_MIN_HEIGHT and the viewport.
 */
export const PROMPT_SIZE_CHANNEL = 'aster-companion:prompt-size';

/** The frame is never shorter than this (title, the verdict's first line and Approve/Reject). */
export const PROMPT_MIN_HEIGHT = 160;

/** The frame keeps this far from the window's top and bottom edges. */
export const PROMPT_MARGIN = 16;

/**
 * The in-page prompt needs a window at least this large; a smaller one sends it to the popup window (the
 * prompt's fixed parts and a few lines of its details must fit).
 */
export const PROMPT_MIN_VIEWPORT = { width: 400, height: 400 };

/** A report above this is nonsense (no screen is that tall): ignored, not clamped. */
const ABSURD_HEIGHT = 100_000;

export const promptSizeSchema = v.strictObject({
  channel: v.literal(PROMPT_SIZE_CHANNEL),
  height: v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(ABSURD_HEIGHT)),
});

export type PromptSizeMessage = v.InferOutput<typeof promptSizeSchema>;

/** What the prompt posts to its parent. */
export function promptSizeMessage(height: number): PromptSizeMessage {
  return { channel: PROMPT_SIZE_CHANNEL, height: Math.ceil(height) };
}

/**
 * The height the prompt asks for, or null when the message is not the prompt's: another window posted it
 * (the page, another frame — even another copy of prompt.html the page framed itself), from another origin
 * (the page navigated the frame away), or its content is not exactly a sane size report.
 */
export function reportedPromptHeight(
  event: { source: unknown; origin: string; data: unknown },
  frameWindow: unknown,
  extensionOrigin: string,
): number | null {
  if (frameWindow == null || event.source !== frameWindow || event.origin !== extensionOrigin) return null;
  const parsed = v.safeParse(promptSizeSchema, event.data);
  return parsed.success ? parsed.output.height : null;
}

/** The frame's height for a reported content height in this viewport: whole, or scrolling inside. */
export function framedPromptHeight(reported: number, viewportHeight: number): number {
  const largest = Math.max(PROMPT_MIN_HEIGHT, Math.floor(viewportHeight - 2 * PROMPT_MARGIN));
  return Math.min(largest, Math.max(PROMPT_MIN_HEIGHT, Math.ceil(reported)));
}
