import * as v from 'valibot';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { popupContract, POPUP_CHANNEL } from './popup-api';
import { requestEnvelope } from './rpc';
import { sendEarlyVaultState, takeEarlyHome, takeEarlyVaultState } from './early-vault-state';
import { operationsContract } from './operations-api';

/** The vault.state requests among what was sent (the early script may ask for home's snapshot too). */
const vaultStateCalls = (send: { mock: { calls: unknown[][] } }) =>
  send.mock.calls
    .map(([message]) => message)
    .filter((m) => (m as { method: string }).method === 'vault.state');

describe('the popup’s early vault.state call', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    void takeEarlyHome();
    vi.unstubAllGlobals();
  });

  it('is a valid popup-contract request (the background’s schemas accept it)', () => {
    const send = vi
      .spyOn(browser.runtime, 'sendMessage')
      .mockResolvedValue({ ok: true, result: {} } as never);
    sendEarlyVaultState();
    const message = send.mock.calls[0]![0] as unknown as { channel: string; method: string; params: unknown };
    expect(v.is(requestEnvelope, message)).toBe(true);
    expect(message.channel).toBe(POPUP_CHANNEL);
    expect(message.method).toBe('vault.state');
    expect(v.is(popupContract['vault.state'].params, message.params)).toBe(true);
    void takeEarlyVaultState();
  });

  it('is sent once: the entry takes the early answer instead of asking again', async () => {
    const answer = { ok: true, result: { status: 'locked' } };
    const send = vi.spyOn(browser.runtime, 'sendMessage').mockResolvedValue(answer as never);
    sendEarlyVaultState();
    await expect(takeEarlyVaultState()).resolves.toBe(answer);
    expect(vaultStateCalls(send)).toHaveLength(1);
  });

  it('is asked by the entry itself when the early script did not run, and the early answer is taken once', async () => {
    const send = vi.spyOn(browser.runtime, 'sendMessage').mockResolvedValue({ ok: true, result: 1 } as never);
    sendEarlyVaultState();
    await takeEarlyVaultState();
    await takeEarlyVaultState();
    const calls = vaultStateCalls(send);
    expect(calls).toHaveLength(2);
    expect(calls[1]).toEqual(calls[0]);
  });

  it('opening at home, asks for home’s snapshot too (refresh on), a valid request taken once', async () => {
    const send = vi.spyOn(browser.runtime, 'sendMessage').mockResolvedValue({ ok: true, result: 1 } as never);
    for (const hash of ['', '#/accounts']) {
      send.mockClear();
      vi.stubGlobal('location', { hash });
      sendEarlyVaultState();
      const home = send.mock.calls[1]![0] as unknown as { channel: string; method: string; params: unknown };
      expect(v.is(requestEnvelope, home)).toBe(true);
      expect(home.channel).toBe(POPUP_CHANNEL);
      expect(home.method).toBe('aster.home');
      expect(home.params).toEqual({ refresh: true });
      expect(v.is(operationsContract['aster.home'].params, home.params)).toBe(true);
      await expect(takeEarlyHome()).resolves.toEqual({ ok: true, result: 1 });
      expect(takeEarlyHome()).toBeNull();
      void takeEarlyVaultState();
    }
  });

  it('opening at another route, asks for the vault’s state only', () => {
    const send = vi.spyOn(browser.runtime, 'sendMessage').mockResolvedValue({ ok: true, result: 1 } as never);
    vi.stubGlobal('location', { hash: '#/settings' });
    sendEarlyVaultState();
    expect(send).toHaveBeenCalledTimes(1);
    expect(takeEarlyHome()).toBeNull();
    void takeEarlyVaultState();
  });
});
