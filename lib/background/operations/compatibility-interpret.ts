import { AsterApiError, AsterBannedError, AsterNetworkError, AsterRateLimitError } from '@/lib/aster/errors';
import type {
  EndpointPresence,
  ProbeAnswer,
  ProbeCall,
  ProbeFinding,
} from '@/lib/messaging/compatibility-report';
import { isRecord } from '@/lib/aster/json-values';

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
      ? { answer: 'accepted', words: `Aster answered with ${what}: it accepted the signature.` }
      : {
          answer: 'unexpected',
          words: `Aster answered with something that is not ${what}: this tells nothing.`,
        };
  const error = raw.error;
  if (error instanceof AsterApiError) {
    const code = error.code;
    if (error.httpStatus === 404)
      return { answer: 'absent', words: 'Aster does not have this endpoint (HTTP 404).' };
    if (code === -1022 || code === -1000)
      return {
        answer: 'signature-refused',
        words: `Aster refused the signature (${code}): this chain id is not the one it checks.`,
      };
    if (code === -5050)
      return {
        answer: 'deposit-gate',
        words:
          'Aster answers this only after the account’s first deposit (-5050): it cannot tell whether the signature was right.',
      };
    if (code === -4225 || code === -1021)
      return {
        answer: 'clock',
        words: `Aster refused the nonce or the time (${code}) before looking at the signature: check this computer’s clock.`,
      };
    if (code === -2015 || code === -1011)
      return {
        answer: 'permission',
        words: `Aster refused the API wallet, its IP or its permissions (${code}): this tells nothing about the chain id.`,
      };
    return {
      answer: 'other-error',
      words: `Aster answered with an error (${String(code).slice(0, 20)}${error.serverMessage ? `: ${error.serverMessage.slice(0, 120)}` : ''}): this tells nothing.`,
    };
  }
  if (error instanceof AsterNetworkError) {
    const status = statusOfUnreadable(error);
    if (status === 404)
      return { answer: 'absent', words: 'Aster does not have this endpoint (HTTP 404 page).' };
    if (status !== undefined)
      return {
        answer: 'unreadable',
        words: `Aster answered HTTP ${status} with a page that is not an API answer: could not check.`,
      };
    return { answer: 'unreachable', words: `${error.message} Could not check.` };
  }
  if (error instanceof AsterRateLimitError || error instanceof AsterBannedError)
    return { answer: 'unreachable', words: `${error.message} Could not check.` };
  return { answer: 'other-error', words: 'The request failed before Aster answered: could not check.' };
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

/** One signature family's finding, in words. */
export function chainFinding(
  point: 'agentRequestChainId' | 'subAccountChainId',
  family: string,
  decision: ChainDecision,
  calls: readonly ProbeCall[],
  current: number,
): ProbeFinding {
  if (decision.chainId !== null)
    return {
      point,
      outcome: 'found',
      value: decision.chainId,
      text: `${family}: Aster accepted chain id ${decision.chainId}${
        decision.refused.length > 0 ? ` and refused ${decision.refused.join(' and ')}` : ''
      }. The companion signs them with ${decision.chainId} from now on.`,
    };
  const keep = `Kept the setting (${current}).`;
  if (decision.accepted.length > 1)
    return {
      point,
      outcome: 'undecided',
      text: `${family}: Aster accepted chain ids ${decision.accepted.join(' and ')} alike. ${keep}`,
    };
  if (
    decision.refused.length > 0 &&
    decision.accepted.length === 0 &&
    calls.every((c) => c.answer === 'signature-refused')
  )
    return {
      point,
      outcome: 'undecided',
      text: `${family}: Aster refused every chain id tried (${decision.refused.join(', ')}). Check that the API wallet is approved on this network. ${keep}`,
    };
  const reasons = [...new Set(calls.filter((c) => c.answer !== 'signature-refused').map((c) => c.words))];
  return {
    point,
    outcome: 'undecided',
    text: `${family}: could not tell. ${reasons.join(' ')} ${keep}`.replace(/\s+/g, ' ').trim(),
  };
}

/** The open points no read can tell apart: each keeps its setting. */
export function notCheckedFindings(): ProbeFinding[] {
  const write = 'would need a write (moving funds or changing the account), so it keeps its setting.';
  return [
    {
      point: 'transferSigner',
      outcome: 'not-checked',
      text: `Transfer body with or without signer: ${write}`,
    },
    { point: 'rebalance', outcome: 'not-checked', text: `Rebalance (assetExchange): ${write}` },
    { point: 'agentRevoke', outcome: 'not-checked', text: `API-wallet revoke: ${write}` },
    { point: 'agentApprovalChainId', outcome: 'not-checked', text: `API-wallet approval chain id: ${write}` },
    {
      point: 'withdrawalAsterChain',
      outcome: 'not-checked',
      text: `Withdrawal “aster chain”: ${write}`,
    },
  ];
}

export function clockWords(offsetMs: number | null, failure: string | null): string {
  if (offsetMs === null) return `Aster’s clock could not be read: ${failure ?? 'no answer'}`;
  const seconds = Math.abs(offsetMs) / 1000;
  if (seconds < 1) return `This computer’s clock agrees with Aster’s (within ${Math.abs(offsetMs)} ms).`;
  return `Aster’s clock is ${seconds.toFixed(1)} s ${offsetMs > 0 ? 'ahead of' : 'behind'} this computer’s.`;
}
