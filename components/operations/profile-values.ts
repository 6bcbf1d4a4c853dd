import type { AsterProtocolProfile } from '@/lib/aster/profile';
import { t } from '@/lib/i18n';

/**
 * The protocol profile's values as the Network screen says them (lib/aster/profile.ts keeps them raw). A chain
 * id stays visible as a number, it is what Aster's documents and error messages name, with the network it
 * stands for beside it.
 */

/** The EIP-712 chain ids the profile chooses from, and the network each stands for. */
function chainName(chainId: number): string | null {
  switch (chainId) {
    case 1666:
      return t('operations.networkProfile.values.asterMainnet');
    case 714:
      return t('operations.networkProfile.values.asterTestnet');
    case 56:
      return t('operations.networkProfile.values.bsc');
    case 97:
      return t('operations.networkProfile.values.bscTestnet');
    default:
      return null;
  }
}

/** "1666 (Aster mainnet)"; an id the screen does not know stays a bare number. */
export function chainIdWords(chainId: number): string {
  const name = chainName(chainId);
  return name === null
    ? String(chainId)
    : t('operations.networkProfile.values.chain', { id: String(chainId), name });
}

/** One profile value in words. */
export function profileValueWords<K extends keyof AsterProtocolProfile>(
  point: K,
  value: AsterProtocolProfile[K],
): string {
  switch (point) {
    case 'agentRequestChainId':
    case 'subAccountChainId':
    case 'agentApprovalChainId':
      return chainIdWords(value as number);
    case 'withdrawalAsterChain':
      return value === 'Testnet'
        ? t('operations.networkProfile.form.testnet')
        : t('operations.networkProfile.form.mainnet');
    case 'transferSigner':
      return value === 'omitted'
        ? t('operations.networkProfile.form.withoutSigner')
        : t('operations.networkProfile.form.withSigner');
    default:
      return value === true
        ? t('operations.networkProfile.values.enabled')
        : t('operations.networkProfile.values.disabled');
  }
}

/** The network a profile belongs to (`mainnet`, `testnet` or `simulator:<url>`), in words. */
export function networkIdWords(networkId: string): string {
  if (networkId.startsWith('simulator:'))
    return t('operations.network.simulatorAt', { url: networkId.slice('simulator:'.length) });
  return networkId === 'testnet' ? t('operations.network.testnet') : t('operations.network.mainnet');
}
