import { browser } from 'wxt/browser';

/**
 * What the create form remembers per master between openings: only whether it is a market-maker account. The
 * VIP level is not remembered (Aster's fee tier preselects it each time) and the kind always follows the master.
 */
const STORAGE_KEY = 'subAccountChoices';

type Stored = Record<string, { isMarketMaker?: unknown }>;

async function stored(): Promise<Stored> {
  const all = (await browser.storage.local.get(STORAGE_KEY).catch(() => ({}))) as Record<string, unknown>;
  const value = all[STORAGE_KEY];
  return typeof value === 'object' && value !== null ? (value as Stored) : {};
}

export async function loadMarketMakerChoice(masterId: string): Promise<boolean | null> {
  const entry = (await stored())[masterId];
  return typeof entry?.isMarketMaker === 'boolean' ? entry.isMarketMaker : null;
}

export async function saveMarketMakerChoice(masterId: string, isMarketMaker: boolean): Promise<void> {
  const all = await stored();
  await browser.storage.local
    .set({ [STORAGE_KEY]: { ...all, [masterId]: { isMarketMaker } } })
    .catch(() => undefined);
}
