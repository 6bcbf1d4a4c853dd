import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '@/components/App';
import { InLanguage } from '@/components/InLanguage';
import { startPageLanguage } from '@/components/stores/language-store';
import { refreshEarly } from '@/components/stores/vault-store';
import { isToolbarPopup } from '@/components/useRoute';

/** Renders the popup; `vaultState` is the raw answer to the entry's early `vault.state` call. */
export async function startPopup(vaultState: Promise<unknown>): Promise<void> {
  refreshEarly(vaultState);
  // Opened in a tab (file-based flows), the page uses the width it has.
  if (!isToolbarPopup()) document.body.classList.add('tab');
  await startPageLanguage();
  performance.mark('aster:popup-react');
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <InLanguage>
        <App />
      </InLanguage>
    </StrictMode>,
  );
}
