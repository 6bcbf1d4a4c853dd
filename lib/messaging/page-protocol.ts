/**
 * The page ↔ content-script protocol's constants and message shapes, without schemas: the inpage script
 * imports only this, to stay tiny. The relay validates with lib/messaging/page-api.ts.
 */

export const INPAGE_TARGET = 'aster-companion-inpage';
export const CONTENT_TARGET = 'aster-companion-content';

export interface ProviderErrorPayload {
  code: number;
  message: string;
}

/** The state a provider starts from and follows. */
export interface ProviderState {
  chainId: string;
  /** EVM accounts exposed to this origin: the connected one first (lowercase hex). */
  evmAccounts: string[];
  /** Solana accounts (Base58) exposed to this origin. */
  solanaAccounts: string[];
}

/** inpage → content. */
export interface PageToContent {
  target: typeof CONTENT_TARGET;
  id: number;
  request: { method: string; params?: unknown };
}

/** content → inpage. */
export type ContentToPage =
  | { target: typeof INPAGE_TARGET; id: number; result: unknown }
  | { target: typeof INPAGE_TARGET; id: number; error: ProviderErrorPayload }
  | { target: typeof INPAGE_TARGET; event: 'state'; state: ProviderState };
