import { describe, expect, it } from 'vitest';
import { AsterClient } from '@/lib/aster/client';
import { AsterApiError, AsterNetworkError, AsterRateLimitError } from '@/lib/aster/errors';
import { defaultProfile } from '@/lib/aster/profile';
import { valueOrigin, type CompatibilityReport, type ProbeCall } from '@/lib/messaging/compatibility-report';
import {
  chainFinding,
  classifyAnswer,
  clockWords,
  decideChainId,
  notCheckedFindings,
  presenceOf,
  SHAPES,
  type RawAnswer,
} from './compatibility-interpret';

/** Every kind of answer the probe can meet, and what it may (and may not) conclude from it. */

const failed = (error: unknown): RawAnswer => ({ ok: false, error });
const balanceAnswer = (raw: RawAnswer) => classifyAnswer(raw, SHAPES.balance, 'balances');

/** The real client against a canned HTTP answer, so error pages reach the probe exactly as in use. */
async function throughClient(status: number, body: string, contentType = 'text/html'): Promise<RawAnswer> {
  const client = new AsterClient({
    hosts: { futures: 'http://aster.test', spot: 'http://aster.test' },
    fetch: async () => new Response(body, { status, headers: { 'content-type': contentType } }),
    maxReadRetries: 0,
    sleep: async () => {},
  });
  try {
    return { ok: true, body: await client.call({ endpoint: { method: 'GET', path: '/fapi/v3/balance' } }) };
  } catch (error) {
    return { ok: false, error };
  }
}

describe('one answer', () => {
  it('data of the expected form: accepted', () => {
    expect(balanceAnswer({ ok: true, body: [{ asset: 'USDT', balance: '1' }] }).answer).toBe('accepted');
    expect(balanceAnswer({ ok: true, body: [] }).answer).toBe('accepted');
    expect(classifyAnswer({ ok: true, body: { serverTime: 1 } }, SHAPES.time, 'the time').answer).toBe(
      'accepted',
    );
    expect(classifyAnswer({ ok: true, body: { list: [] } }, SHAPES.list, 'a list').answer).toBe('accepted');
  });

  it.each([
    ['an object', { unexpected: true }],
    ['null', null],
    ['a string', '<html>ok</html>'],
    ['a list of strings', ['USDT']],
    ['a number', 42],
  ])('unexpected shape (%s): tells nothing, never "accepted"', (_, body) => {
    expect(balanceAnswer({ ok: true, body })).toMatchObject({
      answer: 'unexpected',
      words: expect.stringMatching(/not balances/),
    });
  });

  it('-1022 and -1000: the signature (this chain id) was refused', () => {
    for (const code of [-1022, -1000])
      expect(
        balanceAnswer(failed(new AsterApiError(code, 400, 'Signature for this request is not valid.'))),
      ).toMatchObject({
        answer: 'signature-refused',
        words: expect.stringMatching(/chain id is not the one/),
      });
  });

  it('HTTP 404 (JSON or an HTML page): the endpoint is absent', async () => {
    expect(balanceAnswer(failed(new AsterApiError(-1, 404, 'No such endpoint'))).answer).toBe('absent');
    expect(balanceAnswer(failed(new AsterApiError(404, 404, ''))).answer).toBe('absent');
    const page = await throughClient(404, '<html><body>Not Found</body></html>');
    expect(balanceAnswer(page).answer).toBe('absent');
  });

  it('-5050: only after a deposit, cannot tell, said so', () => {
    expect(
      balanceAnswer(failed(new AsterApiError(-5050, 400, 'This function can only be used after deposit'))),
    ).toMatchObject({
      answer: 'deposit-gate',
      words: expect.stringMatching(/first deposit.*cannot tell/),
    });
  });

  it('-4225 / -1021: the clock or nonce, not the signature', () => {
    for (const code of [-4225, -1021])
      expect(balanceAnswer(failed(new AsterApiError(code, 400, ''))).answer).toBe('clock');
  });

  it('-2015 / -1011: the API wallet or IP, tells nothing about the chain id', () => {
    for (const code of [-2015, -1011])
      expect(balanceAnswer(failed(new AsterApiError(code, 400, ''))).answer).toBe('permission');
  });

  it('any other error payload: other-error with Aster’s own words, cut short', () => {
    const result = balanceAnswer(failed(new AsterApiError(-9999, 400, 'x'.repeat(500))));
    expect(result.answer).toBe('other-error');
    expect(result.words.length).toBeLessThan(220);
  });

  it('HTML error pages (500, or 200 from a proxy) are unreadable: could not check', async () => {
    for (const status of [500, 502, 200]) {
      const raw = await throughClient(status, '<html><body>Internal error</body></html>');
      expect(raw.ok).toBe(false);
      expect(balanceAnswer(raw)).toMatchObject({ answer: 'unreadable', words: /could not check/ });
    }
  });

  it('no connection, a timeout message, rate limit: unreachable', async () => {
    expect(balanceAnswer(failed(new AsterNetworkError('Aster could not be reached.'))).answer).toBe(
      'unreachable',
    );
    expect(balanceAnswer(failed(new AsterRateLimitError(5000))).answer).toBe('unreachable');
    const client = new AsterClient({
      hosts: { futures: 'http://aster.test', spot: 'http://aster.test' },
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
      maxReadRetries: 0,
      sleep: async () => {},
    });
    const raw = await client.call({ endpoint: { method: 'GET', path: '/fapi/v3/time' } }).then(
      (body): RawAnswer => ({ ok: true, body }),
      (error: unknown) => failed(error),
    );
    expect(balanceAnswer(raw)).toMatchObject({ answer: 'unreachable', words: /could not be reached/ });
  });

  it('an error that is not the client’s (a signing failure): other-error, nothing concluded', () => {
    expect(balanceAnswer(failed(new Error('key locked'))).answer).toBe('other-error');
  });
});

