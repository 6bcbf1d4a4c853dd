import { useState } from 'react';
import { t } from '@/lib/i18n';
import type { PopupVaultState } from '@/lib/messaging/popup-api';
import { useVaultStore } from './stores/vault-store';

/**
 * Runs background calls for a form: tracks "busy" and shows the error's own words. `runVault` also applies
 * the vault state such calls return.
 */
export function useAction() {
  const apply = useVaultStore((store) => store.apply);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run<T>(call: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setError(null);
    try {
      return await call();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : t('common.somethingWrong'));
      // A failure may have come from a lock meanwhile: follow the vault's real state.
      void useVaultStore.getState().refresh();
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  async function runVault(call: () => Promise<PopupVaultState>): Promise<boolean> {
    const state = await run(call);
    if (state) apply(state);
    return state !== undefined;
  }

  return { busy, error, setError, run, runVault };
}
