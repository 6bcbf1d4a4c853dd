import { useEffect, useState } from 'react';
import type { Account } from '@/lib/accounts/model';
import { messagesLocale, t } from '@/lib/i18n';
import { callBackground } from '@/lib/messaging/background-client';
import type { AsterAgentRow, AsterAgentsReport } from '@/lib/messaging/operations-api';
import { UnconfirmedBadge } from '../Badges';
import { useAction } from '../useAction';

/** A permission Aster may leave out: said as unknown, never guessed. */
function permissionsInWords(agent: AsterAgentRow): string {
  const rights = [
    [t('operations.agents.tradeFutures'), agent.canPerpTrade],
    [t('operations.agents.tradeSpot'), agent.canSpotTrade],
    [t('operations.agents.withdraw'), agent.canWithdraw],
  ] as const;
  const allowed = rights.filter(([, value]) => value === true).map(([what]) => what);
  const unknown = rights.filter(([, value]) => value === null).map(([what]) => what);
  const base =
    allowed.length > 0
      ? t('operations.agents.may', { rights: allowed.join(', ') })
      : t('operations.agents.readOnlyTitle');
  return unknown.length > 0
    ? `${base} ${t('operations.agents.mayUnknown', { rights: unknown.join(', ') })}`
    : base;
}

function expiryInWords(agent: AsterAgentRow): string {
  if (agent.expiresAt === null) return t('operations.agents.expiryUnknown');
  const date = new Date(agent.expiresAt).toLocaleDateString(messagesLocale());
  return agent.expired
    ? t('operations.agents.expiredOn', { date })
    : t('operations.agents.expires', { date });
}

const label = (agent: AsterAgentRow) => agent.name ?? agent.address;

/**
 * The account's API wallets as Aster lists them (GET /fapi/v3/agent), including ones made elsewhere, each marked
 * "Key in this vault" or "Made elsewhere", with Revoke (unconfirmed, behind a setting) after a confirmation.
 */
