import { browser } from 'wxt/browser';
import type { TransferIdentity } from '@/lib/aster/client';
import type { TransferRecord, WithdrawalRecord } from '@/lib/messaging/operations-api';

/**
 * What the companion remembers about Aster, per network (not secret, so in `storage.local`):
 * - `links`: a vault sub-account ↔ Aster's account id and name (getSubAccountList has no addresses);
 * - `pending`: sub-accounts generated here whose createSubAccount has not succeeded yet;
 * - `agents`: API wallets approved on this network;
 * - `operations`: the operations journal (see OperationRecord): each transfer (with what identifies it in
 *   Aster's ledgers) and each withdrawal, written before it is sent, so a worker stopped mid-send leaves it
 *   to be settled later from Aster's ledgers and withdrawal history. Never a signature.
 */
export interface PendingRecord {
  masterId: string;
  name: string;
  vipLevel: number;
  isMarketMaker: boolean;
}

export interface TransferJournalEntry extends TransferRecord {
  /** What finds it in Aster's ledgers (addresses, nonce, amount, time: nothing secret; never the signature). */
  identity: TransferIdentity;
  /** The account that signed it: its family holds the accounts whose ledgers can be read. */
  readerId: string;
  /** The trader dismissed it from the list of interrupted operations. */
  dismissed?: boolean;
}

export interface WithdrawalJournalEntry extends WithdrawalRecord {
  /** The master withdrawn from: while its entry is unknown, that account's withdrawals of the asset wait. */
  accountId: string;
  /** The withdrawal's own nonce (`userNonce`), matched when Aster's history carries one; not secret. */
  userNonce?: string;
  /** The trader checked on Aster's site and dismissed it. */
  dismissed?: boolean;
}

export type JournalEntry = TransferJournalEntry | WithdrawalJournalEntry;

export interface NetworkRecords {
  links: Record<string, { asterAccountId: number | null; asterName: string }>;
  pending: Record<string, PendingRecord>;
  agents: Record<string, true>;
  operations: Record<string, JournalEntry>;
}

export const REGISTRY_STORAGE_KEY = 'aster.registry';

const emptyRecords = (): NetworkRecords => ({ links: {}, pending: {}, agents: {}, operations: {} });

export class Registry {
  /** storage.local has no transactions: changes are serialised here. */
  private queue: Promise<unknown> = Promise.resolve();

  private async readAll(): Promise<Record<string, NetworkRecords>> {
    const stored = (await browser.storage.local.get(REGISTRY_STORAGE_KEY))[REGISTRY_STORAGE_KEY];
    return typeof stored === 'object' && stored !== null ? (stored as Record<string, NetworkRecords>) : {};
  }

  async read(network: string): Promise<NetworkRecords> {
    await this.queue.catch(() => undefined);
    return { ...emptyRecords(), ...(await this.readAll())[network] };
  }

  /** The networks on which this API wallet is recorded as approved. */
  async networksWithAgent(agentId: string): Promise<string[]> {
    await this.queue.catch(() => undefined);
    return Object.entries(await this.readAll())
      .filter(([, records]) => records.agents?.[agentId] === true)
      .map(([network]) => network);
  }

  change(network: string, update: (records: NetworkRecords) => void): Promise<NetworkRecords> {
    const run = async () => {
      const all = await this.readAll();
      const records = { ...emptyRecords(), ...all[network] };
      update(records);
      await browser.storage.local.set({ [REGISTRY_STORAGE_KEY]: { ...all, [network]: records } });
      return records;
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
