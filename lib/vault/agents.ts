import type { ParsedKey } from '@/lib/accounts/keys';
import { API_KEY_LIMIT } from '@/lib/aster/rules';
import type { AgentRecord } from './db';
import { VaultError } from './errors';
import type { Vault } from './vault';
import { t } from '@/lib/i18n';

/** The sealed secret of an API wallet (agent): beside its metadata row, written in the same transaction. */
export function agentSecretId(agentId: string): string {
  return `agent:${agentId}`;
}

export interface NewAgent {
  /** The vault account the API wallet acts for. */
  accountId: string;
  name: string;
  /** Agents are always EVM keys, also for Solana accounts (aster-protocol.md §5). */
  key: ParsedKey;
  canSpotTrade: boolean;
  canPerpTrade: boolean;
  canWithdraw: boolean;
  expiresAt: number;
}

/** An agent's name: 1–32 printable characters (Aster's own limit is not published; this keeps it short). */
export function checkAgentName(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed.length === 0) return t('errors.vault.agents.nameEmpty');
  if (trimmed.length > 32) return t('errors.vault.agents.nameTooLong');
  if (!/^[\w .-]+$/.test(trimmed)) return t('errors.vault.agents.nameChars');
  return null;
}

/**
 * API wallets in the vault: metadata in the `agents` table, each key a sealed secret `agent:<id>`, both written
 * in one transaction. Aster's limits hold here too (30 per master, 10 per sub-account), and an API wallet of a
 * sub-account never gets withdrawal permission (aster-sub-accounts.txt, "API withdrawal permission").
 */
export class AgentStore {
  constructor(
    private readonly vault: Vault,
    private readonly now: () => number = Date.now,
  ) {}

  private get db() {
    return this.vault.database;
  }

  /** Every API wallet of one account (or all), oldest first. */
  async list(accountId?: string): Promise<AgentRecord[]> {
    const rows =
      accountId === undefined
        ? await this.db.agents.toArray()
        : await this.db.agents.where('accountId').equals(accountId).toArray();
    return rows.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  }

  async get(id: string): Promise<AgentRecord> {
    const agent = await this.db.agents.get(id);
    if (!agent) throw new VaultError('not-found', t('errors.vault.agents.notFound'));
    return agent;
  }

  private async validate(candidate: NewAgent): Promise<void> {
    const account = await this.db.accounts.get(candidate.accountId);
    if (!account) throw new VaultError('not-found', t('errors.vault.notFound'));
    if (!account.hasKey)
      throw new VaultError('invalid-input', t('errors.vault.agents.watchOnly', { name: account.name }));
    if (candidate.key.kind !== 'evm') throw new VaultError('invalid-input', t('errors.vault.agents.evmOnly'));
    const nameProblem = checkAgentName(candidate.name);
    if (nameProblem) throw new VaultError('invalid-input', nameProblem);
    if (candidate.canWithdraw && account.role === 'sub')
      throw new VaultError('invalid-input', t('errors.vault.agents.subNoWithdraw'));
    const limit = API_KEY_LIMIT[account.role];
    const existing = await this.db.agents.where('accountId').equals(account.id).count();
    if (existing >= limit)
      throw new VaultError(
        'limit',
        t(account.role === 'sub' ? 'errors.vault.agents.limitSub' : 'errors.vault.agents.limitMaster', {
          name: account.name,
          count: existing,
          limit,
        }),
      );
    if (await this.db.agents.where('address').equalsIgnoreCase(candidate.key.address).count())
      throw new VaultError('duplicate', t('errors.vault.agents.duplicate'));
  }

  /** Adds the API wallet (not yet approved) and its sealed key in one transaction, or nothing. */
  async add(candidate: NewAgent): Promise<AgentRecord> {
    await this.validate(candidate);
    const id = crypto.randomUUID();
    const sealed = await this.vault.sealSecret(agentSecretId(id), candidate.key.secret);
    const record: AgentRecord = {
      id,
      accountId: candidate.accountId,
      address: candidate.key.address,
      name: candidate.name.trim(),
      canSpotTrade: candidate.canSpotTrade,
      canPerpTrade: candidate.canPerpTrade,
      canWithdraw: candidate.canWithdraw,
      expiresAt: candidate.expiresAt,
      approved: false,
      createdAt: this.now(),
    };
    return this.db.transaction('rw', this.db.agents, this.db.secrets, this.db.accounts, async () => {
      // Checked again inside the transaction: another call may have added one meanwhile.
      await this.validate(candidate);
      await this.db.agents.add(record);
      await this.db.secrets.add(sealed);
      return record;
    });
  }

  async markApproved(id: string): Promise<AgentRecord> {
    return this.db.transaction('rw', this.db.agents, async () => {
      const agent = await this.db.agents.get(id);
      if (!agent) throw new VaultError('not-found', t('errors.vault.agents.notFound'));
      const updated = { ...agent, approved: true };
      await this.db.agents.put(updated);
      return updated;
    });
  }

  /** Removes the API wallet and its key together. */
  async remove(id: string): Promise<void> {
    await this.db.transaction('rw', this.db.agents, this.db.secrets, async () => {
      await this.db.agents.delete(id);
      await this.db.secrets.delete(agentSecretId(id));
    });
  }

  /** The agent's key bytes, for the background's signers only. The caller wipes them. */
  async readKey(id: string): Promise<{ agent: AgentRecord; secret: Uint8Array<ArrayBuffer> }> {
    const agent = await this.get(id);
    return { agent, secret: await this.vault.getSecret(agentSecretId(id)) };
  }
}
