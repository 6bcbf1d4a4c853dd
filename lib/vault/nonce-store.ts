import type { NonceStore } from '@/lib/aster/nonce';
import type { VaultDatabase } from './db';

/** Aster nonce counters in IndexedDB: they survive worker restarts, so no signer ever reuses a nonce. */
export class DexieNonceStore implements NonceStore {
  constructor(private readonly db: VaultDatabase) {}

  async load(signer: string): Promise<number | undefined> {
    return (await this.db.nonces.get(signer))?.value;
  }

  async save(signer: string, value: number): Promise<void> {
    await this.db.nonces.put({ signer, value });
  }
}
