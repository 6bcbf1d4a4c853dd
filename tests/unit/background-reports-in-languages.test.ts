import { afterEach, describe, expect, it } from 'vitest';
import type { Account } from '@/lib/accounts/model';
import { parseAgentList } from '@/lib/aster/agent-list';
import { AsterApiError, AsterNetworkError, AsterOutcomeUnknownError } from '@/lib/aster/errors';
import type { WithdrawalHistoryEntry } from '@/lib/aster/ledgers';
import { DEFAULT_PROFILES } from '@/lib/aster/profile';
import type { ProbeCall } from '@/lib/messaging/compatibility-report';
import { t, useMessages, type Language } from '@/lib/i18n';
import {
  chainFinding,
  classifyAnswer,
  clockWords,
  decideChainId,
  notCheckedFindings,
  SHAPES,
} from '@/lib/background/operations/compatibility-interpret';
import type { Context, OperationsCore } from '@/lib/background/operations/core';
import type { JournalEntry } from '@/lib/background/operations/registry';
import { settle, settleEntryNow } from '@/lib/background/operations/settlement';
import { settleWithdrawal, withdrawalFromEntries } from '@/lib/background/operations/withdrawal-history';
import { unknownLead, withdrawalUnknownMessage } from '@/lib/background/operations/withdrawal-outcome';
import { chainIdWords, networkIdWords, profileValueWords } from '@/components/operations/profile-values';
import { localeMessages } from '../support/locale-messages';
import { historyEntry, SENT, sought } from '../support/withdrawal-history';

/**
 * What the background reports in words (settling a lost answer from Aster's ledgers, the compatibility check,
 * the API-wallet list) reads in 简体中文 and 한국어 with every number, id, time, address and name exactly as in
 * English — substituted, never translated — and no English sentence left. The English texts themselves are
 * asserted by the modules' own tests.
 */

const MESSAGES = {
  en: await localeMessages('en'),
  zh_CN: await localeMessages('zh_CN'),
  ko: await localeMessages('ko'),
};
const TRANSLATED = ['zh_CN', 'ko'] as const;

afterEach(() => useMessages(MESSAGES.en));

async function inLanguage<T>(language: Language, read: () => T | Promise<T>): Promise<T> {
  useMessages(MESSAGES[language]);
  try {
    return await read();
  } finally {
    useMessages(MESSAGES.en);
  }
}

/** Three Latin words in a row: an English sentence left untranslated. */
const ENGLISH_SENTENCE = /\b[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}\b/;
/** Names of several words that stay as they are in every language. */
const PROPER_NAMES = /Aster Companion|BNB Smart Chain/g;

/** The values a report substitutes: addresses, hashes, quoted names, numbers, times, asset symbols, chains. */
function substitutedValues(text: string): string[] {
  return [
    ...(text.match(/0x[0-9a-fA-F]{3,}/g) ?? []),
    ...(text.match(/Main desk/g) ?? []),
    ...(text.match(/\d\d:\d\d:\d\d UTC/g) ?? []),
    ...(text.match(/(?<![\w.:-])-?\d+(?:\.\d+)?(?![\w.:])/g) ?? []),
    ...(text.match(/\b(?:USDT|USDC|BSC|ETH|Arbitrum|Solana)\b/g) ?? []),
  ];
}

/** The same report in every language: the same values, other words, no English sentence. */
async function expectSameValuesInEveryLanguage(
  read: () => string | Promise<string>,
  { withValues = true } = {},
): Promise<void> {
  const english = await read();
  expect(english).not.toBe('');
  const values = substitutedValues(english);
  if (withValues) expect(values.length, english).toBeGreaterThan(0);
  for (const language of TRANSLATED) {
    const translated = await inLanguage(language, read);
    expect(translated, language).not.toBe(english);
    for (const value of values) expect(translated, `${language}: ${value}`).toContain(value);
    expect(translated.replace(PROPER_NAMES, ''), `${language}: ${translated}`).not.toMatch(ENGLISH_SENTENCE);
  }
}

// --- Withdrawals settled from Aster's deposit and withdrawal history ---

const reasonOf = (result: ReturnType<typeof withdrawalFromEntries>) =>
  result.status === 'unknown' ? result.reason : '';

