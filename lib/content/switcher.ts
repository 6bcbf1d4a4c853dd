import { t } from '@/lib/i18n';
import type { SwitcherAccount, SwitcherState } from '@/lib/messaging/page-api';
import { callPageChannel } from './page-client';
import { BASE_CSS, createShadowHost } from './shadow-host';
import { hasOcclusionTracking, SURFACE_DELAY_MS } from './surface-checks';
import { SurfaceGuard } from './surface-guard';

const SWITCHER_CSS = `${BASE_CSS}
  .pill { position: fixed; left: 12px; bottom: 12px; z-index: 2147483646; border-radius: 999px; padding: 6px 12px; }
  .menu { position: fixed; left: 12px; bottom: 52px; z-index: 2147483646; width: 280px; padding: 8px; display: grid; gap: 6px; }
  ul { list-style: none; margin: 0; padding: 0; max-height: 260px; overflow: auto; }
  li { padding: 6px 8px; border-radius: 6px; cursor: pointer; display: grid; }
  li[aria-selected='true'] { background: #6b3fd4; color: #fff; }
  li small { opacity: .75; }
  [aria-disabled='true'] li { cursor: default; }
  .note { margin: 0; font-size: 12px; }
  [hidden] { display: none !important; }
`;

function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

/**
 * The in-page account switcher: a small pill showing the active account; opening it lists the accounts,
 * filtered as you type, chosen with the arrow keys and Enter (or a click). Lives in a closed shadow root.
 */
export class AccountSwitcher {
  private state: SwitcherState | null = null;
  /** The accounts listed while the menu is open, asked for on opening (a closed switcher needs none). */
  private accounts: SwitcherAccount[] = [];
  /** An opening waiting for the list: a second toggle meanwhile does nothing. */
  private opening = false;
  private readonly pill: HTMLButtonElement;
  private readonly menu: HTMLDivElement;
  private readonly filter: HTMLInputElement;
  private readonly list: HTMLUListElement;
  private readonly box: HTMLDivElement;
  private readonly note: HTMLParagraphElement;
  /** Shown only while switching here is off: the toolbar popup (or its window) switches instead. */
  private readonly openPopup: HTMLButtonElement;
  private highlighted = 0;
  /** Watches the open menu: a choice counts only once the whole menu has been seen for the delay. */
  private guard: SurfaceGuard | null = null;

  constructor() {
    const { host, root } = createShadowHost('aster-companion-switcher', SWITCHER_CSS);
    this.host = host;
    this.box = document.createElement('div');
    this.box.hidden = true;
    this.pill = document.createElement('button');
    this.pill.className = 'pill panel';
    this.pill.setAttribute('aria-haspopup', 'listbox');
    this.pill.setAttribute('aria-expanded', 'false');
    this.pill.addEventListener('click', () => this.toggle());
    this.menu = document.createElement('div');
    this.menu.className = 'menu panel';
    this.menu.hidden = true;
    this.menu.setAttribute('role', 'dialog');
    this.filter = document.createElement('input');
    this.filter.setAttribute('role', 'combobox');
    this.filter.setAttribute('aria-controls', 'aster-companion-accounts');
    // The filter is shown only with its list open (a combobox must say whether its list is).
    this.filter.setAttribute('aria-expanded', 'true');
    this.filter.addEventListener('input', () => {
      this.highlighted = 0;
      this.render();
    });
    this.filter.addEventListener('keydown', (event) => this.onKey(event));
    this.list = document.createElement('ul');
    this.list.id = 'aster-companion-accounts';
    this.list.setAttribute('role', 'listbox');

    this.note = document.createElement('p');
    this.note.className = 'note';
    this.note.setAttribute('role', 'status');
    this.openPopup = document.createElement('button');
    this.openPopup.className = 'panel';
    this.openPopup.hidden = true;
    // Opening Aster Companion acts on nothing: a click the page lured here is harmless, so it needs no guard.
    this.openPopup.addEventListener('click', () => {
      void callPageChannel('switcher.openPopup', {}).catch(() => undefined);
      this.toggle();
    });
    this.menu.append(this.filter, this.list, this.note, this.openPopup);
    this.box.append(this.pill, this.menu);
    root.append(this.box);
  }

  private readonly host: HTMLElement;

  async refresh(): Promise<void> {
    this.update(await callPageChannel('switcher.state', {}).catch(() => null));
  }

  /** The state the background sent (with every switch, lock or connection change). */
  update(state: SwitcherState | null): void {
    this.state = state;
    this.render();
  }

  toggle(): void {
    if (!this.menu.hidden) {
      this.menu.hidden = true;
      this.pill.setAttribute('aria-expanded', 'false');
      this.accounts = [];
      this.unguard();
      this.render();
      return;
    }
    void this.open();
  }

  /** Opens with the list as it is now; the menu shows (and its guard starts) once the list is there. */
  private async open(): Promise<void> {
    if (this.opening || !this.state || this.state.locked || !this.state.hasAccounts) return;
    this.opening = true;
    try {
      this.accounts = await callPageChannel('switcher.accounts', {}).catch(() => []);
    } finally {
      this.opening = false;
    }
    if (this.accounts.length === 0 || !this.state || this.state.locked || !this.menu.hidden) return;
    this.menu.hidden = false;
    this.pill.setAttribute('aria-expanded', 'true');
    this.filter.value = '';
    this.highlighted = Math.max(
      0,
      this.visible().findIndex((a) => a.id === this.state?.active?.id),
    );
    this.render();
    this.filter.focus();
    this.watch();
  }

