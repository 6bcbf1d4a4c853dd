import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SigningSummary } from '@/lib/aster/decode';
import { runSteps } from '@/components/operations/steps';
import { RpcError } from '@/lib/messaging/rpc';
import { addDemoAccounts, operationsOnSimulator } from '@/tests/support/operations-on-simulator';
import { summaryOfSigning } from './signing-summary';

/** Every `Message{msg}` an EVM key or API wallet is asked to sign, with its chain id: what is really signed. */
const signedMessages = vi.hoisted(() => [] as { msg: string; chainId: number }[]);
vi.mock('@/lib/aster/typed-data', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/aster/typed-data')>();
  return {
    ...actual,
    asterMessageTypedData: (msg: string, chainId: number) => {
      signedMessages.push({ msg, chainId });
      return actual.asterMessageTypedData(msg, chainId);
    },
  };
});

beforeEach(() => void signedMessages.splice(0));

/** MainDesk with Grid01 and Hedge02, backed up, on a fresh vault against the simulator. */
async function setup() {
  const { engine, accounts, service } = await operationsOnSimulator();
  const { main, grid, hedge } = await addDemoAccounts(accounts, ['main', 'grid', 'hedge']);
  return { engine, accounts, service, main, grid, hedge };
}

/** A summary without the fields that are fixed only at signing (the nonce; perp ↔ spot's transfer id). */
const settled = (summary: SigningSummary) => ({
  ...summary,
  fields: summary.fields.filter(([name]) => name !== 'nonce' && name !== 'clientTranId'),
});

describe('the preview shows the summary of the body that is then signed', () => {
  it('sub-account transfer: the same words, parties, amount, network, verdict and fields as the signed body', async () => {
    const { service, accounts, main, grid } = await setup();
    const order = {
      fromId: main.id,
      toId: grid.id,
      asset: 'USDT',
      amount: '100.25',
      fromWallet: 'futures' as const,
      toWallet: 'spot' as const,
    };
    const preview = await service.checkTransfer(order);
    expect(preview.summary).toMatchObject({
      kind: 'transfer',
      title: 'Transfer 100.25 USDT from "MainDesk" (perp) to "Grid01" (spot)',
      amount: '100.25',
      asset: 'USDT',
      verdict: { level: 'ok' },
    });
    signedMessages.splice(0);
    await service.transfer(order);
    const signed = signedMessages.filter(({ msg }) => msg.includes('toAccountAddress='));
    expect(signed).toHaveLength(1);
    // Decoded with the prompt's decoder, the body really signed reads exactly as the preview did.
    const actual = summaryOfSigning(signed[0]!.msg, main, signed[0]!.chainId, await accounts.list());
    expect(settled(actual)).toEqual(settled(preview.summary!));
    expect(actual.fields.find(([name]) => name === 'kindType')?.[1]).toBe('FUTURE_SPOT');
  });

  it('perp ↔ spot: the walletTransfer body signed reads as the preview did', async () => {
    const { service, accounts, main } = await setup();
    const order = {
      fromId: main.id,
      toId: main.id,
      asset: 'USDT',
      amount: '7.5',
      fromWallet: 'futures' as const,
      toWallet: 'spot' as const,
    };
    const preview = await service.checkTransfer(order);
    expect(preview.summary?.title).toBe('Move 7.5 USDT from perp to spot in "MainDesk"');
    signedMessages.splice(0);
    await service.transfer(order);
    const signed = signedMessages.filter(({ msg }) => msg.includes('clientTranId='));
    expect(signed).toHaveLength(1);
    const actual = summaryOfSigning(signed[0]!.msg, main, signed[0]!.chainId, await accounts.list());
    expect(settled(actual)).toEqual(settled(preview.summary!));
  });

  it('a preview that would not be signed as shown changes with it: another destination, another summary', async () => {
    const { service, main, grid, hedge } = await setup();
    const base = {
      fromId: main.id,
      asset: 'USDT',
      amount: '1',
      fromWallet: 'futures' as const,
      toWallet: 'futures' as const,
    };
    const toGrid = await service.checkTransfer({ ...base, toId: grid.id });
    const toHedge = await service.checkTransfer({ ...base, toId: hedge.id });
    expect(toGrid.summary?.title).toContain('"Grid01"');
    expect(toHedge.summary?.title).toContain('"Hedge02"');
    // No amount yet: nothing to sign, so no summary (the verdict alone).
    expect((await service.checkTransfer({ ...base, toId: grid.id, amount: undefined })).summary).toBeNull();
  });

  it('sweep: each planned step carries the summary of the transfer then signed', async () => {
    const { service, accounts, hedge } = await setup();
    const plan = await service.sweepPlan(hedge.id);
    expect(plan.length).toBeGreaterThan(1);
    for (const item of plan) {
      signedMessages.splice(0);
      const [result] = await service.sweep({ id: hedge.id, asset: item.asset, wallet: item.wallet });
      expect(result).toMatchObject({ status: 'moved' });
      const signed = signedMessages.filter(({ msg }) => msg.includes('toAccountAddress='));
      expect(signed).toHaveLength(1);
      const actual = summaryOfSigning(signed[0]!.msg, hedge, signed[0]!.chainId, await accounts.list());
      expect(settled(actual)).toEqual(settled(item.summary!));
      expect(actual.parties.map((p) => p.name)).toEqual(['Hedge02', 'MainDesk']);
    }
  });
});

