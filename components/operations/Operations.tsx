import { useEffect, useState, type FormEvent } from 'react';
import type { Account } from '@/lib/accounts/model';
import { callBackground } from '@/lib/messaging/background-client';
import {
  WITHDRAW_CHAIN_NAMES,
  type NetworkName,
  type OperationRecord,
  type WalletName,
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
import { messagesLocale, t } from '@/lib/i18n';

/**
 * The four things a trader does here, each a group of tasks; routed as `#/operations/<task>` (a group's key
 * opens its first task). The network screen is reached from the header, as `#/operations/network`.
 */
export const OPERATION_GROUPS = {
  move: ['portfolio', 'transfer', 'perpspot', 'sweep'],
  subaccounts: ['manage', 'create'],
  agents: ['agents'],
  withdraw: ['withdraw'],
} as const;

export type OperationGroup = keyof typeof OPERATION_GROUPS;
export type OperationSection = (typeof OPERATION_GROUPS)[OperationGroup][number] | 'network';

const GROUP_KEYS = Object.keys(OPERATION_GROUPS) as OperationGroup[];

const GROUP_LABELS: Record<OperationGroup, () => string> = {
  move: () => t('operations.nav.move'),
  subaccounts: () => t('operations.nav.subaccounts'),
  agents: () => t('operations.nav.agents'),
  withdraw: () => t('operations.nav.withdraw'),
};

const TASK_LABELS: Record<Exclude<OperationSection, 'network'>, () => string> = {
  portfolio: () => t('operations.nav.portfolio'),
  transfer: () => t('operations.nav.transfer'),
  perpspot: () => t('operations.nav.perpSpot'),
  sweep: () => t('operations.nav.sweep'),
  manage: () => t('operations.nav.manage'),
  create: () => t('operations.nav.create'),
  agents: () => t('operations.nav.agents'),
  withdraw: () => t('operations.nav.withdraw'),
};

/** The task a route names: a task's key, a group's key (its first task), or the network screen. */
export function sectionOf(route: string): { group: OperationGroup | null; section: OperationSection } {
  if (route === 'network') return { group: null, section: 'network' };
  if (route in OPERATION_GROUPS) {
    const group = route as OperationGroup;
    return { group, section: OPERATION_GROUPS[group][0] };
  }
  for (const group of GROUP_KEYS)
    if ((OPERATION_GROUPS[group] as readonly string[]).includes(route))
      return { group, section: route as OperationSection };
  return { group: 'move', section: 'portfolio' };
}

/** Sub-account operations on Aster for one master's family, grouped by task, routed as `#/operations/<task>`. */
export function Operations({ section, navigate }: { section: string; navigate(route: string): void }) {
  const accounts = useAccountsStore((s) => s.accounts);
  const { network, networkError, masterId, loadNetwork, selectMaster } = useOperationsStore();
  useEffect(() => {
    void loadNetwork();
  }, [loadNetwork]);
  const masters = (accounts ?? []).filter((a) => a.role === 'master');
  const master = masters.find((m) => m.id === masterId) ?? masters[0];
  const { group, section: current } = sectionOf(section);
  const family = master ? (accounts ?? []).filter((a) => a.id === master.id || a.parentId === master.id) : [];
  const tasks = group ? OPERATION_GROUPS[group] : [];

  return (
    <section className="stack operations" aria-label={t('operations.onAster')}>
      <div className="row spread wrap">
        <h2>{t('operations.onAster')}</h2>
        <a
          href="#/operations/network"
          className="badge network-badge"
          aria-current={current === 'network' ? 'page' : undefined}
          aria-label={t('operations.nav.networkLink', {
            network: network ? networkWords(network.network, network.simulatorUrl) : '…',
          })}
        >
          {network ? networkWords(network.network, network.simulatorUrl) : '…'}
        </a>
      </div>
      {networkError && <p role="alert">{networkError}</p>}
      <InterruptedOperations key={network ? `${network.network}:${network.simulatorUrl}` : 'loading'} />
      <nav className="op-nav" aria-label={t('operations.nav.label')}>
        {GROUP_KEYS.map((key) => (
          <button
            key={key}
            type="button"
            aria-current={group === key ? 'page' : undefined}
            onClick={() => navigate(`/operations/${key}`)}
          >
            {GROUP_LABELS[key]()}
          </button>
        ))}
      </nav>
      {group && tasks.length > 1 && (
        <nav className="op-nav op-tasks" aria-label={GROUP_LABELS[group]()}>
          {tasks.map((key) => (
            <button
              key={key}
              type="button"
              className="small"
              aria-current={current === key ? 'page' : undefined}
              onClick={() => navigate(`/operations/${key}`)}
            >
              {TASK_LABELS[key]()}
            </button>
          ))}
        </nav>
      )}
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
        <p role="status">{t('operations.loadingAccounts')}</p>
      ) : !master ? (
        <p className="card">{t('operations.addMasterFirst')}</p>
      ) : (
        <>
          {masters.length > 1 && (
            <Field label={t('operations.masterAccount')}>
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

/** The network in a few words: the header's badge. */
function networkWords(network: NetworkName, simulatorUrl: string | null): string {
  return network === 'simulator'
    ? t('operations.network.simulatorAt', { url: simulatorUrl ?? '' })
    : network === 'testnet'
      ? t('operations.network.testnet')
      : t('operations.network.mainnet');
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
      return <TransferForm key={master.id} master={master} family={family} />;
    case 'perpspot':
      return <TransferForm key={`${master.id}-perpspot`} master={master} family={family} perpSpot />;
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

const OUTCOME_WORDS: Record<OperationRecord['status'], () => string> = {
  made: () => t('operations.interrupted.made'),
  'not-made': () => t('operations.interrupted.notMade'),
  unknown: () => t('operations.interrupted.unknown'),
  sending: () => t('operations.interrupted.sending'),
};

const walletWords = (wallet: WalletName) =>
  wallet === 'futures' ? t('operations.sweep.futures') : t('operations.sweep.spot');

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
    <section className="card stack" aria-label={t('operations.interrupted.title')}>
      <h3>{t('operations.interrupted.title')}</h3>
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
            <li
              key={r.id}
              aria-label={t('operations.interrupted.transferLabel', {
                amount: r.amount,
                asset: r.asset,
                to: r.toName,
              })}
            >
              <p>
                {t('operations.interrupted.transfer', {
                  amount: r.amount,
                  asset: r.asset,
                  from: r.fromName,
                  fromWallet: walletWords(r.fromWallet),
                  to: r.toName,
                  toWallet: walletWords(r.toWallet),
                  when: new Date(r.startedAt).toLocaleString(messagesLocale()),
                })}{' '}
                <Outcome status={r.status} /> {r.message}
              </p>
              <div className="row">
                {r.status === 'unknown' && (
                  <button type="button" className="small" disabled={busy} onClick={() => void load()}>
                    {t('operations.interrupted.checkLedger')}
                  </button>
                )}
                {r.status !== 'sending' && (
                  <button type="button" className="small" disabled={busy} onClick={() => void dismiss(r.id)}>
                    {t('operations.interrupted.dismiss')}
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
      {OUTCOME_WORDS[status]()}
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
    <li
      aria-label={t('operations.interrupted.withdrawalLabel', {
        amount: r.amount,
        asset: r.asset,
        from: r.fromName,
      })}
    >
      <p>
        {t('operations.interrupted.withdrawal', {
          amount: r.amount,
          asset: r.asset,
          fee: r.fee,
          from: r.fromName,
          receiver: r.receiver,
          chain,
          when: new Date(r.startedAt).toLocaleString(messagesLocale()),
        })}{' '}
        <Outcome status={r.status} /> {r.message}
      </p>
      {r.status === 'unknown' && (
        <p className="muted small">{t('operations.interrupted.lookItUp', { chain, receiver: r.receiver })}</p>
      )}
      <div className="row">
        {r.status === 'unknown' && (
          <button type="button" className="small" disabled={busy} onClick={onCheck}>
            {t('operations.interrupted.checkHistory')}
          </button>
        )}
        {r.status !== 'sending' && (
          <button type="button" className="small" disabled={busy} onClick={onDismiss}>
            {t('operations.interrupted.dismiss')}
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
    <form className="card stack" onSubmit={submit} aria-label={t('operations.network.title')}>
      <fieldset>
        <legend>{t('operations.network.which')}</legend>
        {(
          [
            ['mainnet', t('operations.network.mainnet')],
            ['testnet', t('operations.network.testnet')],
            ['simulator', t('operations.network.simulator')],
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
          <Field label={t('operations.network.simulatorUrl')}>
            {(id) => (
              <input id={id} value={url} onChange={(event) => setUrl(event.target.value)} inputMode="url" />
            )}
          </Field>
          <p className="muted small">{t('operations.network.simulatorNote')}</p>
        </>
      )}
      {error && <p role="alert">{error}</p>}
      {saved && network && (
        <p role="status">
          {t('operations.network.nowUsing', { network: networkWords(network.network, network.simulatorUrl) })}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {t('operations.network.save')}
      </button>
    </form>
  );
}
