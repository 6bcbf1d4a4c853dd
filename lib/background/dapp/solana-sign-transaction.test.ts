import { AuthorityType, createApproveInstruction, createSetAuthorityInstruction } from '@solana/spl-token';
import { SystemProgram, VersionedTransaction } from '@solana/web3.js';
import nacl from 'tweetnacl';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { parsePrivateKey } from '@/lib/accounts/keys';
import { toBase64 } from '@/lib/crypto/bytes';
import type { SolanaTransactionSummary } from '@/lib/solana/transaction-summary';
import { AccountStore } from '@/lib/vault/accounts';
import { VaultDatabase } from '@/lib/vault/db';
import { Vault } from '@/lib/vault/vault';
import { connectSite } from '@/tests/support/dapp-background';
import { pubkey, stranger, trader, unsignedTransaction } from '@/tests/support/solana-transactions';
import { ApprovalQueue } from './approvals';
import { DappService } from './dapp-service';

/**
 * `solana:signTransaction` through the real service: the prompt gets the decoded summary, a read transfer is
 * signed once approved, and a blocked transaction is never signed, even when the approval says yes (a forged
 * `approval.decide`, or a prompt whose Approve button was enabled by the page).
 */

const ORIGIN = 'https://www.asterdex.com';
const page = { origin: ORIGIN, tabId: 7 };
const me = trader.publicKey;

async function world() {
  fakeBrowser.tabs.sendMessage = vi.fn(async () => undefined) as never;
  const vault = new Vault({ db: new VaultDatabase(`soltx-${crypto.randomUUID()}`), kdfIterations: 1000 });
  await vault.create('correct horse battery staple');
  const accounts = new AccountStore(vault);
  const parsed = parsePrivateKey(JSON.stringify(Array.from(trader.secretKey.slice(0, 32))), 'solana');
  if (!parsed.ok) throw new Error(parsed.reason);
  const sol = await accounts.add({ role: 'master', name: 'SolDesk', key: parsed });
  await vault.database.putMeta('activeAccountId', sol.id);
  await connectSite(vault, ORIGIN, [sol.id]);
  const approvals = new ApprovalQueue();
  // The trader (or a page that got Approve clicked) says yes to everything.
  const asked = vi.spyOn(approvals, 'request').mockImplementation(async () => ({ approve: true }));
  const dapp = new DappService(vault, accounts, approvals);
  const sign = (bytes: Uint8Array) =>
    dapp.request(page, 'solana:signTransaction', { address: me.toBase58(), transaction: toBase64(bytes) });
  const shown = () => asked.mock.calls.at(-1)![0].summary as SolanaTransactionSummary;
  return { sign, shown };
}

describe('solana:signTransaction', () => {
  beforeEach(() => fakeBrowser.reset());

  it('a SOL transfer is shown in words and signed once approved', async () => {
    const { sign, shown } = await world();
    const bytes = unsignedTransaction([
      SystemProgram.transfer({ fromPubkey: me, toPubkey: stranger, lamports: 250_000_000 }),
    ]);
    const { transaction } = (await sign(bytes)) as { transaction: string };
    expect(shown()).toMatchObject({
      title: 'Send 0.25 SOL from "SolDesk" (FVen3X…S96Z) to LbUiWL…jfcY',
      amount: '0.25',
      asset: 'SOL',
    });
    const signed = VersionedTransaction.deserialize(Buffer.from(transaction, 'base64'));
    expect(nacl.sign.detached.verify(signed.message.serialize(), signed.signatures[0]!, me.toBytes())).toBe(
      true,
    );
  });

  it.each([
    ['SetAuthority', createSetAuthorityInstruction(pubkey(22), me, AuthorityType.AccountOwner, stranger)],
    ['Approve', createApproveInstruction(pubkey(22), stranger, me, 10n ** 9n)],
    ['Assign', SystemProgram.assign({ accountPubkey: me, programId: pubkey(99) })],
  ])('%s: the prompt is told it is blocked, and an approval signs nothing', async (_name, instruction) => {
    const { sign, shown } = await world();
    await expect(sign(unsignedTransaction([instruction]))).rejects.toMatchObject({
      code: '4001',
      message: expect.stringMatching(/^Blocked: /),
    });
    expect(shown().verdict.level).toBe('block');
    expect(shown().actions.some((a) => a.level === 'block')).toBe(true);
  });
});
