/**
 * The host's styles, pinned. An `!important` rule of the shadow root beats every page rule on the host,
 * its inline style included (CSS cascade: inner context wins for important declarations); `all` resets
 * every property but `direction`, which would otherwise let the page mirror the layout (swap buttons).
 */
const HOST_CSS = `:host { all: initial !important; display: block !important; direction: ltr !important; }`;

/**
 * A closed shadow root attached to the page: page scripts can neither read nor click into what the
 * companion shows there (their `element.shadowRoot` is null). By default a child of <html>, so that
 * the page's <body> styles are not among its ancestors'.
 */
export function createShadowHost(
  tag: string,
  css: string,
  parent: Element = document.documentElement,
): { host: HTMLElement; root: ShadowRoot } {
  const host = document.createElement(tag);
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = HOST_CSS + css;
  root.append(style);
  parent.append(host);
  return { host, root };
}

export const BASE_CSS = `
  * { box-sizing: border-box; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; font-size: 13px; }
  .panel { background: #ffffff; color: #16181d; border: 1px solid #c9cdd4; border-radius: 10px; box-shadow: 0 6px 24px rgba(0,0,0,.25); }
  button { font: inherit; border: 1px solid #c9cdd4; border-radius: 8px; padding: 6px 10px; background: #f4f5f7; color: #16181d; cursor: pointer; }
  button.primary { background: #6b3fd4; border-color: #6b3fd4; color: #fff; font-weight: 600; }
  input, select { font: inherit; border: 1px solid #c9cdd4; border-radius: 8px; padding: 6px 8px; background: #fff; color: #16181d; }
  :focus-visible { outline: 2px solid #1d6fe0; outline-offset: 2px; }
  @media (prefers-color-scheme: dark) {
    .panel { background: #1f2127; color: #eceef2; border-color: #3a3e48; }
    button { background: #15161a; color: #eceef2; border-color: #3a3e48; }
    input, select { background: #15161a; color: #eceef2; border-color: #3a3e48; }
  }
`;
