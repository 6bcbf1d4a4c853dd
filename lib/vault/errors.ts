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
  | 'conflict'
  /** A key, address, name or file the trader gave was refused; the message says why. */
  | 'invalid-input'
  | 'duplicate'
  | 'limit';

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
