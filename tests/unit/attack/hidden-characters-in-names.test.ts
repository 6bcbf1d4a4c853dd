import { describe, expect, it } from 'vitest';
import { checkMasterName } from '@/lib/accounts/model';
import { HIDDEN_CHARACTERS } from '@/lib/aster/decode/common';

/**
 * ATTACK (look-alike names): a master account's name is shown by the prompt (the signer, the parties of a
 * transfer) and the in-page switcher. The name rule refused control and format characters (bidi overrides,
 * zero-width) but let through what the decoder itself calls hidden: line/paragraph separators, blank Hangul
 * fillers, variation selectors, private-use code points. "MainDesk\u3164" reads exactly as "MainDesk", so a
 * second master (from a backup file the trader was handed, say) could pass for the first in every prompt.
 *
 * Expected-secure behaviour (FAILED before the fix): a name holding any character the decoder calls hidden
 * is refused, so names and signed text follow one rule; ordinary names in any script stay allowed.
 */
const HIDDEN = {
  'right-to-left override': '\u202e',
  'left-to-right isolate': '\u2066',
  'zero-width space': '\u200b',
  'byte-order mark': '\ufeff',
  'line separator': '\u2028',
  'paragraph separator': '\u2029',
  'Hangul filler': '\u3164',
  'Hangul choseong filler': '\u115f',
  'halfwidth Hangul filler': '\uffa0',
  'variation selector': '\ufe0f',
  'private-use': '\ue000',
  'combining grapheme joiner': '\u034f',
  'Khmer inherent vowel': '\u17b4',
  NUL: '\u0000',
  tab: '\t',
  newline: '\n',
};

describe('ATTACK: a master name that looks like another', () => {
  for (const [name, character] of Object.entries(HIDDEN))
    it(`refuses a ${name} inside a name`, () => {
      if (!/[\t\n]/.test(character)) expect(HIDDEN_CHARACTERS.test(`Main${character}Desk`)).toBe(true);
      expect(checkMasterName(`Main${character}Desk`).ok).toBe(false);
      // At the end too, unless trimming removes it (names are stored trimmed).
      const trailing = `MainDesk${character}`;
      if (trailing.trim() === trailing) expect(checkMasterName(trailing).ok).toBe(false);
    });

  it('keeps names in any script, with spaces, punctuation and emoji', () => {
    for (const name of [
      'MainDesk',
      'Cold storage 2',
      '主账户',
      '메인 계좌',
      'Desk – ∆ #1',
      'Ops 🚀',
      '<b>desk</b>',
    ])
      expect(checkMasterName(name)).toEqual({ ok: true });
  });
});
