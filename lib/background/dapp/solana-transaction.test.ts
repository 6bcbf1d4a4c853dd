import {
  Keypair,
  PublicKey,
  SystemProgram,
  Transaction,
  TransactionMessage,
  VersionedTransaction,
} from '@solana/web3.js';
import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';
import { parseSolanaTransaction, prepareSolanaSigning } from './solana-transaction';

function withSignature(bytes: Uint8Array, publicKey: Uint8Array, signWith: (m: Uint8Array) => Uint8Array) {
  const { message, place } = prepareSolanaSigning(bytes, publicKey);
  return place(signWith(message));
}

const payer = Keypair.fromSeed(new Uint8Array(32).fill(3));
const sign = (message: Uint8Array) => nacl.sign.detached(message, payer.secretKey);
const blockhash = new PublicKey(new Uint8Array(32).fill(9)).toBase58();
const transfer = SystemProgram.transfer({
  fromPubkey: payer.publicKey,
  toPubkey: new PublicKey(new Uint8Array(32).fill(5)),
  lamports: 1000,
});

describe('offline Solana transaction signing (checked by @solana/web3.js)', () => {
  it('signs a legacy transaction in the payer slot', () => {
    const tx = new Transaction({ feePayer: payer.publicKey, recentBlockhash: blockhash }).add(transfer);
    const serialized = tx.serialize({ requireAllSignatures: false, verifySignatures: false });
    const signed = withSignature(serialized, payer.publicKey.toBytes(), sign);
    const decoded = Transaction.from(signed);
    expect(decoded.verifySignatures()).toBe(true);
    expect(parseSolanaTransaction(signed).version).toBe('legacy');
    expect(parseSolanaTransaction(signed).programIds.map((p) => new PublicKey(p).toBase58())).toEqual([
      SystemProgram.programId.toBase58(),
    ]);
  });

  it('signs a v0 transaction', () => {
    const message = new TransactionMessage({
      payerKey: payer.publicKey,
      recentBlockhash: blockhash,
      instructions: [transfer],
    }).compileToV0Message();
    const tx = new VersionedTransaction(message);
    const signed = withSignature(tx.serialize(), payer.publicKey.toBytes(), sign);
    const decoded = VersionedTransaction.deserialize(signed);
    expect(
      nacl.sign.detached.verify(
        decoded.message.serialize(),
        decoded.signatures[0]!,
        payer.publicKey.toBytes(),
      ),
    ).toBe(true);
    expect(parseSolanaTransaction(signed).version).toBe(0);
  });

  it('refuses a transaction that another key must sign, and garbage', () => {
    const other = Keypair.generate();
    const tx = new Transaction({ feePayer: other.publicKey, recentBlockhash: blockhash }).add(
      SystemProgram.transfer({ fromPubkey: other.publicKey, toPubkey: payer.publicKey, lamports: 1 }),
    );
    const serialized = tx.serialize({ requireAllSignatures: false, verifySignatures: false });
    expect(() => withSignature(serialized, payer.publicKey.toBytes(), sign)).toThrow(
      /does not ask this account/,
    );
    expect(() => parseSolanaTransaction(new Uint8Array([1, 2, 3]))).toThrow();
    expect(() => parseSolanaTransaction(new Uint8Array([0xff, 0xff, 0xff, 0xff]))).toThrow();
    expect(() => parseSolanaTransaction(new Uint8Array(0))).toThrow();
  });
});
