import bs58 from 'bs58';
import nacl from 'tweetnacl';
import {
  concat,
  encodeAbiParameters,
  hashTypedData,
  hexToBytes,
  keccak256,
  pad,
  recoverTypedDataAddress,
  toBytes,
  toHex,
  verifyMessage,
  verifyTypedData,
} from 'viem';
import { describe, expect, it } from 'vitest';
import { privateKeyToAccount } from 'viem/accounts';
import type { EvmSigner, SolanaSigner } from '@/lib/signers/types';
import { ENDPOINTS } from './endpoints';
import { evmWithdrawalTypedData, solanaWithdrawalText, subAccountTransferMessage } from './messages';
import { parseQueryString } from './query';
import {
  signAgentRequest,
  signAsterMessage,
  signedAgentRequest,
  signedCreateSubAccount,
  signedEvmWithdrawal,
  signedRegisterAndApproveAgent,
  signedSolanaWithdrawal,
  signedSubAccountTransfer,
  signedUpdateSubAccount,
  signLogin,
} from './sign';
import { asterMessageTypedData } from './typed-data';

/**
 * Test doubles of the Signer interface straight over viem and tweetnacl: lib/aster is tested without
 * lib/signers (whose own tests and the simulator integration cover the real implementations).
 */
function createEvmSigner(key: Uint8Array): EvmSigner {
  const account = privateKeyToAccount(toHex(key));
  return {
    kind: 'evm',
    address: account.address,
    signTypedData: (typedData) => account.signTypedData(typedData as never),
    signMessage: (message) =>
      account.signMessage({ message: typeof message === 'string' ? message : { raw: message } }),
  };
}

function createSolanaSigner(seed: Uint8Array): SolanaSigner {
  const pair = nacl.sign.keyPair.fromSeed(seed);
  const signBytes = async (bytes: Uint8Array) => nacl.sign.detached(bytes, pair.secretKey);
  return {
    kind: 'solana',
    address: bs58.encode(pair.publicKey),
    signBytes,
    signMessage: async (message) =>
      bs58.encode(await signBytes(typeof message === 'string' ? new TextEncoder().encode(message) : message)),
  };
}

// Public test vectors only (Anvil accounts, RFC 8032 seeds).
const master = createEvmSigner(
  hexToBytes('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'),
);
const child = createEvmSigner(
  hexToBytes('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d'),
);
const agent = createEvmSigner(
  hexToBytes('0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a'),
);
const solMaster = createSolanaSigner(
  hexToBytes('0x9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60'),
);
const solChild = createSolanaSigner(
  hexToBytes('0x4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb'),
);
const N = 1763770000000000;
const ZERO = '0x0000000000000000000000000000000000000000';

const KAT_MSG = `toAccountAddress=0x70997970C51812dc3A010C7d01b50e0d17dc79C8&asset=USDT&amount=12.5&kindType=FUTURE_FUTURE&nonce=${N}&user=0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266&signer=0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65`;

/** The EIP-712 digest by hand: keccak256(0x1901 ‖ domainSeparator ‖ hashStruct), no typed-data helper. */
function manualDigest(
  domain: { name: string; chainId: number },
  typeString: string,
  encodedFields: `0x${string}`,
) {
  const domainType = keccak256(
    toBytes('EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)'),
  );
  const separator = keccak256(
    concat([
      domainType,
      keccak256(toBytes(domain.name)),
      keccak256(toBytes('1')),
      pad(toHex(domain.chainId)),
      pad(ZERO),
    ]),
  );
  const structHash = keccak256(concat([keccak256(toBytes(typeString)), encodedFields]));
  return keccak256(concat(['0x1901', separator, structHash]));
}

