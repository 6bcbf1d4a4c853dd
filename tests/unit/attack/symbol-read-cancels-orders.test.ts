import { describe, expect, it } from 'vitest';
import { decodeSigningRequest } from '@/lib/aster/decode';
import type { AsterAccount } from '@/lib/aster/rules';
import { asterMessageTypedData } from '@/lib/aster/typed-data';

/**
 * ATTACK (hostile exchange page): an agent-signed body whose only business field is `symbol`
 * (`symbol=BTCUSDT&nonce=…&user=…&signer=…`), asked of an EVM master's wallet (Message{msg}, chain 1666).
 *
 * It fits INCOME exactly (symbol optional) — and it is also what `GET /fapi/v3/commissionRate?symbol=` signs —
 * so matchSignedBody takes it as a read and the prompt shows the Rebalance reading: "Convert assets to cover
 * negative balances (Rebalance) — or read account data", saying "This signature carries no parameters".
 *
 * But Aster's documented `DELETE /fapi/v3/allOpenOrders` (asterdex/api-docs, aster-finance-futures-api-v3:
 * "Cancel All Open Orders (TRADE)", parameters: symbol only) reads exactly this body. Agent signatures do not
 * cover the path, so the page replays the signature there and every open order on BTCUSDT — stop-losses and
 * take-profits included — is cancelled. The same symbol-only body is also all that `DELETE /fapi/v3/mmp` (delete the
 * market-maker protection config) and `POST /fapi/v3/mmpReset` take (same document). Nothing in the prompt says orders can be cancelled, and its claim that
 * the signature "carries no parameters" is false. Extra optional read fields (incomeType, limit, startTime…)
 * do not help: Aster ignores parameters an endpoint does not take.
 *
 * Fixed by leaving `symbol` out of income's signed-body description: the body fits no endpoint and is refused.
 * Expected-secure behaviour (this test FAILED while the hole existed): a body carrying `symbol` that a read fits
 * is either blocked or its prompt names the cancel-all-orders reading; it never claims "no parameters".
 */

const M = '0x1111111111111111111111111111111111111111';
const accounts: AsterAccount[] = [{ address: M, name: 'Main', role: 'master', kind: 'evm' }];
const context = {
  lookup: (a: string) => accounts.find((x) => x.address.toLowerCase() === a.toLowerCase()),
  signer: M,
};
const TAIL = `nonce=1764600000000000&user=${M}&signer=${M}`;

const bodies = {
  'commissionRate (symbol only)': `symbol=BTCUSDT&${TAIL}`,
  'income for one symbol': `symbol=BTCUSDT&incomeType=TRANSFER&limit=100&${TAIL}`,
  'income with a time range': `symbol=ETHUSDT&startTime=1764000000000&endTime=1764600000000&${TAIL}`,
};

describe('ATTACK: a symbol-carrying "read" signature replayed at DELETE /fapi/v3/allOpenOrders', () => {
  for (const [label, body] of Object.entries(bodies))
    it(`${label}: the prompt does not hide that Aster can cancel every open order on the symbol`, () => {
      const summary = decodeSigningRequest(
        { method: 'eth_signTypedData_v4', typedData: asterMessageTypedData(body, 1666) },
        context,
      );
      const words = `${summary.title} ${summary.verdict.reasons.join(' ')}`;
      // Expected secure: blocked, or the cancel reading is named; never "carries no parameters".
      expect.soft(words).not.toMatch(/carries no parameters/);
      expect(summary.verdict.level === 'block' || /cancel/i.test(words)).toBe(true);
    });
});
