// Guessing a password in parallel: forty wrong passwords sent at once, each
// racing the slow password check, must lock the account after exactly five
// counted failures, at login and at the lock screen alike, and a right
// password during the lock is refused. Played against the real backend
// process over its WebSocket, as browser mode serves it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditRow } from '../../electron/backend/services/audit.ts';
import {
  call,
  createUser,
  login,
  refusal,
  setUpDevice,
  startChild,
  tokenHash,
  withDb,
  type BackendUnderTest,
} from '../integration/harness.ts';

const MAX_FAILED_LOGINS = 5;
const PARALLEL_GUESSES = 40;

let backend: BackendUnderTest;
beforeEach(async () => {
  backend = await startChild();
});
afterEach(async () => {
  await backend.stop();
});

/**
 * The user's failure entries in the audit log, counted by action. Counted, not listed in order: each
 * failure is written when its own password check ends, so the lockout entry of the fifth attempt may come
 * before the entry of a slower fourth.
 */
function failuresOf(userId: string): Record<string, number> {
  return withDb(backend.dbFile, (db) =>
    (db.prepare('SELECT * FROM audit_log WHERE user_id = ?').all(userId) as unknown as AuditRow[])
      .map((row) => row.action)
      .filter((action) => action !== 'auth.login' && action !== 'users.create')
      .reduce<Record<string, number>>((counts, action) => ({ ...counts, [action]: (counts[action] ?? 0) + 1 }), {}),
  );
}

/** The refusals' reasons, counted. */
function reasons(errors: { reason?: string }[]): Record<string, number> {
  return errors.reduce<Record<string, number>>((counts, { reason = '?' }) => {
    counts[reason] = (counts[reason] ?? 0) + 1;
    return counts;
  }, {});
}

describe('H2 lockout under parallel guessing', () => {
  it('locks after exactly five of forty parallel wrong passwords at login; the right one is refused then', async () => {
    const { admin } = await setUpDevice(backend);
    const clerk = await createUser(admin, ['intake_clerk']);
    const anonymous = await backend.connect();
    const guesses = Array.from({ length: PARALLEL_GUESSES }, (_, i) =>
      refusal(anonymous.request('auth.login', { username: clerk.username, password: `guess-${i}` })),
    );
    const errors = await Promise.all(guesses);

    expect(reasons(errors)).toEqual({
      bad_credentials: MAX_FAILED_LOGINS - 1,
      account_locked: PARALLEL_GUESSES - (MAX_FAILED_LOGINS - 1),
    });
    expect(failuresOf(clerk.userId)).toEqual({ 'auth.login_failed': MAX_FAILED_LOGINS - 1, 'auth.lockout': 1 });
    expect(
      await refusal(anonymous.request('auth.login', { username: clerk.username, password: clerk.password })),
    ).toMatchObject({ code: 'REJECTED', reason: 'account_locked' });
    expect((await call(admin, 'users.list', {})).find((u) => u.userId === clerk.userId)).toMatchObject({
      locked: true,
    });
  });

  it('locks after exactly five of forty parallel wrong passwords at the lock screen', async () => {
    const { admin } = await setUpDevice(backend);
    const clerk = await createUser(admin, ['intake_clerk']);
    const { client, info } = await login(backend, clerk);
    withDb(backend.dbFile, (db) =>
      db.prepare('UPDATE sessions SET locked = 1 WHERE token_hash = ?').run(tokenHash(info.token)),
    );
    const errors = await Promise.all(
      Array.from({ length: PARALLEL_GUESSES }, (_, i) =>
        refusal(client.request('auth.unlock', { password: `guess-${i}` })),
      ),
    );

    expect(reasons(errors)).toEqual({
      bad_credentials: MAX_FAILED_LOGINS - 1,
      account_locked: PARALLEL_GUESSES - (MAX_FAILED_LOGINS - 1),
    });
    expect(failuresOf(clerk.userId)).toEqual({ 'auth.unlock_failed': MAX_FAILED_LOGINS - 1, 'auth.lockout': 1 });
    expect(await refusal(client.request('auth.unlock', { password: clerk.password }))).toMatchObject({
      code: 'REJECTED',
      reason: 'account_locked',
    });
  });
});
