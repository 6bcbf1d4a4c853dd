import { AsterApiError, AsterBannedError, AsterNetworkError, AsterRateLimitError } from '@/lib/aster/errors';
import type {
  EndpointPresence,
  ProbeAnswer,
  ProbeCall,
  ProbeFinding,
  ProbePoint,
} from '@/lib/messaging/compatibility-report';
import { isRecord } from '@/lib/aster/json-values';
import { t } from '@/lib/i18n';

/**
 * The probe's reading of Aster's answers (pure, so every kind of answer is unit-tested): one answer → what it
 * tells, then the answers of every candidate chain id → the one Aster accepts, if they settle it.
 */

/** The answer of one call: its JSON payload, or the error the client threw. */
export type RawAnswer = { ok: true; body: unknown } | { ok: false; error: unknown };

/** What a read answers when it worked. */
export const SHAPES = {
  /** `GET /fapi/v3/balance`: a list of `{asset, balance…}`. */
  balance: (body: unknown) => Array.isArray(body) && body.every((e) => isRecord(e) && 'asset' in e),
  /** `GET /fapi/v3/getSubAccountList`: a list, or (as some report) an object holding one. */
  list: (body: unknown) =>
    Array.isArray(body) || (isRecord(body) && Object.values(body).some((v) => Array.isArray(v))),
  /** `GET /fapi/v3/accountWithJoinMargin` / `account`: an object with `assets`. */
  futuresAccount: (body: unknown) => isRecord(body) && Array.isArray(body.assets),
  /** `GET /fapi/v3/time`: `{serverTime}` in ms. */
  time: (body: unknown) => isRecord(body) && typeof body.serverTime === 'number',
} as const;

/** The HTTP status of an answer that was not data (the client says it as a field, not only in words). */
function statusOfUnreadable(error: AsterNetworkError): number | undefined {
  return error.httpStatus;
}

export function classifyAnswer(
  raw: RawAnswer,
  expected: (body: unknown) => boolean,
  what: string,
): { answer: ProbeAnswer; words: string } {
  if (raw.ok)
    return expected(raw.body)
      ? { answer: 'accepted', words: t('background.compatibility.answer.accepted', { what }) }
      : { answer: 'unexpected', words: t('background.compatibility.answer.unexpected', { what }) };
  const error = raw.error;
  if (error instanceof AsterApiError) {
    const code = error.code;
    if (error.httpStatus === 404)
      return { answer: 'absent', words: t('background.compatibility.answer.absent') };
    if (code === -1022 || code === -1000)
      return {
        answer: 'signature-refused',
        words: t('background.compatibility.answer.signatureRefused', { code: String(code) }),
      };
    if (code === -5050)
      return { answer: 'deposit-gate', words: t('background.compatibility.answer.depositGate') };
    if (code === -4225 || code === -1021)
      return { answer: 'clock', words: t('background.compatibility.answer.clock', { code: String(code) }) };
    if (code === -2015 || code === -1011)
      return {
        answer: 'permission',
        words: t('background.compatibility.answer.permission', { code: String(code) }),
      };
    const shortCode = String(code).slice(0, 20);
    return {
      answer: 'other-error',
      words: error.serverMessage
        ? t('background.compatibility.answer.otherErrorSaying', {
            code: shortCode,
            message: error.serverMessage.slice(0, 120),
          })
        : t('background.compatibility.answer.otherError', { code: shortCode }),
    };
  }
  if (error instanceof AsterNetworkError) {
    const status = statusOfUnreadable(error);
    if (status === 404) return { answer: 'absent', words: t('background.compatibility.answer.absentPage') };
    if (status !== undefined)
      return {
        answer: 'unreadable',
        words: t('background.compatibility.answer.unreadable', { status: String(status) }),
      };
    return {
      answer: 'unreachable',
      words: t('background.compatibility.answer.couldNotCheck', { error: error.message }),
    };
  }
  if (error instanceof AsterRateLimitError || error instanceof AsterBannedError)
    return {
      answer: 'unreachable',
      words: t('background.compatibility.answer.couldNotCheck', { error: error.message }),
    };
  return { answer: 'other-error', words: t('background.compatibility.answer.failedBefore') };
}

/** Aster answered as itself (data, or an error it gives only on an endpoint it has); only 404 means absent. */
const ANSWERED: readonly ProbeAnswer[] = [
  'accepted',
  'signature-refused',
  'deposit-gate',
  'clock',
  'permission',
];

