import { describe, expect, it } from 'vitest';
import { NonceManager } from '@/lib/aster/nonce';
import { VaultDatabase } from './db';
import { DexieNonceStore } from './nonce-store';

describe('persisted nonces', () => {
  it('never repeat across a restart, even with the clock going backwards', async () => {
    const db = new VaultDatabase(`nonces-${crypto.randomUUID()}`);
    let now = 1_700_000_000_000_000;
    const first = new NonceManager({ store: new DexieNonceStore(db), now: () => now });
    const a = await first.next('0xAbCdEf0000000000000000000000000000000001');
    const b = await first.next('0xabcdef0000000000000000000000000000000001');
    expect(b).toBeGreaterThan(a);
    now -= 5_000_000; // the clock jumps back 5 s, then a worker restart
    const second = new NonceManager({ store: new DexieNonceStore(db), now: () => now });
    const c = await second.next('0xABCDEF0000000000000000000000000000000001');
    expect(c).toBe(b + 1);
  });
});