  /** From the menu's opening: choices are refused until it has been seen whole for the delay. */
  private watch(): void {
    this.unguard();
    this.list.setAttribute('aria-disabled', 'true');
    if (!hasOcclusionTracking()) return this.refuse(t('content.switcher.noOcclusion'));
    this.note.textContent = t('content.switcher.checking');
    this.guard = new SurfaceGuard(this.host, {
      surface: this.menu,
      minimum: { width: 260, height: 60 },
      delayMs: SURFACE_DELAY_MS,
      trackOcclusion: true,
      isAction: (element) => element.getAttribute('role') === 'option',
      onChange: (armed) => {
        this.list.setAttribute('aria-disabled', String(!armed));
        this.note.textContent = armed ? '' : t('content.switcher.checking');
      },
      onUnprovable: (reason) => this.refuse(t('content.switcher.altered', { reason })),
    });
  }

  private refuse(why: string): void {
    this.list.setAttribute('aria-disabled', 'true');
    this.note.textContent = t('content.switcher.off', { reason: why });
    this.openPopup.hidden = false;
  }

  private unguard(): void {
    this.openPopup.hidden = true;
    this.guard?.stop();
    this.guard = null;
  }

  private visible(): SwitcherAccount[] {
    const query = this.filter.value.trim().toLowerCase();
    const accounts = this.accounts;
    return query ? accounts.filter((a) => a.name.toLowerCase().includes(query)) : accounts;
  }

  private onKey(event: KeyboardEvent): void {
    const count = this.visible().length;
    if (event.key === 'ArrowDown') this.highlighted = count ? (this.highlighted + 1) % count : 0;
    else if (event.key === 'ArrowUp') this.highlighted = count ? (this.highlighted - 1 + count) % count : 0;
    else if (event.key === 'Enter' && event.isTrusted) {
      const account = this.visible()[this.highlighted];
      if (account) void this.select(account.id);
    } else if (event.key === 'Escape') this.toggle();
    else return;
    event.preventDefault();
    this.render();
  }

  private async select(id: string): Promise<void> {
    // Never blind: only a choice made on a menu seen whole, unaltered, for the delay.
    if (!this.guard?.ready()) return;
    this.unguard();
    this.state = await callPageChannel('switcher.select', { id }).catch(() => this.state);
    this.menu.hidden = true;
    this.pill.setAttribute('aria-expanded', 'false');
    this.accounts = [];
    this.render();
    this.pill.focus();
  }

  private render(): void {
    const state = this.state;
    this.box.hidden = !state || state.locked || !state.hasAccounts;
    if (this.box.hidden) {
      this.unguard();
      this.menu.hidden = true;
      this.pill.setAttribute('aria-expanded', 'false');
      this.accounts = [];
    }
    // Labels too: they follow the trader's language when it changes.
    this.menu.setAttribute('aria-label', t('content.switcherTitle'));
    this.filter.setAttribute('aria-label', t('content.switcher.find'));
    this.list.setAttribute('aria-label', t('content.switcher.accounts'));
    this.openPopup.textContent = t('content.switcher.openPopup');
    if (!state) return;
    const active = state.active;
    this.pill.textContent = `⇄ ${active ? active.name : t('content.switcher.choose')}`;
    this.pill.setAttribute(
      'aria-label',
      t('content.switcher.pillLabel', { name: active?.name ?? t('content.switcher.noAccount') }),
    );
    // The list only while the menu is open: a switch re-renders every exchange tab's switcher, and building
    // hundreds of hidden items there competed with the page's own re-login at 16 × 15 accounts (the list is
    // not even sent to a closed switcher).
    const visible = this.menu.hidden ? [] : this.visible();
    this.highlighted = Math.min(this.highlighted, Math.max(0, visible.length - 1));
    this.list.replaceChildren(
      ...visible.map((account, index) => {
        const item = document.createElement('li');
        item.id = `aster-companion-option-${index}`;
        item.setAttribute('role', 'option');
        item.setAttribute('aria-selected', String(index === this.highlighted));
        const name = document.createElement('strong');
        name.textContent =
          account.id === state.active?.id
            ? t('content.switcher.active', { name: account.name })
            : account.name;
        const detail = document.createElement('small');
        // The option is named by its visible name; the details describe it (one name, not the whole line).
        detail.id = `${item.id}-detail`;
        detail.setAttribute('aria-hidden', 'true');
        item.setAttribute('aria-describedby', detail.id);
        detail.textContent = t('content.switcher.detail', {
          kind: t(account.kind === 'evm' ? 'content.kind.evm' : 'content.kind.solana'),
          role: account.masterName
            ? t('content.switcher.subOf', { master: account.masterName })
            : t('content.switcher.master'),
          address: shortAddress(account.address),
        });
        item.append(name, detail);
        item.addEventListener('click', (event) => {
          // A pointer left still where the page lured clicks, clicking on, chooses nothing.
          if (event.isTrusted && this.guard?.clickCounts(event)) void this.select(account.id);
        });
        return item;
      }),
    );
    this.filter.setAttribute(
      'aria-activedescendant',
      visible.length ? `aster-companion-option-${this.highlighted}` : '',
    );
  }
}
