import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { CHAIN_ORIGIN } from '../../services/event-chain.ts';
import { openDatabase } from '../database.ts';
import { migration0001 } from './0001-settings.ts';
import { migration0002 } from './0002-intake.ts';
import { migration0003 } from './0003-sync.ts';
import { migration0004 } from './0004-acceptance.ts';
import { MIGRATIONS } from './index.ts';

// Up to this migration, whatever comes after it.
const UP_TO_0005 = MIGRATIONS.slice(0, 5);

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** An instant given in local time, as the window's clock reads it. */
const local = (month: number, day: number, hour: number, minute = 0): string =>
  new Date(2026, month - 1, day, hour, minute).toISOString();

// Written in this order (rowid order). The last one, pulled from a server
// late, happened before all the others: the chain follows the order written,
// and files each event under the local day it occurred on.
const EVENTS = [
  { event_id: 'e1', case_id: 'c1', case_seq: 1, type: 'case.received', occurred_at: local(11, 20, 10, 0) },
  { event_id: 'e2', case_id: 'c1', case_seq: 2, type: 'case.materials_checked', occurred_at: local(11, 20, 10, 1) },
  { event_id: 'e3', case_id: 'c2', case_seq: 1, type: 'case.received', occurred_at: local(11, 21, 8, 30) },
  { event_id: 'e4', case_id: 'c1', case_seq: 3, type: 'case.accepted', occurred_at: local(11, 21, 9, 0) },
  { event_id: 'e5', case_id: 'c1', case_seq: 4, type: 'case.concluded_approved', occurred_at: local(11, 24, 15, 0) },
  { event_id: 'e6', case_id: 'c1', case_seq: 5, type: 'case.evaluated', occurred_at: local(11, 25, 16, 0) },
  { event_id: 'e7', case_id: 'c2', case_seq: 2, type: 'case.note_added', occurred_at: local(11, 19, 23, 30) },
].map((e, index) => ({
  ...e,
  payload_enc: `ciphertext-${index}`,
  actor_user_id: index === 6 ? 'someone-elsewhere' : 'u1',
  actor_role: index === 3 || index === 4 ? 'handling_officer' : 'intake_clerk',
  device_id: index === 6 ? 'd-remote' : 'd-here',
  content_hash: createHash('sha256').update(`content ${index}`).digest('hex'),
}));
type EventRow = (typeof EVENTS)[number];

const AUDIT = [
  { at: '2026-11-20T01:00:00.000Z', user_id: 'u1', action: 'auth.login', target: null, detail: '{}' },
  {
    at: '2026-11-20T01:05:00.000Z',
    user_id: null,
    action: 'auth.login_failed',
    target: null,
    detail: '{"reason":"unknown_user"}',
  },
  {
    at: '2026-11-20T02:00:00.000Z',
    user_id: 'u1',
    action: 'personal.reveal',
    target: 'c1',
    detail: '{"field":"applicant.idNumber"}',
  },
];

