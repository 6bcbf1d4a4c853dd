import { test as base, expect, type Page } from '@playwright/test';
import bs58 from 'bs58';
import nacl from 'tweetnacl';
import { privateKeyToAccount } from 'viem/accounts';
import { DEMO_KEYS } from '../../simulator/keys';
import { startSimulator, type RunningSimulator } from '../../simulator/server';
import { EVM_WALLET_INFO, personalSignText, SOLANA_WALLET_INFO, TestWallets } from './test-wallet';

/**
 * The simulator's exchange page in plain Chromium (no extension), driven by the hand-written test wallets of
 * ./test-wallet.ts: discovery, connect, sign in, account switching, sub-account creation with its one-time key,
 * transfers and withdrawals — each checked against the simulator's own state.
 */

const k = DEMO_KEYS;

const test = base.extend<{ sim: RunningSimulator; wallets: TestWallets }>({
  // eslint-disable-next-line no-empty-pattern
  sim: async ({}, use) => {
    const sim = await startSimulator({ port: 0 });
    await use(sim);
    await sim.close();
  },
  wallets: async ({ page }, use) => {
    const wallets = new TestWallets(page, {
      evmPrivateKey: k.evmMaster.privateKey,
      solanaSeed: k.solanaMaster.seed,
    });
    await wallets.install();
    await use(wallets);
  },
});

const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const signedInAddress = (page: Page) => page.getByTestId('signed-in-address');
const balanceRow = (page: Page, wallet: 'Perp' | 'Spot', asset: string, amount: string) =>
  page
    .getByRole('table', { name: 'Balances' })
    .getByRole('row', { name: new RegExp(`^${wallet} ${asset} ${amount.replace('.', '\\.')} `) });

async function connect(page: Page, sim: RunningSimulator, walletName: string): Promise<void> {
  await page.goto(sim.url);
  await page.getByRole('button', { name: 'Connect wallet' }).click();
  await page.getByRole('button', { name: new RegExp(`^${walletName}`) }).click();
  await expect(page.getByTestId('wallet-state')).toContainText(`Connected to ${walletName}`);
}

async function signIn(page: Page, address: string): Promise<void> {
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(signedInAddress(page)).toHaveText(address);
}

