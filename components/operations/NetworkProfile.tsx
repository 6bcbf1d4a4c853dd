import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { Account } from '@/lib/accounts/model';
import type { AsterProtocolProfile } from '@/lib/aster/profile';
import { messagesLocale, t } from '@/lib/i18n';
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
import { chainIdWords, networkIdWords, profileValueWords } from './profile-values';

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
  if (!info)
    return error ? (
      <p role="alert">{error}</p>
    ) : (
      <p role="status">{t('operations.networkProfile.loading')}</p>
    );
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
    return <span className="muted small">{t('operations.networkProfile.origin.changed')}</span>;
  const origin = valueOrigin(point, info.profile, info.defaults, info.lastCheck);
  const text =
    origin.kind === 'probe'
      ? t('operations.networkProfile.origin.probe', { date: dateTime(origin.checkedAt) })
      : origin.kind === 'trader'
        ? t('operations.networkProfile.origin.trader', {
            value: profileValueWords(point, info.defaults[point]),
          })
        : t('operations.networkProfile.origin.documents');
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
              {chainIdWords(chain)}
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
    if (result) onSaved(result, t('operations.networkProfile.form.saved'));
  }
  async function reset() {
    const result = await run(() => callBackground('aster.setProfile', { reset: true }));
    if (result) onSaved(result, t('operations.networkProfile.form.resetDone'));
  }

  return (
    <form className="card stack" onSubmit={save} aria-label={t('operations.networkProfile.form.label')}>
      <h3>{t('operations.networkProfile.form.title')}</h3>
      <p className="muted small">
        {t('operations.networkProfile.form.intro', { network: networkIdWords(info.networkId) })}
      </p>
      <fieldset className="stack">
        <legend>{t('operations.networkProfile.form.chainIds')}</legend>
        <Setting point="agentRequestChainId" info={info} draft={draft}>
          <ChainSelect
            label={t('operations.networkProfile.form.agentRequests')}
            value={draft.agentRequestChainId}
            choices={CHAIN_CHOICES}
            onChange={(v) => set('agentRequestChainId', v)}
          />
        </Setting>
        <Setting
          point="subAccountChainId"
          info={info}
          draft={draft}
          unconfirmed={t('operations.networkProfile.form.subAccountUnconfirmed')}
          why={t('operations.networkProfile.form.subAccountWhy')}
        >
          <ChainSelect
            label={t('operations.networkProfile.form.subAccountRequests')}
            value={draft.subAccountChainId}
            choices={CHAIN_CHOICES}
            onChange={(v) => set('subAccountChainId', v)}
          />
        </Setting>
        <Setting point="agentApprovalChainId" info={info} draft={draft}>
          <ChainSelect
            label={t('operations.networkProfile.form.agentApproval')}
            value={draft.agentApprovalChainId}
            choices={APPROVAL_CHOICES}
            onChange={(v) => set('agentApprovalChainId', v)}
          />
        </Setting>
      </fieldset>
      <fieldset className="stack">
        <legend>{t('operations.networkProfile.form.bodies')}</legend>
        <Setting point="withdrawalAsterChain" info={info} draft={draft}>
          <Field label={t('operations.networkProfile.form.withdrawalChain')}>
            {(id) => (
              <select
                id={id}
                value={draft.withdrawalAsterChain}
                onChange={(event) => set('withdrawalAsterChain', event.target.value as 'Mainnet' | 'Testnet')}
              >
                <option value="Mainnet">{t('operations.networkProfile.form.mainnet')}</option>
                <option value="Testnet">{t('operations.networkProfile.form.testnet')}</option>
              </select>
            )}
          </Field>
        </Setting>
        <Setting
          point="transferSigner"
          info={info}
          draft={draft}
          unconfirmed={t('operations.networkProfile.form.transferUnconfirmed')}
          why={t('operations.networkProfile.form.transferWhy')}
        >
          <Field label={t('operations.networkProfile.form.transferBody')}>
            {(id) => (
              <select
                id={id}
                value={draft.transferSigner}
                onChange={(event) => set('transferSigner', event.target.value as 'included' | 'omitted')}
              >
                <option value="included">{t('operations.networkProfile.form.withSigner')}</option>
                <option value="omitted">{t('operations.networkProfile.form.withoutSigner')}</option>
              </select>
            )}
          </Field>
        </Setting>
      </fieldset>
      <fieldset className="stack">
        <legend>{t('operations.networkProfile.form.unconfirmedActions')}</legend>
        <Setting
          point="rebalance"
          info={info}
          draft={draft}
          unconfirmed={t('operations.networkProfile.form.rebalanceUnconfirmed')}
          why={t('operations.networkProfile.form.rebalanceWhy')}
        >
          <Checkbox
            label={t('operations.networkProfile.form.rebalanceOffer')}
            checked={draft.rebalance}
            onChange={(v) => set('rebalance', v)}
          />
        </Setting>
        <Setting
          point="agentRevoke"
          info={info}
          draft={draft}
          unconfirmed={t('operations.networkProfile.form.revokeUnconfirmed')}
          why={t('operations.networkProfile.form.revokeWhy')}
        >
          <Checkbox
            label={t('operations.networkProfile.form.revokeOffer')}
            checked={draft.agentRevoke}
            onChange={(v) => set('agentRevoke', v)}
          />
        </Setting>
      </fieldset>
      {error && <p role="alert">{error}</p>}
      {notice && <p role="status">{notice}</p>}
      <div className="row wrap">
        <button type="submit" className="primary" disabled={busy || Object.keys(changes).length === 0}>
          {t('operations.networkProfile.form.save')}
        </button>
        <button type="button" disabled={busy} onClick={() => void reset()}>
          {t('operations.networkProfile.form.reset')}
        </button>
      </div>
    </form>
  );
}

