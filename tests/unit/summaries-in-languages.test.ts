import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { SystemProgram } from '@solana/web3.js';
import { decodeSigningRequest, type DecodeContext, type SigningSummary } from '@/lib/aster/decode';
import { updateSubAccountMessage } from '@/lib/aster/messages';
import { useMessages, type Language } from '@/lib/i18n';
import { summarizeSolanaTransaction } from '@/lib/solana/transaction-summary';
import {
  AGENT,
  agentApprovalBody,
  decodeContext,
  evmWithdrawalAction,
  LOSS,
  MASTER,
  N,
  perpSpotBody,
  SOL,
  solanaWithdrawal,
  STRANGER,
  SUB_A,
  SUB_B,
  transferBody,
  typed,
  utf8,
  withdrawRequestBody,
} from '../support/decode-fixture';
import { localeMessages } from '../support/locale-messages';
import { legacyMessage, stranger, trader } from '../support/solana-transactions';

/**
 * The words of a signing summary change with the trader's language; what is signed, and what the summary says
 * about it, must not. The same request read in 简体中文 and 한국어 keeps every amount, asset, name and address
 * exactly as in English (substituted, never translated), the same parties, fields, endpoint and verdict codes,
 * and no English sentence is left in its words.
 */

const context = (signer?: string): DecodeContext => decodeContext(signer ? { signer } : {});

const MESSAGES = {
  en: await localeMessages('en'),
  zh_CN: await localeMessages('zh_CN'),
  ko: await localeMessages('ko'),
};
const TRANSLATED = ['zh_CN', 'ko'] as const;

/** Runs `read` with the messages of `language` (tests/unit/setup.ts puts English back before each test). */
function inLanguage<T>(language: Language, read: () => T): T {
  useMessages(MESSAGES[language]);
  try {
    return read();
  } finally {
    useMessages(MESSAGES.en);
  }
}

/** Everything a summary says in words. */
const words = (s: SigningSummary) => [
  s.title,
  ...s.verdict.reasons,
  ...(((s as { actions?: Array<{ text: string }> }).actions ?? []).map((a) => a.text) ?? []),
];

/** What a summary means, apart from its words: the same in every language. */
const meaning = (s: SigningSummary) => ({
  kind: s.kind,
  scheme: s.scheme,
  endpoint: s.endpoint,
  network: s.network,
  chainId: s.chainId,
  parties: s.parties,
  asset: s.asset,
  amount: s.amount,
  fee: s.fee,
  changes: s.changes,
  fields: s.fields,
  level: s.verdict.level,
  codes: s.verdict.codes,
  reasons: s.verdict.reasons.length,
});

/** Three Latin words in a row: an English sentence left untranslated (names and symbols are single words). */
const ENGLISH_SENTENCE = /\b[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}\b/;
/** Proper names that are several words and stay as they are in every language. */
const PROPER_NAMES = /Aster Companion|Associated Token Account|Compute Budget/g;

/**
 * The values a summary substitutes: decimal amounts, full and shortened EVM and Solana addresses, quoted
 * names and asset symbols. Each one of the English words must be in the translated words, unchanged.
 */
