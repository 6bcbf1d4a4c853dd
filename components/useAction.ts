import { useState } from 'react';
import { useVaultStore } from './stores/vault-store';
import type { PopupVaultState } from '@/lib/messaging/popup-api';

/**
 * Runs one background call for a form: tracks "busy", shows the error's own words, and applies the vault
 * state the call returns.
 */
export function useAction() {
  const apply = useVaultStore((store) => store.apply);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(call: () => Promise<PopupVaultState>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      apply(await call());
      return true;
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'Something went wrong.');
      void useVaultStore.getState().refresh();
      return false;
    } finally {
      setBusy(false);
    }
  }

  return { busy, error, setError, run };
}