const call = (chainId: number, answer: ProbeCall['answer'], words: string = answer): ProbeCall => ({
  endpoint: 'GET /fapi/v3/balance',
  chainId,
  answer,
  words,
});

describe('the candidates of one family', () => {
  it('one accepted, the other refused: found', () => {
    expect(decideChainId([call(1666, 'signature-refused'), call(714, 'accepted')])).toEqual({
      chainId: 714,
      accepted: [714],
      refused: [1666],
    });
  });

  it('one accepted, the other unreachable: the accepted one works, found', () => {
    expect(decideChainId([call(1666, 'accepted'), call(714, 'unreachable')]).chainId).toBe(1666);
  });

  it('both accepted, a contradiction, none accepted: not settled', () => {
    expect(decideChainId([call(1666, 'accepted'), call(714, 'accepted')]).chainId).toBeNull();
    expect(
      decideChainId([call(1666, 'accepted'), call(1666, 'signature-refused'), call(714, 'signature-refused')])
        .chainId,
    ).toBeNull();
    expect(decideChainId([call(1666, 'deposit-gate'), call(714, 'deposit-gate')]).chainId).toBeNull();
    expect(
      decideChainId([call(1666, 'signature-refused'), call(714, 'signature-refused')]).chainId,
    ).toBeNull();
    expect(decideChainId([]).chainId).toBeNull();
  });

  it('a deposit-gated balance read and an accepted agent list (exempt from -5050): found by the list', () => {
    const calls = [
      call(1666, 'deposit-gate'),
      { ...call(1666, 'signature-refused'), endpoint: 'GET /fapi/v3/agent' },
      call(714, 'deposit-gate'),
      { ...call(714, 'accepted'), endpoint: 'GET /fapi/v3/agent' },
    ];
    expect(decideChainId(calls).chainId).toBe(714);
  });

  it('findings say in words what was accepted and refused, and what is kept', () => {
    const found = chainFinding(
      'subAccountChainId',
      'Sub-account requests',
      decideChainId([call(1666, 'signature-refused'), call(714, 'accepted')]),
      [],
      1666,
    );
    expect(found).toMatchObject({ outcome: 'found', value: 714 });
    expect(found.text).toBe(
      'Sub-account requests: Aster accepted chain id 714 and refused 1666. The companion signs them with 714 from now on.',
    );
    const gated = [
      call(1666, 'deposit-gate', 'Only after the first deposit.'),
      call(714, 'deposit-gate', 'Only after the first deposit.'),
    ];
    const undecided = chainFinding('agentRequestChainId', 'Requests', decideChainId(gated), gated, 1666);
    expect(undecided).toMatchObject({ outcome: 'undecided' });
    expect(undecided.value).toBeUndefined();
    expect(undecided.text).toBe(
      'Requests: could not tell. Only after the first deposit. Kept the setting (1666).',
    );
    const refused = [call(1666, 'signature-refused'), call(714, 'signature-refused')];
    expect(
      chainFinding('agentRequestChainId', 'Requests', decideChainId(refused), refused, 714).text,
    ).toMatch(/refused every chain id tried \(1666, 714\).*Kept the setting \(714\)/);
    const both = [call(1666, 'accepted'), call(714, 'accepted')];
    expect(chainFinding('agentRequestChainId', 'Requests', decideChainId(both), both, 714).text).toMatch(
      /accepted chain ids 1666 and 714 alike/,
    );
  });

  it('what a read cannot tell apart is "not checked: would need a write"', () => {
    const points = notCheckedFindings();
    expect(points.map((f) => f.point).sort()).toEqual(
      ['agentApprovalChainId', 'agentRevoke', 'rebalance', 'transferSigner', 'withdrawalAsterChain'].sort(),
    );
    for (const f of points) {
      expect(f.outcome).toBe('not-checked');
      expect(f.text).toMatch(
        /: would need a write \(moving funds or changing the account\), so it keeps its setting\.$/,
      );
    }
  });
});

