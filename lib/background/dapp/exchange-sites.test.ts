import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { EXCHANGE_MATCHES } from '@/lib/exchange-origins';
import { followHostPermissions, setExchangeSites, syncContentScripts } from './exchange-sites';

/**
 * WXT's fake browser has no `scripting` or `permissions`: a small model of both, as Chromium and Firefox
 * (128+) answer them. Registered scripts persist in the model, as `persistAcrossSessions` keeps them.
 */
interface Registered {
  id: string;
  matches: string[];
  js: string[];
  runAt: string;
  world?: string;
  persistAcrossSessions?: boolean;
}

let registered: Registered[];
let granted: Set<string>;
const calls = { register: 0, unregister: 0 };
const listeners = { added: [] as Array<() => void>, removed: [] as Array<() => void> };

function install(name: 'scripting' | 'permissions', value: object) {
  Object.defineProperty(browser, name, { value, configurable: true });
}

beforeEach(() => {
  registered = [];
  granted = new Set(EXCHANGE_MATCHES);
  calls.register = calls.unregister = 0;
  listeners.added = [];
  listeners.removed = [];
  install('scripting', {
    getRegisteredContentScripts: async ({ ids }: { ids: string[] }) =>
      registered.filter((s) => ids.includes(s.id)),
    registerContentScripts: async (scripts: Registered[]) => {
      calls.register++;
      registered.push(...structuredClone(scripts));
    },
    unregisterContentScripts: async ({ ids }: { ids: string[] }) => {
      calls.unregister++;
      registered = registered.filter((s) => !ids.includes(s.id));
    },
  });
  install('permissions', {
    contains: async ({ origins }: { origins: string[] }) => origins.every((o) => granted.has(o)),
    onAdded: { addListener: (f: () => void) => listeners.added.push(f) },
    onRemoved: { addListener: (f: () => void) => listeners.removed.push(f) },
  });
});

afterEach(() => {
  Reflect.deleteProperty(browser, 'scripting');
  Reflect.deleteProperty(browser, 'permissions');
});

describe('the provider registered at runtime (Chromium and Firefox MV3 alike)', () => {
  it('registers the provider in the MAIN world and the relay, at document_start, kept across sessions', async () => {
    await syncContentScripts();
    expect(registered).toEqual([
      {
        id: 'aster-companion-inpage',
        matches: [...EXCHANGE_MATCHES],
        js: ['content-scripts/inpage.js'],
        runAt: 'document_start',
        world: 'MAIN',
        persistAcrossSessions: true,
      },
      {
        id: 'aster-companion-relay',
        matches: [...EXCHANGE_MATCHES],
        js: ['content-scripts/relay.js'],
        runAt: 'document_start',
        persistAcrossSessions: true,
      },
    ]);
  });

  it('a background that wakes up (event page or worker) re-registers nothing when nothing changed', async () => {
    await syncContentScripts();
    await syncContentScripts();
    await syncContentScripts();
    expect(calls).toEqual({ register: 1, unregister: 0 });
  });

  it('injects only where the trader granted the site: Firefox lets the trader revoke it at any time', async () => {
    const [first, ...others] = EXCHANGE_MATCHES;
    granted.delete(first!);
    await syncContentScripts();
    expect(registered.map((s) => s.matches)).toEqual([others, others]);
    granted.clear();
    await syncContentScripts();
    expect(registered).toEqual([]);
  });

  it('follows the host permissions granted or revoked in the browser itself', async () => {
    followHostPermissions();
    expect([listeners.added.length, listeners.removed.length]).toEqual([1, 1]);
    const [first] = EXCHANGE_MATCHES;
    granted.delete(first!);
    await syncContentScripts();
    expect(registered[0]!.matches).not.toContain(first);
    granted.add(first!);
    listeners.added[0]!();
    await vi.waitFor(() => expect(registered[0]?.matches).toContain(first));
    granted.delete(first!);
    listeners.removed[0]!();
    await vi.waitFor(() => expect(registered[0]?.matches).not.toContain(first));
  });

  it('a site the trader adds needs its host permission first', async () => {
    await expect(setExchangeSites([...EXCHANGE_MATCHES, 'https://other.example/*'])).rejects.toThrow();
    granted.add('https://other.example/*');
    await setExchangeSites([...EXCHANGE_MATCHES, 'https://other.example/*']);
    expect(registered[0]!.matches).toContain('https://other.example/*');
  });
});
