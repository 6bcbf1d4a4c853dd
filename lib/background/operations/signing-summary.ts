import type { Account, AccountKind } from '@/lib/accounts/model';
import { sameAccountAddress } from '@/lib/accounts/keys';
import { decodeSigningRequest, type SigningRequest, type SigningSummary } from '@/lib/aster/decode';
import type { AsterAccount } from '@/lib/aster/rules';
import { asterMessageTypedData } from '@/lib/aster/typed-data';
import { asterAccountOf } from '../aster-account';

/**
 * What a wallet key is asked to sign for a body `msg`, as the approval prompt receives it: EVM keys sign Aster's
 * `Message{msg}` typed data on `chainId`, Solana keys the UTF-8 bytes of `msg` (lib/aster/sign.ts).
 */
export function signingRequestOf(msg: string, signerKind: AccountKind, chainId: number): SigningRequest {
  return signerKind === 'evm'
    ? { method: 'eth_signTypedData_v4', typedData: asterMessageTypedData(msg, chainId) }
    : { method: 'solana_signMessage', message: new TextEncoder().encode(msg) };
}

/**
 * The plain-words summary of the exact body an operation would sign, decoded by the prompt's decoder with the
 * prompt's context (the vault's names for addresses, the signer): the popup shows the same words before it
 * signs as a page's request would show in the approval prompt.
 */
export function summaryOfSigning(
  msg: string,
  signer: { kind: AccountKind; address: string },
  chainId: number,
  vault: readonly Account[],
): SigningSummary {
  const byId = new Map(vault.map((a) => [a.id, a]));
  const lookup = (address: string): AsterAccount | undefined => {
    const account = vault.find((a) => sameAccountAddress(a.kind, a.address, address));
    if (!account) return undefined;
    return asterAccountOf(account, account.parentId ? byId.get(account.parentId)?.address : undefined);
  };
  return decodeSigningRequest(signingRequestOf(msg, signer.kind, chainId), {
    lookup,
    signer: signer.address,
  });
}
