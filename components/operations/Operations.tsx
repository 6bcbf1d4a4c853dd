import { useEffect, useState, type FormEvent } from 'react';
import type { Account } from '@/lib/accounts/model';
import { callBackground } from '@/lib/messaging/background-client';
import {
  WITHDRAW_CHAIN_NAMES,
  type NetworkName,
  type OperationRecord,
  type WithdrawalRecord,
} from '@/lib/messaging/operations-api';
import { useAccountsStore } from '../stores/accounts-store';
import { useAction } from '../useAction';
import { Agents } from './Agents';
import { useOperationsStore } from './operations-store';
import { Portfolio } from './Portfolio';
import { SubAccountsTask } from './SubAccounts';
import { Sweep, TransferForm } from './Transfers';
import { Withdraw } from './Withdraw';
import './operations.css';
import { Field } from './Field';
import { NetworkProfile } from './NetworkProfile';

export const OPERATION_SECTIONS = [
  ['portfolio', 'Portfolio'],
  ['transfer', 'Transfer'],
  ['sweep', 'Sweep'],
  ['create', 'Create sub-account'],
  ['manage', 'Rename / freeze'],
  ['agents', 'API wallets'],
  ['withdraw', 'Withdraw'],
  ['network', 'Network'],
] as const;

export type OperationSection = (typeof OPERATION_SECTIONS)[number][0];

