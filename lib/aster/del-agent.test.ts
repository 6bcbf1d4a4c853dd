import { hashTypedData, hexToBytes, recoverTypedDataAddress, toHex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import bs58 from 'bs58';
import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';
import type { EvmSigner, SolanaSigner } from '@/lib/signers/types';
import {
  DEL_AGENT_TYPES,
  delAgentBody,
  delAgentTypedData,
  signedDelAgent,
  type DelAgentParams,
} from './del-agent';
import { ENDPOINTS } from './endpoints';

// Public test vectors only (Anvil accounts, an RFC 8032 seed).
const account = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');
const wallet: EvmSigner = {
  kind: 'evm',
  address: account.address,
  signTypedData: (typedData) => account.signTypedData(typedData as never),
  signMessage: (message) =>
    account.signMessage({ message: typeof message === 'string' ? message : { raw: message } }),
};
const solPair = nacl.sign.keyPair.fromSeed(
  hexToBytes('0x9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60'),
);
const solWallet: SolanaSigner = {
  kind: 'solana',
  address: bs58.encode(solPair.publicKey),
  signBytes: async (bytes) => nacl.sign.detached(bytes, solPair.secretKey),
  signMessage: async () => '',
};
const AGENT = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const ZERO = '0x0000000000000000000000000000000000000000';
const N = 1763770000000000;
const params: DelAgentParams = {
  agentAddress: AGENT,
  user: account.address,
  nonce: N,
  asterChain: 'Mainnet',
  chainId: 56,
};

/**
 * An independent port of `sign_v3_eip712` of asterdex/api-docs demo/aster-code.py: the params dict in insertion
 * order, first letters upper-cased, types inferred from the Python value (int → uint256, bool → bool, else string),
 * domain chainId 56.
 */
function demoTypedData(primaryType: string, values: Record<string, string | number | boolean>) {
  const entries = Object.entries(values).map(([k, v]) => [k[0]!.toUpperCase() + k.slice(1), v] as const);
  return {
    domain: { name: 'AsterSignTransaction', version: '1', chainId: 56, verifyingContract: ZERO },
    types: {
      [primaryType]: entries.map(([name, v]) => ({
        name,
        type: typeof v === 'boolean' ? 'bool' : typeof v === 'number' ? 'uint256' : 'string',
      })),
    },
    primaryType,
    message: Object.fromEntries(entries.map(([k, v]) => [k, typeof v === 'number' ? BigInt(v) : v])),
  } as const;
}

describe('DelAgent (revoke an API wallet)', () => {
  it('is exactly the demo’s dynamic typed data: capitalised names, then AsterChain, User, Nonce; chain 56', () => {
    const ours = delAgentTypedData(params);
    expect(ours).toEqual({
      domain: { name: 'AsterSignTransaction', version: '1', chainId: 56, verifyingContract: ZERO },
      types: { DelAgent: [...DEL_AGENT_TYPES.DelAgent] },
      primaryType: 'DelAgent',
      message: { AgentAddress: AGENT, AsterChain: 'Mainnet', User: account.address, Nonce: BigInt(N) },
    });
    expect(DEL_AGENT_TYPES.DelAgent.map((f) => `${f.type} ${f.name}`)).toEqual([
      'string AgentAddress',
      'string AsterChain',
      'string User',
      'uint256 Nonce',
    ]);
    // The same digest as the demo's algorithm over {agentAddress, asterChain, user, nonce}.
    const demo = demoTypedData('DelAgent', {
      agentAddress: AGENT,
      asterChain: 'Mainnet',
      user: account.address,
      nonce: N,
    });
    expect(hashTypedData(ours as never)).toBe(hashTypedData(demo as never));
  });

  it('any other order, type, name or domain is another digest (so the test above would catch a slip)', () => {
    const base = hashTypedData(delAgentTypedData(params) as never);
    const variants = [
      {
        ...demoTypedData('DelAgent', {
          asterChain: 'Mainnet',
          agentAddress: AGENT,
          user: account.address,
          nonce: N,
        }),
      },
      {
        ...demoTypedData('DelAgent', {
          agentAddress: AGENT,
          asterChain: 'Mainnet',
          user: account.address,
          nonce: String(N),
        }),
      },
      {
        ...demoTypedData('delAgent', {
          agentAddress: AGENT,
          asterChain: 'Mainnet',
          user: account.address,
          nonce: N,
        }),
      },
      {
        ...demoTypedData('DelAgent', {
          agentAddress: AGENT,
          asterChain: 'Testnet',
          user: account.address,
          nonce: N,
        }),
      },
      {
        ...demoTypedData('DelAgent', {
          agentAddress: AGENT,
          asterChain: 'Mainnet',
          user: account.address,
          nonce: N,
        }),
        domain: { name: 'AsterSignTransaction', version: '1', chainId: 1666, verifyingContract: ZERO },
      },
    ];
    for (const variant of variants) expect(hashTypedData(variant as never)).not.toBe(base);
    expect(hashTypedData(delAgentTypedData({ ...params, chainId: 1666 }) as never)).not.toBe(base);
  });

  it('the account’s wallet signs; the form carries the fields, the signature, then signatureChainId', async () => {
    const signed = await signedDelAgent(wallet, {
      agentAddress: AGENT,
      nonce: N,
      asterChain: 'Testnet',
      chainId: 56,
    });
    expect(signed.endpoint).toBe(ENDPOINTS.agentDelete);
    expect(signed.endpoint).toMatchObject({ method: 'DELETE', path: '/fapi/v3/agent', confirmed: false });
    const form = new URLSearchParams(signed.body);
    expect([...form.keys()]).toEqual([
      'agentAddress',
      'asterChain',
      'user',
      'nonce',
      'signature',
      'signatureChainId',
    ]);
    expect(Object.fromEntries(form)).toMatchObject({
      agentAddress: AGENT,
      asterChain: 'Testnet',
      user: account.address,
      nonce: String(N),
      signatureChainId: '56',
    });
    const recovered = await recoverTypedDataAddress({
      ...demoTypedData('DelAgent', {
        agentAddress: AGENT,
        asterChain: 'Testnet',
        user: account.address,
        nonce: N,
      }),
      signature: form.get('signature') as `0x${string}`,
    } as never);
    expect(recovered).toBe(account.address);
  });

  it('the body is byte-exact and percent-encodes only what needs it', () => {
    const signature = toHex(new Uint8Array(65).fill(0xab));
    expect(delAgentBody(params, signature)).toBe(
      `agentAddress=${AGENT}&asterChain=Mainnet&user=${account.address}&nonce=${N}&signature=${signature}&signatureChainId=56`,
    );
  });

  it('refuses what it cannot sign right: a Solana account, a non-EVM agent, a bad nonce, chain or signature', async () => {
    await expect(
      signedDelAgent(solWallet, { agentAddress: AGENT, nonce: N, asterChain: 'Mainnet', chainId: 56 }),
    ).rejects.toThrow(/format for Solana accounts is not known/);
    expect(() => delAgentTypedData({ ...params, user: solWallet.address })).toThrow(/Solana/);
    expect(() => delAgentTypedData({ ...params, agentAddress: solWallet.address })).toThrow(/EVM address/);
    for (const nonce of [0, -1, '12a', '', 1.5, '01'])
      expect(() => delAgentTypedData({ ...params, nonce })).toThrow(/positive integer/);
    expect(() => delAgentTypedData({ ...params, asterChain: 'mainnet' as never })).toThrow(
      /Mainnet or Testnet/,
    );
    expect(() => delAgentTypedData({ ...params, chainId: 0 })).toThrow(/chainId/);
    expect(() => delAgentBody(params, '0x1234')).toThrow(/65 bytes/);
    expect(() => delAgentBody(params, `${toHex(new Uint8Array(65))}&x=1`)).toThrow(/65 bytes/);
  });
});
