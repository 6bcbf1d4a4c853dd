import { describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { RpcError } from '@/lib/messaging/rpc';
import { publicRecord, TransferJournal, type NewJournalEntry } from './journal';
import { Registry, REGISTRY_STORAGE_KEY, type JournalEntry } from './registry';

const NETWORK = 'simulator:http://localhost:8787';
const DAY = 24 * 60 * 60_000;

const RECEIVER = '0x00000000000000000000000000000000000000b0';

function withdrawal(id: string, startedAt: number, asset = 'USDT'): NewJournalEntry {
  return {
    id,
    kind: 'withdrawal',
    accountId: 'master-id',
    fromName: 'MainDesk',
    asset,
    amount: '10',
    fee: '0.5',
    chainId: 56,
    receiver: RECEIVER,
    startedAt,
  };
}

function entry(id: string, startedAt: number): NewJournalEntry {
  return {
    id,
    kind: 'transfer',
    fromName: 'MainDesk',
    toName: 'Grid01',
    fromWallet: 'futures',
    toWallet: 'futures',
    asset: 'USDT',
    amount: '1',
    startedAt,
    identity: { user: '0xa', nonce: String(startedAt), asset: 'USDT', amount: '1', sentAt: startedAt },
    readerId: 'reader',
  };
}

describe('the transfer journal', () => {
  it('is written before sending, live while this worker sends it, interrupted once that worker is gone', async () => {
    let now = 1_000_000;
    const registry = new Registry();
    const journal = new TransferJournal(registry, () => now);
    await journal.begin(NETWORK, entry('a', now));
    const stored = (await journal.get(NETWORK, 'a'))!;
    expect(stored).toMatchObject({ status: 'sending', interrupted: false, tranId: null });
    expect(journal.isLive('a')).toBe(true);
    expect(journal.interrupted(stored)).toBe(false);
    expect(await journal.needingAttention(NETWORK)).toEqual([]);
    // The same id again, in this worker or from storage: refused.
    await expect(journal.begin(NETWORK, entry('a', now))).rejects.toMatchObject({ code: 'already-sent' });
    // Another worker: nothing is live there.
    const next = new TransferJournal(new Registry(), () => now);
    await expect(next.begin(NETWORK, entry('a', now))).rejects.toBeInstanceOf(RpcError);
    expect(next.interrupted(stored)).toBe(true);
    expect((await next.needingAttention(NETWORK)).map((e) => e.id)).toEqual(['a']);
    // Finished: not live, not interrupted; a dismissed one leaves the list; a sending one cannot be dismissed.
    await journal.begin(NETWORK, entry('b', now));
    await expect(journal.dismiss(NETWORK, 'b')).rejects.toMatchObject({ code: 'still-sending' });
    now += 5;
    const done = await journal.finish(NETWORK, 'b', { status: 'made', tranId: '7', message: 'ok' });
    expect(done).toMatchObject({ status: 'made', tranId: '7', finishedAt: now, interrupted: false });
    expect(journal.isLive('b')).toBe(false);
    await next.finish(NETWORK, 'a', { status: 'not-made', tranId: null, message: 'no', interrupted: true });
    expect((await next.needingAttention(NETWORK)).map((e) => e.id)).toEqual(['a']);
    await next.dismiss(NETWORK, 'a');
    expect(await next.needingAttention(NETWORK)).toEqual([]);
    // Pages never see what finds it in the history.
    expect(Object.keys(publicRecord((await journal.get(NETWORK, 'a'))!))).not.toContain('identity');
  });

  it('keeps finished entries a day and at most 100, never one still sending or unknown', async () => {
    let now = 10 * DAY;
    const journal = new TransferJournal(new Registry(), () => now);
    await journal.begin(NETWORK, entry('sending', now));
    await journal.begin(NETWORK, entry('unknown', now));
    await journal.finish(NETWORK, 'unknown', { status: 'unknown', tranId: null, message: null });
    await journal.begin(NETWORK, entry('old', now));
    await journal.finish(NETWORK, 'old', { status: 'made', tranId: '1', message: null });
    now += DAY + 1;
    for (let i = 0; i < 120; i++) {
      now += 1;
      await journal.begin(NETWORK, entry(`n${i}`, now));
      await journal.finish(NETWORK, `n${i}`, { status: 'not-made', tranId: null, message: null });
    }
    const kept = (
      (await browser.storage.local.get(REGISTRY_STORAGE_KEY))[REGISTRY_STORAGE_KEY] as Record<
        string,
        { operations: Record<string, JournalEntry> }
      >
    )[NETWORK]!.operations;
    expect(Object.keys(kept)).toHaveLength(100);
    expect(kept.sending).toBeDefined();
    expect(kept.unknown).toBeDefined();
    expect(kept.old).toBeUndefined();
    expect(kept.n0).toBeUndefined();
    expect(kept.n119).toBeDefined();
  });

  it('journals withdrawals: finished with the withdrawal id; one unsettled blocks the same account and asset', async () => {
    let now = 1_000_000;
    const journal = new TransferJournal(new Registry(), () => now);
    await journal.begin(NETWORK, withdrawal('w1', now));
    // Being sent: another withdrawal of USDT from the same account waits, in the same write as the check.
    await expect(journal.begin(NETWORK, withdrawal('w2', now))).rejects.toMatchObject({
      code: 'withdrawal-unsettled',
      message: expect.stringMatching(/is being sent now/),
    });
    expect(await journal.get(NETWORK, 'w2')).toBeUndefined();
    // Another asset is not held up.
    await journal.begin(NETWORK, withdrawal('w3', now, 'BNB'));
    now += 5;
    await journal.finish(NETWORK, 'w3', { status: 'made', withdrawId: '42', message: 'ok' });
    expect(await journal.get(NETWORK, 'w3')).toMatchObject({
      status: 'made',
      withdrawId: '42',
      finishedAt: now,
    });
    // Unknown: still blocking, in words that point to the entry, until dismissed.
    await journal.finish(NETWORK, 'w1', { status: 'unknown', withdrawId: null, message: 'check on Aster' });
    await expect(journal.begin(NETWORK, withdrawal('w2', now))).rejects.toMatchObject({
      code: 'withdrawal-unsettled',
      message: expect.stringMatching(/may or may not have gone out \(it is under "Interrupted operations"\)/),
    });
    expect((await journal.needingAttention(NETWORK)).map((e) => e.id)).toEqual(['w1']);
    await journal.dismiss(NETWORK, 'w1');
    await journal.begin(NETWORK, withdrawal('w2', now));
    // The same id again: refused, named as a withdrawal.
    await expect(journal.begin(NETWORK, withdrawal('w2', now))).rejects.toMatchObject({
      code: 'already-sent',
      message: expect.stringMatching(/This withdrawal was already sent once/),
    });
    // Pages never see which vault record it names.
    const record = publicRecord((await journal.get(NETWORK, 'w1'))!);
    expect(record).toMatchObject({
      kind: 'withdrawal',
      status: 'unknown',
      receiver: RECEIVER,
    });
    expect(Object.keys(record)).not.toContain('accountId');
    expect(Object.keys(record)).not.toContain('dismissed');
  });
});
