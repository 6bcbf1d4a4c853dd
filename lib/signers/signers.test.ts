import bs58 from 'bs58';
import nacl from 'tweetnacl';
import { hexToBytes, recoverMessageAddress, verifyMessage, verifyTypedData } from 'viem';
import { describe, expect, it } from 'vitest';
import { createEvmSigner } from './evm';
import { createSigner } from './index';
import { createSolanaSigner } from './solana';
import { SignerKeyError, type TypedData } from './types';

// Public test vectors only: Anvil account #0 and the RFC 8032 §7.1 test 1 seed.
const ANVIL_0 = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const ANVIL_0_ADDRESS = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const RFC8032_SEED = '0x9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const RFC8032_PUBLIC = '0xd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
const RFC8032_EMPTY_SIGNATURE =
  'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b';

const typedData: TypedData = {
  domain: {
    name: 'AsterSignTransaction',
    version: '1',
    chainId: 1666,
    verifyingContract: '0x0000000000000000000000000000000000000000',
  },
  types: { Message: [{ name: 'msg', type: 'string' }] },
  primaryType: 'Message',
  message: { msg: 'nonce=1&user=0xabc' },
};

describe('EVM signer', () => {
  const signer = createEvmSigner(hexToBytes(ANVIL_0));

  it('derives the checksummed address of the key', () => {
    expect(signer.kind).toBe('evm');
    expect(signer.address).toBe(ANVIL_0_ADDRESS);
  });

  it('signs EIP-712 typed data that verifies for its address only', async () => {
    const signature = await signer.signTypedData(typedData);
    expect(signature).toMatch(/^0x[0-9a-f]{130}$/);
    expect(['1b', '1c']).toContain(signature.slice(-2)); // v = 27/28
    await expect(
      verifyTypedData({ address: ANVIL_0_ADDRESS, ...typedData, signature } as never),
    ).resolves.toBe(true);
    const otherChain = { ...typedData, domain: { ...typedData.domain, chainId: 714 } };
    await expect(
      verifyTypedData({ address: ANVIL_0_ADDRESS, ...otherChain, signature } as never),
    ).resolves.toBe(false);
  });

  it('personal_signs text and bytes (EIP-191) with a fixed, known answer', async () => {
    const signature = await signer.signMessage('You are signing into Astherus 123456');
    expect(signature).toBe(
      '0xc61b6b65bdffa4a12c4af5f5678a6e34bed94ca111c2d60f650d4bc2334ef2d75725bea6aa938989c045cd787ea44b488dab0fd39b24df00cbfde58f9620c2a51b',
    );
    const bytes = new Uint8Array([0, 1, 2, 255]);
    const raw = await signer.signMessage(bytes);
    await expect(recoverMessageAddress({ message: { raw: bytes }, signature: raw })).resolves.toBe(
      ANVIL_0_ADDRESS,
    );
    await expect(verifyMessage({ address: ANVIL_0_ADDRESS, message: 'other', signature: raw })).resolves.toBe(
      false,
    );
  });

  it('refuses keys of the wrong length or outside the curve, without echoing the key', () => {
    expect(() => createEvmSigner(new Uint8Array(31))).toThrow(SignerKeyError);
    const zero = new Uint8Array(32);
    expect(() => createEvmSigner(zero)).toThrow(SignerKeyError);
    const order = hexToBytes('0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141');
    try {
      createEvmSigner(order);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SignerKeyError);
      expect(String((error as Error).message)).not.toMatch(/fffffffffffff/i);
    }
  });

  it('keeps working after the caller wipes its key buffer', async () => {
    const key = hexToBytes(ANVIL_0);
    const own = createEvmSigner(key);
    key.fill(0);
    expect(own.address).toBe(ANVIL_0_ADDRESS);
    await expect(own.signMessage('x')).resolves.toMatch(/^0x/);
  });
});

describe('Solana signer', () => {
  const seed = hexToBytes(RFC8032_SEED);
  const signer = createSolanaSigner(seed);

  it('derives the Base58 public key (RFC 8032 test 1)', () => {
    expect(signer.kind).toBe('solana');
    expect(Buffer.from(bs58.decode(signer.address)).toString('hex')).toBe(RFC8032_PUBLIC.slice(2));
    expect(signer.address).toBe('FVen3X669xLzsi6N2V91DoiyzHzg1uAgqiT8jZ9nS96Z');
  });

  it('signs bytes exactly as RFC 8032 test 1 says', async () => {
    const signature = await signer.signBytes(new Uint8Array());
    expect(Buffer.from(signature).toString('hex')).toBe(RFC8032_EMPTY_SIGNATURE);
  });

  it('signMessage is Ed25519 over the UTF-8 bytes, Base58, verified by tweetnacl', async () => {
    const text = 'subAccountName=Grid01&nonce=1 — é';
    const signature = await signer.signMessage(text);
    const publicKey = bs58.decode(signer.address);
    expect(nacl.sign.detached.verify(new TextEncoder().encode(text), bs58.decode(signature), publicKey)).toBe(
      true,
    );
    expect(
      nacl.sign.detached.verify(new TextEncoder().encode(`${text}!`), bs58.decode(signature), publicKey),
    ).toBe(false);
    expect(await signer.signMessage(new TextEncoder().encode(text))).toBe(signature);
  });

  it('accepts the 64-byte secret key Solana tools export and refuses an inconsistent one', () => {
    const pair = nacl.sign.keyPair.fromSeed(seed);
    expect(createSolanaSigner(pair.secretKey).address).toBe(signer.address);
    const broken = pair.secretKey.slice();
    broken[40]! ^= 1;
    expect(() => createSolanaSigner(broken)).toThrow(/inconsistent/);
    expect(() => createSolanaSigner(new Uint8Array(33))).toThrow(SignerKeyError);
  });

  it('does not depend on the caller keeping its buffer', async () => {
    const copy = seed.slice();
    const own = createSolanaSigner(copy);
    copy.fill(0);
    expect(Buffer.from(await own.signBytes(new Uint8Array())).toString('hex')).toBe(RFC8032_EMPTY_SIGNATURE);
  });
});

describe('createSigner', () => {
  it('dispatches on the account kind', () => {
    expect(createSigner('evm', hexToBytes(ANVIL_0)).address).toBe(ANVIL_0_ADDRESS);
    expect(createSigner('solana', hexToBytes(RFC8032_SEED)).address).toBe(
      'FVen3X669xLzsi6N2V91DoiyzHzg1uAgqiT8jZ9nS96Z',
    );
  });
});
