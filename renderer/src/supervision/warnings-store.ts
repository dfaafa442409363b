// The open warnings, read once for every screen that shows them (the count on
// the nav item, the Warnings tab), and read again when a case changes.
import { useEffect, useSyncExternalStore } from 'react';
import type { Warnings } from '../../../shared/supervision/schemas.ts';
import { RpcError } from '../../../shared/rpc/framing.ts';
import { api } from '../backend.ts';
import { rpc } from '../rpc.ts';
import { useSession } from '../session/session.tsx';

interface State {
  warnings: Warnings | null;
  error: unknown;
}

// Sync brings cases.changed in bursts: one reading after the burst settles.
const SETTLE_MS = 300;

let state: State = { warnings: null, error: null };
const listeners = new Set<() => void>();
let stopListening: (() => void) | null = null;
let settle: ReturnType<typeof setTimeout> | undefined;
let running: Promise<void> | null = null;
let again = false;

function publish(next: State): void {
  state = next;
  for (const listener of listeners) listener();
}

/** Reads the warnings now; a call while a reading runs asks for one more after it. */
export function refreshWarnings(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = rpc('supervision.warnings', {})
    .then(
      (warnings) => publish({ warnings, error: null }),
      (error: unknown) => {
        // Locked, the screen keeps what it had; the lock screen says why.
        if (!(error instanceof RpcError && error.code === 'SESSION_LOCKED')) publish({ ...state, error });
      },
    )
    .finally(() => {
      running = null;
      if (again) {
        again = false;
        void refreshWarnings();
      }
    });
  return running;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) {
    stopListening = api.on('cases.changed', () => {
      clearTimeout(settle);
      settle = setTimeout(() => void refreshWarnings(), SETTLE_MS);
    });
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size > 0) return;
    stopListening?.();
    clearTimeout(settle);
    // The next user to log in must not see these for a moment.
    state = { warnings: null, error: null };
  };
}

export function useWarnings(): State {
  const { locked } = useSession();
  const current = useSyncExternalStore(subscribe, () => state);
  useEffect(() => {
    if (!locked) void refreshWarnings();
  }, [locked]);
  return current;
}
