// The idle lock must hide the screen when the time is up, not at the screen's
// next call, and only the person's own input may put it off: calls a screen
// makes by itself (reloads after a pushed sync event, timers) must not. Played
// against the real backend process over its WebSocket, as browser mode serves
// it, with the idle time shortened to seconds (TONGBAN_TEST_IDLE_LOCK_SECONDS,
// honoured outside Electron only).
import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RpcClient } from '../../shared/rpc/client.ts';
import {
  ChildBackend,
  call,
  createUser,
  login,
  refusal,
  setUpDevice,
  tempDataDir,
  tokenHash,
  withDb,
} from '../integration/harness.ts';

const IDLE_SECONDS = 2;
const IDLE_MS = IDLE_SECONDS * 1000;
// The bound the lock must keep: covered within a second of the deadline.
const LOCK_WITHIN_MS = 1000;

let dataDir: string;
let backend: ChildBackend;
const loops: ReturnType<typeof setInterval>[] = [];

beforeEach(async () => {
  dataDir = tempDataDir('tongban-lock-');
  backend = await ChildBackend.start(dataDir, { TONGBAN_TEST_IDLE_LOCK_SECONDS: String(IDLE_SECONDS) });
});
afterEach(async () => {
  for (const loop of loops.splice(0)) clearInterval(loop);
  await backend.kill();
  rmSync(dataDir, { recursive: true, force: true });
});

const dbFile = (): string => `${dataDir}/tongban.sqlite`;

function sessionRow(token: string): { last_seen_at: string; locked: number } {
  return withDb(
    dbFile(),
    (db) =>
      db.prepare('SELECT last_seen_at, locked FROM sessions WHERE token_hash = ?').get(tokenHash(token)) as {
        last_seen_at: string;
        locked: number;
      },
  );
}

/** When the session's idle time runs out, by the backend's own record of the last input. */
function deadlineOf(token: string): number {
  return Date.parse(sessionRow(token).last_seen_at) + IDLE_MS;
}

/** Every lock pushed to this connection, with the moment it arrived. */
function lockArrivals(client: RpcClient): number[] {
  const arrivals: number[] = [];
  client.on('session.locked', () => arrivals.push(Date.now()));
  return arrivals;
}

function every(ms: number, work: () => void): void {
  loops.push(setInterval(work, ms));
}

async function waitFor(done: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!done() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** The administrator, kept at the keyboard (heartbeats), and a clerk logged in on a connection of their own. */
async function adminAndClerk(): Promise<{ admin: RpcClient; clerk: RpcClient; token: string; password: string }> {
  const { admin } = await setUpDevice(backend);
  every(300, () => void admin.request('auth.heartbeat', {}));
  const credentials = await createUser(admin, ['intake_clerk']);
  const { client, info } = await login(backend, credentials);
  return { admin, clerk: client, token: info.token, password: credentials.password };
}

describe('M2 a lock that hides', () => {
  it('an unattended screen makes no call: the lock is pushed to it at the idle deadline', async () => {
    const { admin, clerk, token } = await adminAndClerk();
    const clerkLocks = lockArrivals(clerk);
    const adminLocks = lockArrivals(admin);
    // One call tells the backend which screen carries the session; it does not extend it.
    expect(await clerk.request('cases.list', {})).toMatchObject({ ok: true });
    const deadline = deadlineOf(token);

    await waitFor(() => clerkLocks.length > 0, IDLE_MS + 5000);
    expect(clerkLocks).toHaveLength(1);
    expect(clerkLocks[0]!).toBeGreaterThanOrEqual(deadline - 20);
    expect(clerkLocks[0]! - deadline).toBeLessThan(LOCK_WITHIN_MS);
    expect(sessionRow(token).locked).toBe(1);
    // The administrator's screen, at the keyboard all along, heard nothing of the clerk's lock.
    expect(adminLocks).toEqual([]);
    expect(await admin.request('users.list', {})).toMatchObject({ ok: true });
  });

  it('reloads after pushed events and timers do not keep an idle session open; input does', async () => {
    const { admin, clerk, token } = await adminAndClerk();
    const clerkLocks = lockArrivals(clerk);
    expect(await clerk.request('cases.list', {})).toMatchObject({ ok: true });
    const deadline = deadlineOf(token);
    // What a screen does by itself: reload its lists after cases.changed and sync.changed, check its session.
    every(150, () => {
      void clerk.request('cases.list', {});
      void clerk.request('drafts.list', {});
      void clerk.request('auth.current', {});
    });

    await waitFor(() => clerkLocks.length > 0, IDLE_MS + 5000);
    expect(clerkLocks).toHaveLength(1);
    expect(clerkLocks[0]! - deadline).toBeLessThan(LOCK_WITHIN_MS);
    // The deadline never moved for all those calls.
    expect(deadlineOf(token)).toBe(deadline);
    expect(await refusal(clerk.request('cases.list', {}))).toMatchObject({ code: 'SESSION_LOCKED' });

    // The administrator's input, reported all along, kept theirs open well past the idle time.
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    expect(await admin.request('users.list', {})).toMatchObject({ ok: true });
  });

  it("a locked session's calls are refused, input cannot reopen it, and only the password does", async () => {
    const { clerk, token, password } = await adminAndClerk();
    const clerkLocks = lockArrivals(clerk);
    expect(await clerk.request('cases.list', {})).toMatchObject({ ok: true });
    await waitFor(() => clerkLocks.length > 0, IDLE_MS + 5000);
    expect(clerkLocks).toHaveLength(1);

    expect(await refusal(clerk.request('cases.list', {}))).toMatchObject({ code: 'SESSION_LOCKED' });
    expect(await refusal(clerk.request('drafts.list', {}))).toMatchObject({ code: 'SESSION_LOCKED' });
    expect(await refusal(clerk.request('auth.heartbeat', {}))).toMatchObject({ code: 'SESSION_LOCKED' });
    // A public call treats a locked session as no session.
    expect(await call(clerk, 'auth.current', {})).toBeNull();
    expect(sessionRow(token).locked).toBe(1);

    expect(await refusal(clerk.request('auth.unlock', { password: 'not-the-password' }))).toMatchObject({
      code: 'REJECTED',
      reason: 'bad_credentials',
    });
    expect(await refusal(clerk.request('cases.list', {}))).toMatchObject({ code: 'SESSION_LOCKED' });
    await call(clerk, 'auth.unlock', { password });
    expect(await clerk.request('cases.list', {})).toMatchObject({ ok: true });

    // Unlocked, the timer runs again: left alone, the screen is locked again at its new deadline.
    const deadline = deadlineOf(token);
    await waitFor(() => clerkLocks.length > 1, IDLE_MS + 5000);
    expect(clerkLocks).toHaveLength(2);
    expect(clerkLocks[1]! - deadline).toBeLessThan(LOCK_WITHIN_MS);
  });

  it('a session left open when the backend stopped is locked as it starts again', async () => {
    const { clerk, token } = await adminAndClerk();
    expect(await clerk.request('cases.list', {})).toMatchObject({ ok: true });
    for (const loop of loops.splice(0)) clearInterval(loop);
    await backend.kill();
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS + 200));
    expect(sessionRow(token).locked).toBe(0);

    backend = await ChildBackend.start(dataDir, { TONGBAN_TEST_IDLE_LOCK_SECONDS: String(IDLE_SECONDS) });
    await waitFor(() => sessionRow(token).locked === 1, 5000);
    expect(sessionRow(token).locked).toBe(1);
    const again = await backend.connect(token);
    expect(await refusal(again.request('cases.list', {}))).toMatchObject({ code: 'SESSION_LOCKED' });
  });
});
