// Users and sessions on one offline device: first-run set-up,
// scrypt logins with a lockout, deactivation, the last administrator, the idle
// lock, sessions that outlive a backend restart, and the audit trail — against
// the real backend entry running as its own process.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditRow } from '../../electron/backend/services/audit.ts';
import type { RpcClient } from '../../shared/rpc/client.ts';
import {
  ADMIN,
  AGENT,
  APPLICANT,
  call,
  createUser,
  login,
  pensionTransfer,
  refusal,
  residentId,
  setUpDevice,
  startChild,
  TEST_DEVICE,
  tokenHash,
  withDb,
  type BackendUnderTest,
} from './harness.ts';

const MAX_FAILED_LOGINS = 5;

let backend: BackendUnderTest;

beforeEach(async () => {
  backend = await startChild();
});

afterEach(async () => {
  await backend.stop();
});

/** Moves a session's last activity into the past, as if nobody had touched the keyboard since. */
function makeIdle(token: string, minutes: number): void {
  const lastSeen = new Date(Date.now() - minutes * 60_000).toISOString();
  withDb(backend.dbFile, (db) => {
    const { changes } = db
      .prepare('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?')
      .run(lastSeen, tokenHash(token));
    expect(changes).toBe(1);
  });
}

function auditRows(): AuditRow[] {
  return withDb(
    backend.dbFile,
    (db) => db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as unknown as AuditRow[],
  );
}

describe('first run', () => {
  it('reports whether the device is set up, and sets it up only once', async () => {
    const anonymous = await backend.connect();
    expect(await call(anonymous, 'setup.status', {})).toEqual({ setUp: false });
    expect(await refusal(anonymous.request('auth.login', ADMIN))).toMatchObject({
      code: 'REJECTED',
      reason: 'device_not_set_up',
    });

    const { admin, info } = await setUpDevice(backend);
    expect(info.user).toMatchObject({ username: ADMIN.username, roles: ['administrator'], active: true });
    expect(info.device).toMatchObject(TEST_DEVICE);
    expect(info.permissions).toContain('users.manage');
    expect(await call(anonymous, 'setup.status', {})).toEqual({ setUp: true });
    // The administrator made by set-up is logged in.
    expect(await call(admin, 'auth.current', {})).toMatchObject({ user: { username: ADMIN.username } });

    const second = await refusal(
      anonymous.request('setup.initialize', {
        device: { ...TEST_DEVICE, regionCode: '110101' },
        admin: { username: 'intruder', displayName: 'Intruder', password: 'intruder-password' },
      }),
    );
    expect(second).toMatchObject({ code: 'REJECTED', reason: 'already_set_up' });
    expect((await call(admin, 'users.list', {})).map((u) => u.username)).toEqual([ADMIN.username]);
    expect(await call(admin, 'device.get', {})).toMatchObject({ regionCode: TEST_DEVICE.regionCode });

    await backend.restart();
    expect(await call(await backend.connect(), 'setup.status', {})).toEqual({ setUp: true });
  });
});