describe('whether a server has an endpoint', () => {
  it('any answer Aster gives only on a route it has: present; only 404s: absent; else unknown', () => {
    for (const answer of ['accepted', 'signature-refused', 'deposit-gate', 'clock', 'permission'] as const)
      expect(presenceOf([{ answer: 'absent' }, { answer }])).toBe('present');
    expect(presenceOf([{ answer: 'absent' }, { answer: 'absent' }])).toBe('absent');
    expect(presenceOf([{ answer: 'absent' }, { answer: 'unreachable' }])).toBe('unknown');
    for (const answer of ['unreadable', 'unexpected', 'other-error', 'unreachable'] as const)
      expect(presenceOf([{ answer }])).toBe('unknown');
    expect(presenceOf([])).toBe('unknown');
  });
});

describe('clock', () => {
  it('in words', () => {
    expect(clockWords(120, null)).toMatch(/agrees.*120 ms/);
    expect(clockWords(-2500, null)).toBe('Aster’s clock is 2.5 s behind this computer’s.');
    expect(clockWords(61_000, null)).toBe('Aster’s clock is 61.0 s ahead of this computer’s.');
    expect(clockWords(null, 'Aster does not have this endpoint.')).toMatch(
      /could not be read: Aster does not/,
    );
  });
});

describe('where a value came from', () => {
  const defaults = defaultProfile('testnet');
  const report = (applied: CompatibilityReport['applied']): CompatibilityReport => ({
    networkId: 'testnet',
    accountId: 'a',
    accountName: 'MainDesk',
    checkedAt: 77,
    apiWallet: '0x1',
    needsApiWallet: null,
    clockOffsetMs: null,
    clockText: '',
    agentList: 'unknown',
    endpoints: [],
    findings: [],
    calls: [],
    applied,
  });

  it('default, set by the trader, or found by the check (while it still holds the found value)', () => {
    expect(valueOrigin('subAccountChainId', defaults, defaults, null)).toEqual({ kind: 'default' });
    const changed = { ...defaults, subAccountChainId: 714 };
    expect(valueOrigin('subAccountChainId', changed, defaults, null)).toEqual({ kind: 'trader' });
    expect(valueOrigin('subAccountChainId', changed, defaults, report({ subAccountChainId: 714 }))).toEqual({
      kind: 'probe',
      checkedAt: 77,
    });
    // Found 1666 (the default) — still "found by the check"; changed by hand since — the trader's.
    expect(valueOrigin('subAccountChainId', defaults, defaults, report({ subAccountChainId: 1666 }))).toEqual(
      {
        kind: 'probe',
        checkedAt: 77,
      },
    );
    expect(valueOrigin('subAccountChainId', changed, defaults, report({ subAccountChainId: 1666 }))).toEqual({
      kind: 'trader',
    });
    expect(valueOrigin('transferSigner', defaults, defaults, report({ subAccountChainId: 714 }))).toEqual({
      kind: 'default',
    });
  });
});
