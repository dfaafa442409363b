// Who is logged in. The token lives for the window's session (it survives a
// reload and a backend restart, not closing the app); the backend decides
// whether it is still good, locked, or ended.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Permission } from '../../../shared/auth/permissions.ts';
import type { SessionInfo } from '../../../shared/rpc/contract.ts';
import { api } from '../backend.ts';
import { onSessionSignal, rpc } from '../rpc.ts';

const TOKEN_KEY = 'tongban.session';
const HEARTBEAT_EVERY_MS = 60_000;

interface SessionState {
  info: SessionInfo | null;
  locked: boolean;
  restoring: boolean;
  signIn(info: SessionInfo): void;
  signOut(): Promise<void>;
  can(permission: Permission): boolean;
}

const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}

export function SessionProvider({ connected, children }: { connected: boolean; children: ReactNode }) {
  const [info, setInfo] = useState<SessionInfo | null>(null);
  const [locked, setLocked] = useState(false);
  // After a reload, a token in this window's session storage may still be good.
  const [restoring, setRestoring] = useState(() => sessionStorage.getItem(TOKEN_KEY) !== null);

  const signIn = useCallback((next: SessionInfo) => {
    sessionStorage.setItem(TOKEN_KEY, next.token);
    api.setSession(next.token);
    setInfo(next);
    setLocked(false);
  }, []);

  const forget = useCallback(() => {
    sessionStorage.removeItem(TOKEN_KEY);
    api.setSession(null);
    setInfo(null);
    setLocked(false);
  }, []);

  const signOut = useCallback(async () => {
    await rpc('auth.logout', {}).catch(() => undefined);
    forget();
  }, [forget]);

  useEffect(
    () =>
      onSessionSignal((signal) => {
        if (signal === 'locked') setLocked(true);
        else forget();
      }),
    [forget],
  );

  // Pick the session up again if the backend still honours it.
  useEffect(() => {
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (!connected || !restoring || !token) return;
    api.setSession(token);
    void rpc('auth.current', {})
      .then((current) => (current ? signIn(current) : forget()))
      .catch(forget)
      .finally(() => setRestoring(false));
  }, [connected, restoring, signIn, forget]);

  // The network is back: no need to wait for the sync engine's backoff.
  useEffect(() => {
    if (!info?.permissions.includes('sync.read')) return;
    const online = (): void => void rpc('sync.now', {}).catch(() => undefined);
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [info]);

  // The person at the keyboard keeps the idle lock away; the backend enforces it.
  useEffect(() => {
    if (!info || locked) return;
    let last = Date.now();
    const activity = (): void => {
      if (Date.now() - last < HEARTBEAT_EVERY_MS) return;
      last = Date.now();
      void rpc('auth.heartbeat', {}).catch(() => undefined);
    };
    window.addEventListener('keydown', activity);
    window.addEventListener('pointerdown', activity);
    return () => {
      window.removeEventListener('keydown', activity);
      window.removeEventListener('pointerdown', activity);
    };
  }, [info, locked]);

  const value = useMemo<SessionState>(
    () => ({
      info,
      locked,
      restoring,
      signIn,
      signOut,
      can: (permission) => info?.permissions.includes(permission) ?? false,
    }),
    [info, locked, restoring, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
