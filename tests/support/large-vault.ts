import type { Page } from '@playwright/test';
import { ed25519 } from '@noble/curves/ed25519.js';
import bs58 from 'bs58';

/** The largest vault the companion is built for: Aster allows 15 sub-accounts per master; we test 16 masters. */
const LARGE_VAULT = { masters: 16, subsPerMaster: 15 } as const;

/** A master the vault already holds, with how many sub-accounts it already has. */
export interface HeldMaster {
  id: string;
  subs: number;
}

/** A new master's import: a random key, every fourth one Solana (`Sol master {m}`), else EVM (`EVM master {m}`). */
function randomMasterSpecs(count: number): { kind: string; name: string; key: string }[] {
  return Array.from({ length: count }, (_, m) => {
    const seed = crypto.getRandomValues(new Uint8Array(32));
    return m % 4 === 3
      ? {
          kind: 'solana',
          name: `Sol master ${m}`,
          key: bs58.encode(Buffer.concat([seed, ed25519.getPublicKey(seed)])),
        }
      : { kind: 'evm', name: `EVM master ${m}`, key: Buffer.from(seed).toString('hex') };
  });
}

/**
 * Fills the vault to 16 masters × 15 sub-accounts through the extension's own calls from `page` (an extension
 * page, as the popup makes them): the masters it `held` first, then new random masters up to 16; every master
 * then gets generated sub-accounts `Sub{m}x{s}` (m: its place among the 16) up to 15. Returns the 16 master
 * ids in that order.
 */
export async function fillLargeVault(page: Page, held: readonly HeldMaster[] = []): Promise<string[]> {
  const specs = randomMasterSpecs(LARGE_VAULT.masters - held.length);
  // Inline calls only: a named helper inside evaluate would be wrapped by tsx (scripts/bench.ts) in a helper
  // the page lacks.
  return page.evaluate(
    async ([heldMasters, newMasters, subsPerMaster]) => {
      type Response = { ok: boolean; result: { id: string }; error?: { message: string } };
      const masters = heldMasters.map(({ id, subs }) => ({ id, subs }));
      for (const spec of newMasters) {
        const response = (await chrome.runtime.sendMessage({
          channel: 'popup',
          method: 'accounts.add',
          params: { role: 'master', ...spec },
        })) as Response;
        if (!response.ok) throw new Error(response.error?.message);
        masters.push({ id: response.result.id, subs: 0 });
      }
      for (const [m, { id, subs }] of masters.entries())
        for (let s = subs; s < subsPerMaster; s++) {
          const response = (await chrome.runtime.sendMessage({
            channel: 'popup',
            method: 'accounts.generate',
            params: { parentId: id, name: `Sub${m}x${s}` },
          })) as Response;
          if (!response.ok) throw new Error(response.error?.message);
        }
      return masters.map(({ id }) => id);
    },
    [held, specs, LARGE_VAULT.subsPerMaster] as const,
  );
}
