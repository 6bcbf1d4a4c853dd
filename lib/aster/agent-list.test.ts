import { describe, expect, it } from 'vitest';
import { AgentListShapeError, parseAgentList } from './agent-list';

/** The public shape of `GET /fapi/v3/agent` (aster-protocol.md §10), as recorded. */
const RECORDED = [
  {
    agentAddress: '0xC98Fd64eBc39E28b92849d9cCef9495663439014',
    agentName: 'ivanbuilder',
    ipWhitelist: '101.198.86.182,192.168.1.100',
    expired: 1967945395040,
    source: 'API',
    canRead: true,
    canSpotTrade: true,
    canPerpTrade: false,
    canWithdraw: false,
  },
];

const errorOf = (payload: unknown): string => {
  try {
    parseAgentList(payload);
  } catch (error) {
    expect(error).toBeInstanceOf(AgentListShapeError);
    return (error as Error).message;
  }
  throw new Error('expected an error');
};

describe('parseAgentList', () => {
  it('reads the recorded public shape field by field', () => {
    expect(parseAgentList(RECORDED)).toEqual({
      agents: [
        {
          address: '0xC98Fd64eBc39E28b92849d9cCef9495663439014',
          name: 'ivanbuilder',
          ipWhitelist: ['101.198.86.182', '192.168.1.100'],
          expiresAt: 1967945395040,
          source: 'API',
          canRead: true,
          canSpotTrade: true,
          canPerpTrade: false,
          canWithdraw: false,
        },
      ],
      skipped: [],
    });
  });

  it('an empty list is Aster saying "no API wallets"', () => {
    expect(parseAgentList([])).toEqual({ agents: [], skipped: [] });
  });

  it('ignores extra fields and leaves missing ones unknown (never guessed)', () => {
    const [agent] = parseAgentList([
      { agentAddress: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', somethingNew: 1, keyId: 7 },
    ]).agents;
    expect(agent).toEqual({
      address: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
      name: null,
      ipWhitelist: [],
      expiresAt: null,
      source: null,
      canRead: null,
      canSpotTrade: null,
      canPerpTrade: null,
      canWithdraw: null,
    });
  });

  it('takes booleans and expiry written as text, and the whitelist as a list', () => {
    const [agent] = parseAgentList([
      {
        agentAddress: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
        expired: '1967945395040',
        canWithdraw: 'true',
        canPerpTrade: 'false',
        canSpotTrade: 'maybe',
        ipWhitelist: [' 1.2.3.4 ', '', 5, '::1'],
      },
    ]).agents;
    expect(agent).toMatchObject({
      expiresAt: 1967945395040,
      canWithdraw: true,
      canPerpTrade: false,
      canSpotTrade: null,
      ipWhitelist: ['1.2.3.4', '::1'],
    });
    // An expiry that is not a positive whole number of milliseconds is unknown, not 0.
    for (const expired of [-1, 0, 1.5, 'soon', '1e12'])
      expect(
        parseAgentList([{ agentAddress: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', expired }]).agents[0]!
          .expiresAt,
      ).toBeNull();
  });

  it('leaves out entries it cannot identify, and says which and why', () => {
    const reading = parseAgentList([
      RECORDED[0],
      { agentName: 'no address' },
      { agentAddress: 'H7LqU4p4f8LDddADXDH9oFeoh3r7vhfJFf3XCEot8pkd' },
      'text',
      null,
      { ...RECORDED[0], agentAddress: RECORDED[0]!.agentAddress.toLowerCase() },
    ]);
    expect(reading.agents).toHaveLength(1);
    expect(reading.skipped).toEqual([
      'Entry 2 has no readable agentAddress.',
      'Entry 3 has no readable agentAddress.',
      'Entry 4 is the text "text", not an API wallet.',
      'Entry 5 is an empty answer, not an API wallet.',
      'Entry 6 repeats 0xc98fd64ebc39e28b92849d9ccef9495663439014.',
    ]);
  });

  it('an answer of another shape is an error in words, never "no API wallets"', () => {
    expect(errorOf('<!DOCTYPE html><html><body>500 Internal Server Error</body></html>')).toMatch(
      /came back as an HTML page, not a list.*not "no API wallets"/,
    );
    expect(errorOf({ data: RECORDED })).toContain('an object with data');
    expect(errorOf({ code: 200, msg: 'success' })).toContain('an object with code, msg');
    expect(errorOf({})).toContain('an empty object');
    expect(errorOf(null)).toContain('an empty answer');
    expect(errorOf(undefined)).toContain('an empty answer');
    expect(errorOf(42)).toContain('a number');
    expect(errorOf('ok')).toContain('the text "ok"');
  });
});
