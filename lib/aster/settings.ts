/**
 * The points Aster's documentation leaves open (aster-protocol.md §2 and §5, marked UNCERTAIN). Each is one
 * setting, here and nowhere else, so that when Aster's servers tell us otherwise only a default changes.
 * Every builder takes an optional `settings` argument; callers normally leave it out.
 */
export interface AsterEncodingSettings {
  /**
   * Whether the signed `msg` carries values raw or percent-encoded (the body on the wire is always
   * form-encoded). Only matters for values with reserved characters (JSON in `batchOrders`, spaces or
   * commas in `ipWhitelist`): addresses, decimals and enums are identical either way.
   * Default `'raw'`: the official JavaScript demo signs the raw string (the Python demo the encoded one).
   */
  signedValueEncoding: 'raw' | 'percent';
  /**
   * How booleans are spelled in signed bodies (`canWithdraw=true` vs `canWithdraw=True`).
   * Default `'true'`: lowercase, as JSON and the JavaScript demo write them; `'True'` is Python's `str(True)`.
   */
  booleanSpelling: 'true' | 'True';
  /**
   * Whether `registerAndApproveAgent` sends `ipWhitelist=` when the list is empty.
   * Default `false`: the general rule of §2 is that empty parameters are left out.
   */
  includeEmptyIpWhitelist: boolean;
}

export const DEFAULT_ASTER_SETTINGS: Readonly<AsterEncodingSettings> = Object.freeze({
  signedValueEncoding: 'raw',
  booleanSpelling: 'true',
  includeEmptyIpWhitelist: false,
});

export function asterSettings(overrides: Partial<AsterEncodingSettings> = {}): AsterEncodingSettings {
  return { ...DEFAULT_ASTER_SETTINGS, ...overrides };
}
