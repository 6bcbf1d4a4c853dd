import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadProfile, PROFILE_STORAGE_PREFIX, readProfile, saveProfile } from './profile-store';

describe('protocol profile store', () => {
  beforeEach(() => fakeBrowser.reset());

  it('defaults: testnet sub-account bodies on 1666, agent requests on 714 (§10)', async () => {
    const { profile, origin } = await loadProfile('testnet', 'testnet');
    expect(origin).toBe('default');
    expect(profile.subAccountChainId).toBe(1666);
    expect(profile.agentRequestChainId).toBe(714);
    expect(profile.rebalance).toBe(false);
    expect((await loadProfile('mainnet', 'mainnet')).profile.agentRequestChainId).toBe(1666);
  });

  it('keeps a change per network and survives a reload', async () => {
    await saveProfile('simulator:http://localhost:1', 'mainnet', { subAccountChainId: 714 }, 'probe', 5);
    const again = await loadProfile('simulator:http://localhost:1', 'mainnet');
    expect(again).toMatchObject({ origin: 'probe', updatedAt: 5, profile: { subAccountChainId: 714 } });
    expect((await loadProfile('mainnet', 'mainnet')).profile.subAccountChainId).toBe(1666);
  });

  it('a tampered or old stored profile falls back field by field, never breaks signing', async () => {
    await fakeBrowser.storage.local.set({
      [PROFILE_STORAGE_PREFIX + 'mainnet']: {
        origin: 'hacker',
        profile: {
          agentRequestChainId: '714',
          subAccountChainId: -1,
          rebalance: 'yes',
          agentRevoke: true,
          extra: 1,
        },
      },
    });
    const { profile, origin } = await loadProfile('mainnet', 'mainnet');
    expect(origin).toBe('default');
    expect(profile).toEqual({ ...readProfile({}, 'mainnet'), agentRevoke: true });
  });
});