test('discovers the EIP-6963 provider and the Wallet Standard wallet, without asking either', async ({
  page,
  sim,
  wallets,
}) => {
  await page.goto(sim.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Aster simulator' })).toBeVisible();
  await page.getByRole('button', { name: 'Connect wallet' }).click();
  const list = page.getByRole('list', { name: 'Choose a wallet' });
  await expect(list.getByRole('button')).toHaveText([
    /Test EVM Wallet\s+\(EVM\)/,
    /Test Solana Wallet\s+\(Solana\)/,
  ]);
  await expect(list.locator('img').first()).toHaveAttribute('src', EVM_WALLET_INFO.icon);
  await expect(list.locator('img').nth(1)).toHaveAttribute('src', SOLANA_WALLET_INFO.icon);
  expect(wallets.calls).toEqual([]); // discovery alone never calls a wallet
});

test('connects and signs in with personal_sign, then shows futures and spot balances', async ({
  page,
  sim,
  wallets,
}) => {
  await connect(page, sim, 'Test EVM Wallet');
  expect(wallets.callsOf('eth_requestAccounts')).toHaveLength(1);
  await expect(page.getByTestId('wallet-state')).toContainText(k.evmMaster.address);
  await signIn(page, k.evmMaster.address);

  const [login] = wallets.callsOf('personal_sign');
  expect(login?.params).toEqual([expect.stringMatching(/^0x[0-9a-f]+$/), k.evmMaster.address]);
  expect(personalSignText(login!)).toMatch(/^You are signing into Astherus \d+$/);
  await expect(page.getByText('MainDesk (master account)')).toBeVisible();
  await expect(balanceRow(page, 'Perp', 'USDT', '10000')).toBeVisible();
  await expect(balanceRow(page, 'Perp', 'BNB', '3.5')).toBeVisible();
  await expect(balanceRow(page, 'Spot', 'USDT', '1500')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Sub-accounts of this master' })).toContainText(
    k.evmSubGrid.address,
  );
});

test('accountsChanged: signs in again as the new account; [] shows disconnected', async ({
  page,
  sim,
  wallets,
}) => {
  await connect(page, sim, 'Test EVM Wallet');
  await signIn(page, k.evmMaster.address);

  await wallets.switchEvmAccount(k.evmSubGrid.privateKey);
  await expect(signedInAddress(page)).toHaveText(k.evmSubGrid.address);
  await expect(page.getByText('Grid01 (sub-account)')).toBeVisible();
  await expect(balanceRow(page, 'Perp', 'USDT', '500')).toBeVisible();
  const logins = wallets.callsOf('personal_sign');
  expect(logins).toHaveLength(2);
  expect((logins[1]!.params as string[])[1]).toBe(k.evmSubGrid.address);
  await expect(region(page, 'Sub-accounts')).toContainText('only the master account manages sub-accounts');

  await wallets.disconnectEvm();
  await expect(page.getByTestId('wallet-state')).toContainText('disconnected');
  await expect(region(page, 'Account')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeHidden();
});

test('creates a sub-account and shows its private key exactly once', async ({ page, sim, wallets }) => {
  await connect(page, sim, 'Test EVM Wallet');
  await signIn(page, k.evmMaster.address);
  const subs = region(page, 'Sub-accounts');
  await subs.getByLabel('Sub-account name').fill('Scalp0042');
  await subs.getByRole('button', { name: 'Create sub-account' }).click();

  const dialog = page.getByRole('dialog', { name: 'Save your private key' });
  await expect(dialog).toBeVisible();
  const key = (await dialog.getByTestId('new-sub-account-key').textContent()) ?? '';
  expect(key).toMatch(/^0x[0-9a-f]{64}$/);
  const address = privateKeyToAccount(key as `0x${string}`).address;
  expect(sim.engine.account(address)).toMatchObject({
    role: 'sub',
    name: 'Scalp0042',
    parent: k.evmMaster.address,
  });
  await expect(page.getByRole('table', { name: 'Sub-accounts of this master' })).toContainText(address);
  expect((await page.content()).split(key.slice(2)).length - 1).toBe(1); // once, in the dialog only

  // The master signed the body that carries the new address and the child signature.
  const [typed] = wallets.callsOf('eth_signTypedData_v4');
  const msg = JSON.parse((typed!.params as string[])[1]!).message.msg as string;
  expect(msg).toMatch(
    new RegExp(
      `^subAccountName=Scalp0042&subSourceAddr=${address}&nonce=\\d+&user=${k.evmMaster.address}&signer=${k.evmMaster.address}&childSignature=0x[0-9a-f]{130}$`,
    ),
  );

  await dialog.getByRole('button', { name: 'I saved it' }).click();
  await expect(dialog).toBeVisible(); // the second confirmation
  await expect(dialog).toContainText('cannot be recovered');
  await dialog.getByRole('button', { name: 'Yes, close' }).click();
  await expect(dialog).toBeHidden();
  expect(await page.content()).not.toContain(key.slice(2));
  await expect(region(page, 'Sub-accounts').getByRole('status')).toHaveText('Sub-account Scalp0042 created.');
});

test('transfers from the master to a sub-account with the wallet signature', async ({
  page,
  sim,
  wallets,
}) => {
  await connect(page, sim, 'Test EVM Wallet');
  await signIn(page, k.evmMaster.address);
  const form = region(page, 'Transfer');
  await form.getByLabel('To', { exact: true }).selectOption({ label: 'Grid01' });
  await form.getByLabel('Asset').fill('USDT');
  await form.getByLabel('Amount').fill('125.5');
  await form.getByRole('button', { name: 'Transfer' }).click();

  await expect(form.getByRole('status')).toContainText('Transfer done: 125.5 USDT');
  expect(sim.engine.account(k.evmMaster.address)!.futures.USDT).toBe('9874.5');
  expect(sim.engine.account(k.evmSubGrid.address)!.futures.USDT).toBe('625.5');
  await expect(balanceRow(page, 'Perp', 'USDT', '9874.5')).toBeVisible();
  const [typed] = wallets.callsOf('eth_signTypedData_v4');
  const data = JSON.parse((typed!.params as string[])[1]!);
  expect(data.domain).toMatchObject({ name: 'AsterSignTransaction', chainId: 1666 });
  expect(data.message.msg).toMatch(
    new RegExp(
      `^toAccountAddress=${k.evmSubGrid.address}&asset=USDT&amount=125\\.5&kindType=FUTURE_FUTURE&nonce=\\d+&user=${k.evmMaster.address}&signer=${k.evmMaster.address}$`,
    ),
  );
});

test('withdraws from the master, and refuses while a balance is negative', async ({ page, sim, wallets }) => {
  await connect(page, sim, 'Test EVM Wallet');
  await signIn(page, k.evmMaster.address);
  const form = region(page, 'Withdraw');
  await expect(form.getByLabel('Fee')).toHaveValue('0.5'); // BSC estimate
  await form.getByLabel('Amount').fill('100');
  await form.getByRole('button', { name: 'Withdraw' }).click();
  await expect(form.getByRole('status')).toContainText('Withdrawal accepted');
  expect(sim.engine.account(k.evmMaster.address)!.futures.USDT).toBe('9899.5');
  const action = JSON.parse((wallets.callsOf('eth_signTypedData_v4')[0]!.params as string[])[1]!);
  expect(action).toMatchObject({ primaryType: 'Action', domain: { name: 'Aster', chainId: 56 } });

  await wallets.switchEvmAccount(k.evmLossMaster.privateKey);
  await expect(signedInAddress(page)).toHaveText(k.evmLossMaster.address);
  await form.getByLabel('Asset').fill('BNB');
  await form.getByLabel('Amount').fill('0.1');
  await form.getByRole('button', { name: 'Withdraw' }).click();
  await expect(form.getByRole('alert')).toHaveText(
    'Negative balance in USDT: rebalance first, then withdraw. (code -5009)',
  );
  expect(sim.engine.account(k.evmLossMaster.address)!.futures.BNB).toBe('1.2');
});

test('Solana: connects through the Wallet Standard, signs in, follows an account change, transfers', async ({
  page,
  sim,
  wallets,
}) => {
  await connect(page, sim, 'Test Solana Wallet');
  await expect(page.getByTestId('wallet-state')).toContainText(k.solanaMaster.address);
  await signIn(page, k.solanaMaster.address);
  await expect(page.getByText('SolDesk (master account)')).toBeVisible();
  await expect(balanceRow(page, 'Perp', 'USDT', '2000')).toBeVisible();
  const [login] = wallets.callsOf('signMessage');
  const text = Buffer.from((login!.params as { message: number[] }).message).toString('utf8');
  expect(text).toMatch(/^You are signing into Astherus \d+$/);

  const form = region(page, 'Transfer');
  await form.getByLabel('To', { exact: true }).selectOption({ label: 'SolGrid1' });
  await form.getByLabel('Amount').fill('40');
  await form.getByRole('button', { name: 'Transfer' }).click();
  await expect(form.getByRole('status')).toContainText('Transfer done: 40 USDT');
  expect(sim.engine.account(k.solanaSub.address)!.futures.USDT).toBe('140');

  // A Solana sub-account: an Ed25519 key made in the page, its 64-byte secret shown once as Base58.
  await region(page, 'Sub-accounts').getByLabel('Sub-account name').fill('SolScalp7');
  await region(page, 'Sub-accounts').getByRole('button', { name: 'Create sub-account' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save your private key' });
  const secret = bs58.decode((await dialog.getByTestId('new-sub-account-key').textContent()) ?? '');
  expect(secret).toHaveLength(64);
  const subAddress = bs58.encode(nacl.sign.keyPair.fromSecretKey(secret).publicKey);
  expect(sim.engine.account(subAddress)).toMatchObject({
    role: 'sub',
    kind: 'solana',
    parent: k.solanaMaster.address,
  });
  await dialog.getByRole('button', { name: 'I saved it' }).click();
  await dialog.getByRole('button', { name: 'Yes, close' }).click();
  await expect(dialog).toBeHidden();

  await wallets.switchSolanaAccount(k.solanaSub.seed);
  await expect(signedInAddress(page)).toHaveText(k.solanaSub.address);
  await expect(balanceRow(page, 'Perp', 'USDT', '140')).toBeVisible();
});
