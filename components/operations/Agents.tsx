import { useEffect, useState, type FormEvent } from 'react';
import type { Account } from '@/lib/accounts/model';
import { callBackground } from '@/lib/messaging/background-client';
import { messagesLocale, t } from '@/lib/i18n';
import type { AgentInfo, PreparedAgent } from '@/lib/messaging/operations-api';
import { SigningSummaryView } from '../SigningSummaryView';
import { useAction } from '../useAction';
import { AsterAgentList } from './AsterAgentList';
import { Field, SelectField } from './Field';

/** API wallets (agents): key generated into the vault, approved by the account's own key. */
export function Agents({ family }: { family: Account[] }) {
  const withKeys = family.filter((a) => a.hasKey);
  const [accountId, setAccountId] = useState(withKeys[0]?.id ?? '');
  const [agents, setAgents] = useState<AgentInfo[] | null>(null);
  const [name, setName] = useState('');
  const [spot, setSpot] = useState(true);
  const [perp, setPerp] = useState(true);
  const [withdraw, setWithdraw] = useState(false);
  const [ips, setIps] = useState('');
  const [days, setDays] = useState('30');
  /** A new API wallet checked and generated, waiting for "Sign and approve" (or Discard). */
  const [prepared, setPrepared] = useState<PreparedAgent | null>(null);
  const discard = useAction();
  const list = useAction();
  const create = useAction();
  const approve = useAction();
  const account = withKeys.find((a) => a.id === accountId);
  const limit = account?.role === 'sub' ? 10 : 30;

  function loadVaultAgents() {
    if (!accountId) return;
    void list
      .run(() => callBackground('aster.listAgents', { accountId }))
      .then((result) => result && setAgents(result));
  }

  // eslint-disable-next-line react-hooks/exhaustive-deps -- reload when the account changes
  useEffect(loadVaultAgents, [accountId]);

  if (!account) return <p className="card">{t('operations.agents.noKey')}</p>;

  const ipList = () => ips.split(/[\s,]+/).filter((ip) => ip !== '');

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = await create.run(() =>
      callBackground('aster.prepareAgent', {
        accountId,
        name: name.trim(),
        canSpotTrade: spot,
        canPerpTrade: perp,
        canWithdraw: account?.role === 'master' && withdraw,
        ipWhitelist: ipList(),
        expiresInDays: Number(days),
      }),
    );
    if (checked) setPrepared(checked);
  }

  async function signAndApprove() {
    if (!prepared) return;
    const approved = await create.run(() =>
      callBackground('aster.approveAgent', { agentId: prepared.agent.id, ipWhitelist: ipList() }),
    );
    if (approved) {
      setPrepared(null);
      setName('');
    }
    // Approved or not, the vault's list says where it stands (an unapproved one offers "Approve again").
    loadVaultAgents();
  }

  async function discardPrepared() {
    if (!prepared) return;
    const done = await discard.run(async () => {
      await callBackground('aster.discardAgent', { agentId: prepared.agent.id });
      return true;
    });
    if (done) setPrepared(null);
  }

  return (
    <section className="stack" aria-label={t('operations.agents.title')}>
      <h2>{t('operations.agents.title')}</h2>
      <SelectField
        label={t('operations.agents.account')}
        value={accountId}
        choices={withKeys.map((a) => ({ value: a.id, label: a.name }))}
        onChange={(value) => {
          setAccountId(value);
          setAgents(null);
          setWithdraw(false);
          setPrepared(null);
        }}
      />
      {list.error && <p role="alert">{list.error}</p>}
      <div
        className="card"
        role="region"
        aria-label={t('operations.agents.ofAccount', { name: account.name })}
      >
        <h3>{t('operations.agents.listHeading')}</h3>
        <p className="small muted">
          {account.role === 'sub'
            ? t('operations.agents.countSub', { count: agents?.length ?? 0, limit })
            : t('operations.agents.countMaster', { count: agents?.length ?? 0, limit })}
        </p>
        {agents && agents.length > 0 && (
          <ul className="agents">
            {agents.map((agent) => (
              <li key={agent.id}>
                <strong>{agent.name}</strong> <code>{agent.address}</code>
                <span className="small">
                  {' '}
                  {t('operations.agents.details', {
                    permissions:
                      [
                        agent.canPerpTrade && t('operations.agents.perp'),
                        agent.canSpotTrade && t('operations.agents.spot'),
                        agent.canWithdraw && t('operations.agents.withdraw'),
                      ]
                        .filter(Boolean)
                        .join(', ') || t('operations.agents.readOnly'),
                    date: new Date(agent.expiresAt).toLocaleDateString(messagesLocale()),
                    state: agent.approved
                      ? t('operations.agents.approved')
                      : t('operations.agents.notApproved'),
                  })}
                </span>
                {!agent.approved && (
                  <button
                    type="button"
                    className="small"
                    disabled={approve.busy}
                    onClick={async () => {
                      const result = await approve.run(() =>
                        callBackground('aster.approveAgent', { agentId: agent.id }),
                      );
                      if (result)
                        setAgents((current) => (current ?? []).map((a) => (a.id === result.id ? result : a)));
                    }}
                  >
                    {t('operations.agents.approveAgain')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {approve.error && <p role="alert">{approve.error}</p>}
      </div>
      <AsterAgentList key={account.id} account={account} onChanged={loadVaultAgents} />
      <h3>{t('operations.agents.createHeading')}</h3>
      <form className="card stack" onSubmit={submit} aria-label={t('operations.agents.newForm')} noValidate>
        <Field label={t('operations.agents.name')}>
          {(id) => (
            <input id={id} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
          )}
        </Field>
        <label className="row">
          <input type="checkbox" checked={perp} onChange={(e) => setPerp(e.target.checked)} />
          {t('operations.agents.futures')}
        </label>
        <label className="row">
          <input type="checkbox" checked={spot} onChange={(e) => setSpot(e.target.checked)} />
          {t('operations.agents.spotTrading')}
        </label>
        <label className="row">
          <input
            type="checkbox"
            checked={withdraw && account.role === 'master'}
            disabled={account.role === 'sub'}
            aria-describedby="withdraw-note"
            onChange={(e) => setWithdraw(e.target.checked)}
          />
          {t('operations.agents.withdrawals')}
        </label>
        <p id="withdraw-note" className="muted small">
          {account.role === 'sub'
            ? t('operations.agents.subNeverWithdraws')
            : `${t('operations.agents.ipNote')} ${
                account.kind === 'evm' ? t('operations.agents.evmNoNeed') : t('operations.agents.solanaNeeds')
              }`}
        </p>
        <Field label={t('operations.agents.ips')}>
          {(id) => <input id={id} value={ips} onChange={(e) => setIps(e.target.value)} autoComplete="off" />}
        </Field>
        <Field label={t('operations.agents.days')}>
          {(id) => (
            <input
              id={id}
              type="number"
              min={1}
              max={365}
              value={days}
              onChange={(e) => setDays(e.target.value)}
            />
          )}
        </Field>
        {create.error && <p role="alert">{create.error}</p>}
        {!prepared && (
          <button type="submit" className="primary" disabled={create.busy || !name.trim()}>
            {create.busy ? t('operations.agents.checking') : t('operations.agents.check')}
          </button>
        )}
      </form>
      {prepared && (
        <section className="card stack small" aria-label={t('operations.agents.beforeSigning')}>
          <ul aria-label={t('operations.agents.checksPassed')}>
            {prepared.checks.map((c) => (
              <li key={c}>✓ {c}</li>
            ))}
          </ul>
          <h4>{t('operations.agents.whatYouSign')}</h4>
          <p>{prepared.summary.title}</p>
          <SigningSummaryView summary={prepared.summary} />
          <div className="row">
            <button
              type="button"
              className="primary"
              disabled={create.busy || prepared.summary.verdict.level === 'block'}
              onClick={() => void signAndApprove()}
            >
              {create.busy
                ? t('operations.agents.approving')
                : t('operations.agents.signAndApprove', { name: prepared.agent.name })}
            </button>
            <button type="button" disabled={discard.busy} onClick={() => void discardPrepared()}>
              {t('operations.agents.discard')}
            </button>
          </div>
          {discard.error && <p role="alert">{discard.error}</p>}
        </section>
      )}
    </section>
  );
}
