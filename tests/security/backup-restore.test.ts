// A device's data backed up while it runs, encrypted under a recovery
// passphrase, and restored onto a wiped data folder with a new master key
// (a new PC): the backup is checked whole before it is used, the device
// announces the recovery, takes back from the exchange server what the backup
// lacks, and ends with every case and event it had. A backup with one byte
// changed, or opened with the wrong passphrase, is refused.
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME } from '../../electron/backend/backend.ts';
import { deriveKeys } from '../../electron/backend/crypto/keys.ts';
import { checkAuditChain } from '../../electron/backend/services/audit.ts';
import { verifyRestoredChains } from '../../electron/backend/services/backup/verify.ts';
import type { RpcClient } from '../../shared/rpc/client.ts';
import type { Scope } from '../../shared/sync/protocol.ts';
import { RESOURCES } from '../../shared/i18n/index.ts';
import { acceptedEvent, enroll, httpTransport } from '../support/server.ts';
import {
  addRemoteAt,
  ADMIN,
  APPLICANT,
  call,
  login,
  makePng,
  pensionTransfer,
  refusal,
  setUpDevice,
  staffClient,
  startListeningServer,
  until,
  uploadScan,
  withDb,
  type ListeningServer,
} from '../integration/harness.ts';
import { KeyedDevice } from './support/keyed-device.ts';

const PASSPHRASE = 'correct horse battery staple';
const INTAKE_SCOPE: Scope = { kind: 'intake', regionCode: '360430', matterIds: [] };

let root: string;
let server: ListeningServer;
let device: KeyedDevice;
let admin: RpcClient;
let clerk: RpcClient;
let backupPath: string;
const originalKey = randomBytes(32);

async function takeIn(name: string, withScan: boolean): Promise<string> {
  const scans = [];
  if (withScan) {
    const scan = await uploadScan(clerk, makePng(`scan-${name}`), 'image/png');
    if (!scan.ok) throw new Error('upload failed');
    scans.push({ sha256: scan.value.sha256, materialId: 'id_card' });
  }
  return (await call(clerk, 'intake.submit', pensionTransfer({ applicant: { ...APPLICANT, name }, scans }))).caseId;
}

async function drained(client: RpcClient): Promise<void> {
  await until(
    () => call(client, 'sync.status', {}),
    (remotes) => remotes.every((r) => r.enrolled && r.queueDepth === 0 && r.blobsLeft === 0),
    'the outbox to drain',
  );
}

interface Snapshot {
  cases: string[];
  events: { event_id: string; content_hash: string }[];
}

function snapshot(dbFile: string): Snapshot {
  return withDb(dbFile, (db) => ({
    cases: (db.prepare('SELECT case_id FROM cases ORDER BY case_id').all() as { case_id: string }[]).map(
      (r) => r.case_id,
    ),
    events: db.prepare('SELECT event_id, content_hash FROM case_events ORDER BY event_id').all() as Snapshot['events'],
  }));
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'tongban-backup-'));
  server = await startListeningServer();
  device = new KeyedDevice(join(root, 'data'), originalKey);
  admin = (await setUpDevice(device)).admin;
  await addRemoteAt(server, admin, INTAKE_SCOPE);
  clerk = await staffClient(device, admin, ['intake_clerk']);
});

