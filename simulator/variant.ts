/**
 * The open points of aster-protocol.md §10 as simulator switches, so that tests run the companion against each
 * way Aster's servers might behave. Set at start (`ASTER_SIM_VARIANT`, JSON) or by `POST /__sim/variant`.
 * The simulator keeps its own notion of each point: nothing here comes from `lib/`.
 */
export interface SimVariant {
  /** EIP-712 chain id the server accepts on agent-signed requests. */
  agentChainId: number;
  /** EIP-712 chain id the server accepts on create/bind/update/list/transfer of sub-accounts. */
  subAccountChainId: number;
  /** Whether subAccountTransfer wants `signer` (`required`), refuses it (`refused`) or takes either (`optional`). */
  transferSigner: 'required' | 'refused' | 'optional';
  /**
   * How getSubAccountList answers: `address` entries `{address, accountId, parentAccount, subAccountName?,
   * futureBalanceList?}` with the master's own entry first (live report), `sourceAddr` the same under that name,
   * `names` the documented `{accountId, subAccountName, parentAccount}` without addresses.
   */
  subAccountList: 'address' | 'sourceAddr' | 'names';
  /** Whether entries of the list sometimes come without `subAccountName` (as seen live). */
  listOmitsNames: boolean;
  /** Whether `POST /fapi/v3/assetExchange` (Rebalance) exists. */
  assetExchange: boolean;
  /** Whether `DELETE /fapi/v3/agent` exists. */
  agentDelete: boolean;
}

export const DEFAULT_VARIANTS: Readonly<Record<'mainnet' | 'testnet', Readonly<SimVariant>>> = {
  mainnet: Object.freeze({
    agentChainId: 1666,
    subAccountChainId: 1666,
    transferSigner: 'required',
    subAccountList: 'address',
    listOmitsNames: false,
    assetExchange: true,
    agentDelete: true,
  }),
  testnet: Object.freeze({
    agentChainId: 714,
    subAccountChainId: 1666,
    transferSigner: 'optional',
    subAccountList: 'address',
    listOmitsNames: false,
    assetExchange: true,
    agentDelete: true,
  }),
};

const CHECKS: { [K in keyof SimVariant]: (value: unknown) => boolean } = {
  agentChainId: (v) => typeof v === 'number' && Number.isSafeInteger(v) && v > 0,
  subAccountChainId: (v) => typeof v === 'number' && Number.isSafeInteger(v) && v > 0,
  transferSigner: (v) => v === 'required' || v === 'refused' || v === 'optional',
  subAccountList: (v) => v === 'address' || v === 'sourceAddr' || v === 'names',
  listOmitsNames: (v) => typeof v === 'boolean',
  assetExchange: (v) => typeof v === 'boolean',
  agentDelete: (v) => typeof v === 'boolean',
};

/** `base` with the valid fields of `changes`; an unknown field or a bad value is an error (tests must not guess). */
export function withVariant(base: SimVariant, changes: unknown): SimVariant {
  if (typeof changes !== 'object' || changes === null) throw new Error('A variant is a JSON object.');
  const next: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(changes)) {
    if (!Object.hasOwn(CHECKS, key)) throw new Error(`Unknown variant switch "${key}".`);
    if (!CHECKS[key as keyof SimVariant](value)) throw new Error(`Bad value for variant switch "${key}".`);
    next[key] = value;
  }
  return next as unknown as SimVariant;
}
