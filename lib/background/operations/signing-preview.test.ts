import { describe, expect, it } from 'vitest';
import { splitBody } from '@/lib/aster/decode';
import { localeMessages } from '@/tests/support/locale-messages';
import { useMessages } from '@/lib/i18n';
import { DEMO_KEYS } from '@/simulator/keys';
import { addDemoAccounts, operationsOnSimulator, rpcError } from '@/tests/support/operations-on-simulator';

/**
 * The popup shows, before it signs, what the approval prompt would say: the previews decode the exact body the
 * operation then signs (only the nonce is fresh at signing), and a preview itself signs and sends nothing.
 */

const field = (fields: Array<[string, string]>, name: string) => fields.find(([n]) => n === name)?.[1];
const WITHDRAW = '/fapi/v3/aster/user-withdraw';
const UPDATE = '/fapi/v3/updateSubAccount';

describe('withdrawal preview', () => {
  it('decodes the Action the master signs: same asset, amount, fee and destination as the withdrawal sent', async () => {
    const simulator = await operationsOnSimulator();
    const { main } = await addDemoAccounts(simulator.accounts, ['main']);
    const order = {
      accountId: main.id,
      asset: 'USDT',
      amount: '10',
      chainId: 56,
      receiver: DEMO_KEYS.evmSpare1.address,
    } as const;
    const preview = await simulator.service.checkWithdrawal(order);
    const summary = preview.summary!;
    expect(summary).toMatchObject({
      kind: 'withdrawal',
      scheme: 'eip712-withdrawal',
      amount: '10',
      asset: 'USDT',
    });
    expect(summary.verdict.level).not.toBe('block');
    expect(summary.parties.find((p) => p.role === 'destination')?.address).toBe(DEMO_KEYS.evmSpare1.address);
    expect(summary.title).toContain('BSC');
    // Nothing was signed or sent by the preview.
    expect(simulator.count(WITHDRAW)).toBe(0);

    await simulator.service.withdraw(order);
    const sent = splitBody(simulator.sent.find((r) => r.path === WITHDRAW)!.body);
    expect(field(summary.fields, 'token')).toBe('USDT');
    expect(field(summary.fields, 'token')).toBe(field(sent, 'asset'));
    expect(field(summary.fields, 'amount')).toBe(field(sent, 'amount'));
    expect(field(summary.fields, 'fee')).toBe(field(sent, 'fee'));
    expect(field(summary.fields, 'destination')).toBe(field(sent, 'receiver'));
    expect(preview.fee).toBe(field(sent, 'fee'));
    // The nonce is the only estimate: the signature takes a fresh one, never an earlier one.
    expect(Number(field(sent, 'userNonce'))).toBeGreaterThanOrEqual(Number(field(summary.fields, 'nonce')));
  });

  it('has no summary until the receiver is an address of the chosen chain', async () => {
    const simulator = await operationsOnSimulator();
    const { main } = await addDemoAccounts(simulator.accounts, ['main']);
    const base = { accountId: main.id, asset: 'USDT', amount: '10', chainId: 56 };
    expect((await simulator.service.checkWithdrawal(base)).summary).toBeUndefined();
    const notEvm = await simulator.service.checkWithdrawal({ ...base, receiver: 'not-an-address' });
    expect(notEvm.summary).toBeUndefined();
    expect(notEvm.verdict.level).toBe('ok');
  });

  it('a blocked withdrawal is blocked in the summary too (negative balance)', async () => {
    const simulator = await operationsOnSimulator();
    const { loss } = await addDemoAccounts(simulator.accounts, ['loss']);
    const preview = await simulator.service.checkWithdrawal({
      accountId: loss.id,
      asset: 'BNB',
      amount: '0.1',
      chainId: 56,
      receiver: DEMO_KEYS.evmSpare1.address,
    });
    expect(preview.verdict.level).toBe('block');
    expect(preview.summary?.verdict.level).toBe('block');
  });
});

