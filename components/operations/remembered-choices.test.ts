import { describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import type { Account } from '@/lib/accounts/model';
import {
  CHOICES_STORAGE_KEY,
  loadChoices,
  rememberChoices,
  restoredPerpSpot,
  restoredTransfer,
} from './remembered-choices';

const account = (id: string) => ({ id }) as Account;
const family = [account('main'), account('grid'), account('hedge')];
const transfer = {
  fromId: 'main',
  toId: 'grid',
  fromWallet: 'futures' as const,
  toWallet: 'spot' as const,
  asset: 'USDT',
};

describe('remembered Move funds choices', () => {
  it('are kept per master in storage.local and restored, each form keeping the other’s', async () => {
    await rememberChoices('m1', { transfer });
    await rememberChoices('m1', { perpSpot: { accountId: 'hedge', fromWallet: 'spot', asset: 'ASTER' } });
    await rememberChoices('m2', { transfer: { ...transfer, asset: 'BNB' } });
    const saved = await loadChoices('m1');
    expect(restoredTransfer(saved, family)).toEqual(transfer);
    expect(restoredPerpSpot(saved, family)).toEqual({
      accountId: 'hedge',
      fromWallet: 'spot',
      asset: 'ASTER',
    });
    expect((await loadChoices('m2')).transfer?.asset).toBe('BNB');
    expect(await loadChoices('m3')).toEqual({});
  });

  it('are ignored when an account they name has left the family', async () => {
    await rememberChoices('m1', { transfer: { ...transfer, toId: 'removed' } });
    await rememberChoices('m1', { perpSpot: { accountId: 'removed', fromWallet: 'spot', asset: 'ASTER' } });
    const saved = await loadChoices('m1');
    expect(restoredTransfer(saved, family)).toBeNull();
    expect(restoredPerpSpot(saved, family)).toBeNull();
  });

  it('never hold an amount or anything else: a stored entry of another shape is ignored', async () => {
    await browser.storage.local.set({
      [CHOICES_STORAGE_KEY]: { m1: { transfer: { ...transfer, amount: '100' } }, m2: 'garbage' },
    });
    expect(await loadChoices('m1')).toEqual({});
    expect(await loadChoices('m2')).toEqual({});
    // Remembering over garbage replaces it with the valid shape only.
    await rememberChoices('m1', { transfer });
    const stored = (await browser.storage.local.get(CHOICES_STORAGE_KEY))[CHOICES_STORAGE_KEY];
    expect(JSON.stringify(stored)).not.toContain('amount');
  });
});
