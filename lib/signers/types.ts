/**
 * One signing interface for every account the companion holds. A signer is built in the background from
 * raw key bytes the vault hands over; only signatures leave it, never the key.
 *
 * The two kinds sign differently (Aster §1): EVM accounts sign EIP-712 typed data and EIP-191 messages,
 * Solana accounts sign raw bytes with Ed25519. The union makes "sign typed data with a Solana key" a type
 * error instead of a runtime surprise; code that only needs the common part takes `Signer`.
 */

export type SignerKind = 'evm' | 'solana';

export type HexString = `0x${string}`;

export interface TypedDataField {
  name: string;
  type: string;
}

/** EIP-712 typed data in the `eth_signTypedData_v4` shape (viem's `TypedDataDefinition` accepts it). */
export interface TypedData {
  domain: {
    name?: string;
    version?: string;
    chainId?: number;
    verifyingContract?: HexString;
    salt?: HexString;
  };
  types: Record<string, readonly TypedDataField[]>;
  primaryType: string;
  message: Record<string, unknown>;
}

interface SignerBase {
  readonly kind: SignerKind;
  /** EVM: EIP-55 checksummed `0x…`; Solana: the Base58 public key. */
  readonly address: string;
  /**
   * The wallet's "sign a message": EVM `personal_sign` (EIP-191) → 65-byte `0x` hex signature;
   * Solana `signMessage` (Ed25519 over the bytes, a string is taken as UTF-8) → Base58 signature.
   */
  signMessage(message: string | Uint8Array): Promise<string>;
}

export interface EvmSigner extends SignerBase {
  readonly kind: 'evm';
  readonly address: HexString;
  /** `eth_signTypedData_v4` → 65-byte `r‖s‖v` signature (v = 27/28), `0x` hex. */
  signTypedData(typedData: TypedData): Promise<HexString>;
  signMessage(message: string | Uint8Array): Promise<HexString>;
}

export interface SolanaSigner extends SignerBase {
  readonly kind: 'solana';
  /** Ed25519 over exactly these bytes → the raw 64-byte signature (Wallet Standard `signMessage` output). */
  signBytes(bytes: Uint8Array): Promise<Uint8Array>;
}

export type Signer = EvmSigner | SolanaSigner;

/** Thrown when key bytes cannot make a signer. The message never contains the key. */
export class SignerKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SignerKeyError';
  }
}