function version4File(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tongban-m5-'));
  dirs.push(dir);
  const file = join(dir, 'tongban.sqlite');
  const db = new DatabaseSync(file, { enableForeignKeyConstraints: true });
  for (const m of [migration0001, migration0002, migration0003, migration0004]) m.up(db);
  db.exec('PRAGMA user_version = 4');
  db.exec(`
    INSERT INTO users VALUES ('u1', 'clerk', '李受理', 'hash', '["intake_clerk"]', 1, 0, NULL, 'now', 'now');
    INSERT INTO remotes (remote_id, region_code, created_at) VALUES ('r1', '421127', 'now');
  `);
  const insertCase = db.prepare(
    `INSERT INTO cases (case_id, case_no, submission_id, matter_id, catalog_version, intake_region, handling_region,
       remote_id, origin, status, sub_state, sync_state, applicant_masked_name, applicant_masked_id,
       applicant_id_kind, priority, clerk_user_id, received_at, received_day, deadline_provisional, content_hash,
       detail_enc, updated_at, evaluation)
     VALUES (?, ?, ?, 'KST-SI-004', '2026.1', '360430', '421127', 'r1', 'intake', ?, 'sent', 'synced', '张*',
       '1101**********232X', 'resident_id', 0, 'u1', ?, ?, 0, 'h', 'enc', 'now', ?)`,
  );
  insertCase.run('c1', 'no-1', 's1', 11, local(11, 20, 10, 0), '2026-11-20', 2);
  insertCase.run('c2', 'no-2', 's2', 1, local(11, 21, 8, 30), '2026-11-21', null);
  const insertEvent = db.prepare(
    `INSERT INTO case_events (event_id, case_id, case_seq, type, payload_enc, actor_user_id, actor_role, device_id,
       occurred_at, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const e of EVENTS) {
    insertEvent.run(
      e.event_id,
      e.case_id,
      e.case_seq,
      e.type,
      e.payload_enc,
      e.actor_user_id,
      e.actor_role,
      e.device_id,
      e.occurred_at,
      e.content_hash,
    );
  }
  const insertAudit = db.prepare('INSERT INTO audit_log (at, user_id, action, target, detail) VALUES (?, ?, ?, ?, ?)');
  for (const a of AUDIT) insertAudit.run(a.at, a.user_id, a.action, a.target, a.detail);
  db.close();
  return file;
}

const sha256 = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** The link as the event chain defines it, worked out here from the stored columns. */
const link = (previous: string, e: EventRow): string =>
  sha256([
    previous,
    e.event_id,
    e.case_id,
    e.case_seq,
    e.type,
    e.payload_enc,
    e.actor_user_id,
    e.actor_role,
    e.device_id,
    e.occurred_at,
    e.content_hash,
  ]);

const localDay = (iso: string): string => {
  const at = new Date(iso);
  return `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
};

describe('migration 0005 (supervision)', () => {
  it('chains the existing events in the order written, each under the local day it occurred on', () => {
    const { db, migration } = openDatabase(version4File(), UP_TO_0005);
    expect(migration).toMatchObject({ from: 4, to: 5 });
    const links = db.prepare('SELECT seq, event_id, day, hash FROM event_chain ORDER BY seq').all();
    let previous = CHAIN_ORIGIN;
    const expected = EVENTS.map((e, index) => {
      previous = link(previous, e);
      return { seq: index + 1, event_id: e.event_id, day: localDay(e.occurred_at), hash: previous };
    });
    expect(links).toEqual(expected);
    expect(expected.map((l) => l.day)).toEqual([
      '2026-11-20',
      '2026-11-20',
      '2026-11-21',
      '2026-11-21',
      '2026-11-24',
      '2026-11-25',
      '2026-11-19',
    ]);

    // How the runtime reads these legacy links once the chains are keyed: 0012-keyed-chains.test.ts.
    db.close();
  });

  it('fills the audit hashes in order', () => {
    const { db } = openDatabase(version4File(), UP_TO_0005);
    let previous = CHAIN_ORIGIN;
    const expected = AUDIT.map((a, index) => {
      previous = sha256([previous, a.at, a.user_id, a.action, a.target, a.detail]);
      return { seq: index + 1, hash: previous };
    });
    expect(db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq').all()).toEqual(expected);
    db.close();
  });

  it('back-fills when each case was concluded from its first conclusion event', () => {
    const { db } = openDatabase(version4File(), UP_TO_0005);
    expect(
      db.prepare('SELECT case_id, concluded_at, evaluation, evaluation_followed_up FROM cases ORDER BY case_id').all(),
    ).toEqual([
      { case_id: 'c1', concluded_at: local(11, 24, 15, 0), evaluation: 2, evaluation_followed_up: null },
      { case_id: 'c2', concluded_at: null, evaluation: null, evaluation_followed_up: null },
    ]);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
      (t) => t.name,
    );
    expect(tables).toEqual(expect.arrayContaining(['event_chain', 'consultations', 'day_closes']));
    expect(db.prepare('SELECT count(*) AS n FROM consultations').get()).toEqual({ n: 0 });
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    db.close();
  });

  it('migrates a version-4 file with no events and no audit entries', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tongban-m5-'));
    dirs.push(dir);
    const file = join(dir, 'tongban.sqlite');
    const old = new DatabaseSync(file);
    for (const m of [migration0001, migration0002, migration0003, migration0004]) m.up(old);
    old.exec('PRAGMA user_version = 4');
    old.close();
    const { db, migration } = openDatabase(file, UP_TO_0005);
    expect(migration).toMatchObject({ from: 4, to: 5 });
    expect(db.prepare('SELECT count(*) AS n FROM event_chain').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 0 });
    db.close();
  });
});
