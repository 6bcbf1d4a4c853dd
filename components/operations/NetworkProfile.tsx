import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { Account } from '@/lib/accounts/model';
import type { AsterProtocolProfile } from '@/lib/aster/profile';
import { callBackground } from '@/lib/messaging/background-client';
import {
  valueOrigin,
  type CompatibilityReport,
  type EndpointPresence,
  type ProbeFinding,
  type ProbePoint,
} from '@/lib/messaging/compatibility-report';
import type { ProfileInfo } from '@/lib/messaging/operations-api';
import { UnconfirmedBadge } from '../Badges';
import { useAction } from '../useAction';
import { Field } from './Field';

/**
 * Settings → Network, below the network choice: the current network's protocol profile (aster-protocol.md
 * §10) — each open point with where its value came from — and "Check compatibility with Aster".
 */
export function NetworkProfile({
  accounts,
  preferredId,
  navigate,
}: {
  accounts: readonly Account[];
  preferredId: string | undefined;
  navigate(route: string): void;
}) {
  const [info, setInfo] = useState<ProfileInfo | null>(null);
  // Bumped on every reload, so the form starts again from what is stored (also after a reset).
  const [version, setVersion] = useState(0);
  // Kept here, not in the form: the form starts again after each save.
  const [notice, setNotice] = useState<string | null>(null);
  const show = (loaded: ProfileInfo, message: string | null = null) => {
    setInfo(loaded);
    setVersion((v) => v + 1);
    setNotice(message);
  };
  const { error, run } = useAction();
  useEffect(() => {
    void run(() => callBackground('aster.profile', {})).then((loaded) => loaded && show(loaded));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per network (the parent keys this on it)
  }, []);
  if (!info) return error ? <p role="alert">{error}</p> : <p role="status">Loading the protocol settings…</p>;
  return (
    <>
      <ProfileForm key={version} info={info} notice={notice} onSaved={show} />
      <CompatibilityCheck
        accounts={accounts}
        preferredId={preferredId}
        lastCheck={info.lastCheck}
        navigate={navigate}
        onChecked={async () => show(await callBackground('aster.profile', {}))}
      />
    </>
  );
}

const CHAIN_CHOICES = [1666, 714];
const APPROVAL_CHOICES = [56, 97];

function OriginNote({
  point,
  info,
  draft,
}: {
  point: ProbePoint;
  info: ProfileInfo;
  draft: AsterProtocolProfile;
}) {
  if (draft[point] !== info.profile[point])
    return <span className="muted small">Changed, not saved yet.</span>;
  const origin = valueOrigin(point, info.profile, info.defaults, info.lastCheck);
  const text =
    origin.kind === 'probe'
      ? `Found by the compatibility check on ${new Date(origin.checkedAt).toLocaleString()}.`
      : origin.kind === 'trader'
        ? `Set by you (default ${String(info.defaults[point])}).`
        : 'Default from Aster’s documents.';
  return <span className="muted small">{text}</span>;
}

/** One open point: its control, a plain sentence of why it is open, and where its value came from. */
function Setting({
  point,
  info,
  draft,
  unconfirmed,
  why,
  children,
}: {
  point: ProbePoint;
  info: ProfileInfo;
  draft: AsterProtocolProfile;
  unconfirmed?: string;
  why?: string;
  children: ReactNode;
}) {
  return (
    <div className="stack profile-setting" data-point={point}>
      {children}
      {(unconfirmed || why) && (
        <p className="small">
          {unconfirmed && <UnconfirmedBadge what={unconfirmed} />} {why}
        </p>
      )}
      <OriginNote point={point} info={info} draft={draft} />
    </div>
  );
}

