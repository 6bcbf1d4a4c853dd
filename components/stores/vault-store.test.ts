import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PopupVaultState, VaultStatus } from '@/lib/messaging/popup-api';
import { refreshEarly, takeEarlyRefresh, useVaultStore } from './vault-store';

/** Each vault.state call waits until the test answers it, so answers can arrive in any order. */
const pending: ((state: PopupVaultState) => void)[] = [];
vi.mock('@/lib/messaging/background-client', () => ({
  callBackground: () => new Promise<PopupVaultState>((resolve) => pending.push(resolve)),
}));

const stateOf = (status: VaultStatus): PopupVaultState => ({
  status,
  lockDeadline: null,
  unlockRetryAfterMs: 0,
  autoLockMs: null,
  autoLockChoices: [null],
});

describe('the vault store', () => {
  beforeEach(() => {
    pending.length = 0;
    useVaultStore.setState({ state: null, loadError: null });
  });

  it('ignores an answer that arrives after a newer state was applied (a reset finishing)', async () => {
    const late = useVaultStore.getState().refresh();
    useVaultStore.getState().apply(stateOf('uninitialized'));
    pending[0]!(stateOf('unlocked'));
    await late;
    expect(useVaultStore.getState().state?.status).toBe('uninitialized');
  });

  it('keeps the answer of the newest refresh when two cross', async () => {
    const older = useVaultStore.getState().refresh();
    const newer = useVaultStore.getState().refresh();
    pending[1]!(stateOf('locked'));
    await newer;
    pending[0]!(stateOf('unlocked'));
    await older;
    expect(useVaultStore.getState().state?.status).toBe('locked');
  });

  it('takes a refresh’s answer when nothing newer came', async () => {
    useVaultStore.getState().apply(stateOf('locked'));
    const refresh = useVaultStore.getState().refresh();
    pending[0]!(stateOf('unlocked'));
    await refresh;
    expect(useVaultStore.getState().state?.status).toBe('unlocked');
  });

  it('asks once for the popup’s early state, and the page’s first refresh takes that answer', async () => {
    refreshEarly();
    expect(pending).toHaveLength(1);
    const early = takeEarlyRefresh();
    expect(early).not.toBeNull();
    // Taken once: a later mount (or a second page) asks the background itself.
    expect(takeEarlyRefresh()).toBeNull();
    pending[0]!(stateOf('locked'));
    await early;
    expect(useVaultStore.getState().state?.status).toBe('locked');
    expect(pending).toHaveLength(1);
  });
});
