// Where each remote stands: asked once, then kept current by the engine's
// pushes. Taking a case in queues events without the engine saying so (an
// unconfigured region has no runner), so a case change asks again.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RemoteStatus } from '../../../shared/rpc/contract.ts';
import { api } from '../backend.ts';
import { useConnectionState } from '../hooks.ts';
import { describeError, rpc } from '../rpc.ts';
import { useSession } from '../session/session.tsx';

export function useSyncStatus(): { remotes: RemoteStatus[] | null; error: string | null } {
  const { t } = useTranslation();
  const connection = useConnectionState();
  const { locked } = useSession();
  const [remotes, setRemotes] = useState<RemoteStatus[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // An answer asked for before a later push or ask is stale: dropped.
  const version = useRef(0);

  const reload = useCallback(() => {
    const asked = ++version.current;
    rpc('sync.status', {}).then(
      (next) => {
        if (asked !== version.current) return;
        setRemotes(next);
        setError(null);
      },
      (e: unknown) => asked === version.current && setError(describeError(e, t)),
    );
  }, [t]);

  // A locked screen answers nothing; unlocking (or the backend coming back) asks again.
  useEffect(() => {
    if (connection === 'connected' && !locked) reload();
  }, [connection, locked, reload]);
  useEffect(
    () =>
      api.on('sync.changed', (payload) => {
        version.current += 1;
        setRemotes(payload.remotes);
        setError(null);
      }),
    [],
  );
  useEffect(
    () =>
      api.on('cases.changed', () => {
        if (!locked) reload();
      }),
    [locked, reload],
  );

  return { remotes, error };
}
