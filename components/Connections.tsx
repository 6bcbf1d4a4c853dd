import { useEffect, useId, useState } from 'react';
import { t } from '@/lib/i18n';
import { callBackground } from '@/lib/messaging/background-client';
import type { Connection } from '@/lib/messaging/page-api';
import { useAction } from './useAction';

/** The exchange sites connected to the companion: automatic sign-in consent per site, and disconnect. */
export function Connections() {
  const id = useId();
  const [connections, setConnections] = useState<Connection[] | null>(null);
  const { error, run } = useAction();
  useEffect(() => {
    callBackground('connections.list', {}).then(setConnections, () => setConnections([]));
  }, []);
  const update = async (call: () => Promise<Connection[]>) => {
    const next = await run(call);
    if (next) setConnections(next);
  };
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('settings.connections.title')}</h2>
      {connections === null ? (
        <p role="status">{t('common.loading')}</p>
      ) : connections.length === 0 ? (
        <p className="muted">{t('settings.connections.none')}</p>
      ) : (
        <ul className="accounts">
          {connections.map((connection) => (
            <li key={connection.origin} className="stack">
              <strong>{connection.origin}</strong>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={connection.autoLogin}
                  onChange={(event) =>
                    void update(() =>
                      callBackground('connections.setAutoLogin', {
                        origin: connection.origin,
                        autoLogin: event.target.checked,
                      }),
                    )
                  }
                />
                {t('settings.connections.autoLogin', { origin: connection.origin })}
              </label>
              <button
                type="button"
                aria-label={t('settings.connections.disconnectSite', { origin: connection.origin })}
                onClick={() =>
                  void update(() => callBackground('connections.revoke', { origin: connection.origin }))
                }
              >
                {t('settings.connections.disconnect')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && <p role="alert">{error}</p>}
    </section>
  );
}
