import { startContentScript } from '@/lib/content';

/** Isolated world: relays the page's provider calls to the background and hosts the in-page UI. */
export default defineContentScript({
  // Registered at runtime for the exchange sites in settings (lib/background/dapp/exchange-sites.ts).
  registration: 'runtime',
  matches: ['https://www.asterdex.com/*'],
  runAt: 'document_start',
  main: startContentScript,
});
