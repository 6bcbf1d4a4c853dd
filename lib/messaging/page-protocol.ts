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

/**
 * The texts of the errors the relay itself gives the page. English whatever the trader's language, like the
 * background's provider errors: dapps read them as protocol text, and words in the chosen language would tell
 * every page which language the trader chose (a fingerprint, and a sign of the companion).
 */
export const RELAY_ERROR_TEXT = {
  tooLarge: 'The request is too large.',
  noAnswer: 'Aster Companion did not answer; nothing was signed.',
  restarted: 'Aster Companion restarted; nothing was signed. Try again.',
  locked: 'Aster Companion is locked; nothing was signed.',
  unauthorized: 'This page may not use Aster Companion.',
  failed: 'Aster Companion could not complete the request; nothing was signed.',
} as const;

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
