import { describe, expect, it } from 'vitest';
import type { UserManifestFn } from 'wxt';
import config from '../../wxt.config';
import { GECKO_ID } from '../../lib/manifest';

/** The manifest wxt.config.ts gives WXT for a browser (WXT adds the entrypoints and the background key). */
async function manifestFor(browser: 'chrome' | 'firefox') {
  const manifest = config.manifest as UserManifestFn;
  return manifest({ browser, manifestVersion: 3, mode: 'production', command: 'build' });
}

describe('the manifest, per browser', () => {
  it('builds MV3 for every browser: Firefox gets an event page (background.scripts), not MV2', () => {
    // WXT's default for Firefox is MV2; with manifestVersion 3 it writes `background.scripts` for Firefox.
    expect(config.manifestVersion).toBe(3);
  });

  it('Firefox: the AMO id, no data collected, and a minimum version with MAIN-world registration', async () => {
    const gecko = (await manifestFor('firefox')).browser_specific_settings as {
      gecko: { id: string; strict_min_version: string; data_collection_permissions: unknown };
      gecko_android: { strict_min_version: string };
    };
    expect(gecko.gecko.id).toBe(GECKO_ID);
    expect(gecko.gecko.id).toBe('aster-companion@astercompanion.app');
    expect(gecko.gecko.data_collection_permissions).toEqual({ required: ['none'] });
    // scripting.registerContentScripts with world MAIN: Firefox 128; data_collection_permissions: 140.
    expect(parseFloat(gecko.gecko.strict_min_version)).toBeGreaterThanOrEqual(140);
    expect(parseFloat(gecko.gecko_android.strict_min_version)).toBeGreaterThanOrEqual(142);
  });

  it('Firefox: no Chromium-only permission or key (offscreen, use_dynamic_url)', async () => {
    const manifest = await manifestFor('firefox');
    expect(manifest.permissions).toEqual(['storage', 'alarms', 'clipboardRead', 'scripting']);
    expect(manifest.web_accessible_resources).toEqual([
      { resources: ['prompt.html'], matches: expect.any(Array) },
    ]);
    expect(JSON.stringify(manifest)).not.toContain('use_dynamic_url');
  });

  it('Chrome: unchanged (offscreen, clipboardWrite, the prompt at a dynamic URL, no gecko settings)', async () => {
    const manifest = await manifestFor('chrome');
    expect(manifest.permissions).toEqual([
      'storage',
      'alarms',
      'clipboardRead',
      'scripting',
      'offscreen',
      'clipboardWrite',
    ]);
    expect(manifest.web_accessible_resources).toEqual([
      { resources: ['prompt.html'], matches: expect.any(Array), use_dynamic_url: true },
    ]);
    expect(manifest.browser_specific_settings).toBeUndefined();
  });

  it('both: the same host permissions, optional sites, commands and no content_scripts key', async () => {
    const [chrome, firefox] = await Promise.all([manifestFor('chrome'), manifestFor('firefox')]);
    expect(firefox.host_permissions).toEqual(chrome.host_permissions);
    expect(firefox.optional_host_permissions).toEqual(['https://*/*']);
    expect(Object.keys(firefox.commands ?? {})).toEqual([
      'next-account',
      'previous-account',
      'open-switcher',
    ]);
    // The provider is registered at runtime (exchange-sites.ts), for the sites in settings only.
    expect(firefox.content_scripts).toBeUndefined();
    expect(chrome.content_scripts).toBeUndefined();
  });
});
