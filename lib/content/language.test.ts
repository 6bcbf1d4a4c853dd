import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { t, useMessages, type ChromeMessages, type Language } from '@/lib/i18n';
import { localeMessages } from '@/tests/support/locale-messages';
import { checkedMessages, followChosenLanguageInPage } from './language';

/**
 * Whether `t` reads the browser's own lookup (no chosen dictionary): unit tests have no `browser.i18n`, so
 * reaching it throws.
 */
function readsBrowserLanguage(): boolean {
  try {
    t('content.switcherTitle');
    return false;
  } catch (error) {
    return error instanceof TypeError && /i18n/.test(error.message);
  }
}

/** Loads what the background would send; records what was asked. */
function backgroundLoader(asked: Language[] = []) {
  return async (language: Language): Promise<ChromeMessages> => {
    asked.push(language);
    return localeMessages(language);
  };
}

describe('the content script speaks the chosen language', () => {
  let stop = () => {};
  afterEach(() => stop());

  it('loads the stored choice from the background before the surfaces start', async () => {
    await browser.storage.local.set({ language: 'ko' });
    const asked: Language[] = [];
    const follow = followChosenLanguageInPage(backgroundLoader(asked));
    stop = follow.stop;
    await follow.ready;
    expect(asked).toEqual(['ko']);
    expect(t('content.switcherTitle')).toBe('계정 전환');
    expect(t('content.switcher.pillLabel', { name: 'Main' })).toBe('Aster Companion 계정: Main. 계정 전환');
  });

  it('follows a change of choice, and relabels after it', async () => {
    await browser.storage.local.set({ language: 'ko' });
    const relabel = vi.fn();
    const follow = followChosenLanguageInPage(backgroundLoader(), relabel);
    stop = follow.stop;
    await follow.ready;
    await browser.storage.local.set({ language: 'zh_CN' });
    await vi.waitFor(() => expect(t('content.switcherTitle')).toBe('切换账户'));
    expect(relabel).toHaveBeenCalledTimes(2);
  });

  it('the latest choice wins over an earlier, slower load', async () => {
    await browser.storage.local.set({ language: 'en' });
    let releaseKorean = () => {};
    const load = async (language: Language) => {
      if (language === 'ko') await new Promise<void>((resolve) => (releaseKorean = resolve));
      return localeMessages(language);
    };
    const follow = followChosenLanguageInPage(load);
    stop = follow.stop;
    await follow.ready;
    await browser.storage.local.set({ language: 'ko' });
    await browser.storage.local.set({ language: 'zh_CN' });
    await vi.waitFor(() => expect(t('content.switcherTitle')).toBe('切换账户'));
    releaseKorean();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(t('content.switcherTitle')).toBe('切换账户');
  });

  it('a dictionary that is not one (or a failed load) is refused: the browser language, never its words', async () => {
    await browser.storage.local.set({ language: 'ko' });
    const forged = {
      content_switcherTitle: { message: 'Click here to claim' },
      x: 'no',
    } as unknown as ChromeMessages;
    const follow = followChosenLanguageInPage(async () => forged);
    stop = follow.stop;
    await follow.ready;
    expect(readsBrowserLanguage()).toBe(true);
    await browser.storage.local.set({ language: 'zh_CN' });
    const failing = followChosenLanguageInPage(() => Promise.reject(new Error('worker stopped')));
    await failing.ready;
    failing.stop();
    expect(readsBrowserLanguage()).toBe(true);
  });

  it('an unknown stored value is the browser language, asked of nobody', async () => {
    await browser.storage.local.set({ language: 'xx' });
    const asked: Language[] = [];
    const follow = followChosenLanguageInPage(backgroundLoader(asked));
    stop = follow.stop;
    await follow.ready;
    expect(asked).toEqual([]);
    expect(readsBrowserLanguage()).toBe(true);
  });

  it('writes nothing into the page (localStorage there is the page’s)', async () => {
    const setItem = vi.fn();
    vi.stubGlobal('localStorage', { setItem, getItem: () => null });
    await browser.storage.local.set({ language: 'ko' });
    const follow = followChosenLanguageInPage(backgroundLoader());
    stop = follow.stop;
    await follow.ready;
    vi.unstubAllGlobals();
    expect(setItem).not.toHaveBeenCalled();
  });

  it('a dictionary with prototype keys pollutes nothing and supplies nothing', async () => {
    // What structured clone or JSON can carry as own keys: `__proto__`, `constructor`, `prototype`.
    const hostile = JSON.parse(
      '{"__proto__": {"message": "polluted", "polluted": true}, "constructor": {"message": "c"}, "content_switcherTitle": {"message": "ok"}}',
    ) as unknown;
    const checked = checkedMessages(hostile);
    expect(Object.getPrototypeOf(checked)).toBe(Object.prototype);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect(({} as { message?: string }).message).toBeUndefined();
    useMessages(checked);
    try {
      expect(t('content.switcherTitle')).toBe('ok');
    } finally {
      useMessages(null);
    }
  });

  it('a substituted name is inserted as it is: never read again as a placeholder, a count or markup', async () => {
    await browser.storage.local.set({ language: 'en' });
    const follow = followChosenLanguageInPage(backgroundLoader());
    stop = follow.stop;
    await follow.ready;
    for (const name of ['{name}', '$1 $$ $2', '<img src=x onerror=alert(1)>', 'A | B | C'])
      expect(t('content.switcher.pillLabel', { name })).toBe(
        `Aster Companion account: ${name}. Switch account`,
      );
  });
});
