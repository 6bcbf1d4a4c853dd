import { browser } from 'wxt/browser';
import type { POPUP_CHANNEL } from './popup-api';

/**
 * The popup's first `vault.state` call, sent by a tiny classic script (entrypoints/popup-early.ts) that runs
 * before the browser has even fetched React and the screens, so the background's answer travels while that
 * code is fetched, compiled and evaluated instead of after it. The popup's entry takes it from here.
 */
const SENT = '__asterEarlyVaultState';
/** The benchmark's breakdown of the first render reads this mark (scripts/bench.ts). */
const ANSWERED_MARK = 'aster:vault-state';

type Holder = { [SENT]?: Promise<unknown> };

function askVaultState(): Promise<unknown> {
  const sent: Promise<unknown> = browser.runtime.sendMessage({
    channel: 'popup' satisfies typeof POPUP_CHANNEL,
    method: 'vault.state',
    params: { activity: true },
  });
  const mark = () => void performance.mark(ANSWERED_MARK);
  sent.then(mark, mark);
  return sent;
}

/** Sends the call and leaves its answer on the page for `takeEarlyVaultState`. */
export function sendEarlyVaultState(): void {
  (globalThis as Holder)[SENT] = askVaultState();
}

/** The early call's raw answer, once; asks now when the early script did not run (e.g. a test page). */
export function takeEarlyVaultState(): Promise<unknown> {
  const holder = globalThis as Holder;
  const sent = holder[SENT];
  delete holder[SENT];
  return sent ?? askVaultState();
}
