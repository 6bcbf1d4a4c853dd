import { clickInShadow, findInShadow, isInShadow } from './closed-shadow';
import {
  connectCompanion,
  k,
  noPrompt,
  promptFrame,
  rpc,
  seedVault,
  signedInWithConsent,
  submitPageTransfer,
  test,
  pendingSignIn,
} from './exchange';
import { expect } from './fixtures';

test('discovered through EIP-6963 and the Wallet Standard; connect asks once; sign-in prompts without consent', async ({
  popup,
  context,
  exchangeUrl,
}) => {
  await seedVault(popup);
  const page = await context.newPage();
  await page.goto(exchangeUrl);
  await page.getByRole('button', { name: 'Connect wallet' }).click();
  const list = page.getByRole('list', { name: 'Choose a wallet' });
  await expect(list.getByRole('button', { name: /^Aster Companion.*EVM/ })).toBeVisible();
  await expect(list.getByRole('button', { name: /^Aster Companion.*Solana/ })).toBeVisible();
  await connectCompanion(page, exchangeUrl, { autoLogin: false });

  // Without standing consent the login message is shown like any other request.
  await page.getByRole('button', { name: 'Sign in' }).click();
  const prompt = await promptFrame(page);
  await expect(prompt.getByRole('heading', { name: /sign in|login|Log in/i })).toBeVisible();
  await prompt.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByTestId('signed-in-address')).toHaveText(k.evmMaster.address);
});

test('switching from the popup, the in-page switcher and the command handler: the page follows and signs in again without a prompt', async ({
  popup,
  context,
  exchangeUrl,
  serviceWorker,
}) => {
  const { page } = await signedInWithConsent(popup, context, exchangeUrl);
  const signedIn = page.getByTestId('signed-in-address');

  await popup.reload();
  // One click on the account's row in home switches to it.
  await popup.getByRole('option', { name: /^Grid01/ }).click();
  await expect(signedIn).toHaveText(k.evmSubGrid.address);
  expect(noPrompt(page)).toBe(true);

  // The in-page switcher (closed shadow root): open it, type to filter, Enter.
  await clickInShadow(page, 'button', /Switch account$/);
  // A choice counts once the whole menu has been seen for the delay (it says so while it checks).
  await findInShadow(page, 'listbox', 'Accounts', 10_000, { enabled: true });
  await page.keyboard.type('Main');
  await page.keyboard.press('Enter');
  await expect(signedIn).toHaveText(k.evmMaster.address);
  await expect.poll(() => isInShadow(page, 'button', /account: MainDesk/)).toBe(true);

  // The keyboard shortcut's handler (headless Chromium has no browser shortcuts to press).
  const worker = await serviceWorker();
  await worker.evaluate(() =>
    (globalThis as unknown as { __handleCommand(c: string): Promise<void> }).__handleCommand('next-account'),
  );
  await expect(signedIn).toHaveText(k.evmSubGrid.address);
  expect(noPrompt(page)).toBe(true);

  // Locking hides every account from the page at once.
  await popup.getByRole('button', { name: 'Lock now' }).click();
  await expect(page.getByTestId('wallet-state')).toContainText(/disconnected/i);
});

test('a transfer prompt shows the decoded summary; approve → the simulator accepts; reject → 4001', async ({
  popup,
  context,
  exchangeUrl,
  sim,
}) => {
  const { page } = await signedInWithConsent(popup, context, exchangeUrl);
  const transfer = async (amount: string) => {
    await submitPageTransfer(page, amount);
    return promptFrame(page);
  };
  const before = await (await fetch(`${sim.url}/__sim/state`)).json();
  let prompt = await transfer('10');
  await expect(prompt.getByRole('heading', { level: 1 })).toContainText('10 USDT');
  const summary = prompt.getByRole('region', { name: 'Signature request' });
  await expect(summary.getByText('MainDesk').first()).toBeVisible();
  await expect(summary.getByText('Grid01').first()).toBeVisible();
  // Grid01's key was imported and never backed up: sending it funds is flagged.
  await expect(summary.getByRole('alert')).toContainText('"Grid01" is not backed up');
  await prompt.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByText(/Transfer done: 10 USDT/)).toBeVisible();
  const after = await (await fetch(`${sim.url}/__sim/state`)).json();
  expect(JSON.stringify(after)).not.toBe(JSON.stringify(before));

  prompt = await transfer('5');
  await prompt.getByRole('button', { name: 'Reject' }).click();
  await expect(
    page
      .getByRole('alert')
      .filter({ hasText: /reject/i })
      .first(),
  ).toBeVisible();
});

