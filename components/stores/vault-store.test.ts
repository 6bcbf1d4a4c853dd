import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PopupVaultState, VaultStatus } from '@/lib/messaging/popup-api';
import { NO_RESPONSE_MESSAGE } from '@/lib/messaging/background-client';
import { refreshEarly, takeEarlyRefresh, useVaultStore } from './vault-store';

/** Each vault.state call waits until the test answers it, so answers can arrive in any order. */
const pending: ((state: PopupVaultState) => void)[] = [];
vi.mock('@/lib/messaging/background-client', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/messaging/background-client')>()),
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

  it('takes the answer to the entry’s early call once, and the page’s first refresh waits for it', async () => {
    let answer!: (response: unknown) => void;
    refreshEarly(new Promise((resolve) => (answer = resolve)));
    const early = takeEarlyRefresh();
    expect(early).not.toBeNull();
    // Taken once: a later mount (or a second page) asks the background itself.
    expect(takeEarlyRefresh()).toBeNull();
    answer({ ok: true, result: stateOf('locked') });
    await early;
    expect(useVaultStore.getState().state?.status).toBe('locked');
    // The early answer came from the entry's own call: the store asked the background nothing more.
    expect(pending).toHaveLength(0);
  });

  it('reads an error in the early answer as callBackground would, code and message kept', async () => {
    refreshEarly(Promise.resolve({ ok: false, error: { code: 'internal', message: 'worker failed' } }));
    await takeEarlyRefresh();
    expect(useVaultStore.getState().loadError).toBe('worker failed');
    expect(useVaultStore.getState().state).toBeNull();
  });

  it('says the background stopped when the early call was never answered', async () => {
    refreshEarly(Promise.reject(new Error('Could not establish connection. Receiving end does not exist.')));
    await takeEarlyRefresh();
    expect(useVaultStore.getState().loadError).toBe(NO_RESPONSE_MESSAGE);
  });

  it('ignores an early answer that arrives after a newer state was applied', async () => {
    let answer!: (response: unknown) => void;
    refreshEarly(new Promise((resolve) => (answer = resolve)));
    useVaultStore.getState().apply(stateOf('uninitialized'));
    answer({ ok: true, result: stateOf('unlocked') });
    await takeEarlyRefresh();
    expect(useVaultStore.getState().state?.status).toBe('uninitialized');
  });
});
