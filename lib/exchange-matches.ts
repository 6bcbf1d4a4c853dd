/** Aster's web app; the local simulator (http://localhost, any port) in development and test builds. */
export const ASTER_WEB_MATCHES = [
  'https://www.asterdex.com/*',
  'https://asterdex.com/*',
  'https://www.asterdex-testnet.com/*',
];
export const DEVELOPMENT_MATCHES = ['http://localhost/*'];
/**
 * Test builds only: a site the end-to-end suite adds in Settings as a trader would (its static server's
 * http://127.0.0.1). Granted at install so adding it needs no browser dialog; it is no exchange until added.
 */
export const TEST_ADDABLE_SITES = ['http://127.0.0.1/*'];