function substitutedValues(text: string): string[] {
  return [
    ...(text.match(/0x[0-9a-fA-F]{40}|0x[0-9a-fA-F]{4}…[0-9a-fA-F]{4}/g) ?? []),
    ...(text.match(/[1-9A-HJ-NP-Za-km-z]{6}…[1-9A-HJ-NP-Za-km-z]{4}|[1-9A-HJ-NP-Za-km-z]{32,44}/g) ?? []),
    ...(text.match(/"[^"]+"/g) ?? []),
    ...(text.match(/(?<![\w.])\d+(?:\.\d+)?(?![\w.])/g) ?? []),
    ...(text.match(/\b(?:USDT|USDC|BNB|ASTER|SOL)\b/g) ?? []),
  ];
}

function expectSameMeaningInEveryLanguage(read: () => SigningSummary): void {
  const english = read();
  const englishWords = words(english).join('\n');
  for (const language of TRANSLATED) {
    const translated = inLanguage(language, read);
    expect(meaning(translated), language).toEqual(meaning(english));
    const translatedWords = words(translated);
    const text = translatedWords.join('\n');
    for (const value of substitutedValues(englishWords))
      expect(text, `${language}: ${value}`).toContain(value);
    for (const line of translatedWords)
      expect(line.replace(PROPER_NAMES, ''), `${language}: ${line}`).not.toMatch(ENGLISH_SENTENCE);
    if (english.title !== '') expect(translated.title, language).not.toBe(english.title);
  }
}

afterEach(() => useMessages(MESSAGES.en));

describe('the same request in 简体中文 and 한국어', () => {
  it('a transfer between sub-accounts: amount, asset, names and wallets', () => {
    const msg = transferBody({ amount: '12.5' });
    const read = () => decodeSigningRequest(typed(msg), context(MASTER));
    expectSameMeaningInEveryLanguage(read);
    const zh = inLanguage('zh_CN', read);
    expect(zh.title).toBe('从 "MainDesk"（合约）划转 12.5 USDT 到 "Grid01"（现货）');
    const ko = inLanguage('ko', read);
    expect(ko.title).toBe('"MainDesk"(선물)에서 "Grid01"(현물)(으)로 12.5 USDT 이체');
  });

  it('a blocked transfer: every reason translated, the same codes', () => {
    const msg = transferBody({ toAccountAddress: SUB_B, amount: '1000.01', kindType: 'FUTURE_FUTURE' });
    const read = () => decodeSigningRequest(typed(msg), context(MASTER));
    expect(read().verdict.codes).toEqual(expect.arrayContaining(['frozen', 'above-available']));
    expectSameMeaningInEveryLanguage(read);
    expect(inLanguage('zh_CN', read).verdict.reasons.join(' ')).toContain('1000 USDT');
    expect(inLanguage('ko', read).verdict.reasons.join(' ')).toContain('1000 USDT');
  });

  it('an EVM withdrawal to an outside address, blocked by a negative balance', () => {
    const request = {
      method: 'eth_signTypedData_v4' as const,
      typedData: evmWithdrawalAction(),
    };
    const read = () => decodeSigningRequest(request, context(LOSS));
    expect(read().verdict.codes).toContain('rebalance-first');
    expectSameMeaningInEveryLanguage(read);
    // The full destination address and the negative balance stay exactly as Aster has them.
    for (const language of TRANSLATED) {
      const reasons = inLanguage(language, read).verdict.reasons.join(' ');
      expect(reasons).toContain(STRANGER);
      expect(reasons).toContain('-42.5');
    }
  });

  it('a Solana withdrawal text, the withdrawal request, a perp ↔ spot move', () => {
    const solana = solanaWithdrawal();
    expectSameMeaningInEveryLanguage(() =>
      decodeSigningRequest({ method: 'solana_signMessage', message: utf8(solana) }, context(SOL)),
    );
    const request = withdrawRequestBody({ receiver: STRANGER });
    expectSameMeaningInEveryLanguage(() => decodeSigningRequest(typed(request), context(AGENT)));
    const move = perpSpotBody();
    expectSameMeaningInEveryLanguage(() => decodeSigningRequest(typed(move), context(AGENT)));
  });

  it('API wallet approval, freezing and renaming, the login', () => {
    const agent = agentApprovalBody({
      user: SUB_A,
      canSpotTrade: true,
      canWithdraw: true,
      ipWhitelist: ['0.0.0.0/0'],
    });
    expectSameMeaningInEveryLanguage(() => decodeSigningRequest(typed(agent, 56), context(SUB_A)));
    const freeze = updateSubAccountMessage({
      subSourceAddr: SUB_A,
      status: 'FROZEN',
      subAccountName: 'Grid99',
      nonce: N,
      user: MASTER,
      signer: AGENT,
    }).msg;
    expectSameMeaningInEveryLanguage(() => decodeSigningRequest(typed(freeze), context(AGENT)));
    expectSameMeaningInEveryLanguage(() =>
      decodeSigningRequest(
        { method: 'personal_sign', message: 'You are signing into Astherus 123456' },
        context(MASTER),
      ),
    );
  });

  it('refused bodies and foreign requests keep the field names and endpoints as signed', () => {
    for (const request of [
      typed(`amount=1&amount=2&asset=USDT&nonce=${N}&user=${MASTER}&signer=${AGENT}`),
      typed(`foo=1&nonce=${N}&signer=${AGENT}`),
      { method: 'personal_sign', message: 'Approve\u202Eevil' },
      { method: 'eth_signTypedData_v4', typedData: { domain: { name: 'Permit2' }, types: {}, message: {} } },
    ])
      expectSameMeaningInEveryLanguage(() => decodeSigningRequest(request, context(MASTER)));
  });

  it('a Solana transaction: every instruction and the network fee', () => {
    const signer = trader.publicKey.toBase58();
    const message = legacyMessage([
      SystemProgram.transfer({ fromPubkey: trader.publicKey, toPubkey: stranger, lamports: 1_500_000_000 }),
      SystemProgram.transfer({ fromPubkey: trader.publicKey, toPubkey: stranger, lamports: 1 }),
    ]);
    const read = () =>
      summarizeSolanaTransaction(message, {
        signer,
        lookup: (a) => (a === signer ? { name: 'SolDesk' } : undefined),
      });
    expectSameMeaningInEveryLanguage(read);
    const ko = inLanguage('ko', read);
    expect(ko.actions.map((a) => a.text).join('\n')).toContain('1.5 SOL');
  });
});

describe('generated bodies: a translation never loses an amount or an address (property)', () => {
  const amount = fc
    .tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 9999 }))
    .map(([whole, fraction]) => (fraction === 0 ? String(whole) : `${whole}.${fraction}`));
  const asset = fc.constantFrom('USDT', 'BNB', 'ASTER');
  const known = fc.constantFrom(MASTER, SUB_A, SUB_B, LOSS);
  const anyAddress = fc.oneof(
    known,
    fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => `0x${Buffer.from(b).toString('hex')}`),
  );

  const transfer = fc
    .record({
      from: known,
      to: anyAddress,
      asset,
      amount,
      kindType: fc.constantFrom('FUTURE_FUTURE', 'FUTURE_SPOT', 'SPOT_FUTURE', 'SPOT_SPOT'),
      signer: fc.constantFrom(MASTER, SUB_A, AGENT),
    })
    .map(({ from, to, asset, amount, kindType, signer }) => ({
      request: typed(
        transferBody({
          toAccountAddress: to,
          asset,
          amount,
          kindType: kindType as 'FUTURE_SPOT',
          user: from,
        }),
      ),
      signer,
    }));
  const withdrawal = fc
    .record({ receiver: anyAddress, asset, amount, fee: amount, signer: known })
    .map(({ receiver, asset, amount, fee, signer }) => ({
      request: {
        method: 'eth_signTypedData_v4' as const,
        typedData: evmWithdrawalAction({ receiver, asset, amount, fee }),
      },
      signer,
    }));
  const update = fc
    .record({
      sub: anyAddress,
      status: fc.constantFrom('FROZEN', 'NORMAL', undefined),
      name: fc.option(fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{5,12}$/), { nil: undefined }),
    })
    .filter(({ status, name }) => status !== undefined || name !== undefined)
    .map(({ sub, status, name }) => ({
      request: typed(
        updateSubAccountMessage({
          subSourceAddr: sub,
          ...(status ? { status: status as 'FROZEN' } : {}),
          ...(name ? { subAccountName: name } : {}),
          nonce: N,
          user: MASTER,
          signer: AGENT,
        }).msg,
      ),
      signer: AGENT,
    }));

  it('transfers, withdrawals and sub-account updates (150 runs)', () => {
    fc.assert(
      fc.property(fc.oneof(transfer, withdrawal, update), ({ request, signer }) => {
        expectSameMeaningInEveryLanguage(() => decodeSigningRequest(request, context(signer)));
      }),
      { numRuns: 150 },
    );
  });
});
