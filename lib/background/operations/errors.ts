import {
  AsterApiError,
  AsterBannedError,
  AsterNetworkError,
  AsterOutcomeUnknownError,
  AsterRateLimitError,
} from '@/lib/aster/errors';
import { AsterMessageError } from '@/lib/aster/messages';
import { t } from '@/lib/i18n';
import { RpcError } from '@/lib/messaging/rpc';
import { SignerKeyError } from '@/lib/signers/types';
import { VaultError } from '@/lib/vault/errors';
import { isStorageFull, storageFullMessage } from '../storage-errors';

/**
 * Aster's and the signers' errors as RPC errors the page can show: a stable code (`aster:-4225`, `network`,
 * `outcome-unknown`, `storage-full`…) and the sentence. Vault errors pass through (the popup server describes them).
 * Anything else stays unexpected and is reported without its text.
 */
export function toRpcError(error: unknown, where: string): unknown {
  if (error instanceof RpcError || error instanceof VaultError) return error;
  if (isStorageFull(error)) return new RpcError('storage-full', storageFullMessage());
  if (error instanceof AsterApiError) return new RpcError(`aster:${String(error.code)}`, error.message);
  if (error instanceof AsterNetworkError)
    return new RpcError('network', `${error.message} (${where}) ${t('background.errors.nothingChanged')}`);
  if (error instanceof AsterOutcomeUnknownError) return new RpcError('outcome-unknown', error.message);
  if (error instanceof AsterRateLimitError)
    return new RpcError('rate-limited', error.message, error.retryAfterMs);
  if (error instanceof AsterBannedError)
    return new RpcError('banned', error.message, error.retryAfterMs ?? undefined);
  if (error instanceof AsterMessageError) return new RpcError('invalid-input', error.message);
  if (error instanceof SignerKeyError) return new RpcError('invalid-key', error.message);
  return error;
}
