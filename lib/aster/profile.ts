import type { AsterNetwork } from './typed-data';

/**
 * How one Aster network wants to be spoken to, where the public sources leave it open (aster-protocol.md §10).
 * Each open point is one field with the reference's default; the trader may change it in Settings → Network,
 * and "Check compatibility with Aster" settles what can be told apart without moving funds.
 */
export interface AsterProtocolProfile {
  /** EIP-712 chain id of agent-signed V3 requests (`Message{msg}`): 1666 mainnet, 714 testnet. */
  agentRequestChainId: number;
  /**
   * EIP-712 chain id of the sub-account bodies (create, bind, update, list, transfer). The testnet document's
   * tables give 1666 for all of them (only its trading example uses 714): UNCERTAIN, default 1666 on both.
   */
  subAccountChainId: number;
  /** `signatureChainId` of registerAndApproveAgent for EVM accounts (Solana ones always sign with 101). */
  agentApprovalChainId: number;
  /** The `aster chain` value of withdrawal signatures; only "Mainnet" is documented. */
  withdrawalAsterChain: 'Mainnet' | 'Testnet';
  /**
   * Whether subAccountTransfer's body carries `signer` (PR #162 made it optional on testnet; a field left out of
   * the request is left out of the signed body). UNCERTAIN on mainnet: the body with `signer` stays the default.
   */
  transferSigner: 'included' | 'omitted';
  /** `POST /fapi/v3/assetExchange` (Rebalance): UNCERTAIN, off unless the trader turns it on. */
  rebalance: boolean;
  /** `DELETE /fapi/v3/agent` (revoke an API wallet): its signing is UNCERTAIN, off unless turned on. */
  agentRevoke: boolean;
}

export const DEFAULT_PROFILES: Readonly<Record<AsterNetwork, Readonly<AsterProtocolProfile>>> = {
  mainnet: Object.freeze({
    agentRequestChainId: 1666,
    subAccountChainId: 1666,
    agentApprovalChainId: 56,
    withdrawalAsterChain: 'Mainnet',
    transferSigner: 'included',
    rebalance: false,
    agentRevoke: false,
  }),
  testnet: Object.freeze({
    agentRequestChainId: 714,
    subAccountChainId: 1666,
    agentApprovalChainId: 56,
    withdrawalAsterChain: 'Mainnet',
    transferSigner: 'included',
    rebalance: false,
    agentRevoke: false,
  }),
};

export function defaultProfile(network: AsterNetwork): AsterProtocolProfile {
  return { ...DEFAULT_PROFILES[network] };
}

/** The chain ids the signing functions need, per signature family. */
export interface AsterSigningDomains {
  agentRequest: number;
  subAccount: number;
  agentApproval: number;
}

export function signingDomainsOf(profile: AsterProtocolProfile): AsterSigningDomains {
  return {
    agentRequest: profile.agentRequestChainId,
    subAccount: profile.subAccountChainId,
    agentApproval: profile.agentApprovalChainId,
  };
}

/** Callers (and older tests) may still name a network: its default profile's domains. */
export function signingDomains(value: AsterNetwork | AsterSigningDomains): AsterSigningDomains {
  return typeof value === 'string' ? signingDomainsOf(DEFAULT_PROFILES[value]) : value;
}
