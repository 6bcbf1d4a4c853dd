import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Account } from '@/lib/accounts/model';
import {
  loadWithdrawChoices,
  maxWithdrawable,
  saveWithdrawChoices,
  validWithdrawChoices,
} from './withdraw-choices';

const EVM = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const SOL = '9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin';
const account = (id: string, role: 'master' | 'sub', kind: 'evm' | 'solana' = 'evm') =>
  ({ id, role, kind, name: id, address: EVM }) as unknown as Account;
const family = [account('main', 'master'), account('grid', 'sub'), account('sol', 'master', 'solana')];

describe('Max', () => {
  it('is exactly what Aster says may leave the futures wallet, fee not taken off', () => {
    const balances = [
      { asset: 'USDT', balance: '10000', withdrawable: '9876.54321' },
      { asset: 'BNB', balance: '0.5' },
    ];
    expect(maxWithdrawable(balances, 'USDT')).toBe('9876.54321');
    // No withdrawable figure: the balance.
    expect(maxWithdrawable(balances, 'BNB')).toBe('0.5');
  });

  it('offers nothing for an absent, zero, negative or unreadable balance', () => {
    expect(maxWithdrawable([], 'USDT')).toBeNull();
    expect(maxWithdrawable([{ asset: 'USDT', balance: '5', withdrawable: '0' }], 'USDT')).toBeNull();
    expect(maxWithdrawable([{ asset: 'USDT', balance: '-42.5' }], 'USDT')).toBeNull();
    expect(maxWithdrawable([{ asset: 'USDT', balance: '1e3' }], 'USDT')).toBeNull();
    expect(maxWithdrawable([{ asset: 'usdt', balance: '5' }], 'USDT')).toBeNull();
  });
});

describe('remembered withdrawal choices', () => {
  const good = { accountId: 'main', asset: 'USDT', chainId: 42161, receiver: EVM };

  it('come back as saved when still valid', async () => {
    await saveWithdrawChoices(good);
    expect(await loadWithdrawChoices(family)).toEqual(good);
    expect(await fakeBrowser.storage.local.get('withdrawChoices')).toEqual({ withdrawChoices: good });
  });

  it('are ignored once they no longer fit: account gone or a sub, chain of another kind, bad asset or receiver', () => {
    expect(validWithdrawChoices(good, family)).toEqual(good);
    expect(validWithdrawChoices({ ...good, receiver: '' }, family)).toEqual({ ...good, receiver: '' });
    expect(validWithdrawChoices({ ...good, accountId: 'removed' }, family)).toBeNull();
    expect(validWithdrawChoices({ ...good, accountId: 'grid' }, family)).toBeNull();
    expect(validWithdrawChoices({ ...good, chainId: 101 }, family)).toBeNull();
    expect(validWithdrawChoices({ ...good, chainId: 5 }, family)).toBeNull();
    expect(validWithdrawChoices({ ...good, asset: 'usdt<script>' }, family)).toBeNull();
    expect(validWithdrawChoices({ ...good, receiver: SOL }, family)).toBeNull();
    expect(
      validWithdrawChoices({ accountId: 'sol', asset: 'USDT', chainId: 101, receiver: SOL }, family),
    ).toEqual({ accountId: 'sol', asset: 'USDT', chainId: 101, receiver: SOL });
    expect(validWithdrawChoices('main', family)).toBeNull();
    expect(validWithdrawChoices(null, family)).toBeNull();
  });

  it('nothing stored: nothing comes back', async () => {
    expect(await loadWithdrawChoices(family)).toBeNull();
  });
});
