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
