// The benchmark's "bare React page" (test builds only, scripts/bench-pages.ts): the stack's own floor for
// a first render — React and its DOM renderer loaded, one element rendered, nothing of the extension.
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(
  // The text the benchmark waits for in the popup, so both pages are timed by the same observer.
  createElement('button', { type: 'button' }, 'Lock now'),
);