export function AsterAgentList({ account, onChanged }: { account: Account; onChanged: () => void }) {
  const [report, setReport] = useState<AsterAgentsReport | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const read = useAction();
  const revoke = useAction();

  async function load() {
    const result = await read.run(() => callBackground('aster.asterAgents', { accountId: account.id }));
    if (result) setReport(result);
  }

  // The parent keys this component by account: a new account starts afresh.
  useEffect(() => {
    void read
      .run(() => callBackground('aster.asterAgents', { accountId: account.id }))
      .then((result) => result && setReport(result));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- read once per account
  }, []);

  async function confirmRevoke(agent: AsterAgentRow) {
    const result = await revoke.run(() =>
      callBackground('aster.revokeAgent', { accountId: account.id, agentAddress: agent.address }),
    );
    setConfirming(null);
    if (!result) return;
    setDone(
      `${t('operations.agents.revoked', { name: label(agent) })}${
        result.removedFromVault
          ? ` ${t('operations.agents.keyWiped')}`
          : result.keptForNetworks.length > 0
            ? ` ${t('operations.agents.keyKept', { networks: result.keptForNetworks.join(', ') })}`
            : ''
      }`,
    );
    onChanged();
    await load();
  }

  const reasonId = `revoke-reason-${account.id}`;
  return (
    <div
      className="card stack"
      role="region"
      aria-label={t('operations.agents.onAsterFor', { name: account.name })}
    >
      <div className="row">
        <h3>{t('operations.agents.onAster')}</h3>
        <button type="button" className="small" disabled={read.busy} onClick={() => void load()}>
          {read.busy ? t('operations.agents.reading') : t('operations.agents.reload')}
        </button>
      </div>
      {read.error && <p role="alert">{read.error}</p>}
      {report && (
        <>
          <p className="small muted">
            {t(
              report.agents.length === 1
                ? 'operations.agents.countOnAsterOne'
                : 'operations.agents.countOnAster',
              {
                count: report.agents.length,
                readWith:
                  report.readWith === 'api-wallet'
                    ? t('operations.agents.readWithAgent')
                    : t('operations.agents.readWithKey', { name: account.name }),
              },
            )}
          </p>
          {report.revoke.reason && (
            <p id={reasonId} className="small muted">
              {report.revoke.reason}
            </p>
          )}
          {report.agents.length > 0 && (
            <ul className="agents">
              {report.agents.map((agent) => (
                <li key={agent.address} aria-label={t('operations.agents.item', { name: label(agent) })}>
                  <strong>{agent.name ?? t('operations.agents.noName')}</strong> <code>{agent.address}</code>{' '}
                  <span className="badge">
                    {agent.vaultAgentId
                      ? t('operations.agents.keyHere')
                      : t('operations.agents.madeElsewhere')}
                  </span>
                  {agent.expired && <span className="badge warning">{t('operations.agents.expired')}</span>}
                  <ul className="small">
                    <li>{permissionsInWords(agent)}</li>
                    <li>{expiryInWords(agent)}</li>
                    <li>
                      {agent.ipWhitelist.length > 0
                        ? t('operations.agents.ipWhitelist', { ips: agent.ipWhitelist.join(', ') })
                        : t('operations.agents.noIpWhitelist')}
                    </li>
                    {agent.source && <li>{t('operations.agents.source', { source: agent.source })}</li>}
                    {agent.differences.map((d) => (
                      <li key={d}>{d}</li>
                    ))}
                  </ul>
                  {!report.revoke.available ? (
                    <button type="button" className="small" disabled aria-describedby={reasonId}>
                      {t('operations.agents.revoke', { name: label(agent) })}
                    </button>
                  ) : confirming === agent.address ? (
                    <div
                      role="alertdialog"
                      aria-label={t('operations.agents.revokeQuestion', { name: label(agent) })}
                      className="confirm stack"
                    >
                      <p>
                        {t('operations.agents.revokeMeans', { name: label(agent) })}{' '}
                        {agent.vaultAgentId
                          ? t('operations.agents.revokeWipes')
                          : t('operations.agents.revokeElsewhere')}
                      </p>
                      <p className="small">
                        <UnconfirmedBadge what={t('operations.agents.revokeWhat')} />{' '}
                        {t('operations.agents.revokeUnconfirmed')}
                      </p>
                      <div className="row">
                        <button
                          type="button"
                          className="destructive-inline"
                          disabled={revoke.busy}
                          onClick={() => void confirmRevoke(agent)}
                        >
                          {t('operations.agents.confirmRevoke')}
                        </button>
                        {/* Focus moves into the confirmation, onto the safe choice. */}
                        <button type="button" autoFocus onClick={() => setConfirming(null)}>
                          {t('common.cancel')}
                        </button>
                      </div>
                    </div>
                  ) : (
                    <span className="row">
                      <button
                        type="button"
                        className="small"
                        onClick={() => {
                          setDone(null);
                          setConfirming(agent.address);
                        }}
                      >
                        {t('operations.agents.revokeOpen', { name: label(agent) })}
                      </button>
                      <UnconfirmedBadge what={t('operations.agents.revokeWhat')} />
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
          {report.missingOnAster.length > 0 && (
            <section aria-label={t('operations.agents.missingTitle')}>
              <p className="small">
                <strong>{t('operations.agents.missingLead')}</strong>
              </p>
              <ul className="small">
                {report.missingOnAster.map((m) => (
                  <li key={m.agentId}>
                    {m.name} <code>{m.address}</code>: {m.note}
                  </li>
                ))}
              </ul>
            </section>
          )}
          {report.notes.map((note) => (
            <p key={note} className="small muted">
              {note}
            </p>
          ))}
        </>
      )}
      {revoke.error && <p role="alert">{revoke.error}</p>}
      {done && <p role="status">{done}</p>}
    </div>
  );
}
