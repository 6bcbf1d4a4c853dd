import { describe, expect, it } from 'vitest';
import { evmAddressOf, generateKey } from '@/lib/accounts/keys';
import { toHex } from '@/lib/crypto/bytes';
import { AccountStore } from './accounts';
import { AgentStore, agentSecretId } from './agents';
import { VaultDatabase } from './db';
import { VaultError } from './errors';
import type { SessionStore, UnlockedSession } from './session';
import { Vault } from './vault';

async function setup() {
  const db = new VaultDatabase(`agents-test-${crypto.randomUUID()}`);
  let session: UnlockedSession | undefined;
  const sessionStore: SessionStore = {
    get: async () => session,
    set: async (value) => void (session = value),
    clear: async () => void (session = undefined),
  };
  const vault = new Vault({ db, kdfIterations: 1000, session: sessionStore });
  await vault.create('correct horse battery staple');
  const accounts = new AccountStore(vault);
  const master = await accounts.add({ role: 'master', name: 'Main', key: generateKey('evm') });
  const sub = await accounts.add({
    role: 'sub',
    parentId: master.id,
    name: 'Grid01',
    key: generateKey('evm'),
  });
  return { db, vault, accounts, agents: new AgentStore(vault), master, sub };
}

const agentFor = (accountId: string, canWithdraw = false, name = 'bot') => ({
  accountId,
  name,
  key: generateKey('evm'),
  canSpotTrade: true,
  canPerpTrade: true,
  canWithdraw,
  expiresAt: Date.now() + 86_400_000,
});

async function refusal(promise: Promise<unknown>): Promise<VaultError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VaultError);
  return error as VaultError;
}

describe('AgentStore', () => {
  it('stores the record and its sealed key together; the key opens again and is not stored in clear', async () => {
    const { agents, db, master } = await setup();
    const candidate = agentFor(master.id, true);
    const plain = toHex(candidate.key.secret);
    const agent = await agents.add(candidate);
    expect(agent).toMatchObject({ accountId: master.id, approved: false, canWithdraw: true });
    const secretRow = await db.secrets.get(agentSecretId(agent.id));
    expect(secretRow).toBeDefined();
    expect(JSON.stringify(await db.agents.toArray()) + JSON.stringify(secretRow)).not.toContain(plain);
    const { secret } = await agents.readKey(agent.id);
    expect(evmAddressOf(secret)).toBe(agent.address);
    secret.fill(0);
    expect((await agents.markApproved(agent.id)).approved).toBe(true);
  });

  it('never gives a sub-account API wallet withdrawal permission', async () => {
    const { agents, db, sub } = await setup();
    const error = await refusal(agents.add(agentFor(sub.id, true)));
    expect(error.message).toMatch(/never have withdrawal permission/);
    expect(await db.agents.count()).toBe(0);
    expect(await db.secrets.where('id').startsWith('agent:').count()).toBe(0);
  });

  it('holds the limits: 10 per sub-account, 30 per master', async () => {
    const { agents, db, master, sub } = await setup();
    for (let i = 0; i < 10; i++) await agents.add(agentFor(sub.id, false, `sub bot ${i}`));
    const subError = await refusal(agents.add(agentFor(sub.id)));
    expect(subError.code).toBe('limit');
    expect(subError.message).toMatch(/Aster allows 10 for a sub-account/);
    for (let i = 0; i < 30; i++) await agents.add(agentFor(master.id, false, `bot ${i}`));
    const masterError = await refusal(agents.add(agentFor(master.id)));
    expect(masterError.message).toMatch(/Aster allows 30 for a master account/);
    expect(await db.agents.count()).toBe(40);
    expect(await db.secrets.where('id').startsWith('agent:').count()).toBe(40);
  });

  it('refuses a watch-only account, a bad name and a duplicate address, leaving nothing behind', async () => {
    const { agents, accounts, db, master } = await setup();
    const watch = await accounts.add({
      role: 'master',
      name: 'Watch',
      key: null,
      watchAddress: { kind: 'evm', address: generateKey('evm').address },
    });
    expect((await refusal(agents.add(agentFor(watch.id)))).message).toMatch(/watch-only/);
    expect((await refusal(agents.add({ ...agentFor(master.id), name: '  ' }))).code).toBe('invalid-input');
    const first = agentFor(master.id);
    await agents.add(first);
    const again = { ...agentFor(master.id), key: { ...first.key, secret: first.key.secret.slice() } };
    expect((await refusal(agents.add(again))).code).toBe('duplicate');
    expect(await db.agents.count()).toBe(1);
    expect(await db.secrets.where('id').startsWith('agent:').count()).toBe(1);
  });

  it('removes the record and its key in one go', async () => {
    const { agents, db, master } = await setup();
    const agent = await agents.add(agentFor(master.id));
    await agents.remove(agent.id);
    expect(await db.agents.get(agent.id)).toBeUndefined();
    expect(await db.secrets.get(agentSecretId(agent.id))).toBeUndefined();
    await expect(agents.readKey(agent.id)).rejects.toBeInstanceOf(VaultError);
  });

  it('needs an unlocked vault to seal a key', async () => {
    const { agents, vault, master, db } = await setup();
    await vault.lock();
    expect((await refusal(agents.add(agentFor(master.id)))).code).toBe('locked');
    expect(await db.agents.count()).toBe(0);
  });
});
