import { describe, expect, it } from 'vitest';
import { maxTransferable } from './max-amount';

describe('Max: what the source wallet can send of an asset', () => {
  const balances = {
    futures: [
      // Part of the wallet is held as margin: the withdrawable amount is what can leave.
      { asset: 'USDT', balance: '10000.5', withdrawable: '9876.123456789012345678' },
      { asset: 'BNB', balance: '2', withdrawable: '0' },
      { asset: 'ETH', balance: '-1', withdrawable: '0' },
    ],
    spot: [{ asset: 'ASTER', balance: '112.25', withdrawable: '100.000000000000000001' }],
  };

  it('is the withdrawable amount, exactly as Aster wrote it (no float rounding)', () => {
    expect(maxTransferable(balances, 'futures', 'USDT')).toBe('9876.123456789012345678');
    expect(maxTransferable(balances, 'spot', 'ASTER')).toBe('100.000000000000000001');
  });

  it('reads the chosen wallet only', () => {
    expect(maxTransferable(balances, 'spot', 'USDT')).toBeNull();
    expect(maxTransferable(balances, 'futures', 'ASTER')).toBeNull();
  });

  it('is nothing for an asset held but not withdrawable, negative, or absent', () => {
    expect(maxTransferable(balances, 'futures', 'BNB')).toBeNull();
    expect(maxTransferable(balances, 'futures', 'ETH')).toBeNull();
    expect(maxTransferable(balances, 'futures', 'SOL')).toBeNull();
  });

  it('falls back to the balance when Aster gives no withdrawable amount', () => {
    expect(
      maxTransferable({ futures: [{ asset: 'USDT', balance: '5.5' }], spot: [] }, 'futures', 'USDT'),
    ).toBe('5.5');
  });
});
