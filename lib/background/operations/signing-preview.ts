import { sameAccountAddress } from '@/lib/accounts/keys';
import type { Account } from '@/lib/accounts/model';
import { decodeSigningRequest, type DecodeContext, type SigningSummary } from '@/lib/aster/decode';
import type { AssetBalance, AsterAccount } from '@/lib/aster/rules';
import { asterMessageTypedData } from '@/lib/aster/typed-data';
import type { TypedData } from '@/lib/signers/types';
import { asterAccountOf } from '../aster-account';
import type { Context, OperationsCore } from './core';

/**
 * What the popup shows before it signs: the same decoder the approval prompt uses (lib/aster/decode), run on
 * the exact body the operation would sign. Only the nonce is an estimate — each signature takes a fresh one,
 * so a preview never spends one.
 */

/** The vault's view of every address, as the prompt's decoder sees it, with the balances already read. */
export async function previewContext(
  core: OperationsCore,
  signer: Account,
  balances?: { address: string; assets: readonly AssetBalance[] },
): Promise<DecodeContext> {
  const all = await core.accounts.list();
  const lookup = (address: string): AsterAccount | undefined => {
    const account = all.find((a) => sameAccountAddress(a.kind, a.address, address));
    if (!account) return undefined;
    const parent = account.parentId ? all.find((a) => a.id === account.parentId) : undefined;
    return asterAccountOf(account, parent?.address);
  };
  return {
    lookup,
    signer: signer.address,
    ...(balances
      ? {
          balances: (address: string) =>
            sameAccountAddress(signer.kind, balances.address, address) ? balances.assets : undefined,
        }
      : {}),
  };
}

/** The request nonce a signature made now would carry (microseconds on Aster's clock), without spending it. */
export async function previewNonce(core: OperationsCore, ctx: Context): Promise<number> {
  return Math.round((core.now() + (await ctx.clock.offsetMs())) * 1000);
}

/** A withdrawal's `userNonce`: a multiple of 1000, like NonceManager.nextUserNonce. */
export async function previewUserNonce(core: OperationsCore, ctx: Context): Promise<number> {
  return Math.ceil((await previewNonce(core, ctx)) / 1000) * 1000;
}

/** An Aster `msg` body as the wallet key of `kind` signs it: EIP-712 `Message{msg}` or the Solana text. */
export function messageSummary(
  kind: Account['kind'],
  msg: string,
  chainId: number,
  context: DecodeContext,
): SigningSummary {
  return kind === 'evm'
    ? decodeSigningRequest(
        { method: 'eth_signTypedData_v4', typedData: asterMessageTypedData(msg, chainId) },
        context,
      )
    : decodeSigningRequest({ method: 'solana_signMessage', message: new TextEncoder().encode(msg) }, context);
}

/** A withdrawal's own signature: the EVM `Action` typed data or the Solana withdrawal text. */
export function withdrawalSummary(signed: TypedData | string, context: DecodeContext): SigningSummary {
  return typeof signed === 'string'
    ? decodeSigningRequest(
        { method: 'solana_signMessage', message: new TextEncoder().encode(signed) },
        context,
      )
    : decodeSigningRequest({ method: 'eth_signTypedData_v4', typedData: signed }, context);
}
