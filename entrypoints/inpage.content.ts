import { installProviders } from '@/lib/provider/install';

/** MAIN world, before the page's first script: the providers only (no extension API, no secrets). */
export default defineContentScript({
  // Registered at runtime for the exchange sites in settings (lib/background/dapp/exchange-sites.ts).
  registration: 'runtime',
  matches: ['https://www.asterdex.com/*'],
  world: 'MAIN',
  runAt: 'document_start',
  main: installProviders,
});
