export type VaultErrorCode =
  | 'uninitialized'
  | 'already-initialized'
  | 'locked'
  | 'wrong-password'
  | 'locked-out'
  | 'weak-password'
  | 'newer-format'
  | 'corrupt'
  | 'not-found'
  | 'conflict';

/** Every failure the vault reports: a code for programs and a sentence for the trader. */
export class VaultError extends Error {
  constructor(
    readonly code: VaultErrorCode,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'VaultError';
  }
}