describe('login', () => {
  it('counts failures, locks the account after five, and a password reset by an administrator unlocks it', async () => {
    const { admin } = await setUpDevice(backend);
    const clerk = await createUser(admin, ['intake_clerk']);
    const anonymous = await backend.connect();
    const attempt = (password: string) => anonymous.request('auth.login', { username: clerk.username, password });

    // A successful login clears earlier failures.
    await refusal(attempt('wrong-password'));
    await refusal(attempt('wrong-password'));
    expect(await attempt(clerk.password)).toMatchObject({ ok: true });

    for (let failure = 1; failure < MAX_FAILED_LOGINS; failure++) {
      expect(await refusal(attempt(`wrong-${failure}`))).toMatchObject({
        code: 'REJECTED',
        reason: 'bad_credentials',
        params: { attemptsLeft: MAX_FAILED_LOGINS - failure },
      });
    }
    expect(await refusal(attempt('wrong-5'))).toMatchObject({ code: 'REJECTED', reason: 'account_locked' });
    // Locked: even the right password is refused.
    expect(await refusal(attempt(clerk.password))).toMatchObject({ code: 'REJECTED', reason: 'account_locked' });
    expect((await call(admin, 'users.list', {})).find((u) => u.userId === clerk.userId)).toMatchObject({
      locked: true,
    });

    const reset = await call(admin, 'users.resetPassword', { userId: clerk.userId, password: 'a-fresh-password' });
    expect(reset.locked).toBe(false);
    expect(await refusal(attempt(clerk.password))).toMatchObject({
      reason: 'bad_credentials',
      params: { attemptsLeft: 4 },
    });
    const session = await call(anonymous, 'auth.login', { username: clerk.username, password: 'a-fresh-password' });
    expect(session.user).toMatchObject({ userId: clerk.userId, locked: false, roles: ['intake_clerk'] });
  });

  it('refuses an unknown user like a wrong password', async () => {
    await setUpDevice(backend);
    const anonymous = await backend.connect();
    expect(
      await refusal(anonymous.request('auth.login', { username: 'nobody', password: ADMIN.password })),
    ).toMatchObject({ code: 'REJECTED', reason: 'bad_credentials' });
  });

  it('refuses a deactivated user, and ends the sessions they had open', async () => {
    const { admin } = await setUpDevice(backend);
    const clerk = await createUser(admin, ['intake_clerk']);
    const { client } = await login(backend, clerk);
    expect(await client.request('cases.list', {})).toMatchObject({ ok: true });

    await call(admin, 'users.update', { userId: clerk.userId, active: false });
    expect(await refusal(client.request('cases.list', {}))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await refusal(client.request('auth.heartbeat', {}))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await call(client, 'auth.current', {})).toBeNull();
    const again = await refusal((await backend.connect()).request('auth.login', clerk));
    expect(again.code).toBe('REJECTED');

    // Reactivated, they log in afresh; the ended session stays ended.
    await call(admin, 'users.update', { userId: clerk.userId, active: true });
    expect(await refusal(client.request('cases.list', {}))).toMatchObject({ code: 'UNAUTHENTICATED' });
    const fresh = await login(backend, clerk);
    expect(await fresh.client.request('cases.list', {})).toMatchObject({ ok: true });
  });
});

describe('administrators', () => {
  it('keeps at least one active administrator', async () => {
    const { admin, info } = await setUpDevice(backend);
    const self = info.user.userId;
    const lastAdministrator = { code: 'REJECTED', reason: 'last_administrator' };

    expect(await refusal(admin.request('users.update', { userId: self, roles: ['supervisor'] }))).toMatchObject(
      lastAdministrator,
    );
    expect(await refusal(admin.request('users.update', { userId: self, active: false }))).toMatchObject(
      lastAdministrator,
    );
    // Adding a role keeps the administrator.
    expect(await call(admin, 'users.update', { userId: self, roles: ['administrator', 'supervisor'] })).toMatchObject({
      roles: ['administrator', 'supervisor'],
    });

    // A deactivated administrator does not count.
    const second = await createUser(admin, ['administrator']);
    await call(admin, 'users.update', { userId: second.userId, active: false });
    expect(await refusal(admin.request('users.update', { userId: self, roles: ['supervisor'] }))).toMatchObject(
      lastAdministrator,
    );

    // With another active administrator, demotion goes through — and then that one is the last.
    await call(admin, 'users.update', { userId: second.userId, active: true });
    expect(await call(admin, 'users.update', { userId: self, roles: ['supervisor'] })).toMatchObject({
      roles: ['supervisor'],
    });
    const { client: secondAdmin } = await login(backend, second);
    expect(await refusal(secondAdmin.request('users.update', { userId: second.userId, active: false }))).toMatchObject(
      lastAdministrator,
    );
    const users = await call(secondAdmin, 'users.list', {});
    expect(users.filter((u) => u.active && u.roles.includes('administrator')).map((u) => u.userId)).toEqual([
      second.userId,
    ]);
  });
});

