import { describe, expect, it } from 'vitest';
import { personalSignOrder } from './personal-sign-order';

const ADDRESS = '0x90f8bf6a479f320ead074411a4b0e7944ea8c9c1';
const OTHER = '0xffcf8fdee72ac11b5c542428b35eef5769c409f0';
const HEX_MESSAGE = '0x68656c6c6f';

describe('personal_sign parameter order, as MetaMask reads it', () => {
  it('reads [message, address] as sent', () => {
    expect(personalSignOrder([HEX_MESSAGE, ADDRESS])).toEqual({ message: HEX_MESSAGE, from: ADDRESS });
    expect(personalSignOrder(['hello', ADDRESS, 'password'])).toEqual({ message: 'hello', from: ADDRESS });
  });

  it('reads [address, message] as reversed when only the first resembles an address', () => {
    expect(personalSignOrder([ADDRESS, HEX_MESSAGE])).toEqual({ message: HEX_MESSAGE, from: ADDRESS });
    expect(personalSignOrder([ADDRESS, 'You are signing into Astherus 1'])).toEqual({
      message: 'You are signing into Astherus 1',
      from: ADDRESS,
    });
  });

  it('keeps the order when both resemble an address: the from check then decides, nothing is guessed', () => {
    // A 42-character message: [message, address] reads as sent...
    const message42 = `0x${'ab'.repeat(20)}`;
    expect(personalSignOrder([message42, ADDRESS])).toEqual({ message: message42, from: ADDRESS });
    // ...and a reversed pair of two address-like strings names the message as `from`, which is refused later.
    expect(personalSignOrder([ADDRESS, OTHER])).toEqual({ message: ADDRESS, from: OTHER });
  });

  it('keeps the order when neither resembles an address', () => {
    expect(personalSignOrder(['hello', 'world'])).toEqual({ message: 'hello', from: 'world' });
  });

  it.each([[[]], [[HEX_MESSAGE]], [[HEX_MESSAGE, 1]], [[{}, ADDRESS]], [[ADDRESS, null]]])(
    'refuses params that are not two strings: %j',
    (params) => {
      expect(() => personalSignOrder(params)).toThrow(expect.objectContaining({ code: '-32602' }));
    },
  );
});
