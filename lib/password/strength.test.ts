import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy, passwordStrength } from './strength';

describe('password policy', () => {
  it.each([
    ['', false],
    ['1234567', false],
    ['12345678', true],
    ['x'.repeat(1024), true],
    ['x'.repeat(1025), false],
  ])('%j → ok %s', (password, ok) => {
    expect(checkPasswordPolicy(password).ok).toBe(ok);
  });
});

describe('password strength', () => {
  it('grows with length and variety and punishes common words and repeats', () => {
    expect(passwordStrength('short').label).toBe('too short');
    expect(passwordStrength('aaaaaaaaaaaa').score).toBe(1);
    expect(passwordStrength('password123').label).toBe('weak');
    expect(passwordStrength('password123').hint).toMatch(/common words/);
    expect(passwordStrength('kfjdlsieow').score).toBeLessThanOrEqual(2);
    expect(passwordStrength('Tr0ub4dor&3-staple-Horse').label).toBe('strong');
    expect(passwordStrength('correct horse battery staple orbit').score).toBeGreaterThanOrEqual(3);
    const scores = ['abcdefgh', 'abcdEFGH12', 'abcdEFGH12!?xyzQ'].map((p) => passwordStrength(p).score);
    expect(scores).toEqual([...scores].sort());
  });
});
