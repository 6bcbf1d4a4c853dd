import { useState } from 'react';
import { callBackground } from '@/lib/messaging/background-client';
import type { PopupVaultState } from '@/lib/messaging/popup-api';
import { formatClock } from './format';
import { Settings } from './Settings';
import { useAction } from './useAction';

type Tab = 'accounts' | 'settings';

export function Home({ state }: { state: PopupVaultState }) {
  const [tab, setTab] = useState<Tab>('accounts');
  const { busy, run } = useAction();
  return (
    <div className="screen">
      <header className="topbar">
        <h1>Aster Companion</h1>
        <button
          type="button"
          disabled={busy}
          onClick={() => void run(() => callBackground('vault.lock', {}))}
        >
          Lock now
        </button>
      </header>
      <nav className="tabs" aria-label="Sections">
        {(['accounts', 'settings'] as const).map((name) => (
          <button
            key={name}
            type="button"
            aria-current={tab === name ? 'page' : undefined}
            onClick={() => setTab(name)}
          >
            {name === 'accounts' ? 'Accounts' : 'Settings'}
          </button>
        ))}
      </nav>
      <main>
        {tab === 'accounts' ? (
          <section className="card" aria-label="Accounts">
            <h2>Vault unlocked</h2>
            <p role="status">
              {state.lockDeadline === null
                ? 'Auto-lock is off: lock the vault yourself when you step away.'
                : `Locks itself at ${formatClock(state.lockDeadline)} if you are idle.`}
            </p>
            <p className="muted">
              No accounts yet. Adding master and sub-account keys comes in the next release.
            </p>
          </section>
        ) : (
          <Settings state={state} />
        )}
      </main>
    </div>
  );
}
