import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { useMessages } from '@/lib/i18n';
import { localeMessages } from '../support/locale-messages';

// WXT's fake browser has no i18n: `t` reads the English messages the build ships.
const english = await localeMessages('en');

beforeEach(() => {
  fakeBrowser.reset();
  useMessages(english);
});
