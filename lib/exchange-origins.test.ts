import { describe, expect, it } from 'vitest';
import { ASTER_WEB_MATCHES, isExchangeOrigin, promptFramableAt, sitePattern } from './exchange-origins';

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
    // The end-to-end suite's stand-in for a site the trader adds (test builds only).
    ['http://127.0.0.1:41234', 'http://127.0.0.1/*'],
    ['http://example.com', null],
    ['http://127.0.0.2:41234', null],
    ['https://example.com:8443', null],
    ['https://localhost', null],
    ['not a site', null],
    ['', null],
    ['https://*.example.com', null],
  ])('%j → %j', (input, pattern) => {
    expect(sitePattern(input)).toBe(pattern);
  });
});

describe('where the approval prompt may be framed', () => {
  it('only on the exchange sites built into the extension: a site added in Settings gets a window', () => {
    expect(promptFramableAt('https://www.asterdex.com')).toBe(true);
    expect(promptFramableAt('http://localhost:8787')).toBe(true);
    // Added at runtime (as tests/e2e/added-site.spec.ts does): prompt.html is not web-accessible there.
    expect(promptFramableAt('http://127.0.0.1:8787')).toBe(false);
    expect(promptFramableAt('https://pro.asterdex.com')).toBe(false);
    expect(promptFramableAt(undefined)).toBe(false);
  });
});
