import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useId,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import * as v from 'valibot';
import { browser } from 'wxt/browser';
import type { SigningSummary } from '@/lib/aster/decode';
import { keepPointerFocusOff } from '@/lib/content/deliberate-input';
import { t } from '@/lib/i18n';
import { callBackground } from '@/lib/messaging/background-client';
import type { ApprovalView } from '@/lib/messaging/page-api';
import { vaultChangedEvent } from '@/lib/messaging/popup-api';
import { shortAddress } from '../Badges';
import { useVaultStore } from '../stores/vault-store';
import { SummaryActions, SummaryFields, SummaryParties, SummaryVerdict } from '../SigningSummaryView';
import { Unlock } from '../Unlock';
import '../app.css';
import '../stores/theme-store';
import { initialControl } from './host-port';
import { interpolate } from './interpolate';
import './prompt.css';
import { useDeliberateClick } from './useDeliberateClick';
import { usePromptFit } from './usePromptFit';
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
  usePromptFit(inWindow);

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
        setError(failure instanceof Error ? failure.message : t('prompt.answerLost'));
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
      <main className="screen" aria-busy="true">
        <p className="muted" role="status">
          {t('common.loading')}
        </p>
      </main>
    );
  if (state.status === 'locked') return inWindow ? <Unlock /> : <UnlockInWindow approvalId={approvalId} />;
  if (!approval || approval.status !== 'pending') {
    return (
      <main className="screen">
        <h1>{t('extName')}</h1>
        <p role="alert">{t('prompt.noLongerWaiting')}</p>
      </main>
    );
  }
  if (done) {
    return (
      <main className="screen">
        <p role="status">{done === 'approved' ? t('prompt.approved') : t('prompt.rejected')}</p>
      </main>
    );
  }
  return (
    <PlacementContext.Provider value={{ approvalId, inWindow }}>
      <main className="screen prompt-screen">
        <p className="muted small">{t('extName')}</p>
        <p className="origin">
          {interpolate((s) => t('prompt.asks', s), { origin: <strong>{approval.origin}</strong> })}
        </p>
        {approval.kind === 'connect' ? (
          <ConnectRequest approval={approval} onDecide={decide} error={error} />
        ) : (
          <SignRequest approval={approval} onDecide={decide} error={error} />
        )}
        <FocusGuard />
      </main>
    </PlacementContext.Provider>
  );
}

/**
 * The prompt's last focusable element, after Approve: focus arriving here (Tab past Approve, or
 * Shift+Tab pressed in the page, which wraps from the document's start into this frame's end) goes to Reject.
 * Without it the page could blur its own first field so that the trader's Shift+Tab landed on the armed
 * Approve, and the next Enter signed. Like a dialog's focus-trap sentinel, it is never read: it hands the
 * focus on at once.
 */
function FocusGuard() {
  return (
    <span tabIndex={0} className="focus-guard" data-focus-guard onFocus={() => initialControl()?.focus()} />
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
      <h1>{t('prompt.lockedTitle')}</h1>
      <p role="status">{t('prompt.lockedBody')}</p>
    </main>
  );
}

/**
 * A request's layout: its head (what it is, the parties, the verdict) and its foot (Approve/Reject) always in
 * view; its details scroll inside when the frame or window is shorter than the whole request.
 */
function RequestLayout({
  label,
  head,
  details,
  foot,
}: {
  label: string;
  head: ReactNode;
  details?: ReactNode;
  foot: ReactNode;
}) {
  return (
    <section aria-label={label} className="prompt-request">
      <div className="prompt-head">{head}</div>
      {details && (
        // A region that can scroll is reachable by keyboard (tabIndex 0) and named.
        <div className="prompt-details" role="region" aria-label={t('prompt.details')} tabIndex={0}>
          {details}
        </div>
      )}
      <div className="prompt-foot">{foot}</div>
    </section>
  );
}

