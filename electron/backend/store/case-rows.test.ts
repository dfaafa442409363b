import type { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caseRowWriter, insertCaseRow, type NewCaseRow } from './case-rows.ts';
import { openDatabase } from './database.ts';

let db: DatabaseSync;

/** A case that arrived from a server: no draft and no clerk of this device. */
const ARRIVED: NewCaseRow = {
  caseId: 'c1',
  caseNo: '360430-20261123-030001-5',
  matterId: 'KST-SI-004',
  catalogVersion: '2026.1',
  intakeRegion: '360430',
  handlingRegion: '421127',
  remoteId: 'r1',
  origin: 'inbox',
  status: 1,
  subState: 'delivered',
  syncState: 'synced',
  applicantMaskedName: '张*',
  applicantMaskedId: '1101**********232X',
  applicantIdKind: 'resident_id',
  priority: true,
  receivedAt: '2026-11-23T01:00:00.000Z',
  receivedDay: '2026-11-23',
  promisedDeadline: '2027-01-28',
  statutoryDeadline: null,
  deadlineProvisional: false,
  deadlineUnit: 'working_days',
  acceptanceDeadline: null,
  contentHash: 'h',
  detailEnc: 'enc',
  updatedAt: '2026-11-23T01:00:01.000Z',
};

const stored = (caseId: string) => db.prepare('SELECT * FROM cases WHERE case_id = ?').get(caseId);

beforeEach(() => {
  ({ db } = openDatabase(':memory:'));
  db.exec(`
    INSERT INTO users VALUES ('u1', 'clerk', '李受理', 'hash', '["intake_clerk"]', 1, 0, NULL, 'now', 'now');
    INSERT INTO remotes (remote_id, region_code, created_at) VALUES ('r1', '421127', 'now');
  `);
});
afterEach(() => db.close());

describe('insertCaseRow', () => {
  it('writes a case from a server with no draft, no clerk, and a clock not yet started', () => {
    insertCaseRow(db, ARRIVED);
    expect(stored('c1')).toMatchObject({
      submission_id: null,
      clerk_user_id: null,
      origin: 'inbox',
      priority: 1,
      deadline_provisional: 0,
      clock_state: 'not_started',
      clock_mark: 'none',
      accepted_day: null,
      evaluation: null,
      evaluation_followed_up: null,
      concluded_at: null,
    });
  });

  it('writes every column it is given, many rows through one prepared statement', () => {
    const write = caseRowWriter(db);
    write({ ...ARRIVED, caseId: 'c2', caseNo: 'n2', origin: 'intake', submissionId: 's2', clerkUserId: 'u1' });
    write({
      ...ARRIVED,
      caseId: 'c3',
      caseNo: 'n3',
      clockState: 'stopped',
      clockMark: 'red',
      acceptedDay: '2026-11-24',
      evaluation: 2,
      evaluationFollowedUp: '2026-11-30',
      concludedAt: '2026-11-27T08:00:00.000Z',
      deadlineUnit: 'calendar_days',
    });
    expect(stored('c2')).toMatchObject({ origin: 'intake', submission_id: 's2', clerk_user_id: 'u1' });
    expect(stored('c3')).toMatchObject({
      clock_state: 'stopped',
      clock_mark: 'red',
      accepted_day: '2026-11-24',
      evaluation: 2,
      evaluation_followed_up: '2026-11-30',
      concluded_at: '2026-11-27T08:00:00.000Z',
      deadline_unit: 'calendar_days',
    });
  });
});