describe('the idle lock', () => {
  async function clerkWithShortIdleLock(): Promise<{
    admin: RpcClient;
    client: RpcClient;
    token: string;
    password: string;
  }> {
    const { admin } = await setUpDevice(backend);
    expect(await call(admin, 'device.update', { idleLockMinutes: 1 })).toMatchObject({ idleLockMinutes: 1 });
    const clerk = await createUser(admin, ['intake_clerk']);
    const { client, info } = await login(backend, clerk);
    return { admin, client, token: info.token, password: clerk.password };
  }

  it('locks a session idle for longer than the device allows; only the right password unlocks it', async () => {
    const { client, token, password } = await clerkWithShortIdleLock();

    // Idle for less than the limit: still open.
    makeIdle(token, 0.5);
    expect(await client.request('cases.list', {})).toMatchObject({ ok: true });

    makeIdle(token, 2);
    expect(await refusal(client.request('cases.list', {}))).toMatchObject({ code: 'SESSION_LOCKED' });
    expect(await refusal(client.request('drafts.list', {}))).toMatchObject({ code: 'SESSION_LOCKED' });
    // A public call treats a locked session as no session.
    expect(await call(client, 'auth.current', {})).toBeNull();

    expect(await refusal(client.request('auth.unlock', { password: 'not-my-password' }))).toMatchObject({
      code: 'REJECTED',
      reason: 'bad_credentials',
    });
    expect(await refusal(client.request('cases.list', {}))).toMatchObject({ code: 'SESSION_LOCKED' });

    const unlocked = await call(client, 'auth.unlock', { password });
    expect(unlocked.token).toBe(token);
    expect(await client.request('cases.list', {})).toMatchObject({ ok: true });
    expect(await call(client, 'auth.current', {})).toMatchObject({ token });

    const actions = auditRows().map((r) => r.action);
    expect(actions).toContain('auth.unlock_failed');
    expect(actions).toContain('auth.unlock');
  });

  it('stays locked across a backend restart', async () => {
    const { client, token, password } = await clerkWithShortIdleLock();
    makeIdle(token, 2);
    expect(await refusal(client.request('cases.list', {}))).toMatchObject({ code: 'SESSION_LOCKED' });
    await backend.restart();
    const reconnected = await backend.connect(token);
    expect(await refusal(reconnected.request('cases.list', {}))).toMatchObject({ code: 'SESSION_LOCKED' });
    await call(reconnected, 'auth.unlock', { password });
    expect(await reconnected.request('cases.list', {})).toMatchObject({ ok: true });
  });

  // The lockout must not be sidestepped at the lock screen: otherwise whoever
  // finds an idle-locked window can guess the clerk's password without limit.
  it('locks the account after five wrong passwords at the lock screen, as at login', async () => {
    const { client, token, password } = await clerkWithShortIdleLock();
    makeIdle(token, 2);
    expect(await refusal(client.request('cases.list', {}))).toMatchObject({ code: 'SESSION_LOCKED' });
    for (let failure = 1; failure <= MAX_FAILED_LOGINS; failure++) {
      expect(await refusal(client.request('auth.unlock', { password: `guess-${failure}` }))).toMatchObject({
        code: 'REJECTED',
      });
    }
    const afterGuesses = await client.request('auth.unlock', { password });
    expect(afterGuesses).toMatchObject({ ok: false, error: { code: 'REJECTED', reason: 'account_locked' } });
  });
});

