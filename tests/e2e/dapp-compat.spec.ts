import type { Page } from '@playwright/test';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { recoverMessageAddress } from 'viem';
import { connectCompanion, k, noPrompt, promptFrame, rpc, seedVault, test } from './exchange';
import { expect } from './fixtures';

/**
 * The provider as a dapp expects it (issue 11 §5), on the simulator's exchange page, driven by a dapp built
 * like real ones (tests/e2e/dapp-compat/dapp.ts: mipd + viem custom transport, @wallet-standard/app).
 */

let dappScript: Promise<string> | undefined;
function dappBundle(): Promise<string> {
  dappScript ??= build({
    entryPoints: [fileURLToPath(new URL('./dapp-compat/dapp.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]!.text);
  return dappScript;
}

interface Dapp {
  heard: { accountsChanged: unknown[]; chainChanged: unknown[]; solanaChange: string[][] };
  connectEvm(): Promise<string[]>;
  evmAddresses(): Promise<string[]>;
  evmChainId(): Promise<number>;
  connectSolana(): Promise<string[]>;
  solanaAccounts(): string[];
}
type WithDapp = Window & {
  dapp: Dapp;
  ethereum: Record<string, unknown> & { request(a: object): Promise<unknown> };
};

async function loadDapp(page: Page): Promise<void> {
  // Evaluated (not a script tag): the exchange page's CSP, if any, stays as it is.
  await page.evaluate(await dappBundle());
}

/** The exchange page, connected to the EVM master through the page's own Connect flow, with the dapp loaded. */
async function connectedDapp(page: Page, exchangeUrl: string) {
  await connectCompanion(page, exchangeUrl, { autoLogin: false });
  await loadDapp(page);
  // Already connected: viem's requestAddresses answers without a prompt.
  expect(await page.evaluate(() => (window as unknown as WithDapp).dapp.connectEvm())).toEqual([
    k.evmMaster.address,
  ]);
  expect(noPrompt(page)).toBe(true);
}

const lower = (address: string) => address.toLowerCase();

test('frozen provider: a page script can neither emit nor replace request; the dapp hears only real switches', async ({
  popup,
  context,
  exchangeUrl,
}) => {
  const ids = await seedVault(popup);
  const page = await context.newPage();
  await connectedDapp(page, exchangeUrl);

  const attack = await page.evaluate(() => {
    'use strict';
    const fake = ['0x000000000000000000000000000000000000dEaD'];
    const ethereum = (window as unknown as WithDapp).ethereum;
    const outcomes: Record<string, string> = {};
    const attempt = (name: string, act: () => unknown) => {
      try {
        const result = act();
        outcomes[name] = result === false ? 'refused' : 'done';
      } catch (error) {
        outcomes[name] = (error as Error).name;
      }
    };
    attempt('emit', () => (ethereum.emit as (e: string, a: unknown) => void)('accountsChanged', fake));
    attempt('assign request', () => {
      ethereum.request = async () => fake;
    });
    attempt('define request', () => Object.defineProperty(ethereum, 'request', { value: async () => fake }));
    attempt('add emit', () => Reflect.set(ethereum, 'emit', () => undefined));
    attempt('delete on', () => Reflect.deleteProperty(ethereum, 'on'));
    return {
      outcomes,
      frozen: Object.isFrozen(ethereum),
      keys: Object.keys(ethereum).sort(),
    };
  });
  expect(attack.outcomes).toEqual({
    emit: 'TypeError',
    'assign request': 'TypeError',
    'define request': 'TypeError',
    'add emit': 'refused',
    'delete on': 'refused',
  });
  expect(attack.frozen).toBe(true);
  for (const internal of ['emit', 'listeners', 'state', 'transport', 'follow'])
    expect(attack.keys).not.toContain(internal);

  const dapp = () => page.evaluate(() => (window as unknown as WithDapp).dapp.heard);
  expect((await dapp()).accountsChanged).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as WithDapp).dapp.evmAddresses())).toEqual([
    k.evmMaster.address,
  ]);

  // A real switch still reaches the dapp's listener.
  await rpc(popup, 'accounts.setActive', { id: ids.grid.id });
  await expect.poll(async () => (await dapp()).accountsChanged).toEqual([[lower(k.evmSubGrid.address)]]);
});

test('legacy surface: enable, send, sendAsync (single and batch), isConnected, with JSON-RPC envelopes', async ({
  popup,
  context,
  exchangeUrl,
}) => {
  await seedVault(popup);
  const page = await context.newPage();
  await connectedDapp(page, exchangeUrl);
  const legacy = await page.evaluate(async () => {
    type Legacy = {
      enable(): Promise<unknown>;
      isConnected(): boolean;
      send(a: unknown, b?: unknown): unknown;
      sendAsync(p: unknown, cb: (e: unknown, r: unknown) => void): void;
    };
    const ethereum = (window as unknown as { ethereum: Legacy }).ethereum;
    const viaCallback = (call: (cb: (e: unknown, r: unknown) => void) => void) =>
      new Promise((resolve) =>
        call((error, response) =>
          resolve({ error: error ? (error as { code: number }).code : null, response }),
        ),
      );
    return {
      enable: await ethereum.enable(),
      isConnected: ethereum.isConnected(),
      sendMethod: await ethereum.send('eth_chainId', []),
      sendRejected: await (ethereum.send('eth_sign', []) as Promise<unknown>).catch(
        (e: { code: number }) => e.code,
      ),
      sendPayload: await viaCallback((cb) =>
        ethereum.send({ id: 11, jsonrpc: '2.0', method: 'eth_accounts', params: [] }, cb),
      ),
      sendAsync: await viaCallback((cb) =>
        ethereum.sendAsync({ id: 'a', jsonrpc: '2.0', method: 'net_version' }, cb),
      ),
      sendAsyncError: await viaCallback((cb) =>
        ethereum.sendAsync({ id: 12, jsonrpc: '2.0', method: 'eth_sendTransaction', params: [{}] }, cb),
      ),
      batch: await viaCallback((cb) =>
        ethereum.sendAsync(
          [
            { id: 1, jsonrpc: '2.0', method: 'eth_chainId' },
            { id: 2, jsonrpc: '2.0', method: 'constructor' },
          ],
          cb,
        ),
      ),
      sync: ethereum.send({ id: 3, jsonrpc: '2.0', method: 'eth_accounts' }),
    };
  });
  const me = lower(k.evmMaster.address);
  expect(legacy.enable).toEqual([me]);
  expect(legacy.isConnected).toBe(true);
  expect(legacy.sendMethod).toEqual({ jsonrpc: '2.0', result: '0x38' });
  expect(legacy.sendRejected).toBe(4200);
  expect(legacy.sendPayload).toEqual({ error: null, response: { id: 11, jsonrpc: '2.0', result: [me] } });
  expect(legacy.sendAsync).toEqual({ error: null, response: { id: 'a', jsonrpc: '2.0', result: '56' } });
  expect(legacy.sendAsyncError).toMatchObject({
    error: 4200,
    response: { id: 12, jsonrpc: '2.0', error: { code: 4200 } },
  });
  expect(legacy.batch).toMatchObject({
    error: null,
    response: [
      { id: 1, jsonrpc: '2.0', result: '0x38' },
      { id: 2, jsonrpc: '2.0', error: { code: 4200 } },
    ],
  });
  expect(legacy.sync).toEqual({ id: 3, jsonrpc: '2.0', result: [me] });
  expect(noPrompt(page)).toBe(true);
});

test('personal_sign with [address, message] signs the message for the connected account; another account is refused', async ({
  popup,
  context,
  exchangeUrl,
}) => {
  await seedVault(popup);
  const page = await context.newPage();
  await connectedDapp(page, exchangeUrl);
  const request = (params: unknown[]) =>
    page.evaluate(async (p) => {
      try {
        return {
          result: await (window as unknown as WithDapp).ethereum.request({
            method: 'personal_sign',
            params: p,
          }),
        };
      } catch (error) {
        return { code: (error as { code: number }).code };
      }
    }, params);

  expect(await request([k.evmSubGrid.address, '0x68656c6c6f'])).toEqual({ code: 4100 });
  expect(noPrompt(page)).toBe(true);

  const signed = request([k.evmMaster.address, '0x68656c6c6f']);
  const prompt = await promptFrame(page);
  await expect(prompt.getByRole('heading', { level: 1 })).toHaveText('Unrecognised signing request');
  // The prompt shows the message that is signed (the second param), not the address.
  await expect(prompt.getByRole('region', { name: 'Signature request' })).toContainText('hello');
  await prompt.getByRole('button', { name: 'Approve' }).click();
  const { result } = (await signed) as { result: `0x${string}` };
  expect(await recoverMessageAddress({ message: 'hello', signature: result })).toBe(k.evmMaster.address);
});

test('chain ids, methods and events named after Object.prototype are refused and never echoed', async ({
  popup,
  context,
  exchangeUrl,
}) => {
  await seedVault(popup);
  const page = await context.newPage();
  await connectedDapp(page, exchangeUrl);
  const outcome = await page.evaluate(async () => {
    const names = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
    const ethereum = (window as unknown as WithDapp).ethereum as unknown as {
      request(a: object): Promise<unknown>;
      on(e: string, l: () => void): unknown;
    };
    const code = (p: Promise<unknown>) =>
      p.then(
        (result) => ({ result }),
        (e: { code: number; message: string }) => ({
          code: e.code,
          echoed: names.some((n) => e.message.includes(`Chain ${n}`)),
        }),
      );
    let oddEvents = 0;
    const out: Record<string, unknown> = {};
    for (const name of names) {
      ethereum.on(name, () => (oddEvents += 1));
      out[`chain ${name}`] = await code(
        ethereum.request({ method: 'wallet_switchEthereumChain', params: [{ chainId: name }] }),
      );
      out[`method ${name}`] = await code(ethereum.request({ method: name, params: [] }));
    }
    out.chainId = await ethereum.request({ method: 'eth_chainId' });
    out.viemChainId = await (window as unknown as WithDapp).dapp.evmChainId();
    out.oddEvents = oddEvents;
    return out;
  });
  for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
    expect(outcome[`chain ${name}`]).toEqual({ code: 4902, echoed: false });
    expect(outcome[`method ${name}`]).toMatchObject({ code: 4200 });
  }
  expect(outcome.chainId).toBe('0x38');
  expect(outcome.viemChainId).toBe(56);
  expect(outcome.oddEvents).toBe(0);
  expect((await page.evaluate(() => (window as unknown as WithDapp).dapp.heard)).chainChanged).toEqual([]);
});

test('Solana: connected while an EVM account was active, the dapp gets change with the account after a switch, and [] after switching away', async ({
  popup,
  context,
  exchangeUrl,
}) => {
  const ids = await seedVault(popup);
  const page = await context.newPage();
  await page.goto(exchangeUrl);
  await loadDapp(page);
  const dapp = <T>(fn: (d: Dapp) => T | Promise<T>) =>
    page.evaluate(`(${fn.toString()})(window.dapp)`) as Promise<T>;

  const connecting = dapp((d) => d.connectSolana());
  const prompt = await promptFrame(page);
  await expect(prompt.getByRole('heading', { name: 'Connect this site?' })).toBeVisible();
  await prompt.getByRole('button', { name: 'Connect' }).click();
  expect(await connecting).toEqual([]); // MainDesk (EVM) is active

  await rpc(popup, 'accounts.setActive', { id: ids.sol.id });
  await expect.poll(() => dapp((d) => d.solanaAccounts())).toEqual([k.solanaMaster.address]);
  expect(await dapp((d) => d.heard.solanaChange)).toEqual([[k.solanaMaster.address]]);

  await rpc(popup, 'accounts.setActive', { id: ids.main.id });
  await expect.poll(() => dapp((d) => d.heard.solanaChange)).toEqual([[k.solanaMaster.address], []]);
  expect(await dapp((d) => d.solanaAccounts())).toEqual([]);
});