/** An HTTP endpoint, shown as Aster names it (not a text to translate). */
const AGENT_LIST_ENDPOINT = 'GET /fapi/v3/agent';

/** Dates in the language shown. */
const dateTime = (epochMs: number) => new Date(epochMs).toLocaleString(messagesLocale());

function presenceText(endpoint: string, presence: EndpointPresence): string {
  switch (presence) {
    case 'present':
      return t('operations.networkProfile.check.present', { endpoint });
    case 'absent':
      return t('operations.networkProfile.check.absent', { endpoint });
    case 'unknown':
      return t('operations.networkProfile.check.unknown', { endpoint });
  }
}

function outcomeWords(outcome: ProbeFinding['outcome']): string {
  switch (outcome) {
    case 'found':
      return t('operations.networkProfile.check.found');
    case 'undecided':
      return t('operations.networkProfile.check.undecided');
    case 'not-checked':
      return t('operations.networkProfile.check.notChecked');
  }
}

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
    <section className="card stack" aria-label={t('operations.networkProfile.check.title')}>
      <h3>{t('operations.networkProfile.check.title')}</h3>
      <p className="small">{t('operations.networkProfile.check.explain')}</p>
      {accounts.length === 0 ? (
        <p className="muted">{t('operations.networkProfile.check.addAccountFirst')}</p>
      ) : (
        <>
          <Field label={t('operations.networkProfile.check.account')}>
            {(id) => (
              <select id={id} value={accountId} onChange={(event) => setAccountId(event.target.value)}>
                {accounts.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.role === 'master'
                      ? t('operations.networkProfile.check.masterOption', { name: a.name })
                      : t('operations.networkProfile.check.subAccountOption', { name: a.name })}
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
              {busy
                ? t('operations.networkProfile.check.checking')
                : t('operations.networkProfile.check.title')}
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
            {t('operations.networkProfile.check.createAgent')}
          </button>
        </div>
      </div>
    );
  return (
    <div className="stack" aria-label={t('operations.networkProfile.check.report')}>
      <p role={fresh ? 'status' : undefined}>
        {t(
          fresh
            ? 'operations.networkProfile.check.checkedOn'
            : 'operations.networkProfile.check.lastCheckedOn',
          {
            date: dateTime(report.checkedAt),
            account: report.accountName,
          },
        )}
      </p>
      <p className="small">{report.clockText}</p>
      <ul className="stack compat-findings">
        {report.findings.map((finding) => (
          <li key={finding.point} data-outcome={finding.outcome}>
            <strong>{outcomeWords(finding.outcome)}</strong> {finding.text}
          </li>
        ))}
        {[{ endpoint: AGENT_LIST_ENDPOINT, presence: report.agentList }, ...(report.endpoints ?? [])].map(
          ({ endpoint, presence }) => (
            <li key={endpoint}>{presenceText(endpoint, presence)}</li>
          ),
        )}
      </ul>
      <details>
        <summary>{t('operations.networkProfile.check.answers')}</summary>
        <ul className="small">
          {report.calls.map((call, index) => (
            <li key={index}>
              {call.chainId !== null
                ? t('operations.networkProfile.check.signedCall', {
                    endpoint: call.endpoint,
                    chainId: String(call.chainId),
                    words: call.words,
                  })
                : t('operations.networkProfile.check.call', { endpoint: call.endpoint, words: call.words })}
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
    <section className="card stack" aria-label={t('operations.networkProfile.link.label')}>
      <h2>{t('operations.networkProfile.link.label')}</h2>
      <p className="small">{t('operations.networkProfile.link.explain')}</p>
      <a href="#/operations/network">{t('operations.networkProfile.link.open')}</a>
    </section>
  );
}
