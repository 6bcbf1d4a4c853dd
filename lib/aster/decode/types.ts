import type { AssetBalance, AsterAccount, Verdict } from '../rules';

export type SigningRequest =
  /** EVM `personal_sign`: text, or `0x` hex of the bytes as EIP-1193 sends it. */
  | { method: 'personal_sign'; message: string }
  /** `eth_signTypedData_v4`: the typed data object or its JSON text. */
  | { method: 'eth_signTypedData_v4'; typedData: unknown }
  /** Solana `signMessage`: the exact bytes. */
  | { method: 'solana_signMessage'; message: Uint8Array };

export type SummaryKind =
  | 'login'
  | 'transfer'
  | 'perp-spot-transfer'
  | 'create-sub-account'
  | 'bind-sub-account'
  | 'update-sub-account'
  | 'order'
  | 'withdrawal'
  | 'agent-approval'
  | 'rebalance'
  | 'list'
  | 'unknown';

export type SigningScheme =
  'personal_sign' | 'eip712-message' | 'eip712-withdrawal' | 'eip712-other' | 'solana-message' | 'invalid';

export type PartyRole = 'signer' | 'account' | 'from' | 'to' | 'sub-account' | 'agent' | 'destination';

export interface Party {
  role: PartyRole;
  address: string;
  /** The vault's name for the address, when it is one of ours. */
  name?: string;
  account?: AsterAccount;
}

export interface SigningSummary {
  kind: SummaryKind;
  /** One line in plain words, e.g. `Transfer 100 USDT from "Main" to "Grid01"`. */
  title: string;
  scheme: SigningScheme;
  /** Aster endpoint the body belongs to, when recognised. */
  endpoint?: string;
  /** 'mainnet' / 'testnet' for Aster's signing domains; the chain name for withdrawals. */
  network?: string;
  chainId?: number;
  parties: Party[];
  asset?: string;
  amount?: string;
  fee?: string;
  /** Sub-account changes (update-sub-account). */
  changes?: { status?: string; newName?: string };
  /** Every field as signed, for a "details" view. */
  fields: Array<[string, string]>;
  verdict: Verdict;
}

export interface DecodeContext {
  /** The vault's view of an address (name, role, kind, status, parent); undefined when not ours. */
  lookup(address: string): AsterAccount | undefined;
  /** The account asked to sign. */
  signer?: string;
  /** The account logged in on the exchange (transfer directions depend on it); the signer when absent. */
  loggedIn?: string;
  /** Known balances of an account, for amount and negative-balance checks. */
  balances?(address: string): readonly AssetBalance[] | undefined;
}

/** What a body's own summariser knows; the scheme and the raw fields are added by the body decoder. */
export type BodySummary = Omit<SigningSummary, 'scheme' | 'fields'>;

/** The fields of a signed body: `get` is the last value of a name, `all` every value (duplicates are blocked). */
export interface BodyFields {
  get(name: string): string | undefined;
  all(name: string): string[];
  has(name: string): boolean;
  /** Every field name, once each, in the order sent. */
  names(): string[];
}

/** Larger requests are refused unread: no Aster message comes close, and huge prompts hide their content. */
export const MAX_MESSAGE_LENGTH = 16 * 1024;