describe('EIP-712 Message{msg}: known answers', () => {
  it('the digest computed by hand equals viem’s and the hard-coded value', () => {
    const manual = manualDigest(
      { name: 'AsterSignTransaction', chainId: 1666 },
      'Message(string msg)',
      keccak256(toBytes(KAT_MSG)),
    );
    expect(hashTypedData(asterMessageTypedData(KAT_MSG, 1666) as never)).toBe(manual);
    expect(manual).toBe('0x8000520efef677758d31226f65446046bda4affa25daa02d9b837c39b1715cf8');
    // Another chain id is another digest: testnet signatures cannot be replayed on mainnet.
    expect(hashTypedData(asterMessageTypedData(KAT_MSG, 714) as never)).not.toBe(manual);
  });

  it('the signature of a fixed key over a fixed body is fixed (RFC 6979) and recovers to the master', async () => {
    const msg = subAccountTransferMessage({
      toAccountAddress: child.address,
      asset: 'USDT',
      amount: '12.5',
      kindType: 'FUTURE_FUTURE',
      nonce: N,
      user: master.address,
      signer: agent.address,
    }).msg;
    expect(msg).toBe(KAT_MSG);
    const signature = await signAsterMessage(master, msg, 'mainnet');
    expect(signature).toBe(
      '0xc138a487d7447137bb926fbcbf33fe9967b36dcfd0cb8fecdac3cf503b983ae85395469459cad9104b55ab8e5bcfc7a145c1e4956d8ee5a2a6138c3026538de91b',
    );
    await expect(
      recoverTypedDataAddress({ ...asterMessageTypedData(msg, 1666), signature } as never),
    ).resolves.toBe(master.address);
  });

  it('the withdrawal Action digest by hand (field names with spaces) and its fixed signature', async () => {
    const typed = evmWithdrawalTypedData({
      chainId: 56,
      receiver: master.address,
      asset: 'USDT',
      amount: '100',
      fee: '0.5',
      userNonce: N,
    });
    const fields = encodeAbiParameters(
      [
        { type: 'bytes32' },
        { type: 'address' },
        { type: 'bytes32' },
        { type: 'bytes32' },
        { type: 'bytes32' },
        { type: 'bytes32' },
        { type: 'uint256' },
        { type: 'bytes32' },
      ],
      [
        keccak256(toBytes('Withdraw')),
        master.address,
        keccak256(toBytes('BSC')),
        keccak256(toBytes('USDT')),
        keccak256(toBytes('100')),
        keccak256(toBytes('0.5')),
        BigInt(N),
        keccak256(toBytes('Mainnet')),
      ],
    );
    const manual = manualDigest(
      { name: 'Aster', chainId: 56 },
      'Action(string type,address destination,string destination Chain,string token,string amount,string fee,uint256 nonce,string aster chain)',
      fields,
    );
    expect(hashTypedData(typed as never)).toBe(manual);
    expect(manual).toBe('0xabbb7b073886b004aee25372c066effa2072c7a40f5c2e7885cd958edf05d3c7');
    expect(await master.signTypedData(typed)).toBe(
      '0x2151f020200341f275b9c4204def3b6bf2615e9397d99d0b60729ec5d27eafc651a4734feb364912ad0291d9b14b9bb76dfdc9aa2246e433001dfad7b15d74451b',
    );
  });
});

const verifyMessageSig = (address: string, msg: string, chainId: number, signature: string) =>
  verifyTypedData({
    address: address as `0x${string}`,
    ...asterMessageTypedData(msg, chainId),
    signature: signature as `0x${string}`,
  } as never);
const verifySolana = (address: string, text: string, signature: string) =>
  nacl.sign.detached.verify(new TextEncoder().encode(text), bs58.decode(signature), bs58.decode(address));
const field = (body: string, name: string) => new URLSearchParams(body).get(name);

