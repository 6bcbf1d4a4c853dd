import { installProviders } from '@/lib/provider/install';

/** MAIN world, before the page's first script: the providers only (no extension API, no secrets). */
export default defineContentScript({
  // Replaced at build time by the exchange origins (wxt.config.ts).
  matches: ['https://www.asterdex.com/*'],
  world: 'MAIN',
  runAt: 'document_start',
  main: installProviders,
});
