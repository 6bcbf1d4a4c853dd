import type { AsterProtocolProfile } from '@/lib/aster/profile';

/**
 * "Check compatibility with Aster" (issue 12 ★): what the read-only probe asked, what Aster answered, and what
 * it settled, as the popup shows it. Shared by the background (which writes it) and the Network screen.
 */

/** How one signed read was answered, as far as the probe can tell. */
export type ProbeAnswer =
  /** Aster answered with data of the expected form: it accepted the signature. */
  | 'accepted'
  /** -1022 / -1000: the signature (so this chain id) was refused. */
  | 'signature-refused'
  /** HTTP 404 / unknown endpoint: this server does not have the endpoint. */
  | 'absent'
  /** -5050: only after the account's first deposit; tells nothing about the signature. */
  | 'deposit-gate'
  /** -4225 / -1021: nonce or clock refused before the signature could tell anything. */
  | 'clock'
  /** -2015 / -1011: the API wallet, its IP or its permissions were refused. */
  | 'permission'
  /** No answer: network down, timeout, rate limit. */
  | 'unreachable'
  /** An answer that is not JSON (e.g. an HTML error page). */
  | 'unreadable'
  /** JSON, but not of the form this endpoint answers with. */
  | 'unexpected'
  /** Any other error payload. */
  | 'other-error';

export interface ProbeCall {
  /** `GET /fapi/v3/balance` etc. */
  endpoint: string;
  /** The EIP-712 chain id it was signed with (null: unsigned). */
  chainId: number | null;
  answer: ProbeAnswer;
  /** What the answer means, in words. */
  words: string;
}

/** Whether a server has an endpoint, from the answers to it (any Aster answer but 404 means it has). */
export type EndpointPresence = 'present' | 'absent' | 'unknown';

/** The open points of the profile the probe reports on. */
export type ProbePoint = keyof AsterProtocolProfile;

export interface ProbeFinding {
  point: ProbePoint;
  /** `found`: Aster told it apart; `undecided`: asked, but the answers did not settle it; `not-checked`: would need a write. */
  outcome: 'found' | 'undecided' | 'not-checked';
  /** The value found (only when `found`). */
  value?: number;
  text: string;
}

export interface CompatibilityReport {
  networkId: string;
  accountId: string;
  accountName: string;
  checkedAt: number;
  /** The API wallet whose key signed the reads; null when the account has none (nothing was sent). */
  apiWallet: string | null;
  /** In words, when the account has no API wallet here: create one, then check again. */
  needsApiWallet: string | null;
  /** Aster's clock minus ours (ms), or null when it could not be read; `clockText` says it in words. */
  clockOffsetMs: number | null;
  clockText: string;
  /** Whether `GET /fapi/v3/agent` (the API-wallet list) exists on this server. */
  agentList: EndpointPresence;
  /** Other reads whose presence the probe told apart (e.g. accountWithJoinMargin and the older account path). */
  endpoints: { endpoint: string; presence: EndpointPresence }[];
  findings: ProbeFinding[];
  calls: ProbeCall[];
  /** What was stored in the network's profile (origin `probe`). */
  applied: Partial<AsterProtocolProfile>;
}

/** Where a profile value came from, for the Network screen. */
export type ValueOrigin = { kind: 'default' } | { kind: 'trader' } | { kind: 'probe'; checkedAt: number };

/**
 * Per value: found by the last check when it still holds the value the check found, else the reference's
 * default when it equals it, else the trader's.
 */
export function valueOrigin(
  point: ProbePoint,
  profile: AsterProtocolProfile,
  defaults: AsterProtocolProfile,
  lastCheck: CompatibilityReport | null,
): ValueOrigin {
  if (lastCheck && Object.hasOwn(lastCheck.applied, point) && lastCheck.applied[point] === profile[point])
    return { kind: 'probe', checkedAt: lastCheck.checkedAt };
  return profile[point] === defaults[point] ? { kind: 'default' } : { kind: 'trader' };
}
