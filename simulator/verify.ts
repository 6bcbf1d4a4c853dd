import bs58 from 'bs58';
import nacl from 'tweetnacl';
import { isAddress, verifyMessage, verifyTypedData } from 'viem';

/**
 * Signature checks written against the published formats (aster-protocol.md §1) with viem and tweetnacl
 * directly: nothing here comes from lib/aster or lib/signers, so a bug there cannot hide behind the same bug
 * here. Every function answers false on malformed input instead of throwing.
 */

const ZERO = '0x0000000000000000000000000000000000000000';

type Hex = `0x${string}`;

/** 65 bytes of hex, with or without `0x` (§10: Aster's Python and Go clients send it without). */
function hexSignature(signature: string): Hex | undefined {
  const match = /^(?:0x)?([0-9a-fA-F]{130})$/.exec(signature);
  return match ? (`0x${match[1]}` as Hex) : undefined;
}

/** EIP-712 `Message{string msg}` in the AsterSignTransaction domain (requests) or chain 56 (agent approval). */
export async function verifyAsterMessage(
  address: string,
  msg: string,
  chainId: number,
  signature: string,
): Promise<boolean> {
  const sig = hexSignature(signature);
  if (!sig || !isAddress(address, { strict: false })) return false;
  try {
    return await verifyTypedData({
      address,
      domain: { name: 'AsterSignTransaction', version: '1', chainId, verifyingContract: ZERO },
      types: { Message: [{ name: 'msg', type: 'string' }] },
      primaryType: 'Message',
      message: { msg },
      signature: sig,
    });
  } catch {
    return false;
  }
}

export interface WithdrawAction {
  chainId: number;
  destination: string;
  destinationChain: string;
  token: string;
  amount: string;
  fee: string;
  nonce: bigint;
}

/** The EVM withdrawal `Action` (names with spaces, this exact order). */
export async function verifyWithdrawAction(
  address: string,
  action: WithdrawAction,
  signature: string,
): Promise<boolean> {
  const sig = hexSignature(signature);
  if (!sig || !isAddress(address, { strict: false }) || !isAddress(action.destination, { strict: false }))
    return false;
  try {
    return await verifyTypedData({
      address,
      domain: { name: 'Aster', version: '1', chainId: action.chainId, verifyingContract: ZERO },
      types: {
        Action: [
          { name: 'type', type: 'string' },
          { name: 'destination', type: 'address' },
          { name: 'destination Chain', type: 'string' },
          { name: 'token', type: 'string' },
          { name: 'amount', type: 'string' },
          { name: 'fee', type: 'string' },
          { name: 'nonce', type: 'uint256' },
          { name: 'aster chain', type: 'string' },
        ],
      },
      primaryType: 'Action',
      message: {
        type: 'Withdraw',
        destination: action.destination,
        'destination Chain': action.destinationChain,
        token: action.token,
        amount: action.amount,
        fee: action.fee,
        nonce: action.nonce,
        'aster chain': 'Mainnet',
      },
      signature: sig,
    });
  } catch {
    return false;
  }
}

/** EIP-191 personal_sign of a text (web login). */
export async function verifyPersonalSign(address: string, text: string, signature: string): Promise<boolean> {
  const sig = hexSignature(signature);
  if (!sig || !isAddress(address, { strict: false })) return false;
  try {
    return await verifyMessage({ address, message: text, signature: sig });
  } catch {
    return false;
  }
}

/** Ed25519 over the UTF-8 bytes of `text`; the address is the Base58 public key, the signature Base58. */
export function verifySolanaText(address: string, text: string, signature: string): boolean {
  try {
    const publicKey = bs58.decode(address);
    const sig = bs58.decode(signature);
    if (publicKey.length !== 32 || sig.length !== 64) return false;
    return nacl.sign.detached.verify(new TextEncoder().encode(text), sig, publicKey);
  } catch {
    return false;
  }
}
