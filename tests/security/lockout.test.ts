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

function failuresOf(userId: string): string[] {
  return withDb(backend.dbFile, (db) =>
    (db.prepare('SELECT * FROM audit_log WHERE user_id = ? ORDER BY seq').all(userId) as unknown as AuditRow[])
      .map((row) => row.action)
      .filter((action) => action !== 'auth.login' && action !== 'users.create'),
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
    expect(failuresOf(clerk.userId)).toEqual([
      ...Array(MAX_FAILED_LOGINS - 1).fill('auth.login_failed'),
      'auth.lockout',
    ]);
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
    expect(failuresOf(clerk.userId)).toEqual([
      ...Array(MAX_FAILED_LOGINS - 1).fill('auth.unlock_failed'),
      'auth.lockout',
    ]);
    expect(await refusal(client.request('auth.unlock', { password: clerk.password }))).toMatchObject({
      code: 'REJECTED',
      reason: 'account_locked',
    });
  });
});
