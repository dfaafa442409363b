// Who is logged in. The token lives for the window's session (it survives a
// reload and a backend restart, not closing the app); the backend decides
// whether it is still good, locked, or ended.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Permission } from '../../../shared/auth/permissions.ts';
import type { SessionInfo } from '../../../shared/rpc/contract.ts';
import { api } from '../backend.ts';
import { onSessionSignal, rpc } from '../rpc.ts';

const TOKEN_KEY = 'tongban.session';
// The person's input is reported at most this often (and once more at the end
// of a busy spell), so the backend's deadline trails the last input by less
// than this; shorter than any idle time (a minute at least, seconds in tests).
const ACTIVITY_REPORT_EVERY_MS = 5_000;
// What a person does at the window; a page's own events are not trusted input.
const INPUT_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

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

  // The backend pushes the lock the moment the idle time is up, without waiting for a call.
  useEffect(() => api.on('session.locked', () => setLocked(true)), []);

  // A new connection (the backend restarted) learns which session this screen carries from its
  // first call; this one makes it at once, and finds a lock that fell due while the backend was down.
  useEffect(() => {
    if (connected && info && !locked) void rpc('device.get', {}).catch(() => undefined);
  }, [connected, info, locked]);

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

  // Only the person at the window keeps the idle lock away: their trusted input
  // is reported through auth.heartbeat, the one call that extends a session.
  // Reloads after pushed events and timers do not; the backend enforces it.
  useEffect(() => {
    if (!info || locked) return;
    let lastReport = 0;
    let pending: ReturnType<typeof setTimeout> | null = null;
    const report = (): void => {
      pending = null;
      lastReport = Date.now();
      void rpc('auth.heartbeat', {}).catch(() => undefined);
    };
    const activity = (event: Event): void => {
      if (!event.isTrusted) return;
      const wait = lastReport + ACTIVITY_REPORT_EVERY_MS - Date.now();
      if (wait <= 0) report();
      else pending ??= setTimeout(report, wait);
    };
    const options = { capture: true, passive: true };
    for (const name of INPUT_EVENTS) window.addEventListener(name, activity, options);
    return () => {
      for (const name of INPUT_EVENTS) window.removeEventListener(name, activity, options);
      if (pending) clearTimeout(pending);
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