test('refuses what it must: not connected, another from-account, transactions, unknown chains and methods, forged messages', async ({
  popup,
  context,
  exchangeUrl,
  dumpStorage,
}) => {
  await seedVault(popup);
  const page = await context.newPage();
  await page.goto(exchangeUrl);
  const call = (method: string, params?: unknown) =>
    page.evaluate(
      async ([m, p]) => {
        const ethereum = (window as unknown as { ethereum: { request(a: object): Promise<unknown> } })
          .ethereum;
        try {
          return { result: await ethereum.request({ method: m, params: p }) };
        } catch (error) {
          return { code: (error as { code: number }).code, message: (error as Error).message };
        }
      },
      [method, params] as const,
    );
  expect(await call('eth_accounts')).toEqual({ result: [] });
  expect(await call('personal_sign', ['0x68656c6c6f', k.evmMaster.address])).toMatchObject({ code: 4100 });

  await connectCompanion(page, exchangeUrl, { autoLogin: true });
  expect(await call('eth_accounts')).toEqual({ result: [k.evmMaster.address.toLowerCase()] });
  expect(await call('eth_chainId')).toEqual({ result: '0x38' });
  const other = await call('personal_sign', ['0x68656c6c6f', k.evmSubGrid.address]);
  expect(other).toMatchObject({ code: 4100, message: expect.stringContaining('connected account is') });
  const loginAsOther = await call('personal_sign', [
    'You are signing into Astherus 123',
    k.evmSubGrid.address,
  ]);
  expect(loginAsOther).toMatchObject({ code: 4100 });
  expect(await call('eth_sendTransaction', [{ to: k.evmSubGrid.address, value: '0x1' }])).toMatchObject({
    code: 4200,
    message: expect.stringContaining('sends no on-chain transactions'),
  });
  expect(await call('eth_getBalance', [k.evmMaster.address, 'latest'])).toMatchObject({ code: 4200 });
  expect(await call('wallet_switchEthereumChain', [{ chainId: '0x89' }])).toMatchObject({ code: 4902 });
  expect(await call('wallet_switchEthereumChain', [{ chainId: '0xa4b1' }])).toEqual({ result: null });
  expect(await call('eth_chainId')).toEqual({ result: '0xa4b1' });
  expect(await call('eth_signTypedData_v4', [k.evmMaster.address, '{not json'])).toMatchObject({
    code: -32602,
  });

  // Forged and malformed messages straight to the relay: ignored, nothing reaches a signer.
  await page.evaluate(() => {
    const forged = [
      {
        target: 'aster-companion-content',
        id: 1,
        request: { method: 'personal_sign' },
        origin: 'https://www.asterdex.com',
      },
      { target: 'aster-companion-content', id: 'x', request: { method: 'eth_accounts' } },
      { target: 'aster-companion-content', id: 2, request: { method: 42 } },
      { target: 'aster-companion-content', id: 3 },
      {
        target: 'aster-companion-inpage',
        event: 'state',
        state: { chainId: '0x1', evmAccounts: ['0xdead'], solanaAccounts: [] },
      },
      'aster-companion-content',
      null,
    ];
    for (const message of forged) window.postMessage(message, '*');
  });
  // A huge request is refused unread.
  expect(await call('personal_sign', ['0x' + '41'.repeat(200_000), k.evmMaster.address])).toMatchObject({
    code: -32602,
  });
  await page.waitForTimeout(300);
  expect(noPrompt(page)).toBe(true);
  const dump = await dumpStorage();
  const approvals = (dump.session['dapp.approvals'] ?? {}) as Record<string, { kind: string }>;
  expect(Object.values(approvals).filter((a) => a.kind !== 'connect')).toEqual([]);
});

