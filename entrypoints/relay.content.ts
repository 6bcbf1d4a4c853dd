import { startContentScript } from '@/lib/content';

/** Isolated world: relays the page's provider calls to the background and hosts the in-page UI. */
export default defineContentScript({
  // Replaced at build time by the exchange origins (wxt.config.ts).
  matches: ['https://www.asterdex.com/*'],
  runAt: 'document_start',
  main: startContentScript,
});
