/**
 * The value formats of Aster's signed fields, each one exact: ASCII only, no whitespace, no percent-escapes
 * (except where Aster's own format needs them), so that a look-alike (full-width digit, zero-width character,
 * byte-order mark, `\r\n`, Cyrillic letter) never passes for the value it imitates.
 */
import { t } from '@/lib/i18n';

export interface FieldFormat {
  /** Words for the trader, e.g. "a decimal number", in the trader's language (read when shown). */
  readonly description: string;
  readonly test: (value: string) => boolean;
  /** The allowed values of an enum, in the order they are documented. */
  readonly values?: readonly string[];
}

/** `describe` runs when the words are shown: formats are made at load, before a language is chosen. */
const pattern = (describe: () => string, regex: RegExp): FieldFormat => ({
  get description() {
    return describe();
  },
  test: (value) => regex.test(value),
});

export const oneOf = (...values: string[]): FieldFormat => ({
  get description() {
    return t('decode.format.oneOf', { values: values.join(', ') });
  },
  test: (value) => values.includes(value),
  values,
});

const EVM = /^0x[0-9a-fA-F]{40}$/;
const SOLANA = /^[1-9A-HJ-NP-Za-km-z]{32,44}$/;

export const evmAddress = pattern(() => t('decode.format.evmAddress'), EVM);
export const solanaAddress = pattern(() => t('decode.format.solanaAddress'), SOLANA);
/** An Aster account: EVM or Solana. */
export const accountAddress: FieldFormat = {
  get description() {
    return t('decode.format.accountAddress');
  },
  test: (value) => EVM.test(value) || SOLANA.test(value),
};
/** Non-negative, plain digits with an optional fraction: no sign, exponent or grouping. */
export const decimal = pattern(() => t('decode.format.decimal'), /^\d{1,40}(\.\d{1,40})?$/);
export const nonce = pattern(() => t('decode.format.nonce'), /^[1-9]\d{0,20}$/);
export const epochMs = pattern(() => t('decode.format.epochMs'), /^[1-9]\d{0,15}$/);
export const count = pattern(() => t('decode.format.count'), /^(0|[1-9]\d{0,9})$/);
/** Both spellings of the UNCERTAIN setting `booleanSpelling` (aster-protocol.md §5). */
export const bool = oneOf('true', 'false', 'True', 'False');
/**
 * Names (sub-accounts, API wallets): letters, digits, inner spaces, `-`, `_` and `.` — no quotes, colons or
 * commas, which could write words of their own into a prompt's title.
 */
export const name = pattern(() => t('decode.format.name'), /^[\w.-](?:[\w .-]{0,62}[\w.-])?$/);
export const asset = pattern(() => t('decode.format.asset'), /^[A-Za-z0-9]{1,20}$/);
export const symbol = pattern(() => t('decode.format.symbol'), /^[A-Z0-9]{1,30}$/);
export const clientTranId = pattern(() => t('decode.format.clientTranId'), /^[\w-]{1,63}$/);
export const clientOrderId = pattern(() => t('decode.format.clientOrderId'), /^[.A-Z:/a-z0-9_-]{1,36}$/);
/** EVM `r‖s‖v` hex (with or without 0x) or a Base58 Ed25519 signature. */
export const signature = pattern(
  () => t('decode.format.signature'),
  /^(?:(?:0x)?[0-9a-fA-F]{130}|[1-9A-HJ-NP-Za-km-z]{64,90})$/,
);
/** Comma-separated IPv4/IPv6 addresses or ranges; `%2C` is the comma when values are signed percent-encoded. */
export const ipList: FieldFormat = {
  get description() {
    return t('decode.format.ipList');
  },
  test: (value) => /^[0-9A-Fa-f.:/,]{0,1000}$/.test(value.replace(/%2C/gi, ',')),
};
/** `batchOrders`: a JSON array of printable ASCII, raw or percent-encoded (UNCERTAIN encoding, §2). */
export const jsonArray = pattern(
  () => t('decode.format.jsonArray'),
  /^(\[[ -~]{0,8000}\]|%5B[\w%.-]{0,16000}%5D)$/i,
);
