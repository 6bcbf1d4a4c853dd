import { describe, expect, it } from 'vitest';
import { decodeSigningRequest } from '@/lib/aster/decode';
import type { AsterAccount } from '@/lib/aster/rules';
import { asterMessageTypedData } from '@/lib/aster/typed-data';

/**
 * ATTACK (hostile exchange page): text injected into the prompt's title through `agentName`.
 *
 * The `name` format (endpoints/formats.ts) admits printable ASCII except `&` and `=` — quotes, colons and commas
 * included — and the agent-approval title quotes the name verbatim: `Approve API wallet "{agentName}" for
 * {account}: {rights}`. A name such as `bot" for "MainDesk": no trading rights, expires today.` makes the title
 * read, from its start, "Approve API wallet "bot" for "MainDesk": no trading rights, expires today." — while
 * the body grants perp and spot trading to the page's key (no withdrawal, so the verdict is a plain ok).
 *
 * Expected-secure behaviour (this test FAILS while the hole exists): a name cannot forge the title — the body
 * is blocked, or the rights the body grants are the only rights words in the title.
 */

const MASTER = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const ATTACKER_AGENT = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';
const N = 1763770000000000;
const accounts: AsterAccount[] = [{ address: MASTER, name: 'MainDesk', role: 'master', kind: 'evm' }];

describe('ATTACK: agentName injects words into the title', () => {
  it('a name that forges "no trading rights" is refused or cannot appear as the rights', () => {
    const agentName = 'bot" for "MainDesk": no trading rights, expires today.';
    const msg = `user=${MASTER}&nonce=${N}&agentName=${agentName}&agentAddress=${ATTACKER_AGENT}&expired=1893456000000&signatureChainId=56&canSpotTrade=true&canPerpTrade=true&canWithdraw=false`;
    const summary = decodeSigningRequest(
      { method: 'eth_signTypedData_v4', typedData: asterMessageTypedData(msg, 56) },
      { lookup: (a) => accounts.find((x) => x.address.toLowerCase() === a.toLowerCase()), signer: MASTER },
    );
    expect(summary.kind).toBe('agent-approval');
    if (summary.verdict.level !== 'block') expect(summary.title).not.toMatch(/no trading rights/);
  });
});
