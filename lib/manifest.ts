import type { UserManifest } from 'wxt';
import { ASTER_WEB_MATCHES, DEVELOPMENT_MATCHES, TEST_ADDABLE_SITES } from './exchange-matches';

/** Aster's API hosts (reference §9): the background calls them. */
const ASTER_API_HOSTS = [
  'https://fapi.asterdex.com/*',
  'https://sapi.asterdex.com/*',
  'https://fapi.asterdex-testnet.com/*',
  'https://sapi.asterdex-testnet.com/*',
];

/** The add-on's id on addons.mozilla.org: it must never change (updates and stored data follow it). */
export const GECKO_ID = 'aster-companion@astercompanion.app';

/**
 * The oldest Firefox the build runs in: 140 (an ESR) reads `data_collection_permissions`, which AMO requires
 * of new add-ons; the APIs the extension relies on are older (MAIN-world `scripting.registerContentScripts`
 * 128, `storage.session` 115, MV3 event pages 109).
 */
export const GECKO_MIN_VERSION = '140.0';
export const GECKO_ANDROID_MIN_VERSION = '142.0';

/**
 * The manifest, per browser (WXT adds the entrypoints; `manifestVersion: 3` in wxt.config.ts makes Firefox
 * MV3 too, with the background as an event page). `testBuild`: the local simulator's origin and the site the
 * end-to-end suite adds.
 */
export function extensionManifest(browser: string, testBuild: boolean): UserManifest {
  const firefox = browser === 'firefox';
  const exchangeMatches = [...ASTER_WEB_MATCHES, ...(testBuild ? DEVELOPMENT_MATCHES : [])];
  return {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // `offscreen` (Chromium): the document that clears a copied key once the popup has closed.
    permissions: [
      'storage',
      'alarms',
      'clipboardRead',
      'scripting',
      ...(firefox ? [] : ['offscreen', 'clipboardWrite']),
    ],
    host_permissions: [...ASTER_API_HOSTS, ...exchangeMatches, ...(testBuild ? TEST_ADDABLE_SITES : [])],
    // Exchange sites the trader adds in settings are asked for one by one when added.
    optional_host_permissions: ['https://*/*'],
    action: { default_title: '__MSG_extName__' },
    // The approval prompt is framed by the exchange page. Chromium: dynamic URLs keep pages from
    // fingerprinting it. Firefox has no `use_dynamic_url` (it warns on the key); its extension origin is
    // already a random per-install UUID.
    web_accessible_resources: [
      { resources: ['prompt.html'], matches: exchangeMatches, ...(firefox ? {} : { use_dynamic_url: true }) },
    ],
    commands: {
      'next-account': {
        suggested_key: { default: 'Alt+Shift+Period' },
        description: '__MSG_commands_nextAccount__',
      },
      'previous-account': {
        suggested_key: { default: 'Alt+Shift+Comma' },
        description: '__MSG_commands_previousAccount__',
      },
      'open-switcher': {
        suggested_key: { default: 'Alt+Shift+A' },
        description: '__MSG_commands_openSwitcher__',
      },
    },
    ...(firefox
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: GECKO_MIN_VERSION,
              // The extension collects and transmits nothing about the trader (AMO's consent key).
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android reads `data_collection_permissions` from 142 on.
            gecko_android: { strict_min_version: GECKO_ANDROID_MIN_VERSION },
          },
        }
      : {}),
  };
}
