import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import type { DappService } from './dapp/dapp-service';
import { handleCommand } from './index';
import { openPopup } from './open-popup';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

function spies({ openPopupFails }: { openPopupFails: boolean }) {
  const openPopupSpy = vi
    .spyOn(browser.action, 'openPopup')
    .mockImplementation(() =>
      openPopupFails ? Promise.reject(new Error('openPopup requires a user gesture')) : Promise.resolve(),
    );
  const createSpy = vi.spyOn(browser.windows, 'create').mockResolvedValue({ id: 9 } as never);
  return { openPopupSpy, createSpy };
}

const popupWindow = {
  url: browser.runtime.getURL('/popup.html'),
  type: 'popup',
  width: 380,
  height: 600,
  focused: true,
};

describe('the switcher page button: open the popup, or its page in a small window when refused', () => {
  it('opens the toolbar popup where the browser allows it, and no window', async () => {
    const { openPopupSpy, createSpy } = spies({ openPopupFails: false });
    await expect(openPopup()).resolves.toBe('popup');
    expect(openPopupSpy).toHaveBeenCalledOnce();
    expect(createSpy).not.toHaveBeenCalled();
  });

  it('opens popup.html in an extension popup window when openPopup is refused (Firefox outside a user action)', async () => {
    const { createSpy } = spies({ openPopupFails: true });
    await expect(openPopup()).resolves.toBe('window');
    expect(createSpy).toHaveBeenCalledExactlyOnceWith(popupWindow);
  });
});

describe('the open-switcher command', () => {
  const dapp = () =>
    ({ toggleSwitcherInActiveTab: vi.fn(async () => undefined) }) as unknown as DappService & {
      toggleSwitcherInActiveTab: ReturnType<typeof vi.fn>;
    };

  it('where pages cannot prove a surface seen (IntersectionObserver without v2, as in Firefox), calls openPopup synchronously, before any await', async () => {
    vi.stubGlobal('IntersectionObserverEntry', class {});
    const { openPopupSpy, createSpy } = spies({ openPopupFails: false });
    const service = dapp();
    const done = handleCommand(service, 'open-switcher');
    expect(openPopupSpy).toHaveBeenCalledOnce(); // still inside the listener's synchronous part
    await done;
    expect(createSpy).not.toHaveBeenCalled();
    expect(service.toggleSwitcherInActiveTab).not.toHaveBeenCalled();
  });

  it('falls back to the popup window if even the command handler is refused', async () => {
    vi.stubGlobal('IntersectionObserverEntry', class {});
    const { createSpy } = spies({ openPopupFails: true });
    await handleCommand(dapp(), 'open-switcher');
    expect(createSpy).toHaveBeenCalledExactlyOnceWith(popupWindow);
  });

  it.each([
    ['a service worker (no IntersectionObserver)', undefined],
    [
      'IntersectionObserver v2',
      class {
        get isVisible() {
          return false;
        }
      },
    ],
  ])('with %s, toggles the in-page switcher and opens no popup', async (_, entry) => {
    vi.stubGlobal('IntersectionObserverEntry', entry);
    const { openPopupSpy } = spies({ openPopupFails: false });
    const service = dapp();
    await handleCommand(service, 'open-switcher');
    expect(service.toggleSwitcherInActiveTab).toHaveBeenCalledOnce();
    expect(openPopupSpy).not.toHaveBeenCalled();
  });
});