describe('sub-account previews', () => {
  it('rename: the rules in words and the decoded updateSubAccount body, the same the rename then signs', async () => {
    const simulator = await operationsOnSimulator();
    const { grid } = await addDemoAccounts(simulator.accounts, ['grid']);
    const preview = await simulator.service.checkUpdateSubAccount({ id: grid.id, name: 'GridTwo2' });
    expect(preview.checks.join(' ')).toContain('New name "GridTwo2"');
    expect(preview.summary).toMatchObject({ kind: 'update-sub-account', changes: { newName: 'GridTwo2' } });
    expect(preview.summary.verdict.level).not.toBe('block');
    expect(simulator.count(UPDATE)).toBe(0);
    expect(simulator.engine.account(DEMO_KEYS.evmSubGrid.address)?.name).toBe('Grid01');

    await simulator.service.updateSubAccount({ id: grid.id, name: 'GridTwo2' });
    const sent = splitBody(simulator.sent.find((r) => r.path === UPDATE)!.body);
    for (const name of ['subSourceAddr', 'user', 'signer', 'subAccountName']) {
      expect(field(preview.summary.fields, name), name).toBeDefined();
      expect(field(preview.summary.fields, name), name).toBe(field(sent, name));
    }
    expect(Number(field(sent, 'nonce'))).toBeGreaterThanOrEqual(
      Number(field(preview.summary.fields, 'nonce')),
    );
  });

  it('freeze: the consequence is said before signing; a bad name is refused by the preview as by the rename', async () => {
    const simulator = await operationsOnSimulator();
    const { hedge } = await addDemoAccounts(simulator.accounts, ['hedge']);
    const freeze = await simulator.service.checkUpdateSubAccount({ id: hedge.id, status: 'FROZEN' });
    expect(freeze.checks.join(' ')).toMatch(/no new positions/i);
    expect(freeze.summary.changes).toMatchObject({ status: 'FROZEN' });
    expect(simulator.engine.account(DEMO_KEYS.evmSubHedge.address)?.status).toBe('NORMAL');
    const bad = await rpcError(simulator.service.checkUpdateSubAccount({ id: hedge.id, name: 'ab' }));
    expect(bad.code).toBe('rules');
    expect(bad.message).toContain('6 to 20 characters');
    const nothing = await rpcError(
      simulator.service.checkUpdateSubAccount({ id: hedge.id, status: 'NORMAL' }),
    );
    expect(nothing.code).toBe('invalid-input');
  });

  it('create: the prepared sub-account comes with the decoded creation body naming it and its master', async () => {
    const simulator = await operationsOnSimulator();
    const { main } = await addDemoAccounts(simulator.accounts, ['main']);
    const prepared = await simulator.service.prepareSubAccount({
      masterId: main.id,
      name: 'Scalp003',
      vipLevel: 2,
      isMarketMaker: false,
    });
    expect(prepared.summary).toMatchObject({ kind: 'create-sub-account' });
    expect(prepared.summary!.title).toContain('Scalp003');
    expect(prepared.summary!.parties.map((p) => p.address)).toEqual(
      expect.arrayContaining([main.address, prepared.account.address]),
    );
  });

  it('the checks and errors are in the trader’s language', async () => {
    const simulator = await operationsOnSimulator();
    const { hedge } = await addDemoAccounts(simulator.accounts, ['hedge']);
    useMessages(await localeMessages('ko'));
    const freeze = await simulator.service.checkUpdateSubAccount({ id: hedge.id, status: 'FROZEN' });
    expect(freeze.checks.join(' ')).toContain('동결');
    const nothing = await rpcError(
      simulator.service.checkUpdateSubAccount({ id: hedge.id, status: 'NORMAL' }),
    );
    expect(nothing.message).toBe('변경할 내용이 없습니다. 새 이름이나 상태를 입력하세요.');
  });
});

describe('API wallet preview', () => {
  const params = {
    name: 'desk bot',
    canSpotTrade: true,
    canPerpTrade: true,
    canWithdraw: false,
    ipWhitelist: [],
    expiresInDays: 30,
  };
  const APPROVE = '/fapi/v3/registerAndApproveAgent';

  it('decodes the approval the account would sign for the generated API wallet; approving signs exactly that', async () => {
    const simulator = await operationsOnSimulator();
    const { main } = await addDemoAccounts(simulator.accounts, ['main']);
    const prepared = await simulator.service.prepareAgent({ accountId: main.id, ...params });
    expect(prepared.agent.approved).toBe(false);
    expect(prepared.summary.kind).toBe('agent-approval');
    expect(prepared.summary.parties.map((p) => p.address)).toEqual(
      expect.arrayContaining([prepared.agent.address]),
    );
    expect(prepared.checks.join(' ')).toContain('Cannot withdraw.');
    expect(simulator.count(APPROVE)).toBe(0);

    await simulator.service.approveAgent(prepared.agent.id, []);
    const sent = splitBody(simulator.sent.find((r) => r.path === APPROVE)!.body);
    for (const name of [
      'agentName',
      'agentAddress',
      'expired',
      'canSpotTrade',
      'canPerpTrade',
      'canWithdraw',
      'user',
    ]) {
      expect(field(prepared.summary.fields, name), name).toBeDefined();
      // The wire body is form-encoded; the signed text is not.
      expect(field(prepared.summary.fields, name), name).toBe(decodeURIComponent(field(sent, name)!));
    }
  });

  it('a prepared API wallet can be discarded (its key leaves the vault); an approved one cannot', async () => {
    const simulator = await operationsOnSimulator();
    const { main } = await addDemoAccounts(simulator.accounts, ['main']);
    const prepared = await simulator.service.prepareAgent({ accountId: main.id, ...params });
    await simulator.service.discardAgent(prepared.agent.id);
    expect(await simulator.service.listAgents(main.id)).toEqual([]);
    const approved = await simulator.service.createAgent({ accountId: main.id, ...params, name: 'kept bot' });
    const refused = await rpcError(simulator.service.discardAgent(approved.id));
    expect(refused.code).toBe('rules');
    expect(await simulator.service.listAgents(main.id)).toHaveLength(1);
  });
});
