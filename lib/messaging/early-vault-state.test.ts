import * as v from 'valibot';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { popupContract, POPUP_CHANNEL } from './popup-api';
import { requestEnvelope } from './rpc';
import { sendEarlyVaultState, takeEarlyVaultState } from './early-vault-state';

describe('the popup’s early vault.state call', () => {
  afterEach(() => vi.restoreAllMocks());

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
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('is asked by the entry itself when the early script did not run, and the early answer is taken once', async () => {
    const send = vi.spyOn(browser.runtime, 'sendMessage').mockResolvedValue({ ok: true, result: 1 } as never);
    sendEarlyVaultState();
    await takeEarlyVaultState();
    await takeEarlyVaultState();
    expect(send).toHaveBeenCalledTimes(2);
    expect(send.mock.calls[1]![0]).toEqual(send.mock.calls[0]![0]);
  });
});
