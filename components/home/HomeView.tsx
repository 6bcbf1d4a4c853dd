import {
  memo,
  startTransition,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import { browser } from 'wxt/browser';
import type { Account } from '@/lib/accounts/model';
import { t } from '@/lib/i18n';
import type { HomeBalance } from '@/lib/messaging/home-api';
import { AccountsState } from '../AccountsState';
import { shortAddress } from '../Badges';
import { useAccountsStore } from '../stores/accounts-store';
import { familiesOf, filterFamilies, moveHighlight, rowsOf } from './account-search';
import { ageText, amountFormatter, totalOf, usdtFormatter } from './balance-format';
import { takeEarlyLoad, useHomeStore } from './home-store';
import './home.css';

/**
 * Marks for the benchmark (performance.mark, read from the popup page):
 * - `aster:home-rendered`: the home list was first committed to the DOM with the vault's accounts (cached
 *   balances included when there are any);
 * - `aster:active-family-balances`: every account of the active account's family shows the result of this
 *   open's refresh (its balances, or why they could not be read), not the cache.
 * Each is set once per page load.
 */
const marked = { rendered: false, family: false };

const optionId = (accountId: string) => `home-option-${accountId}`;

/** Home: the active account on top, every family below with equity and badges, search and switching. */
export function HomeView({ onAdd, onManage }: { onAdd(): void; onManage(): void }) {
  const accounts = useAccountsStore((s) => s.accounts);
  const activeId = useAccountsStore((s) => s.activeId);
  const { balances, refresh, loadError, load, applyStorageChange } = useHomeStore();
  const [switchError, setSwitchError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [highlight, setHighlight] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const listRef = useRef<HTMLUListElement>(null);
  const ids = useId();

  useEffect(() => {
    void (takeEarlyLoad() ?? load(true));
  }, [load]);
  useEffect(() => {
    // Results land one account at a time: they are applied together, once per frame.
    let pending: Record<string, { newValue?: unknown }> | null = null;
    let frame = 0;
    const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area !== 'session') return;
      pending = { ...pending, ...changes };
      frame ||= requestAnimationFrame(() => {
        frame = 0;
        if (pending) applyStorageChange(pending);
        pending = null;
      });
    };
    browser.storage.onChanged.addListener(listener);
    return () => {
      browser.storage.onChanged.removeListener(listener);
      cancelAnimationFrame(frame);
    };
  }, [applyStorageChange]);
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(tick);
  }, []);

  const families = useMemo(() => familiesOf(accounts ?? []), [accounts]);
  const shown = useMemo(() => filterFamilies(families, query), [families, query]);
  // The first paint lists the active family only; every family follows right after it (16 × 15 accounts
  // would otherwise make the first paint wait for thousands of elements).
  const [allListed, setAllListed] = useState(false);
  const hasAccounts = accounts !== null;
  useEffect(() => {
    if (!hasAccounts || allListed) return;
    const frame = requestAnimationFrame(() => startTransition(() => setAllListed(true)));
    return () => cancelAnimationFrame(frame);
  }, [hasAccounts, allListed]);
  const rows = useMemo(() => rowsOf(shown), [shown]);
  const usdt = useMemo(() => usdtFormatter(), []);
  const amount = useMemo(() => amountFormatter(), []);
  // The highlight, else the active account, else the first row: always one of the rows shown.
  const current =
    [highlight, activeId].find((id) => id !== null && rows.some((a) => a.id === id)) ?? rows[0]?.id ?? null;

  const active = accounts?.find((a) => a.id === activeId) ?? null;
  const activeFamily = families.find((f) => f.master.id === activeId || f.master.id === active?.parentId);
  const familyIds = activeFamily ? [activeFamily.master, ...activeFamily.subs].map((a) => a.id) : [];
  const done = refresh
    ? (accounts ?? []).filter((a) => (balances[a.id]?.attemptedAt ?? 0) >= refresh.startedAt).length
    : 0;
  const running = refresh !== null && refresh.finishedAt === null;
  const familyFresh =
    refresh !== null &&
    familyIds.length > 0 &&
    familyIds.every((id) => (balances[id]?.attemptedAt ?? 0) >= refresh.startedAt);

  useLayoutEffect(() => {
    if (!marked.rendered && accounts) {
      marked.rendered = true;
      performance.mark('aster:home-rendered');
      listRef.current?.querySelector('[aria-current="true"]')?.scrollIntoView({ block: 'nearest' });
    }
  }, [accounts]);
  useEffect(() => {
    if (familyFresh && !marked.family) {
      marked.family = true;
      performance.mark('aster:active-family-balances');
    }
  }, [familyFresh]);
  // The row the keys move to (the active one until they move) stays in view, also when the search changes
  // and when the other families are listed around it.
  useEffect(() => {
    if (current) document.getElementById(optionId(current))?.scrollIntoView({ block: 'nearest' });
  }, [current, query, allListed]);

  // Stable across renders, so that a balance landing re-renders its own row only (rows are memoised).
  const switchTo = useCallback((id: string) => {
    setHighlight(id);
    const accountsStore = useAccountsStore.getState();
    if (id === accountsStore.activeId) return;
    setSwitchError(null);
    accountsStore
      .setActive(id)
      .catch((error: unknown) => setSwitchError(error instanceof Error ? error.message : String(error)));
  }, []);
  const onKeyDown = (event: KeyboardEvent) => {
    if (['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(event.key)) {
      if (event.currentTarget instanceof HTMLInputElement && (event.key === 'Home' || event.key === 'End'))
        return; // In the search field, Home/End move the caret.
      event.preventDefault();
      setHighlight(moveHighlight(rows, current, event.key));
    } else if (event.key === 'Enter' && current) {
      event.preventDefault();
      switchTo(current);
    } else if (event.key === 'Escape' && query !== '') {
      event.preventDefault();
      setQuery('');
    }
  };

  if (loadError && !accounts)
    return <AccountsState kind="failed" error={loadError} onRetry={() => void load(true)} />;
  if (!accounts) return <AccountsState kind="loading" />;
  if (accounts.length === 0)
    return (
      <section className="stack" aria-label={t('accounts.title')}>
        <AccountsState kind="empty" />
        <button type="button" onClick={onAdd}>
          {t('accounts.addAccount')}
        </button>
      </section>
    );

  const grand = totalOf(accounts.map((a) => balances[a.id]));
  const familyTotal = totalOf(familyIds.map((id) => balances[id]));
  const notBackedUp = accounts.filter((a) => a.backup.state === 'not-backed-up').length;
  const listId = `${ids}-list`;

  return (
    <section className="stack home" aria-label={t('home.title')}>
      {active && (
        <section className="card home-active" aria-label={t('home.activeAccount')}>
          <p className="muted small">{t('home.activeAccount')}</p>
          <AccountLine account={active} balance={balances[active.id]} usdt={usdt} amount={amount} now={now} />
          <dl className="home-totals">
            {activeFamily && (
              <div>
                <dt>{t('home.familyOf', { name: activeFamily.master.name })}</dt>
                <dd>{t('home.usdt', { amount: usdt.format(Number(familyTotal.equity)) })}</dd>
              </div>
            )}
            <div>
              <dt>{t('home.grandTotal')}</dt>
              <dd>{t('home.usdt', { amount: usdt.format(Number(grand.equity)) })}</dd>
            </div>
          </dl>
          {(grand.partial || familyTotal.partial) && <p className="muted small">{t('home.partial')}</p>}
        </section>
      )}
      {running && (
        <div className="home-progress">
          <progress aria-label={t('home.readingLabel')} max={refresh.total} value={done} />
          <p role="status" className="muted small">
            {t('home.reading', { done, total: refresh.total })}
          </p>
        </div>
      )}
      {switchError && <p role="alert">{t('home.switchFailed', { reason: switchError })}</p>}
      {notBackedUp > 0 && (
        <p role="note" className="warning-text">
          {t('accounts.notBackedUp', notBackedUp)}
        </p>
      )}
      <div className="row spread">
        <button type="button" className="small" onClick={onAdd}>
          {t('accounts.addAccount')}
        </button>
        <button type="button" className="small" onClick={onManage}>
          {t('home.manage')}
        </button>
        <button type="button" className="small ghost" disabled={running} onClick={() => void load(true)}>
          {t('home.refresh')}
        </button>
      </div>
      <label htmlFor={`${ids}-search`}>{t('home.search')}</label>
      <input
        id={`${ids}-search`}
        type="search"
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={current ? optionId(current) : undefined}
        aria-describedby={`${ids}-hint`}
        placeholder={t('home.searchPlaceholder')}
        autoComplete="off"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <p id={`${ids}-hint`} className="muted small">
        {t('home.searchHint')}
      </p>
      {rows.length === 0 && <p className="muted">{t('home.noMatch', { query })}</p>}
      <ul
        ref={listRef}
        id={listId}
        role="listbox"
        aria-label={t('home.list')}
        tabIndex={0}
        aria-activedescendant={current ? optionId(current) : undefined}
        className="home-list"
        onKeyDown={onKeyDown}
      >
        {(allListed || !activeFamily
          ? shown
          : shown.filter((family) => family.master.id === activeFamily.master.id)
        ).map((family) => {
          const head = `${ids}-family-${family.master.id}`;
          const members = [family.master, ...families.find((f) => f.master.id === family.master.id)!.subs];
          const total = totalOf(members.map((a) => balances[a.id]));
          return (
            <li key={family.master.id} role="presentation" className="home-family">
              <div id={head} className="home-family-head">
                {t('home.familyTotal', {
                  name: family.master.name,
                  amount: t('home.usdt', { amount: usdt.format(Number(total.equity)) }),
                })}
              </div>
              <ul role="group" aria-labelledby={head}>
                {(family.masterShown ? [family.master, ...family.subs] : family.subs).map((account) => (
                  <AccountOption
                    key={account.id}
                    account={account}
                    balance={balances[account.id]}
                    active={account.id === activeId}
                    highlighted={account.id === current}
                    usdt={usdt}
                    amount={amount}
                    now={now}
                    onSwitch={switchTo}
                  />
                ))}
              </ul>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

interface LineProps {
  account: Account;
  balance: HomeBalance | undefined;
  usdt: Intl.NumberFormat;
  amount: Intl.NumberFormat;
  now: number;
}

/** An account option: one click (or Enter while highlighted) switches to it. */
const AccountOption = memo(function AccountOption({
  active,
  highlighted,
  onSwitch,
  ...line
}: LineProps & { active: boolean; highlighted: boolean; onSwitch(id: string): void }) {
  return (
    <li
      id={optionId(line.account.id)}
      role="option"
      aria-selected={highlighted}
      aria-current={active ? 'true' : undefined}
      className={`home-option ${line.account.role}${highlighted ? ' highlighted' : ''}${active ? ' active' : ''}`}
      onClick={() => onSwitch(line.account.id)}
    >
      <AccountLine {...line} />
      {active && <span className="badge active-badge">{t('home.active')}</span>}
    </li>
  );
});

/** Name, address, equity, badges and the last read: the same words in the active card and in the list. */
function AccountLine({ account, balance, usdt, amount, now }: LineProps) {
  return (
    <div className="home-line">
      <span className="home-name">
        <strong>{account.name}</strong> <code title={account.address}>{shortAddress(account.address)}</code>
      </span>
      <span className="home-equity">
        {balance?.equity != null
          ? t('home.usdt', { amount: usdt.format(Number(balance.equity)) })
          : t('home.notRead')}
      </span>
      <span className="badges">
        <span className="badge">{account.role === 'master' ? t('home.master') : t('home.sub')}</span>
        <span className="badge">{account.kind === 'evm' ? t('home.kindEvm') : t('home.kindSolana')}</span>
        {account.status === 'FROZEN' && <span className="badge frozen">{t('home.frozen')}</span>}
        {!account.hasKey ? (
          <span className="badge">{t('home.watchOnly')}</span>
        ) : account.backup.state === 'not-backed-up' ? (
          <span className="badge warning">{t('home.notBackedUp')}</span>
        ) : (
          <span className="badge">{t('home.backedUp')}</span>
        )}
        {balance && balance.negative.length > 0 && (
          <span className="badge warning">{t('home.negativeBadge')}</span>
        )}
      </span>
      {balance?.negative.map((n) => (
        <span key={n.asset} className="home-note warning-text small">
          {t('home.negative', { asset: n.asset })}
        </span>
      ))}
      {balance?.unvalued.map((u) => (
        <span key={u.asset} className="home-note muted small">
          {t('home.notValued', { amount: amount.format(Number(u.amount)), asset: u.asset })}
        </span>
      ))}
      {balance?.error && (
        <span className="home-note error-text small">{t('home.failed', { reason: balance.error })}</span>
      )}
      {balance?.readAt != null && (
        <span className="home-note muted small">
          {t('home.updated', { age: ageText(balance.readAt, now) })}
        </span>
      )}
    </div>
  );
}
