/** Aster's web app; the local simulator (http://localhost, any port) in development and test builds. */
export const ASTER_WEB_MATCHES = [
  'https://www.asterdex.com/*',
  'https://asterdex.com/*',
  'https://www.asterdex-testnet.com/*',
];
export const DEVELOPMENT_MATCHES = ['http://localhost/*'];