test('a site that is not an exchange gets no provider at all', async ({ context, staticServer, popup }) => {
  await seedVault(popup);
  const page = await context.newPage();
  await page.goto(staticServer.url);
  const found = await page.evaluate(async () => {
    const announced: string[] = [];
    window.addEventListener('eip6963:announceProvider', (event) =>
      announced.push((event as CustomEvent<{ info: { name: string } }>).detail.info.name),
    );
    window.dispatchEvent(new Event('eip6963:requestProvider'));
    await new Promise((r) => setTimeout(r, 300));
    return { ethereum: 'ethereum' in window, announced };
  });
  expect(found).toEqual({ ethereum: false, announced: [] });
  expect(await isInShadow(page, 'button', /Switch account$/)).toBe(false);
});

test('a worker stopped during a pending approval fails the request cleanly (4900) and never signs it later', async ({
  popup,
  context,
  exchangeUrl,
  stopServiceWorker,
}) => {
  const { page, prompt } = await pendingSignIn(popup, context, exchangeUrl);
  await expect(prompt.getByRole('button', { name: 'Approve' })).toBeVisible();
  await stopServiceWorker();
  // 4900, which the page's client library (viem) words as a disconnected provider.
  await expect(
    page
      .getByRole('alert')
      .filter({ hasText: /disconnected/ })
      .first(),
  ).toBeVisible();
  // Nothing waits for the prompt any more: it leaves the page (it would otherwise cover the exchange), and
  // nothing is signed later. Approving just before or after such a stop: tests/e2e/faults.spec.ts.
  await expect.poll(() => noPrompt(page)).toBe(true);
  await expect(page.getByTestId('signed-in-address')).not.toHaveText(k.evmMaster.address);
  // The exchange is usable again at once: the next sign-in asks and works.
  await page.getByRole('button', { name: 'Sign in' }).click();
  await (await promptFrame(page)).getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByTestId('signed-in-address')).toHaveText(k.evmMaster.address);
});

test('key capture: the sub-account key the exchange shows once is offered in-page and saved on the trader’s click', async ({
  popup,
  context,
  exchangeUrl,
}) => {
  const { page } = await signedInWithConsent(popup, context, exchangeUrl);
  await page.getByLabel('Sub-account name').fill('Captured01');
  await page.getByRole('button', { name: 'Create sub-account' }).click();
  const prompt = await promptFrame(page);
  await expect(prompt.getByRole('heading', { level: 1 })).toContainText(/sub-account/i);
  await prompt.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByTestId('new-sub-account-key')).toHaveText(/^0x[0-9a-f]{64}$/);
  const key = (await page.getByTestId('new-sub-account-key').textContent())!.trim();

  await findInShadow(page, 'dialog', 'Save this key to Aster Companion');
  await clickInShadow(page, 'textbox', 'Name in Aster Companion');
  await page.keyboard.type('Captured01');
  await findInShadow(page, 'button', 'Save to Aster Companion', 10_000, { enabled: true });
  const backupTab = context.waitForEvent('page');
  // Enter in the name field submits the offer (keyboard works there too).
  await page.keyboard.press('Enter');
  const tab = await backupTab;
  await expect(tab.getByRole('heading', { name: 'Back up Captured01' })).toBeVisible();
  const accounts = await rpc<{ name: string; address: string }[]>(popup, 'accounts.list', {});
  const { privateKeyToAccount } = await import('viem/accounts');
  expect(accounts.find((a) => a.name === 'Captured01')?.address).toBe(
    privateKeyToAccount(key as `0x${string}`).address,
  );
});

