import { expect } from './fixtures';
import { connectCompanion, k, noPrompt, pendingSignIn, seedVault, test } from './exchange';

type Ethereum = { request(args: object): Promise<unknown> };

test('a flood of requests is rate-limited per origin and never stacks prompts', async ({
  popup,
  context,
  exchangeUrl,
  dumpStorage,
}) => {
  await seedVault(popup);
  const page = await context.newPage();
  await connectCompanion(page, exchangeUrl, { autoLogin: false });
  const outcome = await page.evaluate(async (from) => {
    const ethereum = (window as unknown as { ethereum: Ethereum }).ethereum;
    const codes: Record<string, number> = {};
    const calls = Array.from({ length: 300 }, (_, i) =>
      ethereum
        .request(i % 2 ? { method: 'eth_chainId' } : { method: 'personal_sign', params: ['0x6869', from] })
        .then(
          () => 'ok',
          (error: { code: number }) => String(error.code),
        ),
    );
    // Only the first signature request can be waiting; settle the rest without waiting for the trader.
    const settled = await Promise.race([
      Promise.allSettled(calls.slice(1)),
      new Promise((resolve) => setTimeout(resolve, 10_000)),
    ]);
    for (const result of (settled as PromiseSettledResult<string>[]) ?? []) {
      const key = result.status === 'fulfilled' ? result.value : 'rejected';
      codes[key] = (codes[key] ?? 0) + 1;
    }
    return codes;
  }, k.evmMaster.address);
  expect(outcome['-32005']).toBeGreaterThan(100); // rate-limited
  expect(outcome['-32002']).toBeGreaterThan(0); // a prompt is already waiting
  // One prompt on screen at most, and exactly one approval waiting.
  await expect.poll(() => page.frames().filter((f) => f.url().includes('/prompt.html')).length).toBe(1);
  const approvals = Object.values(
    (await dumpStorage()).session['dapp.approvals'] as Record<string, { status: string; kind: string }>,
  );
  expect(approvals.filter((a) => a.status === 'pending')).toHaveLength(1);
});

test('a polluted page prototype changes nothing the provider does', async ({
  popup,
  context,
  exchangeUrl,
}) => {
  await seedVault(popup);
  const page = await context.newPage();
  await connectCompanion(page, exchangeUrl, { autoLogin: true });
  const result = await page.evaluate(async () => {
    const polluted = Object.prototype as Record<string, unknown>;
    polluted.target = 'aster-companion-content';
    polluted.method = 'personal_sign';
    polluted.origin = 'https://www.asterdex.com';
    polluted.autoLogin = true;
    const ethereum = (window as unknown as { ethereum: Ethereum }).ethereum;
    const accounts = await ethereum.request({ method: 'eth_accounts' });
    const send = await ethereum
      .request({ method: 'eth_sendTransaction', params: [{}] })
      .catch((e: { code: number }) => e.code);
    return { accounts, send };
  });
  expect(result).toEqual({ accounts: [k.evmMaster.address.toLowerCase()], send: 4200 });
  expect(noPrompt(page)).toBe(true);
});

test('an exchange framed by another site gets no provider in the frame', async ({
  popup,
  context,
  exchangeUrl,
  staticServer,
}) => {
  await seedVault(popup);
  const page = await context.newPage();
  await page.goto(`${staticServer.url}/frames-exchange.html?exchange=${encodeURIComponent(exchangeUrl)}`);
  const frame = page.frameLocator('#exchange');
  await expect(frame.getByRole('heading', { name: 'Aster simulator' })).toBeVisible();
  const inner = page.frames().find((f) => f.url().startsWith(exchangeUrl))!;
  expect(await inner.evaluate(() => 'ethereum' in window)).toBe(false);
  expect(await page.evaluate(() => 'ethereum' in window)).toBe(false);
});

test('an overlay drawn over the prompt keeps Approve disabled (clickjacking)', async ({
  popup,
  context,
  exchangeUrl,
}) => {
  const { page, prompt } = await pendingSignIn(popup, context, exchangeUrl);
  // The page draws a nearly transparent layer over everything, its own prompt included.
  await page.evaluate(() => {
    const overlay = document.createElement('div');
    overlay.id = 'overlay';
    overlay.style.cssText = 'position:fixed;inset:0;z-index:2147483647;background:rgba(255,255,255,0.01)';
    document.documentElement.append(overlay);
  });
  await page.waitForTimeout(1500);
  await expect(prompt.getByRole('button', { name: 'Approve' })).toBeDisabled();
  await page.evaluate(() => document.getElementById('overlay')!.remove());
  await expect(prompt.getByRole('button', { name: 'Approve' })).toBeEnabled({ timeout: 5_000 });
  await prompt.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByTestId('signed-in-address')).toHaveText(k.evmMaster.address);
});