describe('sessions', () => {
  it('a session token keeps working after the backend restarts, gracefully or killed', async () => {
    const { admin } = await setUpDevice(backend);
    const clerk = await createUser(admin, ['intake_clerk']);
    const { info } = await login(backend, clerk);

    await backend.restart();
    const afterRestart = await backend.connect(info.token);
    expect(await call(afterRestart, 'auth.current', {})).toMatchObject({ user: { userId: clerk.userId } });
    expect(await afterRestart.request('cases.list', {})).toMatchObject({ ok: true });

    await backend.restart({ hard: true });
    const afterKill = await backend.connect(info.token);
    expect(await afterKill.request('drafts.list', {})).toMatchObject({ ok: true });

    // Logging out ends it for good, restart or not.
    await call(afterKill, 'auth.logout', {});
    await backend.restart();
    expect(await refusal((await backend.connect(info.token)).request('cases.list', {}))).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });
});

describe('the audit trail', () => {
  it('records logins, failures, lockouts and reveals, and no ID number reaches the audit log or the log', async () => {
    const { admin } = await setUpDevice(backend);
    const clerk = await createUser(admin, ['intake_clerk']);
    const victim = await createUser(admin, ['supervisor']);
    const { client } = await login(backend, clerk);
    const anonymous = await backend.connect();

    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      await refusal(anonymous.request('auth.login', { username: victim.username, password: `guess-${i}` }));
    }
    await refusal(anonymous.request('auth.login', { username: 'nobody', password: 'guess' }));

    // Personal data goes through every path: a case with an agent, refused submissions, searches, reveals.
    const wrongCheck = `${APPLICANT.idNumber.slice(0, 17)}1`;
    const impossibleDate = residentId('110102', '19780230', '232');
    const refusedIds = [wrongCheck, impossibleDate];
    for (const idNumber of refusedIds) {
      await refusal(client.request('intake.submit', pensionTransfer({ applicant: { ...APPLICANT, idNumber } })));
    }
    const agentCase = pensionTransfer({ agent: { ...AGENT, powerOfAttorney: 'original_kept' } });
    const { caseId } = await call(client, 'intake.submit', agentCase);
    for (const query of [APPLICANT.idNumber, APPLICANT.idNumber.toLowerCase(), AGENT.idNumber, APPLICANT.phone]) {
      expect((await call(client, 'cases.list', { query })).rows.map((r) => r.caseId)).toEqual([caseId]);
    }
    expect(await call(client, 'cases.reveal', { caseId, field: 'applicant.idNumber' })).toEqual({
      value: APPLICANT.idNumber,
    });
    expect(await call(client, 'cases.reveal', { caseId, field: 'agent.idNumber' })).toEqual({ value: AGENT.idNumber });
    await call(client, 'cases.reveal', { caseId, field: 'applicant.phone' });

    const rows = auditRows();
    const byAction = (action: string) => rows.filter((r) => r.action === action);
    expect(byAction('auth.login').map((r) => r.user_id)).toContain(clerk.userId);
    expect(byAction('auth.login_failed').length).toBeGreaterThanOrEqual(MAX_FAILED_LOGINS);
    expect(byAction('auth.login_failed').map((r) => r.user_id)).toContain(victim.userId);
    expect(byAction('auth.lockout')).toEqual([expect.objectContaining({ user_id: victim.userId })]);
    const reveals = byAction('personal.reveal');
    expect(reveals.map((r) => [r.user_id, r.target, JSON.parse(r.detail)])).toEqual([
      [clerk.userId, caseId, { field: 'applicant.idNumber' }],
      [clerk.userId, caseId, { field: 'agent.idNumber' }],
      [clerk.userId, caseId, { field: 'applicant.phone' }],
    ]);

    const secrets = [
      APPLICANT.idNumber,
      APPLICANT.idNumber.toLowerCase(),
      AGENT.idNumber,
      ...refusedIds,
      APPLICANT.phone,
      AGENT.phone,
      APPLICANT.name,
      AGENT.name,
    ];
    const auditText = JSON.stringify(rows);
    const logText = backend.logs();
    // The log is really being read: the backend announced itself in it.
    expect(logText).toContain('backend.ready');
    for (const secret of secrets) {
      expect(auditText, secret).not.toContain(secret);
      expect(logText, secret).not.toContain(secret);
    }
  });
});