describe('sweep across sub-accounts, one step at a time', () => {
  it('Cancel between steps: the step sent completes and is journalled, the rest are left untouched', async () => {
    const { service, engine, grid, hedge } = await setup();
    const steps = [
      ...(await service.sweepPlan(grid.id)).map((item) => ({ sub: grid, item })),
      ...(await service.sweepPlan(hedge.id)).map((item) => ({ sub: hedge, item })),
    ];
    expect(steps.length).toBeGreaterThanOrEqual(3);
    const before = {
      grid: structuredClone(engine.account(grid.address)!),
      hedge: structuredClone(engine.account(hedge.address)!),
    };
    let cancelled = false;
    const ids: string[] = [];
    const states = await runSteps(
      steps,
      async ({ sub, item }) => {
        const operationId = crypto.randomUUID();
        ids.push(operationId);
        const pending = service.sweep({ id: sub.id, asset: item.asset, wallet: item.wallet, operationId });
        cancelled = true; // Cancel arrives while the first transfer is on its way.
        return (await pending)[0]!;
      },
      { cancelled: () => cancelled, onChange: () => undefined },
    );
    expect(states[0]).toMatchObject({ state: 'done', result: { status: 'moved' } });
    expect(states.slice(1).every((s) => s.state === 'not-started')).toBe(true);
    expect(engine.state.history.filter((h) => h.type === 'SUB_ACCOUNT_TRANSFER')).toHaveLength(1);
    // The journal knows the one step sent, by the page's id, as made; nothing else was begun.
    expect(await service.operation(ids[0]!)).toMatchObject({ status: 'made', fromName: 'Grid01' });
    expect(ids).toHaveLength(1);
    // The steps not started: their balances as before.
    expect(engine.account(hedge.address)).toEqual(before.hedge);
    expect(engine.account(grid.address)?.futures).not.toEqual(before.grid.futures);
  });

  it('an operation id names one transfer: a whole-account sweep with one is refused before anything is sent', async () => {
    const { service, engine, hedge } = await setup();
    const refused = await service
      .sweep({ id: hedge.id, operationId: crypto.randomUUID() })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RpcError);
    expect((refused as RpcError).code).toBe('invalid-input');
    expect(engine.state.history.filter((h) => h.type === 'SUB_ACCOUNT_TRANSFER')).toHaveLength(0);
  });
});
