import { describe, expect, it } from 'vitest';
import type { ProviderState } from '@/lib/messaging/page-api';
import { StateTeller } from './relay';

const MAIN = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8';
const GRID = '0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc';
const state = (evmAccounts: string[], solanaAccounts: string[] = [], chainId = '0x38'): ProviderState => ({
  chainId,
  evmAccounts,
  solanaAccounts,
});

function teller() {
  const told: ProviderState[] = [];
  return { told, teller: new StateTeller((s) => told.push(s)) };
}

describe('StateTeller: the page hears only states that change something for it', () => {
  it('tells the first state, even an empty one (the provider starts from it)', () => {
    const { told, teller: t } = teller();
    t.tell(state([]));
    expect(told).toEqual([state([])]);
  });

  it('the leak: broadcasts that change nothing for this page (a switch elsewhere, a lock, another site) are not told', () => {
    const { told, teller: t } = teller();
    for (let i = 0; i < 5; i++) t.tell(state([]));
    t.tell(state([MAIN]));
    t.tell(state([MAIN]));
    t.tell({ chainId: '0x38', evmAccounts: [MAIN], solanaAccounts: [] });
    expect(told).toEqual([state([]), state([MAIN])]);
  });

  it('any change of any field is told: accounts (EVM, Solana, order), chain', () => {
    const { told, teller: t } = teller();
    const steps = [
      state([MAIN]),
      state([GRID]),
      state([GRID, MAIN]),
      state([MAIN, GRID]),
      state([MAIN, GRID], ['So1']),
      state([MAIN, GRID], ['So1'], '0x1'),
      state([]),
    ];
    for (const step of steps) t.tell(step);
    expect(told).toEqual(steps);
  });

  it('field values cannot run together into another state (an address split differently)', () => {
    const { told, teller: t } = teller();
    t.tell(state(['a,b']));
    t.tell(state(['a', 'b']));
    expect(told).toHaveLength(2);
  });

  it('after the page was told it is disconnected (4900), the same state is told again: it reconnects', () => {
    const { told, teller: t } = teller();
    t.tell(state([MAIN]));
    t.forget();
    t.tell(state([MAIN]));
    t.tell(state([MAIN]));
    expect(told).toEqual([state([MAIN]), state([MAIN])]);
  });
});
