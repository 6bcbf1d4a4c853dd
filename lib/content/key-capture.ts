import { t } from '@/lib/i18n';
import type { SwitcherAccount } from '@/lib/messaging/page-api';
import { callPageChannel } from './page-client';
import { BASE_CSS, createShadowHost } from './shadow-host';
import { hasOcclusionTracking, SURFACE_DELAY_MS } from './surface-checks';
import { SurfaceGuard } from './surface-guard';

/** Key-shaped text: an EVM private key (64 hex, optional 0x) or a Base58 64-byte Solana secret key. */
const KEY_PATTERN = /(?:^|[^0-9a-zA-Z])((?:0x)?[0-9a-fA-F]{64}|[1-9A-HJ-NP-Za-km-z]{86,88})(?![0-9a-zA-Z])/;

const CAPTURE_CSS = `${BASE_CSS}
  .offer { position: fixed; right: 16px; top: 16px; z-index: 2147483647; width: 320px; padding: 12px; display: grid; gap: 8px; }
  h2 { font-size: 14px; margin: 0; }
  p { margin: 0; }
  .row { display: flex; gap: 6px; justify-content: flex-end; }
  label { display: grid; gap: 2px; }
`;

/** Finds a freshly shown private key in the page's dialogs (Aster shows a new sub-account key exactly once). */
export function findKeyInDialogs(root: ParentNode = document): { key: string; dialog: Element } | null {
  for (const dialog of root.querySelectorAll('dialog[open], [role="dialog"], [role="alertdialog"]')) {
    const match = KEY_PATTERN.exec(dialog.textContent ?? '');
    if (match) return { key: match[1]!, dialog };
  }
  return null;
}

/**
 * Offers, in the page, to save a sub-account key the exchange just showed. The key goes from this content
 * script straight to the background (never through page script), and only when the trader clicks Save.
 */
export function startKeyCapture(): void {
  const offered = new Set<string>();
  const check = () => {
    const found = findKeyInDialogs();
    if (!found || offered.has(found.key)) return;
    offered.add(found.key);
    void offer(found.key, found.dialog);
  };
  new MutationObserver(check).observe(document.documentElement, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['open'],
  });
  check();
}

async function offer(key: string, dialog: Element): Promise<void> {
  const kind = /^(0x)?[0-9a-fA-F]{64}$/.test(key) ? 'evm' : 'solana';
  // A sub-account is of its master's kind: offer only masters of the key's kind.
  const masters = (await callPageChannel('capture.masters', {}).catch(() => [] as SwitcherAccount[])).filter(
    (m) => m.kind === kind,
  );
  if (masters.length === 0) return; // locked, or no master of this kind to attach it to
  // Inside the page's dialog: a modal dialog makes everything outside it inert.
  const { host, root } = createShadowHost('aster-companion-capture', CAPTURE_CSS, dialog);
  const panel = document.createElement('form');
  panel.className = 'offer panel';
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', t('content.capture.label'));
  const title = document.createElement('h2');
  title.textContent = t('content.capture.title');
  const text = document.createElement('p');
  text.textContent = t('content.capture.body');
  const nameLabel = document.createElement('label');
  nameLabel.textContent = t('content.capture.name');
  const name = document.createElement('input');
  name.autocomplete = 'off';
  nameLabel.append(name);
  const masterLabel = document.createElement('label');
  masterLabel.textContent = t('content.capture.master');
  const master = document.createElement('select');
  for (const m of masters)
    master.append(
      new Option(
        t('content.capture.masterOption', {
          name: m.name,
          kind: t(m.kind === 'evm' ? 'content.kind.evm' : 'content.kind.solana'),
        }),
        m.id,
      ),
    );
  masterLabel.append(master);
  const status = document.createElement('p');
  status.setAttribute('role', 'status');
  const save = document.createElement('button');
  save.type = 'submit';
  save.className = 'primary';
  save.textContent = t('content.capture.save');
  save.disabled = true;
  const dismiss = document.createElement('button');
  dismiss.type = 'button';
  dismiss.textContent = t('content.capture.notNow');
  let guard: SurfaceGuard | null = null;
  let saving = false;
  dismiss.addEventListener('click', () => {
    guard?.stop();
    host.remove();
  });
  /** Never blind: a panel the page may have hidden, faded or covered saves nothing. */
  const refuse = (why: string) => {
    save.disabled = true;
    status.textContent = t('content.capture.off', { reason: why });
  };
  // A pointer left still where the page lured clicks, clicking on, saves nothing (keyboard submits count).
  save.addEventListener('click', (event) => {
    if (!guard?.clickCounts(event)) event.preventDefault();
  });
  const row = document.createElement('div');
  row.className = 'row';
  row.append(dismiss, save);
  panel.append(title, text, nameLabel, masterLabel, status, row);
  panel.addEventListener('submit', (event) => {
    event.preventDefault();
    if (saving || !event.isTrusted || !guard?.ready()) return;
    saving = true;
    save.disabled = true;
    callPageChannel('capture.save', { key, name: name.value, parentId: master.value }).then(
      (saved) => {
        guard?.stop();
        status.textContent = t('content.capture.saved', { name: saved.name });
        row.replaceChildren(dismiss);
        dismiss.textContent = t('content.capture.close');
      },
      (error: Error) => {
        saving = false;
        status.textContent = error.message;
        save.disabled = !guard?.ready();
      },
    );
  });
  root.append(panel);
  if (!hasOcclusionTracking()) return refuse(t('content.capture.noOcclusion'));
  status.textContent = t('content.capture.checking');
  guard = new SurfaceGuard(host, {
    surface: panel,
    minimum: { width: 300, height: 120 },
    delayMs: SURFACE_DELAY_MS,
    trackOcclusion: true,
    isAction: (element) => element === save,
    onChange: (armed) => {
      if (saving) return;
      save.disabled = !armed;
      status.textContent = armed ? '' : t('content.capture.checking');
    },
    onUnprovable: (reason) => refuse(t('content.capture.altered', { reason })),
  });
}
