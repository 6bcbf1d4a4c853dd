import { describe, expect, it } from 'vitest';
import { decodeSigningRequest } from '@/lib/aster/decode';
import type { AsterAccount } from '@/lib/aster/rules';
import { asterMessageTypedData } from '@/lib/aster/typed-data';

/**
 * ATTACKS (hostile exchange page) on registerAndApproveAgent bodies that are exactly Aster's, so the decoder
 * reads them cleanly, but whose prompt could leave out what makes them dangerous.
 */

const MASTER = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const ATTACKER_AGENT = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';
const N = 1763770000000000;
const accounts: AsterAccount[] = [{ address: MASTER, name: 'MainDesk', role: 'master', kind: 'evm' }];
const decode = (msg: string) =>
  decodeSigningRequest(
    { method: 'eth_signTypedData_v4', typedData: asterMessageTypedData(msg, 56) },
    {
      lookup: (a) => accounts.find((x) => x.address.toLowerCase() === a.toLowerCase()),
      signer: MASTER,
    },
  );
const approval = (extra: string) =>
  `user=${MASTER}&nonce=${N}&agentName=bot&agentAddress=${ATTACKER_AGENT}&${extra}&signatureChainId=56&canSpotTrade=true&canPerpTrade=true`;

/**
 * ATTACK (hostile exchange page): a registerAndApproveAgent body that is exactly Aster's, so the decoder reads
 * it cleanly, but whose prompt leaves out what makes it dangerous: `expired` far in the future (the format
 * allows 16 digits, up to year ~318,000). The title's "until …" is silently dropped
 * (decode/register-and-approve-agent.ts keeps it only below 8.64e15) and the verdict stays ok: the trader is
 * not told the API wallet never expires.
 *
 * Expected-secure behaviour (this test FAILS while the hole exists): the prompt names an expiry it cannot show
 * (or blocks it).
 */
describe('ATTACK: an agent approval that never expires', () => {
  it('an API wallet that never expires is not shown as one with no expiry and an ok verdict', () => {
    const summary = decode(approval('expired=9999999999999999&canWithdraw=false'));
    expect(summary.kind).toBe('agent-approval');
    const told = /until|expir|never/i.test([summary.title, ...summary.verdict.reasons].join(' '));
    expect(told || summary.verdict.level === 'block').toBe(true);
  });
});

/**
 * ATTACK (hostile exchange page): a registerAndApproveAgent body that is exactly Aster's, so the decoder reads
 * it cleanly, but whose prompt leaves out what makes it dangerous: `canWithdraw=true` with
 * `ipWhitelist=0.0.0.0/0` (or `::/0`). The format accepts ranges, so the rule "an API wallet allowed to
 * withdraw needs an IP whitelist" is met by a whitelist that admits every address, and the prompt says nothing
 * about it (the whitelist is only under "Every signed field").
 *
 * Expected-secure behaviour (these tests FAIL while the hole exists): a catch-all whitelist is called out (or
 * blocked) for a withdrawal-capable API wallet.
 */
describe('ATTACK: a withdrawal API wallet whitelisted for every address', () => {
  it.each(['0.0.0.0/0', '::/0', '0.0.0.0/0,::/0'])(
    'withdrawals with ipWhitelist=%s (every address) are called out or blocked',
    (ips) => {
      const summary = decode(approval(`expired=1893456000000&canWithdraw=true&ipWhitelist=${ips}`));
      expect(summary.title).toMatch(/WITHDRAWALS/);
      const told = /any IP|every IP|all IP|any address|every address|0\.0\.0\.0\/0|::\/0/i.test(
        summary.verdict.reasons.join(' '),
      );
      expect(told || summary.verdict.level === 'block').toBe(true);
    },
  );
});
