import type { RpcErrorPayload } from '@/lib/messaging/rpc';
import { t } from '@/lib/i18n';

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

/** In the trader's language at the time of the failure. */
export const storageFullMessage = (): string => t('background.storageErrors.full');

/** The popup server's description of a full storage; undefined for any other error. */
export function describeStorageError(error: unknown): RpcErrorPayload | undefined {
  return isStorageFull(error) ? { code: 'storage-full', message: storageFullMessage() } : undefined;
}
