import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useMessages, type ChromeMessages, type Language } from '@/lib/i18n';
import { RELAY_ERROR_TEXT } from '@/lib/messaging/page-protocol';
import { RpcError } from '@/lib/messaging/rpc';
import { providerErrorOf } from '@/lib/content/relay';
import { localeMessages } from '../../support/locale-messages';

/**
 * ATTACK (hostile exchange page): learning the trader's chosen language from the errors its requests get.
 *
 * The relay (content script) spoke its own errors through `t`, in the language chosen in Settings, and
 * passed on the text of the background's non-provider errors (vault errors: `t` in the worker, same
 * language). A page that posts a request over 256 KB, or one that fails while the vault locks, read
 * "请求过大。" or "요청이 너무 큽니다." — which language the trader chose, beyond navigator.language, and that the
 * companion is there. SECURITY.md promises the page English protocol text.
 *
 * Expected-secure behaviour (this test FAILED before the fix): every error the relay gives the page has
 * the same English words whatever the chosen language.
 */

/** What the background or the browser can throw at the relay, as the page would see each one. */
function failures(language: Language): unknown[] {
  const words = (key: string) => {
    const message = dictionaries[language]![key]?.message;
    if (!message) throw new Error(`no message ${key}`);
    return message;
  };
  return [
    new RpcError('locked', words('errors_vault_locked')),
    new RpcError('unauthorized', 'This sender may not call that.'),
    new RpcError('no-response', 'The extension did not answer.'),
    new RpcError('not-found', words('background_dappService_notConnected')),
    new RpcError('invalid-input', words('errors_vault_restore_alreadyIn')),
    new RpcError('storage-full', words('background_storageErrors_full')),
    new Error('Could not establish connection. Receiving end does not exist.'),
    new RpcError('4001', 'The trader rejected the request.'),
  ];
}

const dictionaries: Partial<Record<Language, ChromeMessages>> = {};
beforeAll(async () => {
  for (const language of ['en', 'zh_CN', 'ko'] as const)
    dictionaries[language] = await localeMessages(language);
});

/** The page's view of every failure with `language` chosen. */
function seenBy(language: Language) {
  useMessages(dictionaries[language]!);
  return failures(language).map(providerErrorOf);
}

afterEach(() => useMessages(null));

describe('ATTACK: the page reads the chosen language in the errors it gets', () => {
  it('the relay’s errors are the same English words in every language', () => {
    const english = seenBy('en');
    for (const language of ['zh_CN', 'ko'] as const) expect(seenBy(language)).toEqual(english);
  });

  it('none carries a letter of another script, nor the trader’s own sentence', () => {
    for (const language of ['zh_CN', 'ko'] as const)
      for (const { message } of seenBy(language)) expect(message).toMatch(/^[\x20-\x7e]+$/);
    const [locked, unauthorized, noAnswer, , , , restarted, rejected] = seenBy('ko');
    expect(locked).toEqual({ code: 4100, message: RELAY_ERROR_TEXT.locked });
    expect(unauthorized).toEqual({ code: 4100, message: RELAY_ERROR_TEXT.unauthorized });
    expect(noAnswer).toEqual({ code: 4900, message: RELAY_ERROR_TEXT.noAnswer });
    expect(restarted).toEqual({ code: 4900, message: RELAY_ERROR_TEXT.restarted });
    // The background's provider errors are English at their source: they pass unchanged.
    expect(rejected).toEqual({ code: 4001, message: 'The trader rejected the request.' });
  });

  it('a vault error’s own words (which may name the trader’s accounts) never reach the page', () => {
    useMessages(dictionaries.en!);
    const named = new RpcError('duplicate', 'An account named "Cold storage 2" is already in the vault.');
    expect(providerErrorOf(named)).toEqual({ code: -32603, message: RELAY_ERROR_TEXT.failed });
  });
});
