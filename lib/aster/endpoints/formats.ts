/**
 * The value formats of Aster's signed fields, each one exact: ASCII only, no whitespace, no percent-escapes
 * (except where Aster's own format needs them), so that a look-alike (full-width digit, zero-width character,
 * byte-order mark, `\r\n`, Cyrillic letter) never passes for the value it imitates.
 */
export interface FieldFormat {
  /** Words for the trader, e.g. "a decimal number". */
  readonly description: string;
  readonly test: (value: string) => boolean;
  /** The allowed values of an enum, in the order they are documented. */
  readonly values?: readonly string[];
}

const pattern = (description: string, regex: RegExp): FieldFormat => ({
  description,
  test: (value) => regex.test(value),
});

export const oneOf = (...values: string[]): FieldFormat => ({
  description: `one of ${values.join(', ')}`,
  test: (value) => values.includes(value),
  values,
});

const EVM = /^0x[0-9a-fA-F]{40}$/;
const SOLANA = /^[1-9A-HJ-NP-Za-km-z]{32,44}$/;

export const evmAddress = pattern('an EVM address', EVM);
export const solanaAddress = pattern('a Solana address', SOLANA);
/** An Aster account: EVM or Solana. */
export const accountAddress: FieldFormat = {
  description: 'an EVM or Solana address',
  test: (value) => EVM.test(value) || SOLANA.test(value),
};
/** Non-negative, plain digits with an optional fraction: no sign, exponent or grouping. */
export const decimal = pattern('a decimal number', /^\d{1,40}(\.\d{1,40})?$/);
export const nonce = pattern('a positive whole number', /^[1-9]\d{0,20}$/);
export const epochMs = pattern('a time in epoch milliseconds', /^[1-9]\d{0,15}$/);
export const count = pattern('a whole number', /^(0|[1-9]\d{0,9})$/);
/** Both spellings of the UNCERTAIN setting `booleanSpelling` (aster-protocol.md §5). */
export const bool = oneOf('true', 'false', 'True', 'False');
/**
 * Names (sub-accounts, API wallets): letters, digits, inner spaces, `-`, `_` and `.` — no quotes, colons or
 * commas, which could write words of their own into a prompt's title.
 */
export const name = pattern(
  'a name of letters, digits, spaces, "-", "_" or "."',
  /^[\w.-](?:[\w .-]{0,62}[\w.-])?$/,
);
export const asset = pattern('an asset symbol', /^[A-Za-z0-9]{1,20}$/);
export const symbol = pattern('a market symbol', /^[A-Z0-9]{1,30}$/);
export const clientTranId = pattern('1–63 letters, digits, "_" or "-"', /^[\w-]{1,63}$/);
export const clientOrderId = pattern('an order id', /^[.A-Z:/a-z0-9_-]{1,36}$/);
/** EVM `r‖s‖v` hex (with or without 0x) or a Base58 Ed25519 signature. */
export const signature = pattern('a signature', /^(?:(?:0x)?[0-9a-fA-F]{130}|[1-9A-HJ-NP-Za-km-z]{64,90})$/);
/** Comma-separated IPv4/IPv6 addresses or ranges; `%2C` is the comma when values are signed percent-encoded. */
export const ipList: FieldFormat = {
  description: 'a comma-separated list of IP addresses',
  test: (value) => /^[0-9A-Fa-f.:/,]{0,1000}$/.test(value.replace(/%2C/gi, ',')),
};
/** `batchOrders`: a JSON array of printable ASCII, raw or percent-encoded (UNCERTAIN encoding, §2). */
export const jsonArray = pattern(
  'a JSON list (printable ASCII)',
  /^(\[[ -~]{0,8000}\]|%5B[\w%.-]{0,16000}%5D)$/i,
);
