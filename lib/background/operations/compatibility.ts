import { browser } from 'wxt/browser';
import type { Account } from '@/lib/accounts/model';
import { t } from '@/lib/i18n';
import { offsetFrom, parseServerTime } from '@/lib/aster/server-clock';
import { ENDPOINTS, type AsterEndpoint } from '@/lib/aster/endpoints';
import type { AsterProtocolProfile } from '@/lib/aster/profile';
import { signedAgentRequest } from '@/lib/aster/sign';
import type { CompatibilityReport, ProbeCall, ProbeFinding } from '@/lib/messaging/compatibility-report';
import type { AgentRecord } from '@/lib/vault/db';
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
import { quoted, type Context, type OperationsCore } from './core';
import { saveProfile } from './profile-store';

/**
 * "Check compatibility with Aster" (issue 12 ★): signed READS only — server time, balances and the API-wallet
 * list under each candidate chain id of agent-signed requests, the sub-account list under each candidate of
 * the sub-account family — never a write, so nothing can move or change. What the answers settle is stored in
 * the network's profile (origin `probe`) and used by every operation from then on; the report is kept per
 * network so the Network screen shows it after reopening. Each call has a fresh nonce from the NonceManager
 * (a refused signature burns nothing on Aster, but our nonces only ever grow).
 */

/** The chain ids Aster's documents name for `Message{msg}` requests (1666 mainnet, 714 testnet; §1, §10). */
export const CANDIDATE_CHAIN_IDS: readonly number[] = [1666, 714];

export const REPORT_STORAGE_PREFIX = 'aster.compatibility.';

/** The current setting first, then the other candidates. */
const candidates = (current: number) => [...new Set([current, ...CANDIDATE_CHAIN_IDS])];

const label = (endpoint: AsterEndpoint) => `${endpoint.method} ${endpoint.path}`;

export async function lastCompatibilityReport(networkId: string): Promise<CompatibilityReport | null> {
  const key = REPORT_STORAGE_PREFIX + networkId;
  const stored = (await browser.storage.local.get(key))[key] as Partial<CompatibilityReport> | undefined;
  // Our own record; anything of another form (an older version) is no report rather than a broken screen.
  if (
    !stored ||
    typeof stored.checkedAt !== 'number' ||
    !Array.isArray(stored.findings) ||
    !Array.isArray(stored.calls) ||
    typeof stored.applied !== 'object'
  )
    return null;
  return stored as CompatibilityReport;
}

export async function clearCompatibilityReport(networkId: string): Promise<void> {
  await browser.storage.local.remove(REPORT_STORAGE_PREFIX + networkId);
}

async function answerOf<T>(send: () => Promise<T>): Promise<RawAnswer> {
  try {
    return { ok: true, body: await send() };
  } catch (error) {
    return { ok: false, error };
  }
}

/** One agent-signed read of `account`, signed with `chainId` by `agent`. */
async function signedRead(
  core: OperationsCore,
  ctx: Context,
  account: Account,
  agent: AgentRecord,
  endpoint: AsterEndpoint,
  chainId: number,
  expected: (body: unknown) => boolean,
  what: string,
): Promise<ProbeCall> {
  let raw: RawAnswer;
  try {
    const request = await core.withAgentSigner(agent.id, async (signer) =>
      signedAgentRequest(
        signer,
        endpoint,
        {},
        // On Aster's clock (ctx.clock), so that a skewed computer still learns the chain ids.
        { nonce: await core.nonce(ctx, signer.address), user: account.address },
        { ...ctx.signing, agentRequest: chainId },
      ),
    );
    raw = await answerOf(() => ctx.client.sendSigned<unknown>(request, 'read'));
  } catch (error) {
    raw = { ok: false, error };
  }
  return { endpoint: label(endpoint), chainId, ...classifyAnswer(raw, expected, what) };
}

async function readClock(
  core: OperationsCore,
  ctx: Context,
): Promise<{ call: ProbeCall; offsetMs: number | null; text: string }> {
  const sentAt = core.now();
  const raw = await answerOf(() =>
    ctx.client.call<unknown>({ endpoint: ENDPOINTS.serverTime, kind: 'read' }),
  );
  const receivedAt = core.now();
  const classified = classifyAnswer(raw, SHAPES.time, t('background.compatibility.what.serverTime'));
  const call: ProbeCall = { endpoint: label(ENDPOINTS.serverTime), chainId: null, ...classified };
  if (classified.answer !== 'accepted' || !raw.ok)
    return { call, offsetMs: null, text: clockWords(null, classified.words) };
  let offsetMs: number;
  try {
    // The operations' own reading of the answer: a time outside any plausible date, or a round trip too slow
    // to set a clock by, is said so rather than taken (or thrown out of the whole check).
    offsetMs = offsetFrom(sentAt, parseServerTime(raw.body), receivedAt).offsetMs;
  } catch (error) {
    const failure = error instanceof Error ? error.message : t('background.compatibility.clock.unusable');
    return { call, offsetMs: null, text: clockWords(null, failure) };
  }
  return {
    call: { ...call, words: t('background.compatibility.answer.time') },
    offsetMs,
    text: clockWords(offsetMs, null),
  };
}

