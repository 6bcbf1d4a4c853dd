import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '@/components/App';
import { isToolbarPopup } from '@/components/useRoute';

// Opened in a tab (file-based flows), the page uses the width it has.
if (!isToolbarPopup()) document.body.classList.add('tab');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
