// The idle lock as the backend's own timer: at the earliest idle deadline of
// the open sessions it locks those that are due and says so at once, so a
// screen is covered when the time is up, not at its next call. Only the
// person's input (auth.heartbeat) moves a deadline; nothing here extends one.
import type { DatabaseSync } from 'node:sqlite';
import { log } from '../log.ts';
import { transaction } from './transaction.ts';

// The timer looks again at least this often: a shorter idle time set by the
// administrator, or a clock that jumped, is caught without anyone re-arming it.
const RECHECK_EVERY_MS = 30_000;
// When the database cannot be written this moment, the timer tries again this soon.
const RETRY_MS = 200;

interface OpenSession {
  token_hash: string;
  last_seen_at: string;
}

export class IdleLocks {
  private readonly db: DatabaseSync;
  private readonly idleMs: () => number;
  private readonly onLocked: (tokenHash: string) => void;
  private readonly now: () => number;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(options: {
    db: DatabaseSync;
    /** The device's idle time now (it may change while sessions are open). */
    idleMs: () => number;
    /** A session was just locked by its deadline. */
    onLocked: (tokenHash: string) => void;
    now?: () => number;
  }) {
    this.db = options.db;
    this.idleMs = options.idleMs;
    this.onLocked = options.onLocked;
    this.now = options.now ?? Date.now;
  }

  /** Locks what is due and arms the timer for the next deadline; call after a session opens or unlocks. */
  schedule(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    let next: number | null;
    try {
      next = this.lockDue();
    } catch (error) {
      // A timer's failure must not take the backend down; resolve() still refuses a late session.
      log.error('auth.idle_lock_failed', { error });
      next = this.now() + RETRY_MS;
    }
    if (next === null) return;
    const delay = Math.min(Math.max(next - this.now(), 1), RECHECK_EVERY_MS);
    this.timer = setTimeout(() => this.schedule(), delay);
    // The timer alone must not keep a process alive that is otherwise done.
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Locks every open session past its deadline; returns the earliest deadline still ahead, or null. */
  private lockDue(): number | null {
    const idleMs = this.idleMs();
    const now = this.now();
    // Read without a write lock: most looks find nothing due, and others may hold the file meanwhile.
    const open = this.db
      .prepare('SELECT token_hash, last_seen_at FROM sessions WHERE ended_at IS NULL AND locked = 0')
      .all() as unknown as OpenSession[];
    const due: string[] = [];
    let next: number | null = null;
    for (const session of open) {
      const deadline = Date.parse(session.last_seen_at) + idleMs;
      if (deadline <= now) due.push(session.token_hash);
      else if (next === null || deadline < next) next = deadline;
    }
    if (due.length === 0) return next;
    const locked = transaction(this.db, () => {
      const lock = this.db.prepare('UPDATE sessions SET locked = 1 WHERE token_hash = ? AND locked = 0');
      return due.filter((tokenHash) => lock.run(tokenHash).changes === 1);
    });
    for (const tokenHash of locked) this.onLocked(tokenHash);
    return next;
  }
}
