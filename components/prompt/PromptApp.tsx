import { createContext, useCallback, useContext, useEffect, useId, useRef, useState } from 'react';
import * as v from 'valibot';
import { browser } from 'wxt/browser';
import type { SigningSummary } from '@/lib/aster/decode';
import { callBackground } from '@/lib/messaging/background-client';
import type { ApprovalView } from '@/lib/messaging/page-api';
import { vaultChangedEvent } from '@/lib/messaging/popup-api';
import { shortAddress } from '../Badges';
import { useVaultStore } from '../stores/vault-store';
import { SigningSummaryView } from '../SigningSummaryView';
import { Unlock } from '../Unlock';
import '../app.css';
import '../stores/theme-store';
import { useDeliberateClick } from './useDeliberateClick';
import { APPROVE_DELAY_MS, useVisibleFor } from './useVisibleFor';

/** Which approval, and where it is shown (the frame in the page, or the extension's popup window). */
const PlacementContext = createContext({ approvalId: '', inWindow: false });

const KEEP_ALIVE_MS = 20_000;

/** The approval prompt: what the exchange asks, decoded in plain words, with Approve and Reject. */
export function PromptApp({ approvalId, inWindow = false }: { approvalId: string; inWindow?: boolean }) {
  const { state, refresh } = useVaultStore();
  const [approval, setApproval] = useState<ApprovalView | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<'approved' | 'rejected' | null>(null);

  useEffect(() => {
    void refresh();
    callBackground('approval.get', { id: approvalId }).then(setApproval, () => setApproval(null));
    const onEvent = (message: unknown) => {
      if (v.is(vaultChangedEvent, message)) void refresh();
    };
    browser.runtime.onMessage.addListener(onEvent);
    // The worker keeps the request only while it runs: keep it awake while the trader reads.
    const keepAlive = setInterval(
      () => void callBackground('approval.keepAlive', { id: approvalId }).catch(() => undefined),
      KEEP_ALIVE_MS,
    );
    return () => {
      browser.runtime.onMessage.removeListener(onEvent);
      clearInterval(keepAlive);
    };
  }, [approvalId, refresh]);

  const decide = useCallback(
    async (approve: boolean, options: { autoLogin?: boolean; accountId?: string } = {}) => {
      setError(null);
      try {
        await callBackground('approval.decide', { id: approvalId, approve, ...options });
        setDone(approve ? 'approved' : 'rejected');
        if (inWindow) window.close();
      } catch (failure) {
        setError(failure instanceof Error ? failure.message : 'The answer did not reach Aster Companion.');
      }
    },
    [approvalId, inWindow],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && approval?.status === 'pending' && !done) void decide(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [approval, decide, done]);

  if (!state || approval === undefined)
    return (
      <p className="screen muted" role="status">
        Loading…
      </p>
    );
  if (state.status === 'locked') return inWindow ? <Unlock /> : <UnlockInWindow approvalId={approvalId} />;
  if (!approval || approval.status !== 'pending') {
    return (
      <main className="screen">
        <h1>Aster Companion</h1>
        <p role="alert">This request is no longer waiting. Nothing was signed.</p>
      </main>
    );
  }
  if (done) {
    return (
      <main className="screen">
        <p role="status">{done === 'approved' ? 'Approved.' : 'Rejected.'}</p>
      </main>
    );
  }
  return (
    <PlacementContext.Provider value={{ approvalId, inWindow }}>
      <main className="screen prompt-screen">
        <p className="muted small">Aster Companion</p>
        <p className="origin">
          <strong>{approval.origin}</strong> asks:
        </p>
        {approval.kind === 'connect' ? (
          <ConnectRequest approval={approval} onDecide={decide} />
        ) : (
          <SignRequest approval={approval} onDecide={decide} />
        )}
        {error && <p role="alert">{error}</p>}
      </main>
    </PlacementContext.Provider>
  );
}

/** Moves this approval to the extension's popup window (the background then hides this frame). */
function toWindow(approvalId: string): void {
  void callBackground('approval.toWindow', { id: approvalId }).catch(() => undefined);
}

/**
 * The vault locked while this prompt is in the page: the password is typed only in the extension's own
 * window, never in a frame the page surrounds (it could draw a look-alike or watch the layout).
 */
