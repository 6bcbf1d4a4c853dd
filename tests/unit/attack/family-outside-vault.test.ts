import { describe, expect, it } from 'vitest';
import { decodeSigningRequest } from '@/lib/aster/decode';
import type { AsterAccount } from '@/lib/aster/rules';
import { asterMessageTypedData } from '@/lib/aster/typed-data';

/**
 * ATTACK (hostile exchange page): sub-account family changes in which one party's key is NOT in the vault get
 * an `ok` verdict with no word about it.
 *
 * (a) createSubAccount / sub-accounts/bind, master step: the trader's master signs a body whose new sub-account
 *     (`subSourceAddr` / `childAddress`) is a key the PAGE generated and holds (its `childSignature` is the
 *     page's). The prompt: "Create sub-account "Grid02" under "MainDesk"", verdict ok. The trader now has a
 *     sub-account the attacker controls, "ready to receive the trader's transfers" — the very outcome issue 11
 *     §2 fixed for the key-capture panel — and nothing says the key lives outside Aster Companion.
 * (b) sub-accounts/bind, child step: one of the trader's accounts (the connected sub-account Grid01) signs its
 *     own binding under a master that is not in the vault. The prompt: "Bind sub-account … under 0x90F7…b906",
 *     verdict ok. Whoever holds that master may then move the bound account's funds. (The simulator refuses to
 *     bind an account that is already a sub-account; whether Aster does is not documented. The prompt is
 *     misleading either way.)
 *
 * Expected-secure behaviour (these tests FAIL while the hole exists): (a) at least a warning that the new
 * sub-account's key is not in the vault; (b) blocked (or at least warned) — a vault account joining a family
 * whose master the vault does not know.
 */

const MASTER = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const SUB = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const PAGE_KEY = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';
const N = 1763770000000000;
const CHILD_SIGNATURE = `0x${'ab'.repeat(65)}`;
const accounts: AsterAccount[] = [
  { address: MASTER, name: 'MainDesk', role: 'master', kind: 'evm' },
  { address: SUB, name: 'Grid01', role: 'sub', kind: 'evm', parent: MASTER, status: 'NORMAL' },
];
const decode = (msg: string, signer: string) =>
  decodeSigningRequest(
    { method: 'eth_signTypedData_v4', typedData: asterMessageTypedData(msg, 1666) },
    { lookup: (a) => accounts.find((x) => x.address.toLowerCase() === a.toLowerCase()), signer },
  );
const mentionsOutsideKey = (reasons: string[]) =>
  /not in (this|the) vault|not in Aster Companion|outside|key .*(held|kept) /i.test(reasons.join(' '));

describe('ATTACK: family changes with a party outside the vault', () => {
  it.each([
    [
      'createSubAccount',
      `subAccountName=Grid02&subSourceAddr=${PAGE_KEY}&nonce=${N}&user=${MASTER}&signer=${MASTER}&childSignature=${CHILD_SIGNATURE}`,
    ],
    [
      'sub-accounts/bind',
      `childAddress=${PAGE_KEY}&name=Grid02&nonce=${N}&user=${MASTER}&childSignature=${CHILD_SIGNATURE}`,
    ],
  ])('(a) %s, master step, with a page-held sub-account key: not an unqualified ok', (_name, msg) => {
    const summary = decode(msg, MASTER);
    expect(['create-sub-account', 'bind-sub-account']).toContain(summary.kind);
    expect(summary.verdict.level).not.toBe('ok');
    expect(mentionsOutsideKey(summary.verdict.reasons)).toBe(true);
  });

  it('(b) bind child step: the trader’s sub-account joins a family whose master the vault does not know', () => {
    const summary = decode(`childAddress=${SUB}&name=Grid02&nonce=${N}&user=${PAGE_KEY}`, SUB);
    expect(summary.kind).toBe('bind-sub-account');
    expect(summary.verdict.level).not.toBe('ok');
  });
});
