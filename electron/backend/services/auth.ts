// Offline login for the window's staff: scrypt-hashed passwords, a lockout
// after repeated failures, sessions carried as tokens on every call (so they
// survive a reconnect and a backend restart), and an idle lock the backend
// enforces itself: by its own timer at the deadline, moved only by the
// person's input (touch), never by the calls a screen makes on its own.
import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { permissionsOf, roleSchema, type Role, type Session } from '../../../shared/auth/permissions.ts';
import type { Device, SessionInfo, User } from '../../../shared/rpc/contract.ts';
import { RpcError, rejected } from '../../../shared/rpc/framing.ts';
import { uuidv7 } from '../../../shared/case/uuid.ts';
import { audit } from './audit.ts';
import { readDevice } from './device.ts';
import { IdleLocks } from './session-idle.ts';
import { transaction } from './transaction.ts';

/** A password attempt as counted before its check: the failures it makes, and whether it locks the account. */
interface Attempt {
  failures: number;
  locks: boolean;
}

export interface UserSession extends Session {
  readonly userId: string;
  readonly roles: readonly Role[];
  readonly tokenHash: string;
}

const SCRYPT: ScryptOptions = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;
const DEFAULT_IDLE_LOCK_MINUTES = 10;

export interface AuthOptions {
  now?: () => number;
  /** Replaces the device's idle time; only browser mode and tests pass it (start.ts). */
  idleLockMs?: number;
  /** A session was locked by its idle deadline: its screens must cover themselves now. */
  onLocked?: (tokenHash: string) => void;
}

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, 32, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: SCRYPT.maxmem,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

// Compared against when the user does not exist, so timing does not tell.
const DUMMY_HASH = hashPassword(randomBytes(12).toString('hex'));

export interface UserRow {
  user_id: string;
  username: string;
  display_name: string;
  password_hash: string;
  roles: string;
  active: number;
  failed_attempts: number;
  locked_until: string | null;
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

function rolesOf(row: Pick<UserRow, 'roles'>): Role[] {
  return roleSchema.array().parse(JSON.parse(row.roles));
}

export function toUser(row: UserRow, now = Date.now()): User {
  return {
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    roles: rolesOf(row),
    active: row.active === 1,
    locked: row.locked_until !== null && Date.parse(row.locked_until) > now,
  };
}

export class AuthService {
  private readonly db: DatabaseSync;
  private readonly now: () => number;
  private readonly idleLockMs: number | undefined;
  private readonly idle: IdleLocks;

  constructor(db: DatabaseSync, options: AuthOptions = {}) {
    this.db = db;
    this.now = options.now ?? Date.now;
    this.idleLockMs = options.idleLockMs;
    this.idle = new IdleLocks({
      db,
      idleMs: () => this.idleMs(),
      onLocked: options.onLocked ?? (() => undefined),
      now: this.now,
    });
  }

  /** How long a session may go without the person's input before it locks. */
  idleMs(): number {
    return this.idleLockMs ?? (readDevice(this.db)?.idleLockMinutes ?? DEFAULT_IDLE_LOCK_MINUTES) * 60_000;
  }

  /** Starts the idle timer over the sessions left open (a restart): those past their time lock at once. */
  watchIdle(): void {
    this.idle.schedule();
  }

  stopIdle(): void {
    this.idle.stop();
  }

  userRow(userId: string): UserRow | undefined {
    return this.db.prepare('SELECT * FROM users WHERE user_id = ?').get(userId) as UserRow | undefined;
  }

