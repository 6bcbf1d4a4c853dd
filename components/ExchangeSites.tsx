import { useEffect, useId, useState, type FormEvent } from 'react';
import { browser } from 'wxt/browser';
import { sitePattern } from '@/lib/exchange-origins';
import { t } from '@/lib/i18n';
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
    if (!pattern) return setError(t('settings.sites.invalid'));
    if (sites?.includes(pattern)) return setError(t('settings.sites.already'));
    setError(null);
    setConfirming(pattern);
  }

  async function confirmAdd(pattern: string) {
    // The browser asks the trader to allow the site; only then is it injected there.
    const granted = await browser.permissions.request({ origins: [pattern] }).catch(() => false);
    setConfirming(null);
    if (!granted) return setError(t('settings.sites.denied'));
    if (await save([...(sites ?? []), pattern])) setAdding('');
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('settings.sites.title')}</h2>
      <p className="muted small">{t('settings.sites.intro')}</p>
      {sites === null ? (
        <p role="status">{t('common.loading')}</p>
      ) : (
        <ul className="accounts">
          {sites.map((site) => (
            <li key={site} className="row spread">
              <code>{siteName(site)}</code>
              <button
                type="button"
                className="small"
                aria-label={t('settings.sites.removeSite', { site: siteName(site) })}
                disabled={busy}
                onClick={() => void save(sites.filter((s) => s !== site))}
              >
                {t('settings.sites.remove')}
              </button>
            </li>
          ))}
          {sites.length === 0 && <li className="muted">{t('settings.sites.none')}</li>}
        </ul>
      )}
      <form onSubmit={add} noValidate className="inline-form">
        <label htmlFor={id}>{t('settings.sites.addLabel')}</label>
        <div className="row">
          <input
            id={id}
            value={adding}
            placeholder={t('settings.sites.placeholder')}
            autoComplete="off"
            onChange={(e) => setAdding(e.target.value)}
          />
          <button type="submit" disabled={busy || adding.trim() === ''}>
            {t('settings.sites.add')}
          </button>
        </div>
      </form>
      {confirming && (
        <div role="alertdialog" aria-labelledby={`${id}-confirm`} className="stack warning-text">
          <p id={`${id}-confirm`}>
            <strong>{siteName(confirming)}</strong> {t('settings.sites.confirm')}
          </p>
          <div className="row">
            <button type="button" onClick={() => void confirmAdd(confirming)}>
              {t('settings.sites.confirmAdd')}
            </button>
            <button type="button" onClick={() => setConfirming(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
      {error && <p role="alert">{error}</p>}
    </section>
  );
}
