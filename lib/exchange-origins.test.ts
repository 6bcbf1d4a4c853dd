import { describe, expect, it } from 'vitest';
import { ASTER_WEB_MATCHES, isExchangeOrigin, sitePattern } from './exchange-origins';

describe('exchange origins', () => {
  it.each([
    ['https://www.asterdex.com', true],
    ['https://asterdex.com', true],
    ['http://www.asterdex.com', false],
    ['https://www.asterdex.com.evil.example', false],
    ['https://evil.example', false],
    ['https://evilasterdex.com', false],
    ['null', false],
    ['', false],
  ])('%s → %s', (origin, expected) => {
    expect(isExchangeOrigin(origin, ASTER_WEB_MATCHES)).toBe(expected);
  });

  it('matches the simulator on localhost at any port in test builds only', () => {
    expect(isExchangeOrigin('http://localhost:8787')).toBe(true);
    expect(isExchangeOrigin('http://127.0.0.1:8787')).toBe(false);
    expect(isExchangeOrigin('http://localhost:8787', ASTER_WEB_MATCHES)).toBe(false);
  });
});

describe('exchange sites typed by the trader', () => {
  it.each([
    ['https://www.asterdex.com', 'https://www.asterdex.com/*'],
    ['www.asterdex.com', 'https://www.asterdex.com/*'],
    ['HTTPS://Pro.AsterDex.com/trade/BTC', 'https://pro.asterdex.com/*'],
    ['http://localhost:8787', 'http://localhost/*'],
    ['http://example.com', null],
    ['https://example.com:8443', null],
    ['https://localhost', null],
    ['not a site', null],
    ['', null],
    ['https://*.example.com', null],
  ])('%j → %j', (input, pattern) => {
    expect(sitePattern(input)).toBe(pattern);
  });
});
