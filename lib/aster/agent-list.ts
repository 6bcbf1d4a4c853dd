import { t } from '@/lib/i18n';
import { isRecord } from './json-values';

/**
 * Aster's answer to `GET /fapi/v3/agent` (aster-protocol.md §10): the API wallets of an account, including ones
 * made elsewhere. The recorded public shape is a JSON array of
 * `{agentAddress, agentName, ipWhitelist, expired, source, canRead, canSpotTrade, canPerpTrade, canWithdraw}`.
 *
 * Read tolerantly: extra fields are ignored; a missing or odd field becomes "unknown" (null) rather than a guess;
 * `ipWhitelist` may be a comma-separated string or a list; booleans and `expired` may come as text. An entry
 * without a readable address is left out and named in `skipped`. An answer that is not a list (an object, an HTML
 * page, nothing) is an error in words, never "no API wallets".
 */

export interface AsterAgentEntry {
  /** The API wallet's address as Aster wrote it (always an EVM address). */
  address: string;
  name: string | null;
  ipWhitelist: string[];
  /** Expiry, epoch milliseconds (null: not given). */
  expiresAt: number | null;
  /** Where Aster says it was made (free text; null: not given). */
  source: string | null;
  canRead: boolean | null;
  canSpotTrade: boolean | null;
  canPerpTrade: boolean | null;
  canWithdraw: boolean | null;
}

export interface AgentListReading {
  agents: AsterAgentEntry[];
  /** Entries left out, each with why, in words. */
  skipped: string[];
}

export class AgentListShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AgentListShapeError';
  }
}

const EVM_ADDRESS = /^0x[0-9a-fA-F]{40}$/;

function flag(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'TRUE' || value === 'True' || value === 1) return true;
  if (value === 'false' || value === 'FALSE' || value === 'False' || value === 0) return false;
  return null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function millis(value: unknown): number | null {
  const n = typeof value === 'string' && /^\d{1,16}$/.test(value.trim()) ? Number(value.trim()) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : null;
}

function ips(value: unknown): string[] {
  const items =
    typeof value === 'string'
      ? value.split(',')
      : Array.isArray(value)
        ? value.filter((v) => typeof v === 'string')
        : [];
  return (items as string[]).map((ip) => ip.trim()).filter((ip) => ip !== '');
}

/** What the answer looks like, for the error message (never the whole answer). */
function describe(payload: unknown): string {
  if (payload === null || payload === undefined) return t('errors.agentList.answer.empty');
  if (typeof payload === 'string')
    return /^\s*</.test(payload)
      ? t('errors.agentList.answer.webPage')
      : t('errors.agentList.answer.text', { text: payload.slice(0, 40) });
  if (isRecord(payload)) {
    const keys = Object.keys(payload).slice(0, 5);
    return keys.length > 0
      ? t('errors.agentList.answer.object', { fields: keys.join(', ') })
      : t('errors.agentList.answer.emptyObject');
  }
  // JavaScript's own type name (number, boolean…), as Aster's JSON carried it.
  return t('errors.agentList.answer.other', { type: typeof payload });
}

export function parseAgentList(payload: unknown): AgentListReading {
  if (!Array.isArray(payload))
    throw new AgentListShapeError(t('errors.agentList.notList', { answer: describe(payload) }));
  const agents: AsterAgentEntry[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  payload.forEach((entry: unknown, index) => {
    const position = String(index + 1);
    if (!isRecord(entry)) {
      skipped.push(t('errors.agentList.notAgent', { position, answer: describe(entry) }));
      return;
    }
    const address = text(entry.agentAddress);
    if (address === null || !EVM_ADDRESS.test(address)) {
      skipped.push(t('errors.agentList.noAddress', { position }));
      return;
    }
    if (seen.has(address.toLowerCase())) {
      skipped.push(t('errors.agentList.repeats', { position, address }));
      return;
    }
    seen.add(address.toLowerCase());
    agents.push({
      address,
      name: text(entry.agentName),
      ipWhitelist: ips(entry.ipWhitelist),
      expiresAt: millis(entry.expired),
      source: text(entry.source),
      canRead: flag(entry.canRead),
      canSpotTrade: flag(entry.canSpotTrade),
      canPerpTrade: flag(entry.canPerpTrade),
      canWithdraw: flag(entry.canWithdraw),
    });
  });
  return { agents, skipped };
}
