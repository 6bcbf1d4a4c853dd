import { describe, expect, it } from 'vitest';
import { RpcError } from '@/lib/messaging/rpc';
import { personalSignPayload } from './dapp-service';

const hex = (text: string) => `0x${Buffer.from(text, 'utf8').toString('hex')}`;

describe('personal_sign payload: what is shown is what is signed', () => {
  it('reads 0x-hex as the bytes and shows their UTF-8 text', () => {
    const { bytes, text } = personalSignPayload(hex('You are signing into Astherus 123'));
    expect(Buffer.from(bytes).toString('utf8')).toBe('You are signing into Astherus 123');
    expect(text).toBe('You are signing into Astherus 123');
  });

  it('signs plain text as its UTF-8 bytes', () => {
    const { bytes, text } = personalSignPayload('hello');
    expect(Buffer.from(bytes).toString('utf8')).toBe('hello');
    expect(text).toBe('hello');
  });

  it.each([
    ['odd length', `${hex('You are signing into Astherus 123')}0`],
    ['a non-hex character', `0x${'ab'.repeat(32)}zz`],
    ['a bare 0x with junk', '0xg'],
  ])('refuses 0x text that is not hex (%s)', (_, message) => {
    expect(() => personalSignPayload(message)).toThrow(RpcError);
  });

  it('shows binary bytes as no text, and keeps a BOM (so BOM + login text is not the login text)', () => {
    expect(personalSignPayload('0xff00').text).toBeNull();
    const withBom = personalSignPayload(`0xefbbbf${hex('You are signing into Astherus 1').slice(2)}`);
    expect(withBom.text).toBe('\uFEFFYou are signing into Astherus 1');
  });
});
