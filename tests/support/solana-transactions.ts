import {
  AddressLookupTableAccount,
  Keypair,
  PublicKey,
  TransactionMessage,
  VersionedTransaction,
  type TransactionInstruction,
} from '@solana/web3.js';

/**
 * Real transactions for the Solana transaction tests, built with @solana/web3.js and @solana/spl-token
 * (independent of the @solana-program/* clients the decoder reads them with).
 */

/** The demo Solana master (simulator/keys.ts `solanaMaster`), named "SolDesk" in the seeded vault. */
export const trader = Keypair.fromSeed(
  Uint8Array.from(Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex')),
);
export const pubkey = (fill: number) => new PublicKey(new Uint8Array(32).fill(fill));
export const stranger = pubkey(5);
export const blockhash = pubkey(9).toBase58();

/** The message bytes of a legacy transaction, as the wallet signs them. */
export function legacyMessage(instructions: TransactionInstruction[], payer = trader.publicKey): Uint8Array {
  return new TransactionMessage({ payerKey: payer, recentBlockhash: blockhash, instructions })
    .compileToLegacyMessage()
    .serialize();
}

export function v0Message(
  instructions: TransactionInstruction[],
  payer = trader.publicKey,
  tables: AddressLookupTableAccount[] = [],
): Uint8Array {
  return new TransactionMessage({ payerKey: payer, recentBlockhash: blockhash, instructions })
    .compileToV0Message(tables)
    .serialize();
}

/** A whole unsigned transaction (signature slots zeroed), as a page hands it to `signTransaction`. */
export function unsignedTransaction(
  instructions: TransactionInstruction[],
  payer = trader.publicKey,
): Uint8Array {
  return new VersionedTransaction(
    new TransactionMessage({
      payerKey: payer,
      recentBlockhash: blockhash,
      instructions,
    }).compileToV0Message(),
  ).serialize();
}

export function lookupTable(addresses: PublicKey[]): AddressLookupTableAccount {
  return new AddressLookupTableAccount({
    key: pubkey(77),
    state: {
      deactivationSlot: BigInt('18446744073709551615'),
      lastExtendedSlot: 0,
      lastExtendedSlotStartIndex: 0,
      authority: undefined,
      addresses,
    },
  });
}
