// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { useMessages } from '@/lib/i18n';
import { localeMessages } from '@/tests/support/locale-messages';
import { LanguageSelect } from './LanguageSelect';
import { useLanguageStore } from './stores/language-store';

afterEach(async () => {
  cleanup();
  useLanguageStore.setState({ choice: 'auto' });
  useMessages(await localeMessages('en'));
});

describe('LanguageSelect', () => {
  it('offers the browser language by its name and each language in its own words', () => {
    render(<LanguageSelect />);
    const select = screen.getByLabelText('Language') as HTMLSelectElement;
    const options = [...select.options].map((o) => [o.value, o.textContent, o.lang]);
    expect(options).toEqual([
      ['auto', 'Browser language (English)', ''],
      ['en', 'English', 'en'],
      ['zh_CN', '简体中文', 'zh-CN'],
      ['ko', '한국어', 'ko'],
    ]);
    expect(select.value).toBe('auto');
  });

  it('saves the choice for every context (chrome.storage.local) and the popup mirror', async () => {
    render(<LanguageSelect compact />);
    fireEvent.change(screen.getByLabelText(/Language/), { target: { value: 'ko' } });
    await expect.poll(async () => (await browser.storage.local.get('language')).language).toBe('ko');
    expect(localStorage.getItem('aster-companion.language')).toBe('ko');
  });

  it('shows the choice in effect, in that language', async () => {
    useMessages(await localeMessages('ko'));
    useLanguageStore.setState({ choice: 'ko' });
    render(<LanguageSelect />);
    const select = screen.getByLabelText('언어') as HTMLSelectElement;
    expect(select.value).toBe('ko');
    expect(select.options[0]!.textContent).toMatch(/^브라우저 언어 \(/);
  });
});
