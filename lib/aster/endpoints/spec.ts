import type { AsterEndpoint } from './paths';
import type { FieldFormat } from './formats';

/**
 * One Aster body the companion signs or decodes, described once as data (aster-protocol.md §1–§7, §10): which
 * fields it has and their formats, whether Aster fixes their order, who signs it, and with which scheme and
 * chain id. The builders (../messages.ts), the decoder (../decode) and the rules read these; the simulator
 * keeps its own, independent table.
 */

export interface FieldSpec {
  readonly name: string;
  readonly format: FieldFormat;
  readonly optional?: boolean;
}

/** What a signed body does, for the summary and for ranking readings by danger. */
export type BodyKind =
  | 'create-sub-account'
  | 'bind-sub-account'
  | 'update-sub-account'
  | 'transfer'
  | 'perp-spot-transfer'
  | 'agent-approval'
  | 'withdrawal'
  | 'order'
  | 'rebalance'
  | 'list';

export interface SignedBodySpec {
  /** Unique, e.g. `createSubAccountChild`. */
  readonly id: string;
  readonly kind: BodyKind;
  /** The endpoint(s) that read this body; several only when they do the same thing (futures/spot withdrawal). */
  readonly endpoints: readonly AsterEndpoint[];
  /** In signing order. */
  readonly fields: readonly FieldSpec[];
  /**
   * Aster rebuilds the signed string in this order whatever order the form came in (wallet-signed
   * sub-account bodies, §4); otherwise the signed string is the sent string and any order reads the same.
   */
  readonly fixedOrder: boolean;
  /** At least one of these optional fields must be present (updateSubAccount). */
  readonly atLeastOneOf?: readonly string[];
  /**
   * Whose key signs: a wallet key (master, sub, or the new child) or an API wallet (agent, always an EVM key).
   * Agent-signed bodies are EIP-712 only; wallet-signed ones are EIP-712 (EVM) or Ed25519 text (Solana).
   */
  readonly signedBy: 'wallet' | 'agent';
  /** EIP-712 `Message{msg}` domain chain ids it is signed with (1666/714 for requests, 56 for API wallets). */
  readonly evmChainIds: readonly number[];
  /** Whether a Solana wallet signs it (Ed25519 over the UTF-8 bytes of the body). */
  readonly solana: boolean;
  /** `signatureChainId` the body must carry per scheme (registerAndApproveAgent: 56 EVM, 101 Solana). */
  readonly signatureChainId?: { readonly evm: string; readonly solana: string };
  /** Reads only: being readable by one of these as well is no ambiguity worth a block. */
  readonly readOnly?: boolean;
  /** Higher is worse for the trader; when a body could be read several ways the worst reading is shown. */
  readonly danger: number;
}

export function requiredFields(spec: SignedBodySpec): string[] {
  return spec.fields.filter((f) => !f.optional).map((f) => f.name);
}

export function fieldSpec(spec: SignedBodySpec, name: string): FieldSpec | undefined {
  return spec.fields.find((f) => f.name === name);
}
