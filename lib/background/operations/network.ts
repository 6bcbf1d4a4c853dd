import { browser } from 'wxt/browser';
import { ASTER_HOSTS, simulatorHosts, type AsterHosts } from '@/lib/aster/client';
import type { NetworkInfo, NetworkName } from '@/lib/messaging/operations-api';
import { t } from '@/lib/i18n';
import { RpcError } from '@/lib/messaging/rpc';

/**
 * Which Aster the operations talk to: mainnet (default), testnet, or a local simulator. Kept in
 * `storage.local`: it is not secret, and it must survive worker and browser restarts.
 */

export interface NetworkSettings {
  network: NetworkName;
  simulatorUrl: string | null;
  signing: 'mainnet' | 'testnet';
}

export const NETWORK_STORAGE_KEY = 'aster.network';

export const DEFAULT_NETWORK: NetworkSettings = Object.freeze({
  network: 'mainnet',
  simulatorUrl: null,
  signing: 'mainnet',
});

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * A simulator URL is accepted on this computer only (loopback): signatures made for a "simulator" are valid
 * on Aster itself, so sending them anywhere else would hand a stranger signed requests.
 */
export function normaliseSimulatorUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new RpcError('invalid-input', t('background.network.notAUrl'));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new RpcError('invalid-input', t('background.network.scheme'));
  if (!LOOPBACK.has(url.hostname)) throw new RpcError('invalid-input', t('background.network.loopbackOnly'));
  if (url.username || url.password || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash)
    throw new RpcError('invalid-input', t('background.network.noPath'));
  return url.origin;
}

function isSettings(value: unknown): value is NetworkSettings {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    (v.network === 'mainnet' || v.network === 'testnet' || v.network === 'simulator') &&
    (v.simulatorUrl === null || typeof v.simulatorUrl === 'string') &&
    (v.signing === 'mainnet' || v.signing === 'testnet')
  );
}

export async function loadNetwork(): Promise<NetworkSettings> {
  const stored = (await browser.storage.local.get(NETWORK_STORAGE_KEY))[NETWORK_STORAGE_KEY];
  if (!isSettings(stored)) return { ...DEFAULT_NETWORK };
  if (stored.network === 'simulator') {
    try {
      return { ...stored, simulatorUrl: normaliseSimulatorUrl(stored.simulatorUrl ?? '') };
    } catch {
      return { ...DEFAULT_NETWORK };
    }
  }
  return stored;
}

export async function saveNetwork(choice: {
  network: NetworkName;
  simulatorUrl?: string;
  signing?: 'mainnet' | 'testnet';
}): Promise<NetworkSettings> {
  let settings: NetworkSettings;
  if (choice.network === 'simulator') {
    if (!choice.simulatorUrl) throw new RpcError('invalid-input', t('background.network.giveUrl'));
    settings = {
      network: 'simulator',
      simulatorUrl: normaliseSimulatorUrl(choice.simulatorUrl),
      signing: choice.signing ?? 'mainnet',
    };
  } else {
    settings = { network: choice.network, simulatorUrl: null, signing: choice.network };
  }
  await browser.storage.local.set({ [NETWORK_STORAGE_KEY]: settings });
  return settings;
}

export function hostsOf(settings: NetworkSettings): AsterHosts {
  return settings.network === 'simulator' && settings.simulatorUrl
    ? simulatorHosts(settings.simulatorUrl)
    : ASTER_HOSTS[settings.network === 'testnet' ? 'testnet' : 'mainnet'];
}

/** The key under which links and pending work are remembered: one per network (and simulator URL). */
export function networkId(settings: NetworkSettings): string {
  return settings.network === 'simulator' ? `simulator:${settings.simulatorUrl}` : settings.network;
}

export function networkInfo(settings: NetworkSettings): NetworkInfo {
  return { ...settings, hosts: { ...hostsOf(settings) } };
}
