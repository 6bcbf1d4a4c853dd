import { useEffect, useState, type FormEvent } from 'react';
import type { Account } from '@/lib/accounts/model';
import { callBackground } from '@/lib/messaging/background-client';
import type { AgentInfo } from '@/lib/messaging/operations-api';
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

  if (!account) return <p className="card">No account with a key in this family.</p>;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const created = await create.run(() =>
      callBackground('aster.createAgent', {
        accountId,
        name: name.trim(),
        canSpotTrade: spot,
        canPerpTrade: perp,
        canWithdraw: account?.role === 'master' && withdraw,
        ipWhitelist: ips.split(/[\s,]+/).filter((ip) => ip !== ''),
        expiresInDays: Number(days),
      }),
    );
    if (created) {
      setAgents((current) => [...(current ?? []), created]);
      setName('');
    }
  }

  return (
    <section className="stack" aria-label="API wallets">
      <SelectField
        label="Account"
        value={accountId}
        choices={withKeys.map((a) => ({ value: a.id, label: a.name }))}
        onChange={(value) => {
          setAccountId(value);
          setAgents(null);
          setWithdraw(false);
        }}
      />
      {list.error && <p role="alert">{list.error}</p>}
      <div className="card" role="region" aria-label={`API wallets of ${account.name}`}>
        <p className="small muted">
          {agents?.length ?? 0} of {limit} API wallets ({account.role === 'sub' ? 'sub-account' : 'master'}{' '}
          limit).
        </p>
        {agents && agents.length > 0 && (
          <ul className="agents">
            {agents.map((agent) => (
              <li key={agent.id}>
                <strong>{agent.name}</strong> <code>{agent.address}</code>
                <span className="small">
                  {' '}
                  {[
                    agent.canPerpTrade && 'perp',
                    agent.canSpotTrade && 'spot',
                    agent.canWithdraw && 'withdraw',
                  ]
                    .filter(Boolean)
                    .join(', ') || 'read only'}
                  ; expires {new Date(agent.expiresAt).toLocaleDateString()};{' '}
                  {agent.approved ? 'approved' : 'not approved'}
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
                    Approve again
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {approve.error && <p role="alert">{approve.error}</p>}
      </div>
      <AsterAgentList key={account.id} account={account} onChanged={loadVaultAgents} />
      <form className="card stack" onSubmit={submit} aria-label="New API wallet" noValidate>
        <Field label="API wallet name">
          {(id) => (
            <input id={id} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
          )}
        </Field>
        <label className="row">
          <input type="checkbox" checked={perp} onChange={(e) => setPerp(e.target.checked)} />
          Futures trading
        </label>
        <label className="row">
          <input type="checkbox" checked={spot} onChange={(e) => setSpot(e.target.checked)} />
          Spot trading
        </label>
        <label className="row">
          <input
            type="checkbox"
            checked={withdraw && account.role === 'master'}
            disabled={account.role === 'sub'}
            aria-describedby="withdraw-note"
            onChange={(e) => setWithdraw(e.target.checked)}
          />
          Withdrawals
        </label>
        <p id="withdraw-note" className="muted small">
          {account.role === 'sub'
            ? 'A sub-account’s API wallet can never withdraw (Aster disables it permanently).'
            : `Withdrawal permission needs a fixed IP whitelist: Aster accepts such an API wallet only from the listed IPs, so it will fail from a home connection whose IP changes. ${
                account.kind === 'evm'
                  ? 'You do not need one for withdrawals here: the companion signs an EVM account’s withdrawals with the account’s own key.'
                  : 'A Solana account’s withdrawals do need one (its own key cannot sign Aster’s request): list the fixed IPs you withdraw from.'
              }`}
        </p>
        <Field label="IP whitelist (comma-separated)">
          {(id) => <input id={id} value={ips} onChange={(e) => setIps(e.target.value)} autoComplete="off" />}
        </Field>
        <Field label="Valid for (days)">
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
        <button type="submit" className="primary" disabled={create.busy || !name.trim()}>
          {create.busy ? 'Approving…' : 'Create and approve API wallet'}
        </button>
      </form>
    </section>
  );
}
