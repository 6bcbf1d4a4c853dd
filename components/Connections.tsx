import { useEffect, useId, useState } from 'react';
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
      <h2 id={`${id}-title`}>Connected sites</h2>
      {connections === null ? (
        <p role="status">Loading…</p>
      ) : connections.length === 0 ? (
        <p className="muted">
          No site is connected. The exchange asks to connect the first time it needs an account.
        </p>
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
                Sign in automatically on {connection.origin}
              </label>
              <button
                type="button"
                aria-label={`Disconnect ${connection.origin}`}
                onClick={() =>
                  void update(() => callBackground('connections.revoke', { origin: connection.origin }))
                }
              >
                Disconnect
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && <p role="alert">{error}</p>}
    </section>
  );
}