function Decision({
  approveLabel,
  blocked,
  error,
  onApprove,
  onReject,
}: {
  approveLabel: string;
  blocked: boolean;
  error: string | null;
  onApprove(): void;
  onReject(): void;
}) {
  const { approvalId, inWindow } = useContext(PlacementContext);
  const onCovered = useCallback(() => toWindow(approvalId), [approvalId]);
  const approve = useRef<HTMLButtonElement>(null);
  const visible = useVisibleFor(APPROVE_DELAY_MS, inWindow ? undefined : onCovered, approve, inWindow);
  const deliberate = useDeliberateClick(visible && !blocked, approve);
  const [hint, setHint] = useState(false);
  return (
    <>
      {error && <p role="alert">{error}</p>}
      {/*
        Laid over what is above the buttons, not in the flow: the hint appearing changes no size, so it
        neither resizes the frame nor moves Approve (which would restart its delay).
      */}
      {hint && (
        <p role="status" className="muted small prompt-hint">
          {t('prompt.notApproved', { action: approveLabel })}
        </p>
      )}
      <div className="row decision">
        <button type="button" autoFocus data-initial-focus onClick={onReject}>
          {t('prompt.reject')}
        </button>
        <button
          ref={approve}
          type="button"
          className="primary"
          disabled={blocked || !visible}
          // A press the page lured here must not leave the focus on Approve for the next Enter or Space.
          onMouseDown={keepPointerFocusOff}
          onClick={(event) => {
            // A click by a pointer that did not move onto the button since it became active was not aimed.
            if (deliberate(event)) onApprove();
            else setHint(true);
          }}
        >
          {approveLabel}
        </button>
      </div>
    </>
  );
}

type Decide = (approve: boolean, options?: { autoLogin?: boolean; accountId?: string }) => void;

function ConnectRequest({
  approval,
  onDecide,
  error,
}: {
  approval: ApprovalView;
  onDecide: Decide;
  error: string | null;
}) {
  const id = useId();
  const [autoLogin, setAutoLogin] = useState(false);
  /** '' follows the active account (the default); an id exposes only that account. */
  const [exposed, setExposed] = useState('');
  const account = approval.account;
  const choices = approval.choices ?? [];
  return (
    <RequestLayout
      label={t('prompt.connectRequest.label')}
      head={
        <>
          <h1>{t('prompt.connectRequest.title')}</h1>
          {account ? (
            <p>
              {interpolate((s) => t('prompt.connectRequest.sees', s), {
                account: <strong>{account.name}</strong>,
                address: <code>{shortAddress(account.address)}</code>,
              })}
            </p>
          ) : (
            <p role="note" className="warning-text">
              {t('prompt.connectRequest.noAccount')}
            </p>
          )}
        </>
      }
      details={
        <>
          {choices.length > 1 && (
            <div className="field">
              <label htmlFor={`${id}-account`}>{t('prompt.connectRequest.accountSeen')}</label>
              <select
                id={`${id}-account`}
                value={exposed}
                onChange={(event) => setExposed(event.target.value)}
              >
                <option value="">{t('prompt.connectRequest.followActive')}</option>
                {choices.map((choice) => (
                  <option key={choice.id} value={choice.id}>
                    {t('prompt.connectRequest.onlyAccount', {
                      name: choice.name,
                      kind: t(choice.kind === 'evm' ? 'prompt.kind.evm' : 'prompt.kind.solana'),
                      address: shortAddress(choice.address),
                    })}
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
            {t('prompt.connectRequest.autoLogin')}
          </label>
        </>
      }
      foot={
        <Decision
          approveLabel={t('prompt.connect')}
          blocked={false}
          error={error}
          onApprove={() => onDecide(true, { autoLogin, ...(exposed ? { accountId: exposed } : {}) })}
          onReject={() => onDecide(false)}
        />
      }
    />
  );
}

function SignRequest({
  approval,
  onDecide,
  error,
}: {
  approval: ApprovalView;
  onDecide: Decide;
  error: string | null;
}) {
  const summary = approval.summary as SigningSummary;
  const blocked = summary.verdict.level === 'block';
  const signer = approval.signer;
  return (
    <RequestLayout
      label={t('prompt.signRequest.label')}
      head={
        <>
          <h1>{summary.title}</h1>
          {signer && (
            <p>
              {interpolate((s) => t('prompt.signRequest.signedBy', s), {
                name: <strong>{signer.name}</strong>,
                address: <code>{shortAddress(signer.address)}</code>,
              })}
            </p>
          )}
          <SummaryParties summary={summary} />
          <SummaryVerdict summary={summary} />
        </>
      }
      details={
        <>
          <SummaryActions summary={summary} />
          <SummaryFields summary={summary} />
        </>
      }
      foot={
        <Decision
          approveLabel={t('prompt.approve')}
          blocked={blocked}
          error={error}
          onApprove={() => onDecide(true)}
          onReject={() => onDecide(false)}
        />
      }
    />
  );
}
