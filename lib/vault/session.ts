import { browser } from 'wxt/browser';

/**
 * What survives a service-worker stop while the vault is unlocked. It lives in storage.session only: kept in
 * memory by the browser, never written to disk, gone at browser restart, unreadable by content scripts.
 */
export interface UnlockedSession {
  vaultId: string;
  /** The raw data key, base64. The one place an unwrapped data key is ever kept outside a worker's memory. */
  dataKey: string;
  /** Epoch ms at which the vault locks itself; null when auto-lock is off. */
  deadline: number | null;
}

export interface SessionStore {
  get(): Promise<UnlockedSession | undefined>;
  set(session: UnlockedSession): Promise<void>;
  clear(): Promise<void>;
}

const SESSION_KEY = 'vault.unlocked';

export const browserSessionStore: SessionStore = {
  async get() {
    const stored = await browser.storage.session.get(SESSION_KEY);
    return stored[SESSION_KEY] as UnlockedSession | undefined;
  },
  async set(session) {
    await browser.storage.session.set({ [SESSION_KEY]: session });
  },
  async clear() {
    await browser.storage.session.remove(SESSION_KEY);
  },
};

/**
 * The session store, with the last value read or written kept in memory. Only this worker writes the
 * session, and every vault call reads it (to check the lock deadline), so the mirror saves a storage read
 * per call. A new worker starts with an empty mirror and reads storage.session again.
 */
export function mirroredSessionStore(store: SessionStore): SessionStore {
  let mirror: { session: UnlockedSession | undefined } | null = null;
  return {
    async get() {
      if (mirror) return mirror.session;
      const session = await store.get();
      // A write that finished while this read was in flight is newer: keep it.
      mirror ??= { session };
      return mirror.session;
    },
    async set(session) {
      mirror = null;
      await store.set(session);
      mirror = { session };
    },
    async clear() {
      mirror = null;
      await store.clear();
      mirror = { session: undefined };
    },
  };
}
