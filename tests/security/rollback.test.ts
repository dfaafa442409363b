// A data folder copied back to an older state, with no restore announced:
// the exchange server remembers how far this device's own record of events
// had come, so at the next sync the device learns it is behind, stops syncing
// that remote before sending anything, and shows the administrator how many
// of its events are missing. A stale copy that took in new cases meanwhile
// (and so counts more events than before) is caught by the events the server
// got from it and it no longer holds. Announced as a recovery by the
// administrator, the copy takes back from the server what it lacked.
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME } from '../../electron/backend/backend.ts';
import type { RpcClient } from '../../shared/rpc/client.ts';
import type { Scope } from '../../shared/sync/protocol.ts';
import type { MethodOutput } from '../../shared/rpc/contract.ts';
import { RESOURCES } from '../../shared/i18n/index.ts';
import { localDay } from '../../shared/local-time.ts';
import {
  addRemoteAt,
  ADMIN,
  APPLICANT,
  call,
  login,
  pensionTransfer,
  setUpDevice,
  staffClient,
  startListeningServer,
  until,
  withDb,
  type ListeningServer,
} from '../integration/harness.ts';
import { KeyedDevice } from './support/keyed-device.ts';

const INTAKE_SCOPE: Scope = { kind: 'intake', regionCode: '360430', matterIds: [] };

let root: string;
let server: ListeningServer;
let device: KeyedDevice;
let admin: RpcClient;
let clerk: RpcClient;
const key = randomBytes(32);

const dataDir = (): string => join(root, 'data');
const stale = (): string => join(root, 'stale');

async function takeIn(name: string): Promise<string> {
  return (await call(clerk, 'intake.submit', pensionTransfer({ applicant: { ...APPLICANT, name } }))).caseId;
}

async function remote(): Promise<MethodOutput<'sync.status'>[number]> {
  return (await call(admin, 'sync.status', {}))[0]!;
}

/** Until a pass has run after every case taken in so far: the server has heard this device's count. */
async function settled(): Promise<void> {
  await until(remote, (r) => r.queueDepth === 0 && r.lastSuccessAt !== null, 'the outbox to drain');
  const before = (await remote()).lastSuccessAt;
  await call(admin, 'sync.now', {});
  await until(remote, (r) => r.lastSuccessAt !== before, 'another pass');
}

async function reopen(): Promise<void> {
  device = new KeyedDevice(dataDir(), key);
  admin = (await login(device, ADMIN)).client;
  clerk = await staffClient(device, admin, ['intake_clerk']);
}

/** The folder put back as it was when copied: what a restore of an old copy by hand does. */
function copyBack(): void {
  device.close();
  rmSync(dataDir(), { recursive: true, force: true });
  cpSync(stale(), dataDir(), { recursive: true });
}

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'tongban-rollback-'));
  server = await startListeningServer();
  device = new KeyedDevice(dataDir(), key);
  admin = (await setUpDevice(device)).admin;
  await addRemoteAt(server, admin, INTAKE_SCOPE);
  clerk = await staffClient(device, admin, ['intake_clerk']);
  await takeIn('赵一');
  await settled();
  // The copy someone keeps of the data folder: the device stopped, one case in it.
  device.close();
  cpSync(dataDir(), stale(), { recursive: true });
  await reopen();
  await takeIn('钱二');
  await takeIn('孙三');
  await settled();
});