describe('a withdrawal settled from Aster’s history, in 简体中文 and 한국어', () => {
  it('two candidates: the ids and times of both', async () => {
    const entries = [historyEntry(), historyEntry({ id: '78', time: SENT + 2_000 })];
    await expectSameValuesInEveryLanguage(() =>
      reasonOf(withdrawalFromEntries({ entries, unreadable: 0, total: 2 }, sought, new Set())),
    );
  });

  it('three candidates: the count, and every id', async () => {
    const entries = ['77', '78', '79'].map((id, i) => historyEntry({ id, time: SENT + i * 1000 }));
    await expectSameValuesInEveryLanguage(() =>
      reasonOf(withdrawalFromEntries({ entries, unreadable: 0, total: 3 }, sought, new Set())),
    );
  });

  it('no match: the time, the ids already claimed and the unreadable entries', async () => {
    await expectSameValuesInEveryLanguage(() =>
      reasonOf(
        withdrawalFromEntries(
          { entries: [historyEntry()], unreadable: 3, total: 4 },
          sought,
          new Set(['77']),
        ),
      ),
    );
  });

  /** A core that reads `payload` as the account's deposit and withdrawal history (or fails with `failure`). */
  const historyCore = (payload: unknown, failure?: Error) => ({
    core: {
      accounts: { get: async () => ({ id: 'a' }) },
      signForAccount: async () => ({}),
      registry: { read: async () => ({ operations: {} }) },
    } as unknown as OperationsCore,
    ctx: {
      id: 'mainnet',
      client: {
        sendSigned: async () => {
          if (failure) throw failure;
          return payload;
        },
      },
    } as unknown as Context,
  });
  const asAster = (e: WithdrawalHistoryEntry) => ({ ...e, amount: e.amount, chainId: String(e.chainId) });
  const settled = (payload: unknown, failure?: Error) => async () => {
    const { core, ctx } = historyCore(payload, failure);
    const lead = unknownLead('timeout');
    return (
      await settleWithdrawal(core, ctx, sought, lead, (reason) =>
        withdrawalUnknownMessage(lead, sought, reason),
      )
    ).message!;
  };

  it('made, not made and unreadable: Aster’s withdrawal id, time, state and transaction kept', async () => {
    const { core, ctx } = historyCore([asAster(historyEntry())]);
    expect(
      (await settleWithdrawal(core, ctx, sought, unknownLead('timeout'), () => '')).message,
      'the English message this test compares with',
    ).toContain("Aster's withdrawal history shows the withdrawal (Aster's withdrawal id 77");
    await expectSameValuesInEveryLanguage(settled([asAster(historyEntry())]));
    await expectSameValuesInEveryLanguage(
      settled([asAster(historyEntry({ state: 'FAILED', txHash: null }))]),
    );
    await expectSameValuesInEveryLanguage(settled([]));
    await expectSameValuesInEveryLanguage(settled(null, new Error('HTTP 502')));
  });
});

// --- Transfers settled from Aster's ledgers ---

const MAIN = '0x1111111111111111111111111111111111111111';
const SUB = '0x2222222222222222222222222222222222222222';
const reader = { id: 'main', name: 'Main desk', address: MAIN, kind: 'evm', hasKey: true } as Account;
const identity = { user: MAIN, nonce: '1', asset: 'USDT', amount: '5', toAccountAddress: SUB, sentAt: SENT };
const transferEntry = {
  id: 'op-t',
  kind: 'transfer',
  status: 'unknown',
  interrupted: false,
  readerId: 'main',
  identity,
  fromWallet: 'futures',
  toWallet: 'futures',
} as unknown as JournalEntry;