describe('signed requests verify independently', () => {
  it('createSubAccount (EVM): child signs the child body, master the body with childSignature', async () => {
    const request = await signedCreateSubAccount(
      { master, child },
      { subAccountName: 'Grid09', nonce: N, signer: agent.address },
      'mainnet',
    );
    const childMsg = request.msg.slice(0, request.msg.indexOf('&childSignature='));
    const childSignature = field(request.body, 'childSignature')!;
    await expect(verifyMessageSig(child.address, childMsg, 1666, childSignature)).resolves.toBe(true);
    await expect(verifyMessageSig(master.address, request.msg, 1666, request.signature)).resolves.toBe(true);
    await expect(verifyMessageSig(master.address, childMsg, 1666, request.signature)).resolves.toBe(false);
    expect(request.body.endsWith(`&signature=${request.signature}`)).toBe(true);
  });

  it('createSubAccount (Solana): Ed25519 over the UTF-8 bodies, Base58', async () => {
    const request = await signedCreateSubAccount(
      { master: solMaster, child: solChild },
      { subAccountName: 'SolGrid9', nonce: N, signer: agent.address },
      'mainnet',
    );
    const childMsg = `subAccountName=SolGrid9&subSourceAddr=${solChild.address}&nonce=${N}&user=${solMaster.address}&signer=${agent.address}`;
    expect(verifySolana(solChild.address, childMsg, field(request.body, 'childSignature')!)).toBe(true);
    expect(verifySolana(solMaster.address, request.msg, request.signature)).toBe(true);
  });

  it('createSubAccount refuses a child of another kind', async () => {
    await expect(
      signedCreateSubAccount(
        { master, child: solChild },
        { subAccountName: 'Mixed001', nonce: N, signer: agent.address },
        'mainnet',
      ),
    ).rejects.toThrow(/same kind/);
  });

  it('testnet signs sub-account bodies with 1666 by default (§10: its tables), agent requests with 714', async () => {
    const request = await signedUpdateSubAccount(
      master,
      { subSourceAddr: child.address, nonce: N, signer: agent.address, status: 'FROZEN' },
      'testnet',
    );
    await expect(verifyMessageSig(master.address, request.msg, 1666, request.signature)).resolves.toBe(true);
    await expect(verifyMessageSig(master.address, request.msg, 714, request.signature)).resolves.toBe(false);
    const read = await signedAgentRequest(
      agent,
      ENDPOINTS.futuresBalance,
      {},
      { nonce: N, user: master.address },
      'testnet',
    );
    await expect(verifyMessageSig(agent.address, read.msg, 714, read.signature)).resolves.toBe(true);
  });

  it('a profile chooses the chain id of each signature family', async () => {
    const domains = { agentRequest: 1666, subAccount: 714, agentApproval: 56 };
    const update = await signedUpdateSubAccount(
      master,
      { subSourceAddr: child.address, nonce: N, signer: agent.address, status: 'FROZEN' },
      domains,
    );
    await expect(verifyMessageSig(master.address, update.msg, 714, update.signature)).resolves.toBe(true);
    const read = await signedAgentRequest(
      agent,
      ENDPOINTS.futuresBalance,
      {},
      { nonce: N, user: master.address },
      domains,
    );
    await expect(verifyMessageSig(agent.address, read.msg, 1666, read.signature)).resolves.toBe(true);
  });

  it('a transfer is signed by the wallet of user', async () => {
    const request = await signedSubAccountTransfer(
      child,
      {
        toAccountAddress: master.address,
        asset: 'USDT',
        amount: '1',
        kindType: 'FUTURE_FUTURE',
        nonce: N,
        signer: agent.address,
      },
      'mainnet',
    );
    expect(field(request.body, 'user')).toBe(child.address);
    await expect(verifyMessageSig(child.address, request.msg, 1666, request.signature)).resolves.toBe(true);
  });

  it('agent approval: EVM with chain id 56 (never 1666), Solana Ed25519 with signatureChainId=101', async () => {
    const evm = await signedRegisterAndApproveAgent(
      master,
      {
        nonce: N,
        agentName: 'bot',
        agentAddress: agent.address,
        expired: 1893456000000,
        canSpotTrade: false,
        canPerpTrade: true,
        canWithdraw: false,
      },
      'mainnet',
    );
    await expect(verifyMessageSig(master.address, evm.msg, 56, evm.signature)).resolves.toBe(true);
    await expect(verifyMessageSig(master.address, evm.msg, 1666, evm.signature)).resolves.toBe(false);
    const sol = await signedRegisterAndApproveAgent(
      solMaster,
      {
        nonce: N,
        agentName: 'bot',
        agentAddress: agent.address,
        expired: 1893456000000,
        canSpotTrade: false,
        canPerpTrade: true,
        canWithdraw: false,
      },
      'mainnet',
    );
    expect(field(sol.body, 'signatureChainId')).toBe('101');
    expect(verifySolana(solMaster.address, sol.msg, sol.signature)).toBe(true);
  });

  it('agent requests: signed by the agent named in signer, refused by any other key', async () => {
    const request = await signedAgentRequest(
      agent,
      ENDPOINTS.futuresAccount,
      {},
      { nonce: N, user: master.address },
      'mainnet',
    );
    expect(request.msg).toBe(`nonce=${N}&user=${master.address}&signer=${agent.address}`);
    await expect(verifyMessageSig(agent.address, request.msg, 1666, request.signature)).resolves.toBe(true);
    await expect(signAgentRequest(master, request, 'mainnet')).rejects.toThrow(/must be signed by/);
    await expect(signAgentRequest(solMaster, request, 'mainnet')).rejects.toThrow(/EVM key/);
  });

  it('EVM withdrawal: userSignature over the Action by the wallet, request by the agent', async () => {
    const request = await signedEvmWithdrawal(
      { wallet: master, agent },
      {
        chainId: 56,
        receiver: master.address,
        asset: 'USDT',
        amount: '100',
        fee: '0.5',
        userNonce: N,
        nonce: N + 1,
      },
      'mainnet',
    );
    const typed = evmWithdrawalTypedData({
      chainId: 56,
      receiver: master.address,
      asset: 'USDT',
      amount: '100',
      fee: '0.5',
      userNonce: N,
    });
    await expect(
      verifyTypedData({
        address: master.address,
        ...typed,
        signature: field(request.body, 'userSignature'),
      } as never),
    ).resolves.toBe(true);
    await expect(verifyMessageSig(agent.address, request.msg, 1666, request.signature)).resolves.toBe(true);
    expect(parseQueryString(request.msg).map(([n]) => n)).toEqual([
      'chainId',
      'asset',
      'amount',
      'fee',
      'receiver',
      'userNonce',
      'userSignature',
      'signatureType',
      'nonce',
      'user',
      'signer',
    ]);
    expect(field(request.body, 'signatureType')).toBe('EOA');
  });

  it('Solana withdrawal: the text with stripped zeros, signed by the Solana master', async () => {
    const request = await signedSolanaWithdrawal(
      { wallet: solMaster, agent },
      { receiver: solMaster.address, asset: 'USDT', amount: '1.20', fee: '0.60', userNonce: N, nonce: N + 1 },
      'mainnet',
    );
    const text = solanaWithdrawalText({
      receiver: solMaster.address,
      asset: 'USDT',
      amount: '1.2',
      fee: '0.6',
      userNonce: N,
    });
    expect(verifySolana(solMaster.address, text, field(request.body, 'userSignature')!)).toBe(true);
    expect(field(request.body, 'chainId')).toBe('101');
    expect(request.endpoint.path).toBe('/fapi/v3/aster/user-solana-withdraw');
    await expect(
      signedSolanaWithdrawal(
        { wallet: master, agent },
        { receiver: solMaster.address, asset: 'USDT', amount: '1', fee: '0', userNonce: N, nonce: N },
        'mainnet',
      ),
    ).rejects.toThrow(/Solana key/);
  });

  it('login: personal_sign (EVM), Base58 signMessage (Solana)', async () => {
    const evm = await signLogin(master, 424242);
    await expect(
      verifyMessage({
        address: master.address,
        message: 'You are signing into Astherus 424242',
        signature: evm as `0x${string}`,
      }),
    ).resolves.toBe(true);
    const sol = await signLogin(solMaster, '424242');
    expect(verifySolana(solMaster.address, 'You are signing into Astherus 424242', sol)).toBe(true);
  });
});
