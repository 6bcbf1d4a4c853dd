/**
 * Where the companion's provider is injected and who may talk to it: Aster's web app, plus the local simulator
 * (http://localhost, any port) in development and test builds. Content-script matches and host permissions
 * are generated from the same list (wxt.config.ts).
 */

import { ASTER_WEB_MATCHES, DEVELOPMENT_MATCHES } from './exchange-matches';

export { ASTER_WEB_MATCHES };

export const EXCHANGE_MATCHES: readonly string[] = [
  ...ASTER_WEB_MATCHES,
  ...(__TEST_BUILD__ ? DEVELOPMENT_MATCHES : []),
];

/** Whether a sender's origin (scheme://host[:port]) is one of the exchange origins. Ports are not matched. */
export function isExchangeOrigin(
  origin: string | undefined,
  matches: readonly string[] = EXCHANGE_MATCHES,
): boolean {
  if (!origin) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return matches.some((pattern) => {
    const match = /^(https?):\/\/([^/]+)\/\*$/.exec(pattern);
    return match !== null && url.protocol === `${match[1]}:` && url.hostname === match[2];
  });
}

/**
 * `https://host/*` (or the development `http://localhost/*`; in test builds also `http://127.0.0.1/*`, the
 * end-to-end suite's stand-in for a site the trader adds): one exact host, every path.
 */
export const SITE_PATTERN = __TEST_BUILD__
  ? /^(https:\/\/[a-z0-9-]+(\.[a-z0-9-]+)+|http:\/\/localhost|http:\/\/127\.0\.0\.1)\/\*$/
  : /^(https:\/\/[a-z0-9-]+(\.[a-z0-9-]+)+|http:\/\/localhost)\/\*$/;

/** Hosts whose port is ignored (every port is the same site): the local development hosts. */
const ANY_PORT_HOSTS = __TEST_BUILD__ ? ['localhost', '127.0.0.1'] : ['localhost'];

/**
 * Whether the approval prompt can be framed on this origin. prompt.html is web-accessible only to the
 * exchange sites known when the extension was built (wxt.config.ts); a site the trader added in Settings
 * gets its prompts in the extension's own window instead.
 */
export function promptFramableAt(origin: string | undefined): boolean {
  return isExchangeOrigin(origin, EXCHANGE_MATCHES);
}

/** Turns "https://example.com" or "example.com" into the site's match pattern, or null. */
export function sitePattern(input: string): string | null {
  const text = input.trim().toLowerCase().replace(/\/+$/, '');
  const withScheme = /^[a-z]+:\/\//.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  const pattern = `${url.protocol}//${url.hostname}/*`;
  return url.port === '' || ANY_PORT_HOSTS.includes(url.hostname)
    ? SITE_PATTERN.test(pattern)
      ? pattern
      : null
    : null;
}
