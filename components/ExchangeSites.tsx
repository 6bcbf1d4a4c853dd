import { useEffect, useId, useState, type FormEvent } from 'react';
import { browser } from 'wxt/browser';
import { sitePattern } from '@/lib/exchange-origins';
import { callBackground } from '@/lib/messaging/background-client';
import { useAction } from './useAction';

const siteName = (pattern: string) => pattern.replace(/\/\*$/, '');

/** Where the provider is injected: Aster's web app by default; the trader may remove or add sites. */
export function ExchangeSites() {
  const id = useId();
  const [sites, setSites] = useState<string[] | null>(null);
  const [adding, setAdding] = useState('');
  const { busy, error, setError, run } = useAction();
  useEffect(() => {
    callBackground('exchanges.list', {}).then(setSites, () => setSites([]));
  }, []);

  const save = async (next: string[]) => {
    const saved = await run(() => callBackground('exchanges.set', { sites: next }));
    if (saved) setSites(saved);
    return saved !== undefined;
  };

  /** The site waiting for the trader's explicit confirmation, as a match pattern. */
  const [confirming, setConfirming] = useState<string | null>(null);

  function add(event: FormEvent) {
    event.preventDefault();
    const pattern = sitePattern(adding);
    if (!pattern) return setError('Type a site like https://www.asterdex.com (https, no port).');
    if (sites?.includes(pattern)) return setError('That site is already in the list.');
    setError(null);
    setConfirming(pattern);
  }

  async function confirmAdd(pattern: string) {
    // The browser asks the trader to allow the site; only then is it injected there.
    const granted = await browser.permissions.request({ origins: [pattern] }).catch(() => false);
    setConfirming(null);
    if (!granted) return setError('The browser did not allow Aster Companion on that site.');
    if (await save([...(sites ?? []), pattern])) setAdding('');
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Exchange sites</h2>
      <p className="muted small">
        The wallet appears only on these sites. Reload a site's tabs after a change.
      </p>
      {sites === null ? (
        <p role="status">Loading…</p>
      ) : (
        <ul className="accounts">
          {sites.map((site) => (
            <li key={site} className="row spread">
              <code>{siteName(site)}</code>
              <button
                type="button"
                className="small"
                aria-label={`Remove ${siteName(site)}`}
                disabled={busy}
                onClick={() => void save(sites.filter((s) => s !== site))}
              >
                Remove
              </button>
            </li>
          ))}
          {sites.length === 0 && <li className="muted">No site: the wallet appears nowhere.</li>}
        </ul>
      )}
      <form onSubmit={add} noValidate className="inline-form">
        <label htmlFor={id}>Add an exchange site</label>
        <div className="row">
          <input
            id={id}
            value={adding}
            placeholder="https://…"
            autoComplete="off"
            onChange={(e) => setAdding(e.target.value)}
          />
          <button type="submit" disabled={busy || adding.trim() === ''}>
            Add site
          </button>
        </div>
      </form>
      {confirming && (
        <div role="alertdialog" aria-labelledby={`${id}-confirm`} className="stack warning-text">
          <p id={`${id}-confirm`}>
            <strong>{siteName(confirming)}</strong> will be able to ask Aster Companion for signatures —
            logins, transfers, withdrawals and API wallets — with every account you connect to it. Add it only
            if it is an Aster front end you trust. Its requests open in Aster Companion's own window, and it
            never signs you in automatically until you allow that when you connect.
          </p>
          <div className="row">
            <button type="button" onClick={() => void confirmAdd(confirming)}>
              Add and allow signature requests
            </button>
            <button type="button" onClick={() => setConfirming(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {error && <p role="alert">{error}</p>}
    </section>
  );
}
