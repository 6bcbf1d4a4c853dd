import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Account } from '@/lib/accounts/model';
import { useAccountsStore } from './accounts-store';

/** How a page applies `accounts.changed`: a switch sets the id alone, anything else reads the list again. */
const calls: string[] = [];
const stored = { accounts: [] as Account[], active: null as string | null };
vi.mock('@/lib/messaging/background-client', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/messaging/background-client')>()),
  callBackground: async (method: string) => {
    calls.push(method);
    return method === 'accounts.list' ? stored.accounts : stored.active;
  },
}));

const account = (id: string, name: string) => ({ id, name }) as Account;
const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

describe('the accounts store following accounts.changed', () => {
  beforeEach(() => {
    calls.length = 0;
    stored.accounts = [account(A, 'Main'), account(B, 'Grid01')];
    stored.active = B;
    useAccountsStore.setState({ accounts: [account(A, 'Main')], activeId: A, loadError: null });
  });

  it('takes a switch’s active id without asking the background anything', () => {
    const before = useAccountsStore.getState().accounts;
    useAccountsStore.getState().follow({ channel: 'event', event: 'accounts.changed', activeId: B });
    expect(useAccountsStore.getState().activeId).toBe(B);
    expect(useAccountsStore.getState().accounts).toBe(before);
    expect(calls).toEqual([]);
  });

  it('reads the list and the active id again for any other change', async () => {
    useAccountsStore.getState().follow({ channel: 'event', event: 'accounts.changed' });
    await vi.waitFor(() => expect(useAccountsStore.getState().accounts).toHaveLength(2));
    expect(calls.sort()).toEqual(['accounts.active', 'accounts.list']);
    expect(useAccountsStore.getState().activeId).toBe(B);
  });

  it('leaves a page that has not loaded the accounts yet alone', async () => {
    useAccountsStore.setState({ accounts: null, activeId: null });
    useAccountsStore.getState().follow({ channel: 'event', event: 'accounts.changed' });
    useAccountsStore.getState().follow({ channel: 'event', event: 'accounts.changed', activeId: B });
    await Promise.resolve();
    expect(calls).toEqual([]);
    expect(useAccountsStore.getState()).toMatchObject({ accounts: null, activeId: null });
  });
});
