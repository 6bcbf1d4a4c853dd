import { useEffect, useState } from 'react';
import type { Account } from '@/lib/accounts/model';
import { callBackground } from '@/lib/messaging/background-client';
import type { AsterAgentRow, AsterAgentsReport } from '@/lib/messaging/operations-api';
import { UnconfirmedBadge } from '../Badges';
import { useAction } from '../useAction';

/** A permission Aster may leave out: said as unknown, never guessed. */
function permissionsInWords(agent: AsterAgentRow): string {
  const rights = [
    ['trade futures', agent.canPerpTrade],
    ['trade spot', agent.canSpotTrade],
    ['withdraw', agent.canWithdraw],
  ] as const;
  const allowed = rights.filter(([, value]) => value === true).map(([what]) => what);
  const unknown = rights.filter(([, value]) => value === null).map(([what]) => what);
  const base = allowed.length > 0 ? `May ${allowed.join(', ')}` : 'Read only';
  return unknown.length > 0 ? `${base} (Aster did not say whether it may ${unknown.join(', ')})` : base;
}

function expiryInWords(agent: AsterAgentRow): string {
  if (agent.expiresAt === null) return 'Expiry not given by Aster';
  const date = new Date(agent.expiresAt).toLocaleDateString();
  return agent.expired ? `Expired on ${date}: Aster refuses its signatures` : `Expires ${date}`;
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
      `Revoked "${label(agent)}" on Aster.${
        result.removedFromVault
          ? ' Its key was wiped from this vault.'
          : result.keptForNetworks.length > 0
            ? ` Its key stays in the vault: it is still approved on ${result.keptForNetworks.join(', ')}.`
            : ''
      }`,
    );
    onChanged();
    await load();
  }

  const reasonId = `revoke-reason-${account.id}`;
  return (
    <div className="card stack" role="region" aria-label={`On Aster: API wallets for ${account.name}`}>
      <div className="row">
        <h3>On Aster</h3>
        <button type="button" className="small" disabled={read.busy} onClick={() => void load()}>
          {read.busy ? 'Reading…' : 'Reload Aster’s list'}
        </button>
      </div>
      {read.error && <p role="alert">{read.error}</p>}
      {report && (
        <>
          <p className="small muted">
            {report.agents.length} API wallet{report.agents.length === 1 ? '' : 's'} on Aster, read with{' '}
            {report.readWith === 'api-wallet' ? 'an API wallet of this vault' : `${account.name}’s own key`}.
          </p>
          {report.revoke.reason && (
            <p id={reasonId} className="small muted">
              {report.revoke.reason}
            </p>
          )}
          {report.agents.length > 0 && (
            <ul className="agents">
              {report.agents.map((agent) => (
                <li key={agent.address} aria-label={`API wallet ${label(agent)}`}>
                  <strong>{agent.name ?? '(no name)'}</strong> <code>{agent.address}</code>{' '}
                  <span className="badge">{agent.vaultAgentId ? 'Key in this vault' : 'Made elsewhere'}</span>
                  {agent.expired && <span className="badge warning">Expired</span>}
                  <ul className="small">
                    <li>{permissionsInWords(agent)}</li>
                    <li>{expiryInWords(agent)}</li>
                    <li>
                      {agent.ipWhitelist.length > 0
                        ? `IP whitelist: ${agent.ipWhitelist.join(', ')}`
                        : 'No IP whitelist (any IP)'}
                    </li>
                    {agent.source && <li>Made through: {agent.source}</li>}
                    {agent.differences.map((d) => (
                      <li key={d}>{d}</li>
                    ))}
                  </ul>
                  {!report.revoke.available ? (
                    <button type="button" className="small" disabled aria-describedby={reasonId}>
                      Revoke {label(agent)}
                    </button>
                  ) : confirming === agent.address ? (
                    <div role="alertdialog" aria-label={`Revoke ${label(agent)}?`} className="confirm stack">
                      <p>
                        Aster will refuse every request “{label(agent)}” signs from then on.{' '}
                        {agent.vaultAgentId
                          ? 'Its key is then wiped from this vault.'
                          : 'It was made elsewhere: whatever uses it (a bot, another app) stops working.'}
                      </p>
                      <p className="small">
                        <UnconfirmedBadge what="Revoke" /> DELETE /fapi/v3/agent and its signature are known
                        from a demo script of Aster’s, not from an API document: Aster may refuse it.
                      </p>
                      <div className="row">
                        <button
                          type="button"
                          className="destructive-inline"
                          disabled={revoke.busy}
                          onClick={() => void confirmRevoke(agent)}
                        >
                          Confirm revoke
                        </button>
                        {/* Focus moves into the confirmation, onto the safe choice. */}
                        <button type="button" autoFocus onClick={() => setConfirming(null)}>
                          Cancel
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
                        Revoke {label(agent)}…
                      </button>
                      <UnconfirmedBadge what="Revoke" />
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
          {report.missingOnAster.length > 0 && (
            <section aria-label="In the vault, not on Aster’s list">
              <p className="small">
                <strong>In the vault, not on Aster’s list:</strong>
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
