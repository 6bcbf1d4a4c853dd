import { afterEach, describe, expect, it } from 'vitest';
import { localeMessages } from '@/tests/support/locale-messages';
import { t, useMessages } from './translate';

describe('t', () => {
  afterEach(async () => useMessages(await localeMessages('en')));

  it('reads the chosen language, English by default in tests', async () => {
    expect(t('common.cancel')).toBe('Cancel');
    useMessages(await localeMessages('zh_CN'));
    expect(t('common.cancel')).toBe('取消');
    useMessages(await localeMessages('ko'));
    expect(t('common.cancel')).toBe('취소');
  });

  it('fills named substitutions and leaves unknown ones visible', () => {
    useMessages({ greet: { message: 'Hello {name}, {other}' } });
    expect((t as unknown as (k: string, s: object) => string)('greet', { name: 'Ada' })).toBe(
      'Hello Ada, {other}',
    );
  });

  it('fills $1…$9 like the browser, with $$ as a dollar sign', () => {
    useMessages({ price: { message: 'Pay $$$1 to $2' } });
    expect((t as unknown as (k: string, s: string[]) => string)('price', ['5', 'Bob'])).toBe('Pay $5 to Bob');
  });

  it('picks the plural form by count', () => {
    useMessages({ items: { message: 'none | one item | $1 items' } });
    const plural = t as unknown as (k: string, n: number) => string;
    expect([plural('items', 0), plural('items', 1), plural('items', 7)]).toEqual([
      'none',
      'one item',
      '7 items',
    ]);
  });
});