afterAll(async () => {
  device.close();
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

describe('M3 backup and a verified restore: nothing lost, nothing forged', () => {
  it('backs up while the app runs, into an encrypted folder with a manifest of hashes', async () => {
    await takeIn('赵一', true);
    await takeIn('钱二', false);
    await drained(clerk);

    await call(admin, 'backup.configure', { folder: join(root, 'usb'), passphrase: PASSPHRASE, daily: true });
    const made = await call(admin, 'backup.run', {});
    backupPath = made.path;
    expect(made.parts).toBeGreaterThanOrEqual(2); // the database and the scan (and its thumbnail)

    const status = await call(admin, 'backup.status', {});
    expect(status).toMatchObject({ configured: true, daily: true, lastFailure: null, running: null });
    expect(status.lastSuccess?.at).toBe(made.createdAt);

    // Nothing in the backup reads in the clear: not an applicant's name, not SQLite's header.
    for (const part of readdirSync(join(backupPath, 'parts'))) {
      const bytes = readFileSync(join(backupPath, 'parts', part));
      expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);
      expect(bytes.includes(Buffer.from('赵一'))).toBe(false);
    }
  });

  it(
    'a wiped data folder, restored on a new PC, ends with nothing lost: all cases and events, chains intact',
    { timeout: 90_000 },
    async () => {
      // After the backup: more cases, and the handling place's decision on one of them.
      const later = await takeIn('孙三', true);
      await takeIn('李四', false);
      await drained(clerk);
      const desk = await enroll(
        server,
        httpTransport(server.url, server.identity.certificatePem),
        { kind: 'acceptance', regionCode: '421127' },
        '受理台',
      );
      const [accepted] = await desk.push([acceptedEvent(later, desk, 'HM-2026-000777')]);
      expect(accepted).toMatchObject({ status: 'accepted' });
      await until(
        () => call(clerk, 'cases.get', { caseId: later }),
        (d) => d.row.status === 3,
        'the decision to arrive',
      );
      const before = snapshot(join(device.dataDir, DATABASE_FILE_NAME));
      expect(before.cases).toHaveLength(4);

      // The PC is lost: the data folder is gone, and the new PC has a master key of its own.
      device.close();
      rmSync(device.dataDir, { recursive: true, force: true });
      device = new KeyedDevice(device.dataDir, randomBytes(32));
      const firstScreen = await device.connect();
      const restored = await call(firstScreen, 'backup.restoreAtSetup', { folder: backupPath, passphrase: PASSPHRASE });
      expect(restored.restarting).toBe(true);
      await until(
        () => Promise.resolve(device.restartRequested),
        (asked) => asked,
        'the backend to ask for a restart',
      );
      device.restart();
      expect(device.masterKey.equals(originalKey)).toBe(true);

      // The administrator of the old PC signs in; the device announced the recovery and took back what it lacked.
      admin = (await login(device, ADMIN)).client;
      await until(
        () => call(admin, 'backup.status', {}),
        (s) => s.recovery === null,
        'the recovery to be announced',
      );
      await until(
        () => Promise.resolve(snapshot(join(device.dataDir, DATABASE_FILE_NAME))),
        (now) => now.events.length === before.events.length,
        'every event back',
      );
      expect(snapshot(join(device.dataDir, DATABASE_FILE_NAME))).toEqual(before);
      expect((await call(admin, 'backup.status', {})).rollback).toEqual([]);

      withDb(join(device.dataDir, DATABASE_FILE_NAME), (db) => {
        expect(verifyRestoredChains(db, deriveKeys(originalKey))).toBeNull();
        expect(checkAuditChain(db).intact).toBe(true);
        const restoredEntry = db.prepare("SELECT detail FROM audit_log WHERE action = 'backup.restored'").get() as {
          detail: string;
        };
        expect(JSON.parse(restoredEntry.detail)).toEqual({ backupAt: expect.any(String) });
      });

      // The scan of the case taken in after the backup came back from the server, and reads.
      clerk = await staffClient(device, admin, ['intake_clerk']);
      const detail = await until(
        () => call(clerk, 'cases.get', { caseId: later }),
        (d) => d.row.status === 3,
        'the restored case',
      );
      expect(detail.row.caseNo).toMatch(/^360430-/);

      // Sync goes on as before: a new case takes a number of its own and reaches the server.
      const next = await takeIn('周五', false);
      await drained(clerk);
      const numbers = (await call(clerk, 'cases.list', {})).rows.map((r) => r.caseNo);
      expect(new Set(numbers).size).toBe(numbers.length);
      expect(await server.store.caseRecord(next)).not.toBeNull();
    },
  );

  it('a backup with one byte changed is refused, and nothing of it is used', async () => {
    const copy = join(root, 'tampered');
    cpSync(backupPath, copy, { recursive: true });
    const part = join(copy, 'parts', readdirSync(join(copy, 'parts'))[0]!);
    const bytes = readFileSync(part);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    writeFileSync(part, bytes);
    const error = await refusal(admin.request('backup.restore', { folder: copy, passphrase: PASSPHRASE }));
    expect(error).toMatchObject({ code: 'REJECTED', reason: 'backup_tampered' });
    expect(readdirSync(device.dataDir)).not.toContain('restore-pending');

    const manifest = join(root, 'tampered-manifest');
    cpSync(backupPath, manifest, { recursive: true });
    const text = readFileSync(join(manifest, 'manifest.json'), 'utf8');
    writeFileSync(
      join(manifest, 'manifest.json'),
      text.replace(/"size": (\d)/, (_m, d: string) => `"size": ${(Number(d) + 1) % 10}`),
    );
    const edited = await refusal(admin.request('backup.restore', { folder: manifest, passphrase: PASSPHRASE }));
    expect(edited).toMatchObject({ reason: 'backup_tampered' });
    expect(device.restartRequested).toBe(false);
  });

  it('a backup that cannot be written (the USB disk gone) is refused, and Settings says why', async () => {
    const notAFolder = join(root, 'not-a-folder');
    writeFileSync(notAFolder, 'a file where the USB disk was');
    await call(admin, 'backup.configure', { folder: notAFolder, daily: true });
    const error = await refusal(admin.request('backup.run', {}));
    expect(error).toMatchObject({ code: 'REJECTED', reason: 'backup_folder_missing' });
    const { lastFailure, running } = await call(admin, 'backup.status', {});
    expect(lastFailure).toMatchObject({ reason: 'backup_folder_missing' });
    expect(running).toBeNull();
  });

  it('a wrong passphrase is refused with a clear message', async () => {
    const error = await refusal(
      admin.request('backup.restore', { folder: backupPath, passphrase: 'not the passphrase at all' }),
    );
    expect(error).toMatchObject({ code: 'REJECTED', reason: 'backup_wrong_passphrase' });
    for (const language of ['zh-CN', 'zh-TW', 'en'] as const) {
      expect(RESOURCES[language].reasons.backup_wrong_passphrase).toMatch(/\S/);
    }
    expect(device.restartRequested).toBe(false);
  });
});