  async createUser(input: { username: string; displayName: string; password: string; roles: Role[] }): Promise<User> {
    const exists = this.db.prepare('SELECT 1 FROM users WHERE username = ?').get(input.username);
    if (exists) throw rejected('username_taken', 'That user name is already taken.', { username: input.username });
    const at = new Date(this.now()).toISOString();
    const userId = uuidv7(this.now());
    const hash = await hashPassword(input.password);
    this.db
      .prepare(
        `INSERT INTO users (user_id, username, display_name, password_hash, roles, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(userId, input.username, input.displayName, hash, JSON.stringify([...new Set(input.roles)]), at, at);
    return toUser(this.userRow(userId)!, this.now());
  }

  sessionInfo(token: string, userId: string): SessionInfo {
    const row = this.userRow(userId)!;
    const device: Device = readDevice(this.db)!;
    return { token, user: toUser(row, this.now()), permissions: [...permissionsOf(rolesOf(row))], device };
  }

  openSession(userId: string): string {
    const token = randomBytes(32).toString('base64url');
    const at = new Date(this.now()).toISOString();
    this.db
      .prepare('INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)')
      .run(tokenHash(token), userId, at, at);
    this.idle.schedule();
    return token;
  }

  async login(username: string, password: string): Promise<SessionInfo> {
    const row = this.db.prepare('SELECT * FROM users WHERE username = ?').get(username.trim()) as UserRow | undefined;
    if (!row) {
      await verifyPassword(password, await DUMMY_HASH);
      audit(this.db, { userId: null, action: 'auth.login_failed', detail: { reason: 'unknown_user' } });
      throw rejected('bad_credentials', 'Wrong user name or password.');
    }
    const attempt = this.claimAttempt(row.user_id);
    const good = await verifyPassword(password, row.password_hash);
    if (!good || row.active !== 1)
      this.refuse(row.user_id, attempt, good ? 'inactive' : 'bad_password', 'auth.login_failed');
    this.db.prepare('UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE user_id = ?').run(row.user_id);
    audit(this.db, { userId: row.user_id, action: 'auth.login' });
    return this.sessionInfo(this.openSession(row.user_id), row.user_id);
  }

  /**
   * Counts a password attempt as failed before the password is checked, in one
   * transaction with the check of the lock: attempts sent in parallel each see
   * the count the one before left, so the fifth locks the account and the
   * rest are refused unheard (a password check takes long enough for forty to
   * arrive meanwhile). A right password then clears the count again.
   */
  private claimAttempt(userId: string): Attempt {
    return transaction(this.db, () => {
      const { failed_attempts, locked_until } = this.userRow(userId)!;
      if (locked_until && Date.parse(locked_until) > this.now()) {
        const minutes = Math.ceil((Date.parse(locked_until) - this.now()) / 60_000);
        throw rejected('account_locked', 'Too many failed attempts; the account is locked for a while.', { minutes });
      }
      const failures = failed_attempts + 1;
      const locks = failures >= MAX_FAILED_LOGINS;
      this.db
        .prepare('UPDATE users SET failed_attempts = ?, locked_until = ? WHERE user_id = ?')
        .run(
          locks ? 0 : failures,
          locks ? new Date(this.now() + LOCKOUT_MINUTES * 60_000).toISOString() : null,
          userId,
        );
      return { failures, locks };
    });
  }

  /** Records the failed attempt (counted already by claimAttempt) and throws the refusal. */
  private refuse(userId: string, { failures, locks }: Attempt, reason: string, action: string): never {
    audit(this.db, { userId, action: locks ? 'auth.lockout' : action, detail: { reason, failures } });
    if (locks) {
      throw rejected('account_locked', 'Too many failed attempts; the account is locked for a while.', {
        minutes: LOCKOUT_MINUTES,
      });
    }
    throw rejected('bad_credentials', 'Wrong user name or password.', { attemptsLeft: MAX_FAILED_LOGINS - failures });
  }

  /**
   * The dispatcher's session resolver: null without a token, a typed error for
   * a bad one. It never extends the session: calls made because of a pushed
   * event or a timer would otherwise keep an unattended screen open.
   */
  resolve(token: string | undefined): UserSession | null {
    if (!token) return null;
    const hash = tokenHash(token);
    const row = this.db
      .prepare(
        `SELECT s.user_id, s.last_seen_at, s.locked, s.ended_at, u.roles, u.active
         FROM sessions s JOIN users u USING (user_id) WHERE s.token_hash = ?`,
      )
      .get(hash) as
      | {
          user_id: string;
          last_seen_at: string;
          locked: number;
          ended_at: string | null;
          roles: string;
          active: number;
        }
      | undefined;
    if (!row || row.ended_at !== null || row.active !== 1) {
      throw new RpcError({ code: 'UNAUTHENTICATED', message: 'The session has ended; please log in.' });
    }
    // The timer locks at the deadline; this catches a call that comes first.
    if (row.locked === 1 || this.now() - Date.parse(row.last_seen_at) >= this.idleMs()) {
      if (row.locked !== 1) this.db.prepare('UPDATE sessions SET locked = 1 WHERE token_hash = ?').run(hash);
      throw new RpcError({ code: 'SESSION_LOCKED', message: 'The screen is locked; enter your password.' });
    }
    const roles = rolesOf(row);
    return { userId: row.user_id, roles, permissions: permissionsOf(roles), tokenHash: hash };
  }

  /** Whose session a token names, even when it is locked (for unlock). */
  private sessionUserId(token: string | undefined): string | null {
    if (!token) return null;
    const row = this.db
      .prepare('SELECT user_id FROM sessions WHERE token_hash = ? AND ended_at IS NULL')
      .get(tokenHash(token)) as { user_id: string } | undefined;
    return row?.user_id ?? null;
  }

  async unlock(token: string | undefined, password: string): Promise<SessionInfo> {
    const userId = this.sessionUserId(token);
    if (!token || !userId)
      throw new RpcError({ code: 'UNAUTHENTICATED', message: 'The session has ended; please log in.' });
    const row = this.userRow(userId)!;
    // Guessing at the lock screen counts like guessing at login.
    const attempt = this.claimAttempt(row.user_id);
    const good = await verifyPassword(password, row.password_hash);
    if (!good || row.active !== 1)
      this.refuse(row.user_id, attempt, good ? 'inactive' : 'bad_password', 'auth.unlock_failed');
    this.db.prepare('UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE user_id = ?').run(row.user_id);
    this.db
      .prepare('UPDATE sessions SET locked = 0, last_seen_at = ? WHERE token_hash = ?')
      .run(new Date(this.now()).toISOString(), tokenHash(token));
    audit(this.db, { userId: row.user_id, action: 'auth.unlock' });
    this.idle.schedule();
    return this.sessionInfo(token, row.user_id);
  }

  /**
   * The person's input, reported by their screen: the one thing that moves the
   * idle deadline, to the backend's own clock (a screen cannot date its input).
   * One row written, nothing else; the timer finds the later deadline itself.
   */
  touch(session: UserSession): void {
    this.db
      .prepare('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ? AND locked = 0 AND ended_at IS NULL')
      .run(new Date(this.now()).toISOString(), session.tokenHash);
  }

  logout(session: UserSession): void {
    this.db
      .prepare('UPDATE sessions SET ended_at = ? WHERE token_hash = ?')
      .run(new Date(this.now()).toISOString(), session.tokenHash);
    audit(this.db, { userId: session.userId, action: 'auth.logout' });
  }

  async changePassword(session: UserSession, current: string, next: string): Promise<void> {
    const row = this.userRow(session.userId)!;
    if (!(await verifyPassword(current, row.password_hash))) throw rejected('bad_credentials', 'Wrong password.');
    this.db
      .prepare('UPDATE users SET password_hash = ?, updated_at = ? WHERE user_id = ?')
      .run(await hashPassword(next), new Date(this.now()).toISOString(), session.userId);
    audit(this.db, { userId: session.userId, action: 'auth.password_changed', target: session.userId });
  }
}
