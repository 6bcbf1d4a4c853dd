import { browser } from 'wxt/browser';
import { EXCHANGE_MATCHES, isExchangeOrigin, SITE_PATTERN } from '@/lib/exchange-origins';
import { t } from '@/lib/i18n';

/**
 * The exchange sites in settings: where the provider is injected and who may use it. Defaults to Aster's web
 * app (plus http://localhost in development and test builds). Content scripts are registered at runtime for
 * exactly these sites, so removing one stops the injection, and an added site needs its host permission.
 */

const STORAGE_KEY = 'exchange.sites';
const SCRIPT_IDS = ['aster-companion-inpage', 'aster-companion-relay'];

export async function exchangeSites(): Promise<string[]> {
  const stored = (await browser.storage.local.get(STORAGE_KEY))[STORAGE_KEY];
  return Array.isArray(stored)
    ? stored.filter((p): p is string => typeof p === 'string')
    : [...EXCHANGE_MATCHES];
}

export async function isExchangeSite(origin: string | undefined): Promise<boolean> {
  return isExchangeOrigin(origin, await exchangeSites());
}

/** Stores the sites, then injects exactly there (only where the extension holds the host permission). */
export async function setExchangeSites(patterns: string[]): Promise<string[]> {
  const unique = [...new Set(patterns)];
  for (const pattern of unique) {
    if (!SITE_PATTERN.test(pattern))
      throw new Error(t('background.exchangeSites.notASite', { site: pattern }));
    if (!(await browser.permissions.contains({ origins: [pattern] }))) {
      throw new Error(t('background.exchangeSites.noPermission', { site: pattern }));
    }
  }
  await browser.storage.local.set({ [STORAGE_KEY]: unique });
  await syncContentScripts(true);
  return unique;
}

/**
 * Keeps the injection in step with the host permissions the trader grants or revokes in the browser itself
 * (Firefox lets the trader switch an MV3 add-on's site access at any time, Chromium's site access too).
 * Call synchronously at background start.
 */
export function followHostPermissions(): void {
  const sync = () =>
    void syncContentScripts().catch((error: unknown) =>
      console.error('[exchange sites]', error instanceof Error ? error.name : error),
    );
  browser.permissions.onAdded.addListener(sync);
  browser.permissions.onRemoved.addListener(sync);
}

/**
 * Registers the inpage provider (MAIN world) and the relay for the sites, at document_start. Compares with
 * what is registered first: a worker waking up re-registers nothing, so no page loads between the two.
 * The same in Firefox (128+: MAIN world; `persistAcrossSessions` 105+), where the background is an event page
 * that wakes up as often as Chromium's worker.
 */
export async function syncContentScripts(force = false): Promise<void> {
  const sites = await exchangeSites();
  const granted: string[] = [];
  for (const site of sites) if (await browser.permissions.contains({ origins: [site] })) granted.push(site);
  const registered = await browser.scripting.getRegisteredContentScripts({ ids: SCRIPT_IDS });
  const same =
    registered.length === SCRIPT_IDS.length &&
    registered.every((script) => [...(script.matches ?? [])].sort().join() === [...granted].sort().join());
  if (same && !force) return;
  if (registered.length > 0)
    await browser.scripting.unregisterContentScripts({ ids: registered.map((s) => s.id) });
  if (granted.length === 0) return;
  await browser.scripting.registerContentScripts([
    {
      id: SCRIPT_IDS[0]!,
      matches: granted,
      js: ['content-scripts/inpage.js'],
      runAt: 'document_start',
      world: 'MAIN',
      persistAcrossSessions: true,
    },
    {
      id: SCRIPT_IDS[1]!,
      matches: granted,
      js: ['content-scripts/relay.js'],
      runAt: 'document_start',
      persistAcrossSessions: true,
    },
  ]);
}
