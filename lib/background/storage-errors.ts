import type { RpcErrorPayload } from '@/lib/messaging/rpc';

/**
 * The browser refusing a write because the extension's storage is full: IndexedDB's QuotaExceededError (as
 * Dexie wraps it: the error itself, an AbortError's `inner`, a BulkError's `failures`) or storage.local's
 * "QUOTA_BYTES quota exceeded".
 */
export function isStorageFull(error: unknown, depth = 0): boolean {
  if (depth > 4 || typeof error !== 'object' || error === null) return false;
  const e = error as {
    name?: unknown;
    message?: unknown;
    inner?: unknown;
    cause?: unknown;
    failures?: unknown;
  };
  if (e.name === 'QuotaExceededError') return true;
  if (typeof e.message === 'string' && /QuotaExceededError|QUOTA_BYTES|quota exceeded/i.test(e.message))
    return true;
  if (isStorageFull(e.inner, depth + 1) || isStorageFull(e.cause, depth + 1)) return true;
  const failures = Array.isArray(e.failures) ? e.failures : Object.values(e.failures ?? {});
  return failures.some((failure) => isStorageFull(failure, depth + 1));
}

export const STORAGE_FULL_MESSAGE =
  'The browser has no storage space left for Aster Companion, so this was not saved (nothing was signed). ' +
  'What was saved before is intact. Free up disk space, then try again.';

/** The popup server's description of a full storage; undefined for any other error. */
export function describeStorageError(error: unknown): RpcErrorPayload | undefined {
  return isStorageFull(error) ? { code: 'storage-full', message: STORAGE_FULL_MESSAGE } : undefined;
}