function UnlockInWindow({ approvalId }: { approvalId: string }) {
  useEffect(() => toWindow(approvalId), [approvalId]);
  return (
    <main className="screen">
      <h1>Aster Companion is locked</h1>
      <p role="status">Unlock it in the Aster Companion window that opened; the request waits there.</p>
    </main>
  );
}

function Decision({
  approveLabel,
  blocked,
  onApprove,
  onReject,
}: {
  approveLabel: string;
  blocked: boolean;
  onApprove(): void;
  onReject(): void;
}) {
  const { approvalId, inWindow } = useContext(PlacementContext);
  const onCovered = useCallback(() => toWindow(approvalId), [approvalId]);
  const visible = useVisibleFor(APPROVE_DELAY_MS, inWindow ? undefined : onCovered);
  const approve = useRef<HTMLButtonElement>(null);
  const deliberate = useDeliberateClick(visible && !blocked, approve);
  const [hint, setHint] = useState(false);
  return (
    <>
      <div className="row decision">
        <button type="button" autoFocus onClick={onReject}>
          Reject
        </button>
        <button
          ref={approve}
          type="button"
          className="primary"
          disabled={blocked || !visible}
          onClick={(event) => {
            // A click by a pointer that did not move onto the button since it became active was not aimed.
            if (deliberate(event)) onApprove();
            else setHint(true);
          }}
        >
          {approveLabel}
        </button>
      </div>
      {hint && (
        <p role="status" className="muted small">
          Not approved: move the pointer onto {approveLabel}, then click it.
        </p>
      )}
    </>
  );
}

function ConnectRequest({
  approval,
  onDecide,
}: {
  approval: ApprovalView;
  onDecide(approve: boolean, options?: { autoLogin?: boolean; accountId?: string }): void;
}) {
  const id = useId();
  const [autoLogin, setAutoLogin] = useState(false);
  /** '' follows the active account (the default); an id exposes only that account. */
  const [exposed, setExposed] = useState('');
  const account = approval.account;
  const choices = approval.choices ?? [];
  return (
    <section aria-label="Connect request">
      <h1>Connect this site?</h1>
      {account ? (
        <p>
          By default it sees your active account, <strong>{account.name}</strong> (
          <code>{shortAddress(account.address)}</code>), and follows when you switch accounts in Aster
          Companion. It cannot sign anything without you.
        </p>
      ) : (
        <p role="note" className="warning-text">
          Your vault has no account yet: add one in Aster Companion, then the site will see it.
        </p>
      )}
      {choices.length > 1 && (
        <div className="field">
          <label htmlFor={`${id}-account`}>Account this site sees</label>
          <select id={`${id}-account`} value={exposed} onChange={(event) => setExposed(event.target.value)}>
            <option value="">Follow my active account (recommended)</option>
            {choices.map((choice) => (
              <option key={choice.id} value={choice.id}>
                Only {choice.name} ({choice.kind === 'evm' ? 'EVM' : 'Solana'} {shortAddress(choice.address)})
              </option>
            ))}
          </select>
        </div>
      )}
      <label htmlFor={id} className="checkbox">
        <input
          id={id}
          type="checkbox"
          checked={autoLogin}
          onChange={(event) => setAutoLogin(event.target.checked)}
        />
        Sign me in to Aster automatically when I switch accounts (only Aster's exact login message, only on
        this site)
      </label>
      <Decision
        approveLabel="Connect"
        blocked={false}
        onApprove={() => onDecide(true, { autoLogin, ...(exposed ? { accountId: exposed } : {}) })}
        onReject={() => onDecide(false)}
      />
    </section>
  );
}

function SignRequest({ approval, onDecide }: { approval: ApprovalView; onDecide(approve: boolean): void }) {
  const summary = approval.summary as SigningSummary;
  const blocked = summary.verdict.level === 'block';
  return (
    <section aria-label="Signature request">
      <h1>{summary.title}</h1>
      {approval.signer && (
        <p>
          Signed by <strong>{approval.signer.name}</strong> (
          <code>{shortAddress(approval.signer.address)}</code>)
        </p>
      )}
      <SigningSummaryView summary={summary} />
      <Decision
        approveLabel="Approve"
        blocked={blocked}
        onApprove={() => onDecide(true)}
        onReject={() => onDecide(false)}
      />
    </section>
  );
}
