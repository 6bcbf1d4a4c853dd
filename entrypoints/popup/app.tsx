import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { App } from '@/components/App';
import { loadEarly } from '@/components/home/home-store';
import { InLanguage } from '@/components/InLanguage';
import { startPageLanguage } from '@/components/stores/language-store';
import { refreshEarly } from '@/components/stores/vault-store';
import { isToolbarPopup } from '@/components/useRoute';

/**
 * Renders the popup; `vaultState` and `homeSnapshot` are the raw answers to the entry's early `vault.state`
 * and `aster.home` calls (the latter null when the page does not open at home).
 */
export async function startPopup(
  vaultState: Promise<unknown>,
  homeSnapshot: Promise<unknown> | null,
): Promise<void> {
  // The vault's state is applied once home's snapshot is in too (both travel at once): the unlocked popup's
  // first screen is the whole home, its list included, never a header over "Loading accounts…".
  const homeLoaded = homeSnapshot ? loadEarly(homeSnapshot) : null;
  refreshEarly(
    homeLoaded
      ? vaultState.then(async (state) => {
          await homeLoaded;
          return state;
        })
      : vaultState,
  );
  // Opened in a tab (file-based flows), the page uses the width it has.
  if (!isToolbarPopup()) document.body.classList.add('tab');
  await startPageLanguage();
  performance.mark('aster:popup-react');
  const root = createRoot(document.getElementById('root')!);
  // Rendered now rather than at the scheduler's next task (a busy page would run other tasks first).
  flushSync(() =>
    root.render(
      <StrictMode>
        <InLanguage>
          <App />
        </InLanguage>
      </StrictMode>,
    ),
  );
}
