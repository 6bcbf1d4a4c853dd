import { hexToBytes } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AsterClient,
  ENDPOINTS,
  MemoryNonceStore,
  NonceManager,
  signedAgentRequest,
  simulatorHosts,
} from '@/lib/aster';
import { decodeSigningRequest } from '@/lib/aster/decode';
import type { AsterAccount } from '@/lib/aster/rules';
import { asterMessageTypedData } from '@/lib/aster/typed-data';
import { createEvmSigner } from '@/lib/signers';
import { DEMO_KEYS } from '@/simulator/keys';
import { startSimulator, type RunningSimulator } from '@/simulator/server';

/**
 * ATTACK (hostile exchange page): the bare agent tail `nonce=…&user=…&signer=…`, asked of an EVM master's
 * wallet with eth_signTypedData_v4 (Message{msg}, chain 1666).
 *
 * The prompt reads it as "Read account data (such as the sub-account list)", verdict ok ("nothing changes",
 * lib/aster/decode/account-reads.ts). But the same body is exactly what POST /fapi/v3/assetExchange takes
 * (ENDPOINTS.assetExchange, the simulator's SIGNED_FIELDS), a WRITE: Aster's "Rebalance" auto-converts the
 * account's assets. The page replays the signature there and the simulator converts the trader's BNB.
 * Invariant 9: "a prompt describes the most dangerous reading, never a harmless one".
 *
 * Expected-secure behaviour (this test FAILS while the hole exists): the prompt for this body is not an ok
 * "read" — it names the rebalance / conversion reading (or is blocked).
 */

const k = DEMO_KEYS;
const loss = createEvmSigner(hexToBytes(k.evmLossMaster.privateKey));
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

const accounts: AsterAccount[] = [{ address: loss.address, name: 'LossDesk', role: 'master', kind: 'evm' }];

describe('ATTACK: a "read" signature replayed at Rebalance (assetExchange)', () => {
  it('the body shown as a read is accepted by the simulator as Rebalance and converts assets', async () => {
    sim.engine.reset();
    const nonces = new NonceManager({ store: new MemoryNonceStore() });
    const client = new AsterClient({ hosts: simulatorHosts(sim.url), sleep: async () => {} });
    // What the page asks the trader's master wallet to sign (the master acts as its own API wallet, §5).
    const request = await signedAgentRequest(
      loss,
      ENDPOINTS.assetExchange,
      {},
      { nonce: await nonces.next(loss.address), user: loss.address },
      'mainnet',
    );
    const summary = decodeSigningRequest(
      { method: 'eth_signTypedData_v4', typedData: asterMessageTypedData(request.msg, 1666) },
      {
        lookup: (a) => accounts.find((x) => x.address.toLowerCase() === a.toLowerCase()),
        signer: loss.address,
      },
    );
    // The simulator takes it as a write.
    const before = JSON.stringify(sim.engine.account(loss.address)!.futures);
    const answer = await client.sendSigned<{ conversions: unknown[] }>(request);
    expect(answer.conversions.length).toBeGreaterThan(0);
    expect(JSON.stringify(sim.engine.account(loss.address)!.futures)).not.toBe(before);

    // Expected secure: the prompt does not call it a harmless read.
    expect.soft(summary.title).not.toMatch(/^Read account data/);
    expect(summary.verdict.level).not.toBe('ok');
  });

  // The same bare body is what every account read signs: whichever read it was signed "for", the prompt shows
  // the Rebalance reading at Aster's real path, and the simulator converts when it is replayed there.
  for (const read of [
    'getSubAccountList',
    'futuresBalance',
    'futuresAccount',
    'futuresAccountLegacy',
    'spotAccount',
  ] as const)
    it(`a body signed as ${read} is shown as Rebalance at /fapi/v3/assetExchange, and converts there`, async () => {
      sim.engine.reset();
      const nonces = new NonceManager({ store: new MemoryNonceStore() });
      const client = new AsterClient({ hosts: simulatorHosts(sim.url), sleep: async () => {} });
      const signed = await signedAgentRequest(
        loss,
        ENDPOINTS[read],
        {},
        { nonce: await nonces.next(loss.address), user: loss.address },
        'mainnet',
      );
      const summary = decodeSigningRequest(
        { method: 'eth_signTypedData_v4', typedData: asterMessageTypedData(signed.msg, 1666) },
        {
          lookup: (a) => accounts.find((x) => x.address.toLowerCase() === a.toLowerCase()),
          signer: loss.address,
        },
      );
      expect(summary).toMatchObject({ kind: 'rebalance', endpoint: ENDPOINTS.assetExchange.path });
      expect(summary.verdict.level).not.toBe('ok');
      expect(summary.verdict.reasons.join(' ')).toMatch(/Rebalance, which converts your assets/);
      // Replayed at assetExchange: the page only changes the path; the signature is the trader's.
      const replay = await client.sendSigned<{ conversions: unknown[] }>({
        ...signed,
        endpoint: ENDPOINTS.assetExchange,
      });
      expect(replay.conversions.length).toBeGreaterThan(0);
      expect(sim.engine.account(loss.address)!.futures.USDT).toBe('0');
    });
});