/** A core whose account `Main desk` reads its futures income ledger: `income` (or fails with `failure`). */
function ledgerCore(options: { income?: unknown[]; failure?: Error; now?: number; readerGone?: boolean }) {
  const core = {
    accounts: {
      get: async () => {
        if (options.readerGone) throw new Error('not in the vault');
        return reader;
      },
    },
    family: async () => ({ all: [reader] }),
    liveAgent: async () => ({ id: 'agent' }),
    signForAccount: async () => ({}),
    registry: { read: async () => ({ operations: {} }) },
    journal: { finish: async () => null },
    options: { settleDelayMs: 0 },
    now: () => options.now ?? SENT + 300_000,
  } as unknown as OperationsCore;
  const ctx = {
    id: 'mainnet',
    client: {
      sendSigned: async () => {
        if (options.failure) throw options.failure;
        return options.income ?? [];
      },
    },
  } as unknown as Context;
  return { core, ctx };
}
const income = [{ tranId: '9001', incomeType: 'TRANSFER', asset: 'USDT', income: '-5', time: SENT + 400 }];

describe('a transfer settled from Aster’s ledger, in 简体中文 and 한국어', () => {
  const journalMessage = (options: Parameters<typeof ledgerCore>[0]) => async () => {
    const { core, ctx } = ledgerCore(options);
    return (await settleEntryNow(core, ctx, transferEntry)).message ?? '';
  };

  it('the journal: made (ledger id, time, whose ledger), not made, unknown, unreadable, signer gone', async () => {
    expect(await journalMessage({ income })()).toBe(
      `Aster did not confirm the transfer; Aster's ledger shows the transfer made (Aster's id 9001, 12:01:00 UTC, in "Main desk"'s futures income ledger).`,
    );
    await expectSameValuesInEveryLanguage(journalMessage({ income }));
    await expectSameValuesInEveryLanguage(journalMessage({ income: [] }));
    await expectSameValuesInEveryLanguage(journalMessage({ income: [], now: SENT + 1_000 }));
    await expectSameValuesInEveryLanguage(
      journalMessage({ income: [...income, { ...income[0], tranId: '9002' }] }),
    );
    await expectSameValuesInEveryLanguage(journalMessage({ failure: new Error('HTTP 502 from 0xbeef') }));
    await expectSameValuesInEveryLanguage(journalMessage({ readerGone: true }), { withValues: false });
  });

  it('a transfer just sent: not executed, or unknown, in the error the popup shows', async () => {
    const errorOf = (options: Parameters<typeof ledgerCore>[0]) => async () => {
      const { core, ctx } = ledgerCore(options);
      const move = { identity, fromWallet: 'futures' as const, toWallet: 'futures' as const };
      const cause = new AsterOutcomeUnknownError('/fapi/v3/subAccount/transfer', 'timeout');
      return settle(core, ctx, reader, 'op-t', move, cause).then(
        () => '',
        (error: Error) => error.message,
      );
    };
    await expectSameValuesInEveryLanguage(errorOf({ income: [] }));
    await expectSameValuesInEveryLanguage(errorOf({ income: [], now: SENT + 1_000 }));
    await expectSameValuesInEveryLanguage(errorOf({ failure: new Error('HTTP 502 from 0xbeef') }));
  });
});

// --- The compatibility check ---

