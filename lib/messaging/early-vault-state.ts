import { browser } from 'wxt/browser';
import { HOME_ROUTE, routeOf } from '../page-route';
import type { POPUP_CHANNEL } from './popup-api';

/**
 * The popup's first calls, sent by a tiny classic script (entrypoints/popup-early.ts) that runs before the
 * browser has even fetched React and the screens, so the background's answers travel while that code is
 * fetched, compiled and evaluated instead of after it: `vault.state`, and, when the page opens at home,
 * home's snapshot (`aster.home`: the accounts and their cached balances, a refresh started), which the
 * unlocked first screen shows. The popup's entry takes them from here.
 */
const SENT = '__asterEarlyVaultState';
const HOME_SENT = '__asterEarlyHome';
/** The benchmark's breakdown of the first render reads these marks (scripts/bench.ts). */
const ANSWERED_MARK = 'aster:vault-state';
const HOME_ANSWERED_MARK = 'aster:home-snapshot';

type Holder = { [SENT]?: Promise<unknown>; [HOME_SENT]?: Promise<unknown> };

function ask(method: string, params: object, answeredMark: string): Promise<unknown> {
  const sent: Promise<unknown> = browser.runtime.sendMessage({
    channel: 'popup' satisfies typeof POPUP_CHANNEL,
    method,
    params,
  });
  const mark = () => void performance.mark(answeredMark);
  sent.then(mark, mark);
  return sent;
}

const askVaultState = () => ask('vault.state', { activity: true }, ANSWERED_MARK);

const opensAtHome = () => routeOf(globalThis.location?.hash ?? '') === HOME_ROUTE;

/** Sends the calls and leaves their answers on the page for `takeEarlyVaultState` and `takeEarlyHome`. */
export function sendEarlyVaultState(): void {
  const holder = globalThis as Holder;
  holder[SENT] = askVaultState();
  // (A locked vault answers it with an error, at no cost: home asks again once it is unlocked.)
  if (opensAtHome()) holder[HOME_SENT] = ask('aster.home', { refresh: true }, HOME_ANSWERED_MARK);
}

/** The early call's raw answer, once; asks now when the early script did not run (e.g. a test page). */
export function takeEarlyVaultState(): Promise<unknown> {
  const holder = globalThis as Holder;
  const sent = holder[SENT];
  delete holder[SENT];
  return sent ?? askVaultState();
}

/** The early `aster.home` call's raw answer, once; null when it was not sent. */
export function takeEarlyHome(): Promise<unknown> | null {
  const holder = globalThis as Holder;
  const sent = holder[HOME_SENT];
  delete holder[HOME_SENT];
  return sent ?? null;
}
