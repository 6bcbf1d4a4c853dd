import './early-state';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '@/components/App';
import { InLanguage } from '@/components/InLanguage';
import { startPageLanguage } from '@/components/stores/language-store';
import { isToolbarPopup } from '@/components/useRoute';

// Opened in a tab (file-based flows), the page uses the width it has.
if (!isToolbarPopup()) document.body.classList.add('tab');

await startPageLanguage();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <InLanguage>
      <App />
    </InLanguage>
  </StrictMode>,
);