export function presenceOf(calls: readonly Pick<ProbeCall, 'answer'>[]): EndpointPresence {
  if (calls.some((c) => ANSWERED.includes(c.answer))) return 'present';
  if (calls.length > 0 && calls.every((c) => c.answer === 'absent')) return 'absent';
  return 'unknown';
}

export interface ChainDecision {
  /** The one chain id Aster accepted, when the answers settle it. */
  chainId: number | null;
  /** The chain ids Aster accepted / refused the signature of. */
  accepted: number[];
  refused: number[];
}

/**
 * The calls of one signature family (several endpoints and candidates): a chain id counts as accepted when
 * some call signed with it was accepted, refused when some was refused on its signature. Exactly one accepted
 * and never refused settles it; anything else (none, both, a contradiction) does not.
 */
export function decideChainId(calls: readonly Pick<ProbeCall, 'chainId' | 'answer'>[]): ChainDecision {
  const ids = (answer: ProbeAnswer) => [
    ...new Set(calls.filter((c) => c.answer === answer && c.chainId !== null).map((c) => c.chainId!)),
  ];
  const accepted = ids('accepted');
  const refused = ids('signature-refused');
  const clean = accepted.filter((id) => !refused.includes(id));
  return {
    chainId: clean.length === 1 && accepted.length === 1 ? clean[0]! : null,
    accepted,
    refused,
  };
}

/** "1666 and 714": two chain ids, in the trader's language. */
const both = (ids: readonly number[]) =>
  ids.map(String).reduce((a, b) => t('background.compatibility.both', { a, b }));

/** One signature family's finding, in words. */
export function chainFinding(
  point: 'agentRequestChainId' | 'subAccountChainId',
  family: string,
  decision: ChainDecision,
  calls: readonly ProbeCall[],
  current: number,
): ProbeFinding {
  if (decision.chainId !== null) {
    const chainId = String(decision.chainId);
    return {
      point,
      outcome: 'found',
      value: decision.chainId,
      text:
        decision.refused.length > 0
          ? t('background.compatibility.finding.foundRefused', {
              family,
              chainId,
              refused: both(decision.refused),
            })
          : t('background.compatibility.finding.found', { family, chainId }),
    };
  }
  const keep = t('background.compatibility.finding.keep', { value: String(current) });
  if (decision.accepted.length > 1)
    return {
      point,
      outcome: 'undecided',
      text: t('background.compatibility.finding.acceptedAlike', {
        family,
        ids: both(decision.accepted),
        keep,
      }),
    };
  if (
    decision.refused.length > 0 &&
    decision.accepted.length === 0 &&
    calls.every((c) => c.answer === 'signature-refused')
  )
    return {
      point,
      outcome: 'undecided',
      text: t('background.compatibility.finding.refusedAll', {
        family,
        ids: decision.refused.join(', '),
        keep,
      }),
    };
  const reasons = [...new Set(calls.filter((c) => c.answer !== 'signature-refused').map((c) => c.words))];
  return {
    point,
    outcome: 'undecided',
    text: t('background.compatibility.finding.couldNotTell', { family, reasons: reasons.join(' '), keep })
      .replace(/\s+/g, ' ')
      .trim(),
  };
}

/** The open points no read can tell apart: each keeps its setting. */
export function notCheckedFindings(): ProbeFinding[] {
  const write = t('background.compatibility.needsWrite');
  const finding = (point: ProbePoint, text: string): ProbeFinding => ({
    point,
    outcome: 'not-checked',
    text,
  });
  return [
    finding('transferSigner', t('background.compatibility.notChecked.transferSigner', { write })),
    finding('rebalance', t('background.compatibility.notChecked.rebalance', { write })),
    finding('agentRevoke', t('background.compatibility.notChecked.agentRevoke', { write })),
    finding('agentApprovalChainId', t('background.compatibility.notChecked.agentApprovalChainId', { write })),
    finding('withdrawalAsterChain', t('background.compatibility.notChecked.withdrawalAsterChain', { write })),
  ];
}

export function clockWords(offsetMs: number | null, failure: string | null): string {
  if (offsetMs === null)
    return t('background.compatibility.clock.unread', {
      failure: failure ?? t('background.compatibility.clock.noAnswer'),
    });
  const seconds = Math.abs(offsetMs) / 1000;
  if (seconds < 1) return t('background.compatibility.clock.agrees', { ms: String(Math.abs(offsetMs)) });
  return t(offsetMs > 0 ? 'background.compatibility.clock.ahead' : 'background.compatibility.clock.behind', {
    seconds: seconds.toFixed(1),
  });
}