test('Solana: the Wallet Standard wallet connects and signs in; switching emits change', async ({
  popup,
  context,
  exchangeUrl,
}) => {
  const { sol, main } = await seedVault(popup);
  await rpc(popup, 'accounts.setActive', { id: sol.id });
  const page = await context.newPage();
  await page.goto(exchangeUrl);
  await page.getByRole('button', { name: 'Connect wallet' }).click();
  await page.getByRole('button', { name: /^Aster Companion.*Solana/ }).click();
  const prompt = await promptFrame(page);
  await expect(prompt.getByText('SolDesk').first()).toBeVisible();
  await prompt.getByRole('checkbox', { name: /Sign me in to Aster automatically/ }).check();
  await prompt.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByTestId('wallet-state')).toContainText(k.solanaMaster.address);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-address')).toHaveText(k.solanaMaster.address);
  expect(noPrompt(page)).toBe(true);
  // Switching to an EVM account leaves the Solana wallet with no account: the page shows it.
  await rpc(popup, 'accounts.setActive', { id: main.id });
  await expect(page.getByTestId('wallet-state')).toContainText(/disconnected/i);
});

test('a site connected to one chosen account keeps seeing only it when the trader switches', async ({
  popup,
  context,
  exchangeUrl,
}) => {
  const { grid, main } = await seedVault(popup);
  const page = await context.newPage();
  await page.goto(exchangeUrl);
  await page.getByRole('button', { name: 'Connect wallet' }).click();
  await page.getByRole('button', { name: /^Aster Companion.*EVM/ }).click();
  const prompt = await promptFrame(page);
  await prompt.getByLabel('Account this site sees').selectOption(grid.id);
  await prompt.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByTestId('wallet-state')).toContainText(k.evmSubGrid.address);
  await rpc(popup, 'accounts.setActive', { id: grid.id });
  await rpc(popup, 'accounts.setActive', { id: main.id });
  const accounts = await page.evaluate(() =>
    (window as unknown as { ethereum: { request(a: object): Promise<unknown> } }).ethereum.request({
      method: 'eth_accounts',
    }),
  );
  expect(accounts).toEqual([k.evmSubGrid.address.toLowerCase()]);
});

test('closing the tab rejects its waiting request', async ({ popup, context, exchangeUrl, dumpStorage }) => {
  const { page } = await pendingSignIn(popup, context, exchangeUrl);
  await page.close();
  await expect
    .poll(async () =>
      Object.values(
        (await dumpStorage()).session['dapp.approvals'] as Record<string, { kind: string; status: string }>,
      )
        .filter((a) => a.kind === 'sign')
        .map((a) => a.status),
    )
    .toEqual(['rejected']);
});

test('the provider is injected only on the exchange sites in settings: removing one stops it, adding it back restores it', async ({
  popup,
  context,
  exchangeUrl,
}) => {
  await seedVault(popup);
  const page = await context.newPage();
  await page.goto(exchangeUrl);
  expect(await page.evaluate(() => 'ethereum' in window)).toBe(true);

  await popup.getByRole('button', { name: 'Settings' }).click();
  await popup.getByRole('button', { name: 'Remove http://localhost' }).click();
  await expect(popup.getByRole('button', { name: 'Remove http://localhost' })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Aster simulator' })).toBeVisible();
  expect(await page.evaluate(() => 'ethereum' in window)).toBe(false);

  await popup.getByLabel('Add an exchange site').fill('http://localhost');
  await popup.getByRole('button', { name: 'Add site' }).click();
  await popup.getByRole('button', { name: 'Add and allow signature requests' }).click();
  await expect(popup.getByRole('button', { name: 'Remove http://localhost' })).toBeVisible();
  await page.reload();
  await expect.poll(() => page.evaluate(() => 'ethereum' in window)).toBe(true);

  // A site the browser has not allowed is refused with the reason.
  await popup.getByLabel('Add an exchange site').fill('http://example.com');
  await popup.getByRole('button', { name: 'Add site' }).click();
  await expect(popup.getByRole('alert')).toContainText('https');
});