/** Sub-account operations on Aster for one master's family, routed as `#/operations/<section>`. */
export function Operations({ section, navigate }: { section: string; navigate(route: string): void }) {
  const accounts = useAccountsStore((s) => s.accounts);
  const { network, networkError, masterId, loadNetwork, selectMaster } = useOperationsStore();
  useEffect(() => {
    void loadNetwork();
  }, [loadNetwork]);
  const masters = (accounts ?? []).filter((a) => a.role === 'master');
  const master = masters.find((m) => m.id === masterId) ?? masters[0];
  const current = (OPERATION_SECTIONS.find(([key]) => key === section)?.[0] ??
    'portfolio') as OperationSection;
  const family = master ? (accounts ?? []).filter((a) => a.id === master.id || a.parentId === master.id) : [];

  return (
    <section className="stack operations" aria-label="Operations on Aster">
      <div className="row spread wrap">
        <h2>Operations on Aster</h2>
        <span className="badge network-badge" aria-label="Network">
          {network
            ? network.network === 'simulator'
              ? `Simulator ${network.simulatorUrl}`
              : network.network
            : '…'}
        </span>
      </div>
      {networkError && <p role="alert">{networkError}</p>}
      <InterruptedOperations key={network ? `${network.network}:${network.simulatorUrl}` : 'loading'} />
      <nav className="op-nav" aria-label="Operations">
        {OPERATION_SECTIONS.map(([key, label]) => (
          <button
            key={key}
            type="button"
            className="small"
            aria-current={current === key ? 'page' : undefined}
            onClick={() => navigate(`/operations/${key}`)}
          >
            {label}
          </button>
        ))}
      </nav>
      {current === 'network' ? (
        <>
          <NetworkSettings key={network ? 'loaded' : 'loading'} />
          {network && (
            <NetworkProfile
              key={`${network.network}:${network.simulatorUrl}`}
              accounts={accounts ?? []}
              preferredId={master?.id}
              navigate={navigate}
            />
          )}
        </>
      ) : !accounts ? (
        <p role="status">Loading accounts…</p>
      ) : !master ? (
        <p className="card">Add a master account first (Accounts tab).</p>
      ) : (
        <>
          {masters.length > 1 && (
            <Field label="Master account">
              {(id) => (
                <select id={id} value={master.id} onChange={(event) => selectMaster(event.target.value)}>
                  {masters.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <SectionView section={current} master={master} family={family} navigate={navigate} />
        </>
      )}
    </section>
  );
}

function SectionView({
  section,
  master,
  family,
  navigate,
}: {
  section: OperationSection;
  master: Account;
  family: Account[];
  navigate(route: string): void;
}) {
  switch (section) {
    case 'transfer':
      return <TransferForm key={master.id} family={family} />;
    case 'sweep':
      return <Sweep key={master.id} family={family} />;
    // One task page: create, rename and freeze together (both routes lead to it).
    case 'create':
    case 'manage':
      return <SubAccountsTask key={master.id} master={master} family={family} />;
    case 'agents':
      return <Agents key={master.id} family={family} />;
    case 'withdraw':
      return (
        <Withdraw
          key={master.id}
          family={family}
          onSweep={() => navigate('/operations/sweep')}
          onTransfer={() => navigate('/operations/transfer')}
        />
      );
    default:
      return (
        <Portfolio
          key={master.id}
          master={master}
          family={family}
          onTransfer={() => navigate('/operations/transfer')}
        />
      );
  }
}

const OUTCOME_WORDS: Record<OperationRecord['status'], string> = {
  made: 'Made.',
  'not-made': 'Not made.',
  unknown: 'Outcome unknown.',
  sending: 'Being checked…',
};

/**
 * Operations interrupted by a stopped worker (or whose outcome Aster did not confirm): the background settles
 * each from Aster's ledgers (transfers) or withdrawal history (withdrawals) when this list is read, and says
 * what happened — or why it is still unknown — until the trader dismisses it.
 */
function InterruptedOperations() {
  const [records, setRecords] = useState<OperationRecord[]>([]);
  const journalVersion = useOperationsStore((s) => s.journalVersion);
  const { busy, error, run } = useAction();
  async function load() {
    const list = await run(() => callBackground('aster.interruptedOperations', {}));
    if (list) setRecords(list);
  }
  async function dismiss(id: string) {
    const list = await run(() => callBackground('aster.dismissOperation', { id }));
    if (list) setRecords(list);
  }
  useEffect(() => {
    void run(() => callBackground('aster.interruptedOperations', {})).then(
      (list) => list && setRecords(list),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on opening, and when an operation may have joined
  }, [journalVersion]);
  if (records.length === 0 && !error) return null;
  return (
    <section className="card stack" aria-label="Interrupted operations">
      <h3>Interrupted operations</h3>
      {error && <p role="alert">{error}</p>}
      <ul className="stack">
        {records.map((r) =>
          r.kind === 'withdrawal' ? (
            <InterruptedWithdrawal
              key={r.id}
              record={r}
              busy={busy}
              onCheck={() => void load()}
              onDismiss={() => void dismiss(r.id)}
            />
          ) : (
            <li key={r.id} aria-label={`Transfer of ${r.amount} ${r.asset} to ${r.toName}`}>
              <p>
                {r.amount} {r.asset} from {r.fromName} ({r.fromWallet}) to {r.toName} ({r.toWallet}),{' '}
                {new Date(r.startedAt).toLocaleString()}: <Outcome status={r.status} /> {r.message}
              </p>
              <div className="row">
                {r.status === 'unknown' && (
                  <button type="button" className="small" disabled={busy} onClick={() => void load()}>
                    Check Aster's ledger again
                  </button>
                )}
                {r.status !== 'sending' && (
                  <button type="button" className="small" disabled={busy} onClick={() => void dismiss(r.id)}>
                    Dismiss
                  </button>
                )}
              </div>
            </li>
          ),
        )}
      </ul>
    </section>
  );
}

function Outcome({ status }: { status: OperationRecord['status'] }) {
  return (
    <strong className={status === 'made' ? 'success' : status === 'unknown' ? 'error-text' : ''}>
      {OUTCOME_WORDS[status]}
    </strong>
  );
}

/**
 * A withdrawal whose answer was lost: settled from Aster's withdrawal history when it can be; otherwise checked
 * again on demand, or by the trader on Aster's site and dismissed by hand (the last resort).
 */
function InterruptedWithdrawal({
  record: r,
  busy,
  onCheck,
  onDismiss,
}: {
  record: WithdrawalRecord;
  busy: boolean;
  onCheck(): void;
  onDismiss(): void;
}) {
  const chain = WITHDRAW_CHAIN_NAMES[r.chainId];
  return (
    <li aria-label={`Withdrawal of ${r.amount} ${r.asset} from ${r.fromName}`}>
      <p>
        Withdrawal of {r.amount} {r.asset} (fee {r.fee}) from {r.fromName} to {r.receiver} on {chain},{' '}
        {new Date(r.startedAt).toLocaleString()}: <Outcome status={r.status} /> {r.message}
      </p>
      {r.status === 'unknown' && (
        <p className="muted small">
          If Aster's withdrawal history cannot settle it, look it up in the withdrawal history on Aster's
          site, and on {chain} for {r.receiver}, then dismiss this entry.
        </p>
      )}
      <div className="row">
        {r.status === 'unknown' && (
          <button type="button" className="small" disabled={busy} onClick={onCheck}>
            Check Aster's withdrawal history again
          </button>
        )}
        {r.status !== 'sending' && (
          <button type="button" className="small" disabled={busy} onClick={onDismiss}>
            Dismiss
          </button>
        )}
      </div>
    </li>
  );
}

function NetworkSettings() {
  const { network, setNetwork } = useOperationsStore();
  const [choice, setChoice] = useState<NetworkName>(network?.network ?? 'mainnet');
  const [url, setUrl] = useState(network?.simulatorUrl ?? 'http://localhost:8787');
  const { busy, error, run } = useAction();
  const [saved, setSaved] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const result = await run(() =>
      callBackground('aster.setNetwork', {
        network: choice,
        ...(choice === 'simulator' ? { simulatorUrl: url } : {}),
      }),
    );
    if (result) {
      setNetwork(result);
      setSaved(true);
    }
  }

  return (
    <form className="card stack" onSubmit={submit} aria-label="Network">
      <fieldset>
        <legend>Which Aster the operations use</legend>
        {(
          [
            ['mainnet', 'Aster mainnet'],
            ['testnet', 'Aster testnet'],
            ['simulator', 'Local simulator'],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className="checkbox">
            <input
              type="radio"
              name="network"
              value={value}
              checked={choice === value}
              onChange={() => setChoice(value)}
            />
            {label}
          </label>
        ))}
      </fieldset>
      {choice === 'simulator' && (
        <>
          <Field label="Simulator URL">
            {(id) => (
              <input id={id} value={url} onChange={(event) => setUrl(event.target.value)} inputMode="url" />
            )}
          </Field>
          <p className="muted small">
            On this computer only. Requests signed for the simulator are valid on Aster too: use it with test
            keys.
          </p>
        </>
      )}
      {error && <p role="alert">{error}</p>}
      {saved && network && (
        <p role="status">
          Now using{' '}
          {network.network === 'simulator'
            ? `the simulator at ${network.simulatorUrl}`
            : `Aster ${network.network}`}
          .
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        Save network
      </button>
    </form>
  );
}
