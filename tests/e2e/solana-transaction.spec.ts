import type { Page } from '@playwright/test';
import { AuthorityType, createApproveInstruction, createSetAuthorityInstruction } from '@solana/spl-token';
import { SystemProgram, VersionedTransaction } from '@solana/web3.js';
import nacl from 'tweetnacl';
import { pubkey, stranger, trader, unsignedTransaction } from '../support/solana-transactions';
import { k, promptFrame, rpc, seedVault, test } from './exchange';
import { expect } from './fixtures';

/**
 * Issue 11 §3, in the browser: the exchange page asks the Wallet Standard Solana wallet to sign a
 * transaction. A SOL transfer is shown in words (amount and destination) and Approve works; a transaction
 * with SetAuthority and Approve is blocked in the prompt and Approve stays disabled.
 */

declare global {
  interface Window {
    signing?: Promise<{ signed?: number[]; error?: string }>;
  }
}

/** Starts `signTransaction` from the page, through the Wallet Standard registration protocol. */
async function pageSigns(page: Page, transaction: Uint8Array): Promise<void> {
  await page.evaluate((bytes) => {
    const wallets: Array<{ name: string; accounts: readonly unknown[]; features: Record<string, unknown> }> =
      [];
    window.dispatchEvent(
      new CustomEvent('wallet-standard:app-ready', {
        detail: { register: (...found: typeof wallets) => (wallets.push(...found), () => undefined) },
      }),
    );
    const wallet = wallets.find((w) => 'solana:signTransaction' in w.features)!;
    const feature = wallet.features['solana:signTransaction'] as {
      signTransaction(input: {
        account: unknown;
        transaction: Uint8Array;
      }): Promise<Array<{ signedTransaction: Uint8Array }>>;
    };
    window.signing = feature
      .signTransaction({ account: wallet.accounts[0], transaction: Uint8Array.from(bytes) })
      .then(
        ([output]) => ({ signed: Array.from(output!.signedTransaction) }),
        (error: Error) => ({ error: error.message }),
      );
  }, Array.from(transaction));
}

async function connectedSolanaPage(
  popup: Page,
  context: import('@playwright/test').BrowserContext,
  url: string,
) {
  const { sol } = await seedVault(popup);
  await rpc(popup, 'accounts.setActive', { id: sol.id });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole('button', { name: 'Connect wallet' }).click();
  await page.getByRole('button', { name: /^Aster Companion.*Solana/ }).click();
  await (await promptFrame(page)).getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByTestId('wallet-state')).toContainText(k.solanaMaster.address);
  return page;
}

const me = trader.publicKey;

test('Solana signTransaction: a SOL transfer shows its amount and destination in words, and Approve signs it', async ({
  popup,
  context,
  exchangeUrl,
}) => {
  const page = await connectedSolanaPage(popup, context, exchangeUrl);
  const transaction = unsignedTransaction([
    SystemProgram.transfer({ fromPubkey: me, toPubkey: stranger, lamports: 250_000_000 }),
  ]);
  await pageSigns(page, transaction);
  const prompt = await promptFrame(page);
  await expect(prompt.getByRole('heading', { level: 1 })).toHaveText(
    'Send 0.25 SOL from "SolDesk" (FVen3X…S96Z) to LbUiWL…jfcY',
  );
  await expect(prompt.getByText('0.25 SOL', { exact: true })).toBeVisible();
  const actions = prompt.getByRole('list', { name: 'What this transaction does' });
  await expect(actions.getByRole('listitem').first()).toHaveText(
    'Send 0.25 SOL from "SolDesk" (FVen3X…S96Z) to LbUiWL…jfcY',
  );
  await prompt.getByRole('button', { name: 'Approve' }).click();
  const result = await page.evaluate(() => window.signing!);
  expect(result.error).toBeUndefined();
  const signed = VersionedTransaction.deserialize(Uint8Array.from(result.signed!));
  expect(nacl.sign.detached.verify(signed.message.serialize(), signed.signatures[0]!, me.toBytes())).toBe(
    true,
  );
});

test('Solana signTransaction: SetAuthority and Approve are blocked in the prompt; Approve stays disabled', async ({
  popup,
  context,
  exchangeUrl,
}) => {
  const page = await connectedSolanaPage(popup, context, exchangeUrl);
  await pageSigns(
    page,
    unsignedTransaction([
      createSetAuthorityInstruction(pubkey(22), me, AuthorityType.AccountOwner, stranger),
      createApproveInstruction(pubkey(22), stranger, me, 10n ** 9n),
    ]),
  );
  const prompt = await promptFrame(page);
  await expect(prompt.getByRole('alert').filter({ hasText: 'Blocked: this cannot be signed' })).toBeVisible();
  await expect(prompt.getByText(/An authority change gives control of/)).toBeVisible();
  await expect(prompt.getByText(/A delegation lets LbUiWL…jfcY move tokens/)).toBeVisible();
  const actions = prompt.getByRole('list', { name: 'What this transaction does' });
  await expect(actions.getByRole('listitem').filter({ hasText: /^Blocked: / })).toHaveCount(2);
  const approve = prompt.getByRole('button', { name: 'Approve' });
  // Longer than the visibility delay after which an allowed request's Approve turns on.
  await page.waitForTimeout(2_000);
  await expect(approve).toBeDisabled();
  await prompt.getByRole('button', { name: 'Reject' }).click();
  const result = await page.evaluate(() => window.signing!);
  expect(result.signed).toBeUndefined();
  expect(result.error).toBeTruthy();
});