describe('the compatibility report, in 简体中文 and 한국어', () => {
  const failed = (error: unknown) => ({ ok: false as const, error });
  const words = (raw: Parameters<typeof classifyAnswer>[0]) => () =>
    classifyAnswer(raw, SHAPES.balance, 'balances').words;

  it('every kind of answer keeps its code, status and Aster’s own message', async () => {
    await expectSameValuesInEveryLanguage(words(failed(new AsterApiError(-1022, 400, 'bad sig'))));
    await expectSameValuesInEveryLanguage(words(failed(new AsterApiError(-4225, 400, ''))));
    await expectSameValuesInEveryLanguage(words(failed(new AsterApiError(-2015, 401, ''))));
    await expectSameValuesInEveryLanguage(words(failed(new AsterApiError(-5050, 400, ''))));
    await expectSameValuesInEveryLanguage(words(failed(new AsterApiError(-9999, 400, 'Rate 42 exceeded'))));
    await expectSameValuesInEveryLanguage(words(failed(new AsterApiError(-1, 404, ''))));
    const page = new AsterNetworkError('Aster answered HTTP 502 with a web page instead of data.', 502);
    await expectSameValuesInEveryLanguage(words(failed(page)));
    await expectSameValuesInEveryLanguage(words({ ok: true, body: 42 }), { withValues: false });
  });

  it('the findings keep every chain id, and what is kept', async () => {
    const call = (chainId: number, answer: ProbeCall['answer'], w = ''): ProbeCall => ({
      endpoint: 'GET /fapi/v3/balance',
      chainId,
      answer,
      words: w,
    });
    const finding = (calls: ProbeCall[], current: number) => () =>
      chainFinding(
        'agentRequestChainId',
        t('background.compatibility.family.agentRequests'),
        decideChainId(calls),
        calls,
        current,
      ).text;
    await expectSameValuesInEveryLanguage(
      finding([call(1666, 'signature-refused'), call(714, 'accepted')], 1666),
    );
    await expectSameValuesInEveryLanguage(finding([call(1666, 'accepted'), call(714, 'accepted')], 714));
    await expectSameValuesInEveryLanguage(
      finding([call(1666, 'signature-refused'), call(714, 'signature-refused')], 714),
    );
    const gated = (): ProbeCall[] => [
      call(
        1666,
        'deposit-gate',
        classifyAnswer(failed(new AsterApiError(-5050, 400, '')), SHAPES.list, 'x').words,
      ),
    ];
    await expectSameValuesInEveryLanguage(async () => finding(gated(), 1666)());
  });

  it('the clock keeps its seconds; the points no read can settle are said too', async () => {
    await expectSameValuesInEveryLanguage(() => clockWords(-2500, null));
    await expectSameValuesInEveryLanguage(() => clockWords(61_000, null));
    await expectSameValuesInEveryLanguage(() => clockWords(120, null));
    for (const language of TRANSLATED) {
      const texts = (await inLanguage(language, notCheckedFindings)).map((f) => f.text);
      const english = notCheckedFindings().map((f) => f.text);
      texts.forEach((text, i) => expect(text, language).not.toBe(english[i]));
    }
  });
});

// --- Aster's API-wallet list, and the Network screen's values ---

describe('the API-wallet list and the protocol values, in 简体中文 and 한국어', () => {
  const AGENT = '0xc98fd64ebc39e28b92849d9ccef9495663439014';

  it('skipped entries keep their position and address; a list that is not one says what came', async () => {
    const skipped = () =>
      parseAgentList([
        { agentAddress: AGENT },
        { agentAddress: 7 },
        'text',
        { agentAddress: AGENT },
      ]).skipped.join('\n');
    await expectSameValuesInEveryLanguage(skipped);
    const notList = () => {
      try {
        parseAgentList({ data: [], code: 200 });
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    };
    await expectSameValuesInEveryLanguage(notList, { withValues: false });
    // The fields of what came are Aster's own names: kept as they are.
    for (const language of TRANSLATED) expect(await inLanguage(language, notList)).toContain('data, code');
  });

  it('chain ids stay numbers beside their network; every value reads in words', async () => {
    const profile = DEFAULT_PROFILES.mainnet;
    const all = () =>
      [
        chainIdWords(97),
        profileValueWords('agentRequestChainId', profile.agentRequestChainId),
        profileValueWords('agentApprovalChainId', profile.agentApprovalChainId),
        profileValueWords('subAccountChainId', 714),
      ].join(' / ');
    await expectSameValuesInEveryLanguage(all);
    expect(chainIdWords(1666)).toBe('1666 (Aster mainnet)');
    expect(chainIdWords(12345)).toBe('12345');
    const values = [
      ['withdrawalAsterChain', 'Testnet'],
      ['transferSigner', 'omitted'],
      ['rebalance', false],
      ['agentRevoke', true],
    ] as const;
    const words = () => [
      ...values.map(([point, value]) => profileValueWords(point, value)),
      networkIdWords('testnet'),
      networkIdWords('mainnet'),
    ];
    const english = words();
    expect(english).toEqual(['Testnet', 'Without “signer”', 'off', 'on', 'Aster testnet', 'Aster mainnet']);
    for (const language of TRANSLATED) {
      const translated = await inLanguage(language, words);
      translated.forEach((text, i) => expect(text, `${language}: ${english[i]}`).not.toBe(english[i]));
      expect(await inLanguage(language, () => networkIdWords('simulator:http://localhost:8787'))).toContain(
        'http://localhost:8787',
      );
    }
  });
});