function ChainSelect({
  label,
  value,
  choices,
  onChange,
}: {
  label: string;
  value: number;
  choices: readonly number[];
  onChange(value: number): void;
}) {
  const all = choices.includes(value) ? choices : [...choices, value];
  return (
    <Field label={label}>
      {(id) => (
        <select id={id} value={value} onChange={(event) => onChange(Number(event.target.value))}>
          {all.map((chain) => (
            <option key={chain} value={chain}>
              {chain}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function Checkbox({
  label,
  checked,
  onChange,
}: {
  label: string;
  checked: boolean;
  onChange(v: boolean): void;
}) {
  return (
    <label className="checkbox">
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      {label}
    </label>
  );
}

function ProfileForm({
  info,
  notice,
  onSaved,
}: {
  info: ProfileInfo;
  notice: string | null;
  onSaved(info: ProfileInfo, notice: string): void;
}) {
  const [draft, setDraft] = useState<AsterProtocolProfile>(info.profile);
  const { busy, error, run } = useAction();
  const set = <K extends keyof AsterProtocolProfile>(key: K, value: AsterProtocolProfile[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));
  const changes = Object.fromEntries(
    (Object.keys(draft) as (keyof AsterProtocolProfile)[])
      .filter((key) => draft[key] !== info.profile[key])
      .map((key) => [key, draft[key]]),
  ) as Partial<AsterProtocolProfile>;

  async function save(event: FormEvent) {
    event.preventDefault();
    const result = await run(() => callBackground('aster.setProfile', { changes }));
    if (result) onSaved(result, 'Saved: the operations use these settings from now on.');
  }
  async function reset() {
    const result = await run(() => callBackground('aster.setProfile', { reset: true }));
    if (result) onSaved(result, 'Back to the defaults from Aster’s documents.');
  }

  return (
    <form className="card stack" onSubmit={save} aria-label="Aster protocol settings">
      <h3>How the companion speaks to this network</h3>
      <p className="muted small">
        Points Aster’s public documents leave open, for {info.networkId}. “Check compatibility with Aster”
        below settles the chain ids by itself.
      </p>
      <fieldset className="stack">
        <legend>Signing chain ids</legend>
        <Setting point="agentRequestChainId" info={info} draft={draft}>
          <ChainSelect
            label="Requests signed by an API wallet"
            value={draft.agentRequestChainId}
            choices={CHAIN_CHOICES}
            onChange={(v) => set('agentRequestChainId', v)}
          />
        </Setting>
        <Setting
          point="subAccountChainId"
          info={info}
          draft={draft}
          unconfirmed="Sub-account chain id"
          why="Testnet’s document gives 1666 in its tables but 714 in its example; the check can tell."
        >
          <ChainSelect
            label="Sub-account requests (create, rename, freeze, transfer, list)"
            value={draft.subAccountChainId}
            choices={CHAIN_CHOICES}
            onChange={(v) => set('subAccountChainId', v)}
          />
        </Setting>
        <Setting point="agentApprovalChainId" info={info} draft={draft}>
          <ChainSelect
            label="API-wallet approval (EVM accounts)"
            value={draft.agentApprovalChainId}
            choices={APPROVAL_CHOICES}
            onChange={(v) => set('agentApprovalChainId', v)}
          />
        </Setting>
      </fieldset>
      <fieldset className="stack">
        <legend>Request bodies</legend>
        <Setting point="withdrawalAsterChain" info={info} draft={draft}>
          <Field label="Withdrawal “aster chain”">
            {(id) => (
              <select
                id={id}
                value={draft.withdrawalAsterChain}
                onChange={(event) => set('withdrawalAsterChain', event.target.value as 'Mainnet' | 'Testnet')}
              >
                <option value="Mainnet">Mainnet</option>
                <option value="Testnet">Testnet</option>
              </select>
            )}
          </Field>
        </Setting>
        <Setting
          point="transferSigner"
          info={info}
          draft={draft}
          unconfirmed="Transfer body"
          why="Since mid-2026 testnet takes a transfer without “signer”; which body mainnet wants is not published. A read cannot tell: if transfers are refused for “signer”, try the other body."
        >
          <Field label="Sub-account transfer body">
            {(id) => (
              <select
                id={id}
                value={draft.transferSigner}
                onChange={(event) => set('transferSigner', event.target.value as 'included' | 'omitted')}
              >
                <option value="included">With “signer” (the API wallet)</option>
                <option value="omitted">Without “signer”</option>
              </select>
            )}
          </Field>
        </Setting>
      </fieldset>
      <fieldset className="stack">
        <legend>Actions behind unconfirmed endpoints</legend>
        <Setting
          point="rebalance"
          info={info}
          draft={draft}
          unconfirmed="Rebalance"
          why="Rebalance (assetExchange) appears only in a third-party list of Aster’s newer endpoints. Off unless you turn it on."
        >
          <Checkbox
            label="Offer Rebalance for negative balances"
            checked={draft.rebalance}
            onChange={(v) => set('rebalance', v)}
          />
        </Setting>
        <Setting
          point="agentRevoke"
          info={info}
          draft={draft}
          unconfirmed="API-wallet revoke"
          why="How Aster wants a revoke signed is not confirmed by a public source. Off unless you turn it on."
        >
          <Checkbox
            label="Offer to revoke API wallets on Aster"
            checked={draft.agentRevoke}
            onChange={(v) => set('agentRevoke', v)}
          />
        </Setting>
      </fieldset>
      {error && <p role="alert">{error}</p>}
      {notice && <p role="status">{notice}</p>}
      <div className="row wrap">
        <button type="submit" className="primary" disabled={busy || Object.keys(changes).length === 0}>
          Save protocol settings
        </button>
        <button type="button" disabled={busy} onClick={() => void reset()}>
          Reset to defaults
        </button>
      </div>
    </form>
  );
}

const PRESENCE_WORDS: Record<EndpointPresence, string> = {
  present: 'exists on this server.',
  absent: 'does not exist on this server.',
  unknown: 'could not be checked.',
};

const OUTCOME_WORDS: Record<ProbeFinding['outcome'], string> = {
  found: 'Found',
  undecided: 'Not settled',
  'not-checked': 'Not checked',
};

function CompatibilityCheck({
  accounts,
  preferredId,
  lastCheck,
  navigate,
  onChecked,
}: {
  accounts: readonly Account[];
  preferredId: string | undefined;
  lastCheck: CompatibilityReport | null;
  navigate(route: string): void;
  onChecked(): Promise<void>;
}) {
  const [accountId, setAccountId] = useState(preferredId ?? accounts[0]?.id ?? '');
  const [report, setReport] = useState<CompatibilityReport | null>(lastCheck);
  const [fresh, setFresh] = useState(false);
  const { busy, error, run } = useAction();
  // A reset forgets the stored report, and so does the screen (the "no API wallet" answer is never stored).
  const shown = report && (report.needsApiWallet !== null || lastCheck !== null) ? report : null;

  async function check() {
    const result = await run(() => callBackground('aster.checkCompatibility', { accountId }));
    if (result) {
      setReport(result);
      setFresh(true);
      await onChecked();
    }
  }

  return (
    <section className="card stack" aria-label="Check compatibility with Aster">
      <h3>Check compatibility with Aster</h3>
      <p className="small">
        Sends read-only signed requests (server time, balances, the API-wallet list, the sub-account list)
        with each candidate chain id, signed by the account’s API wallet, and keeps what Aster accepts. It
        never sends anything that moves funds or changes the account.
      </p>
      {accounts.length === 0 ? (
        <p className="muted">Add an account first (Accounts tab).</p>
      ) : (
        <>
          <Field label="Account to check with">
            {(id) => (
              <select id={id} value={accountId} onChange={(event) => setAccountId(event.target.value)}>
                {accounts.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name} ({a.role === 'master' ? 'master' : 'sub-account'})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="row">
            <button
              type="button"
              className="primary"
              disabled={busy || !accountId}
              onClick={() => void check()}
            >
              {busy ? 'Checking…' : 'Check compatibility with Aster'}
            </button>
          </div>
        </>
      )}
      {error && <p role="alert">{error}</p>}
      {shown && <ReportView report={shown} fresh={fresh} navigate={navigate} />}
    </section>
  );
}

function ReportView({
  report,
  fresh,
  navigate,
}: {
  report: CompatibilityReport;
  fresh: boolean;
  navigate(route: string): void;
}) {
  if (report.needsApiWallet)
    return (
      <div className="stack" role={fresh ? 'alert' : undefined}>
        <p>{report.needsApiWallet}</p>
        <div className="row">
          <button type="button" onClick={() => navigate('/operations/agents')}>
            Create an API wallet
          </button>
        </div>
      </div>
    );
  return (
    <div className="stack" aria-label="Compatibility report">
      <p role={fresh ? 'status' : undefined}>
        {fresh ? 'Checked' : 'Last checked'} on {new Date(report.checkedAt).toLocaleString()} with{' '}
        {report.accountName}.
      </p>
      <p className="small">{report.clockText}</p>
      <ul className="stack compat-findings">
        {report.findings.map((finding) => (
          <li key={finding.point} data-outcome={finding.outcome}>
            <strong>{OUTCOME_WORDS[finding.outcome]}:</strong> {finding.text}
          </li>
        ))}
        {[{ endpoint: 'GET /fapi/v3/agent', presence: report.agentList }, ...(report.endpoints ?? [])].map(
          ({ endpoint, presence }) => (
            <li key={endpoint}>
              {endpoint} {PRESENCE_WORDS[presence]}
            </li>
          ),
        )}
      </ul>
      <details>
        <summary>What Aster answered to each request</summary>
        <ul className="small">
          {report.calls.map((call, index) => (
            <li key={index}>
              {call.endpoint}
              {call.chainId !== null ? ` signed with chain id ${call.chainId}` : ''}: {call.words}
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}

/** Settings → Network: where the network and its protocol settings live (the operations' Network screen). */
export function NetworkSettingsLink() {
  return (
    <section className="card stack" aria-label="Network">
      <h2>Network</h2>
      <p className="small">
        Which Aster the operations use (mainnet, testnet or a local simulator), its protocol settings, and
        “Check compatibility with Aster”.
      </p>
      <a href="#/operations/network">Open the network settings</a>
    </section>
  );
}