export function checkCompatibility(core: OperationsCore, accountId: string): Promise<CompatibilityReport> {
  return core.run(async (ctx) => {
    const account = await core.accounts.get(accountId);
    const agent = await core.liveAgent(ctx, account);
    const report: CompatibilityReport = {
      networkId: ctx.id,
      accountId: account.id,
      accountName: account.name,
      checkedAt: core.now(),
      apiWallet: agent?.address ?? null,
      needsApiWallet: null,
      clockOffsetMs: null,
      clockText: '',
      agentList: 'unknown',
      endpoints: [],
      findings: [],
      calls: [],
      applied: {},
    };
    if (!agent) {
      // Nothing is sent without one: the reads are what the API wallet signs.
      report.needsApiWallet = t('background.compatibility.needsApiWallet', { account: quoted(account) });
      return report;
    }

    const clock = await readClock(core, ctx);
    report.calls.push(clock.call);
    report.clockOffsetMs = clock.offsetMs;
    report.clockText = clock.text;

    // Agent-signed requests: balances (may be -5050 before a first deposit) and the API-wallet list (exempt).
    const agentCalls: ProbeCall[] = [];
    const listCalls: ProbeCall[] = [];
    for (const chainId of candidates(ctx.profile.agentRequestChainId)) {
      agentCalls.push(
        await signedRead(
          core,
          ctx,
          account,
          agent,
          ENDPOINTS.futuresBalance,
          chainId,
          SHAPES.balance,
          t('background.compatibility.what.balances'),
        ),
      );
      const list = await signedRead(
        core,
        ctx,
        account,
        agent,
        ENDPOINTS.agentList,
        chainId,
        SHAPES.list,
        t('background.compatibility.what.agentList'),
      );
      listCalls.push(list);
      agentCalls.push(list);
    }
    report.agentList = presenceOf(listCalls);
    const findings: ProbeFinding[] = [];
    const agentDecision = decideChainId(agentCalls);
    findings.push(
      chainFinding(
        'agentRequestChainId',
        t('background.compatibility.family.agentRequests'),
        agentDecision,
        agentCalls,
        ctx.profile.agentRequestChainId,
      ),
    );

    // Sub-account bodies: the only read of that family is the master's sub-account list.
    const subCalls: ProbeCall[] = [];
    if (account.role === 'master') {
      for (const chainId of candidates(ctx.profile.subAccountChainId))
        subCalls.push(
          await signedRead(
            core,
            ctx,
            account,
            agent,
            ENDPOINTS.getSubAccountList,
            chainId,
            SHAPES.list,
            t('background.compatibility.what.subAccountList'),
          ),
        );
      findings.push(
        chainFinding(
          'subAccountChainId',
          t('background.compatibility.family.subAccountRequests'),
          decideChainId(subCalls),
          subCalls,
          ctx.profile.subAccountChainId,
        ),
      );
    } else
      findings.push({
        point: 'subAccountChainId',
        outcome: 'undecided',
        text: t('background.compatibility.finding.subAccountsNotChecked', {
          keep: t('background.compatibility.finding.keep', { value: String(ctx.profile.subAccountChainId) }),
        }),
      });
    // Which account-data paths this server has (accountWithJoinMargin replaced account in 2026-03; both are
    // listed), read once with the agent chain id found (else the setting).
    const presenceCalls: ProbeCall[] = [];
    const chainId = agentDecision.chainId ?? ctx.profile.agentRequestChainId;
    for (const endpoint of [ENDPOINTS.futuresAccount, ENDPOINTS.futuresAccountLegacy]) {
      const read = await signedRead(
        core,
        ctx,
        account,
        agent,
        endpoint,
        chainId,
        SHAPES.futuresAccount,
        t('background.compatibility.what.accountData'),
      );
      presenceCalls.push(read);
      report.endpoints.push({ endpoint: read.endpoint, presence: presenceOf([read]) });
    }
    report.calls.push(...agentCalls, ...subCalls, ...presenceCalls);
    report.findings = [...findings, ...notCheckedFindings()];

    const applied: Partial<AsterProtocolProfile> = {};
    for (const finding of findings)
      if (finding.outcome === 'found' && finding.value !== undefined)
        (applied as Record<string, number>)[finding.point] = finding.value;
    report.applied = applied;
    if (Object.keys(applied).length > 0)
      await saveProfile(ctx.id, ctx.settings.signing, applied, 'probe', report.checkedAt);
    await browser.storage.local.set({ [REPORT_STORAGE_PREFIX + ctx.id]: report });
    return report;
  });
}