afterEach(async () => {
  device.close();
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

describe('M3 a restored data folder is noticed', () => {
  it(
    'an older copy put back: sync stops and the administrator sees how many events are missing; recovered, they come back',
    { timeout: 90_000 },
    async () => {
      const before = await server.store.stats();
      copyBack();
      await reopen();

      const { rollback } = await until(
        () => call(admin, 'backup.status', {}),
        (s) => s.rollback.length > 0,
        'the rollback to be noticed',
      );
      // Two cases of two events each were made after the copy.
      expect(rollback).toEqual([
        expect.objectContaining({ highestSeen: 6, reported: 2, missing: 4, remoteName: expect.any(String) }),
      ]);
      expect(await server.store.stats()).toEqual(before);
      for (const language of ['zh-CN', 'zh-TW', 'en'] as const) {
        expect(RESOURCES[language].backup.rollback.body).toContain('{{missing}}');
      }

      // The administrator announces this copy as a recovery: the server gives back what it lacked, sync goes on.
      await call(admin, 'backup.recoverFromServers', {});
      const status = await until(
        () => call(admin, 'backup.status', {}),
        (s) => s.recovery === null,
        'the recovery to be announced',
      );
      expect(status.rollback).toEqual([]);
      await until(
        () => call(clerk, 'cases.list', {}),
        (list) => list.rows.length === 3,
        'the missing cases back',
      );
      withDb(join(dataDir(), DATABASE_FILE_NAME), (db) => {
        expect(db.prepare('SELECT count(*) AS n FROM case_events').get()).toEqual({ n: 6 });
        expect(db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'sync.rollback_recovery'").get()).toEqual(
          {
            n: 1,
          },
        );
      });
      await takeIn('郑七');
      await until(remote, (r) => r.queueDepth === 0, 'the new case to be sent');
      expect((await server.store.stats()).cases).toBe(before.cases + 1);
    },
  );

  it('an older copy that took in new cases before it synced: stopped before anything of it reaches the server', async () => {
    const before = await server.store.stats();
    // The old copy runs a while with no link to the server, taking in three cases (six events: more than it had).
    withDb(join(stale(), DATABASE_FILE_NAME), (db) =>
      db.prepare("UPDATE remotes SET url = 'http://127.0.0.1:9'").run(),
    );
    copyBack();
    await reopen();
    const offline = [await takeIn('李四'), await takeIn('周五'), await takeIn('吴六')];
    device.close();
    withDb(join(dataDir(), DATABASE_FILE_NAME), (db) => db.prepare('UPDATE remotes SET url = ?').run(server.url));
    await reopen();

    const { rollback } = await until(
      () => call(admin, 'backup.status', {}),
      (s) => s.rollback.length > 0,
      'the rollback to be noticed',
    );
    expect(rollback).toEqual([expect.objectContaining({ highestSeen: 6, reported: 8, missing: 4 })]);
    expect(await server.store.stats()).toEqual(before);
    for (const caseId of offline) expect(await server.store.caseRecord(caseId)).toBeNull();
    expect((await remote()).queueDepth).toBe(6);
  });

  it('a copy that holds every event but not the last day close: the anchor at the server gives it away', async () => {
    const today = localDay(new Date());
    // The copy is taken with every event in it, before the supervisor closes the day.
    device.close();
    rmSync(stale(), { recursive: true, force: true });
    cpSync(dataDir(), stale(), { recursive: true });
    await reopen();
    const closer = await staffClient(device, admin, ['supervisor']);
    const { warnings } = await call(closer, 'supervision.closePreview', { day: today });
    await call(closer, 'supervision.closeDay', {
      day: today,
      comments: warnings.map((w) => ({ key: w.key, comment: 'followed up' })),
    });
    const serverDeviceId = withDb(
      join(dataDir(), DATABASE_FILE_NAME),
      (db) =>
        (db.prepare('SELECT server_device_id FROM remotes').get() as { server_device_id: string }).server_device_id,
    );
    await until(
      () => server.store.anchors(serverDeviceId, null, null, 10),
      (kept) => kept.highestDay === today,
      "the day's anchor at the server",
    );

    const before = await server.store.stats();
    copyBack();
    await reopen();
    const { rollback } = await until(
      () => call(admin, 'backup.status', {}),
      (s) => s.rollback.length > 0,
      'the rollback to be noticed',
    );
    expect(rollback).toEqual([expect.objectContaining({ missing: 0, missingCloses: [today] })]);
    expect(await server.store.stats()).toEqual(before);
    for (const language of ['zh-CN', 'zh-TW', 'en'] as const) {
      expect(RESOURCES[language].backup.rollback.closes).toContain('{{days}}');
    }
  });
});
