import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadMarketMakerChoice, saveMarketMakerChoice } from './sub-account-choices';

describe('remembered create choices', () => {
  it('keep the market-maker choice per master, nothing else', async () => {
    expect(await loadMarketMakerChoice('main')).toBeNull();
    await saveMarketMakerChoice('main', true);
    await saveMarketMakerChoice('other', false);
    expect(await loadMarketMakerChoice('main')).toBe(true);
    expect(await loadMarketMakerChoice('other')).toBe(false);
    expect(await fakeBrowser.storage.local.get('subAccountChoices')).toEqual({
      subAccountChoices: { main: { isMarketMaker: true }, other: { isMarketMaker: false } },
    });
  });

  it('ignore a stored value of the wrong form', async () => {
    await fakeBrowser.storage.local.set({ subAccountChoices: { main: { isMarketMaker: 'yes' } } });
    expect(await loadMarketMakerChoice('main')).toBeNull();
    await fakeBrowser.storage.local.set({ subAccountChoices: 'broken' });
    expect(await loadMarketMakerChoice('main')).toBeNull();
  });
});
