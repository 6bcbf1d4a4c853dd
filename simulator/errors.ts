/**
 * Error answers, as Aster's `{code, msg}` payloads. The first block are Aster's documented codes
 * (aster-protocol.md §8); the -5xxx block is the simulator's own, for product rules whose real codes are not
 * published (listed in simulator/README.md).
 */
export const CODES = {
  invalidSignature: -1022,
  /** A nonce ahead of the server's clock beyond the window (Aster's INVALID_TIMESTAMP). */
  invalidTimestamp: -1021,
  signatureCheckFailed: -1000,
  nonceExpired: -4225,
  permission: -2015,
  ipNotWhitelisted: -1011,
  missingParameter: -1102,
  /** A signed request with a field its endpoint does not read, or one sent twice (see signed-fields.ts). */
  tooManyParameters: -1104,
  invalidParameter: -1130,
  reduceOnlyOnly: -4087,
  cannotOrder: -4088,
  clientTranIdInvalid: -4114,
  clientTranIdDuplicate: -4115,
  vipTooLow: -5001,
  tooManySubAccounts: -5002,
  invalidName: -5003,
  nestingNotSupported: -5004,
  kindMismatch: -5005,
  frozen: -5006,
  outsideFamily: -5007,
  negativeBalance: -5009,
  insufficientBalance: -5010,
  apiKeyLimit: -5011,
  noSuchAccount: -5012,
  solanaDepositToSub: -5013,
  bindNotWhitelisted: -5014,
  loginFailed: -5015,
  /** Aster's own code (§10, from 2026-09-01): the master wallet of this account has never deposited. */
  depositFirst: -5050,
} as const;

export class SimError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly httpStatus = 400,
  ) {
    super(message);
    this.name = 'SimError';
  }
}

export const fail = (code: number, message: string, httpStatus = 400): never => {
  throw new SimError(code, message, httpStatus);
};
